// Drives the real import worker entry point (workers/import.worker.ts) through comlink, as the
// import dialog does: capture bytes posted as a Blob and read there by slices, progress through a
// proxied callback, model text back; the knowledge base loaded from text. (Cancel terminates the
// worker: that is checked in Chromium, test/e2e/import.e2e.test.ts.)
import { readFileSync } from 'node:fs';
import { proxy, wrap, type Remote } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { enrichModel } from '../../src/import/enrich';
import { parseKbText } from '../../src/import/kb';
import { captureToModel, importCaptureBytes } from '../../src/import/pcap/index';
import type { CaptureProgress, ImportSession } from '../../src/session/import-session';
import { parseModelText } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;

const start = () => {
  const worker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<ImportSession>(worker) as Remote<ImportSession> };
};
const { worker, api } = start();
afterAll(() => worker.terminate());

describe('import worker', () => {
  it('answers a ping', async () => {
    expect(await api.ping()).toBe('pong');
  });

  it('reads a posted capture Blob with progress and returns the twin as parseable text', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'));
    const expected = importCaptureBytes('ModbusTCP.pcap', bytes);
    const progress: CaptureProgress[] = [];
    const r = await api.readCaptures([{ name: 'ModbusTCP.pcap', data: new Blob([bytes]) }], proxy((p: CaptureProgress) => void progress.push(p)));
    expect(r.summary).toEqual(expected);
    expect(r.devices).toBe(14);
    expect(progress.at(-1)).toMatchObject({ bytes: bytes.length, totalBytes: bytes.length });
    expect(progress.length).toBeGreaterThan(2);
    const out = await api.captureModel();
    if ('kind' in out) throw new Error(out.errors.join('\n'));
    const parsed = parseModelText(out.text);
    expect(parsed.kind === 'ok' && parsed.model).toEqual(captureToModel(expected));
  });

  it('loads the knowledge base text and enriches as enrichModel does; errors cross the boundary', async () => {
    const fresh = start();
    try {
      await expect(fresh.api.captureModel()).rejects.toThrow(/no capture has been read/);
      await expect(fresh.api.enrich(reference)).rejects.toThrow(/knowledge base is not loaded/);
      const kbText = readFileSync('public/kb/twinpath-kb.json', 'utf8');
      const kb = parseKbText(kbText);
      if (kb.kind !== 'ok') throw new Error(kb.errors.join('\n'));
      const info = await fresh.api.loadKb(kbText);
      expect(info).toMatchObject({ counts: kb.kb.file.counts });
      const expected = enrichModel(reference, kb.kb, { minConfidence: 'high' });
      const r = await fresh.api.enrich(reference, 'high', 20);
      if ('kind' in r) throw new Error(r.errors.join('\n'));
      expect(r.summary).toEqual(expected.summary);
      expect(r.matches).toMatchObject({ total: expected.matches.length });
      expect(r.matches.items).toHaveLength(20);
    } finally {
      fresh.worker.terminate();
    }
  });
});
