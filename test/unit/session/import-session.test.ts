// The import session the app's import worker exposes: captures read by slices (the same result as
// the pure importer on the whole bytes), model text that passes the one parser, merge lists, CSV
// errors named by file and row, enrichment identical to enrichModel. Expected values come from the
// pure functions the session wraps, never from the session itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCsvError, importCsv, parseMapping, previewCsv, suggestColumns, ASSET_FIELDS, CONNECTION_FIELDS } from '../../../src/import/csv';
import { enrichModel } from '../../../src/import/enrich';
import { parseKbText } from '../../../src/import/kb';
import { captureToModel, importCaptures, mergeCapture, summaryText } from '../../../src/import/pcap/index';
import { CAPTURE_CHUNK, createImportSession, type BlobLike, type CaptureProgress, type Invalid } from '../../../src/session/import-session';
import { parseModelText } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { fixture } from '../import/pcap-helpers';

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
const kbText = readFileSync('public/kb/twinpath-kb.json', 'utf8');
const blob = (bytes: Uint8Array): Blob => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const ok = <T extends object>(r: T | Invalid): T => {
  if ('kind' in r && r.kind === 'invalid') throw new Error(`unexpected invalid: ${(r as Invalid).errors.join('\n')}`);
  return r as T;
};

/** A Blob-like whose slices count how much was read at once, and can fail at a given offset. */
function countingBlob(bytes: Uint8Array, failAt?: number): BlobLike & { largestSlice: number } {
  const b = {
    size: bytes.length,
    largestSlice: 0,
    slice(start = 0, end = bytes.length) {
      b.largestSlice = Math.max(b.largestSlice, end - start);
      return {
        arrayBuffer: async (): Promise<ArrayBuffer> => {
          if (failAt !== undefined && failAt >= start && failAt < end) throw new Error('NotReadableError: the file changed on disk');
          return bytes.slice(start, end).buffer as ArrayBuffer;
        },
      };
    },
  };
  return b;
}

describe('import session: captures', () => {
  it('reads two captures by slices into the same summary as the pure importer, with progress', async () => {
    const a = fixture('ModbusTCP.pcap');
    const b = fixture('modbus_test.pcap');
    const expected = await importCaptures([
      { name: 'ModbusTCP.pcap', chunks: [a] },
      { name: 'modbus_test.pcap', chunks: [b] },
    ]);
    const s = createImportSession();
    const ca = countingBlob(a);
    const progress: CaptureProgress[] = [];
    const r = await s.readCaptures([{ name: 'ModbusTCP.pcap', data: ca }, { name: 'modbus_test.pcap', data: blob(b) }], (p) => void progress.push(p));
    expect(r.summary).toEqual(expected);
    expect(r.text).toBe(summaryText(expected));
    expect(r.failures).toEqual([]);
    expect(r.devices).toBe(expected.hosts.filter((h) => h.scope === 'unicast').length);
    // The 1.4 MB file was read in slices of at most CAPTURE_CHUNK bytes.
    expect(a.length).toBeGreaterThan(CAPTURE_CHUNK);
    expect(ca.largestSlice).toBe(CAPTURE_CHUNK);
    // Progress climbs to the total, naming each file.
    const total = a.length + b.length;
    expect(progress.every((p) => p.totalBytes === total && p.files === 2)).toBe(true);
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((x, y) => x - y));
    expect(progress.at(-1)).toMatchObject({ bytes: total, file: 'modbus_test.pcap', fileIndex: 1 });
    expect(progress.some((p) => p.file === 'ModbusTCP.pcap' && p.bytes === CAPTURE_CHUNK)).toBe(true);
  });

  it('builds the twin of the capture as model text that the one parser accepts', async () => {
    const bytes = fixture('ModbusTCP.pcap');
    const s = createImportSession();
    const r = await s.readCaptures([{ name: 'ModbusTCP.pcap', data: blob(bytes) }]);
    const out = ok(s.captureModel({ name: 'Line 4 capture' }));
    const parsed = parseModelText(out.text);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.model).toEqual(captureToModel(r.summary, { name: 'Line 4 capture' }));
    expect(out).toMatchObject({ assets: r.devices, connections: parsed.model.connections.length, plantName: 'Line 4 capture' });
    expect(parsed.model.connections.every((c) => c.observed === true)).toBe(true);
  });

  it('merges into a plant: shadow flows and never-seen connections as lists, the merged text parses', async () => {
    const bytes = fixture('modbus_test.pcap');
    const s = createImportSession();
    const r = await s.readCaptures([{ name: 'modbus_test.pcap', data: blob(bytes) }]);
    const expected = mergeCapture(reference, r.summary);
    const m = ok(s.mergeInto(reference, 100));
    const parsed = parseModelText(m.text);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.model).toEqual(expected.model);
    expect(m.shadow.total).toBe(expected.shadow.length);
    expect(m.shadow.total).toBeGreaterThan(0);
    expect(m.shadow.items.map((x) => x.connection)).toEqual(expected.shadow.map((x) => x.connection));
    expect(m.unseen.total).toBe(expected.unseen.length);
    expect(m.unseen.items).toHaveLength(Math.min(100, expected.unseen.length));
    const first = reference.connections.find((c) => c.id === m.unseen.items[0]!.connection)!;
    expect(m.unseen.items[0]).toMatchObject({ from: first.from, to: first.to, protocol: first.protocol });
    expect(m.newAssets).toEqual(expected.newAssets);
    expect(m.hostsMatched).toBe(expected.hostsMatched.length);
  });

  it('names the file that is not a capture, and the file and byte offset of a read that fails', async () => {
    const s = createImportSession();
    const r = await s.readCaptures([
      { name: 'notes.txt', data: blob(new TextEncoder().encode('hello, this is not a capture at all')) },
      { name: 'dnp3.pcap', data: blob(fixture('dnp3.pcap')) },
    ]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatch(/^notes\.txt: /);
    expect(r.summary.counts.packets).toBeGreaterThan(0);
    const bytes = fixture('ModbusTCP.pcap');
    await expect(s.readCaptures([{ name: 'ModbusTCP.pcap', data: countingBlob(bytes, CAPTURE_CHUNK + 10) }])).rejects.toThrow(
      `cannot read ModbusTCP.pcap at byte ${CAPTURE_CHUNK}: NotReadableError: the file changed on disk`,
    );
    // A failed read forgets the previous capture rather than offering a stale one.
    expect(() => s.captureModel()).toThrow(/no capture has been read/);
  });

  it('refuses to merge into an invalid model, naming the path', async () => {
    const s = createImportSession();
    await s.readCaptures([{ name: 'modbus_test.pcap', data: blob(fixture('modbus_test.pcap')) }]);
    const r = s.mergeInto({ ...reference, assets: 'nope' });
    expect(r).toMatchObject({ kind: 'invalid' });
    expect((r as Invalid).errors[0]).toMatch(/^current plant: assets/);
  });
});

describe('import session: CSV', () => {
  const assets = { name: 'inventory-assets.csv', text: readFileSync('models/examples/inventory-assets.csv', 'utf8') };
  const connections = { name: 'inventory-connections.csv', text: readFileSync('models/examples/inventory-connections.csv', 'utf8') };

  it('imports the example inventory with its mapping into text the one parser accepts', () => {
    const mapping = parseMapping(readFileSync('models/examples/inventory-mapping.json', 'utf8'));
    expect(mapping.kind).toBe('ok');
    if (mapping.kind !== 'ok') return;
    const expected = importCsv(assets, connections, mapping.mapping);
    if (expected.kind !== 'ok') throw new Error('example inventory does not import');
    const out = ok(createImportSession().importCsv(assets, connections, mapping.mapping));
    expect(out.summary).toEqual(expected.summary);
    const parsed = parseModelText(out.text);
    expect(parsed.kind === 'ok' && parsed.model).toEqual(expected.model);
  });

  it('lists row-numbered errors for the suggested columns alone', () => {
    const header = (text: string) => {
      const p = previewCsv(text);
      if (p.kind !== 'ok') throw new Error('preview failed');
      return p.table.header;
    };
    const mapping = { assets: { columns: suggestColumns(header(assets.text), ASSET_FIELDS) }, connections: { columns: suggestColumns(header(connections.text), CONNECTION_FIELDS) } };
    const expected = importCsv(assets, connections, mapping);
    expect(expected.kind).toBe('invalid');
    if (expected.kind !== 'invalid') return;
    const r = createImportSession().importCsv(assets, connections, mapping);
    expect(r).toEqual({ kind: 'invalid', errors: expected.errors.map(formatCsvError) });
    expect((r as Invalid).errors[0]).toMatch(/^inventory-connections\.csv row \d+/);
  });
});

describe('import session: enrichment', () => {
  it('matches exactly what enrichModel gives, at each confidence, and the text parses', () => {
    const kb = parseKbText(kbText);
    if (kb.kind !== 'ok') throw new Error(kb.errors.join('\n'));
    const s = createImportSession();
    expect(() => s.enrich(reference)).toThrow(/knowledge base is not loaded/);
    const info = ok(s.loadKb(kbText));
    expect(info.counts).toEqual(kb.kb.file.counts);
    for (const minConfidence of ['high', 'medium'] as const) {
      const expected = enrichModel(reference, kb.kb, { minConfidence });
      const r = ok(s.enrich(reference, minConfidence, 50));
      expect(r.summary).toEqual(expected.summary);
      expect(r.matches.total).toBe(expected.matches.length);
      expect(r.matches.items).toHaveLength(Math.min(50, expected.matches.length));
      // Attached first.
      const attachedShown = r.matches.items.filter((m) => m.attached).length;
      expect(r.matches.items.slice(0, attachedShown).every((m) => m.attached)).toBe(true);
      expect(attachedShown).toBe(Math.min(50, expected.summary.attached));
      const parsed = parseModelText(r.text);
      expect(parsed.kind === 'ok' && parsed.model).toEqual(expected.model);
    }
    expect(s.loadKb('{"format": "nope"}')).toMatchObject({ kind: 'invalid' });
    expect(s.enrich(reference, 'certain' as never)).toMatchObject({ kind: 'invalid', errors: [expect.stringContaining('"certain"')] });
  });
});
