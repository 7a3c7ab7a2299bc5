// parseModelTextParallel: the connections array scanned and resolved "elsewhere" (a scan service
// behind structured clones stands in for the helper thread) while the rest is parsed; always the
// same result as parseModelText.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compact';
import { connectionColumns, createScanService, type ResolvedPart } from '../../../src/model/connections';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText, type ParseResult } from '../../../src/model/parse';
import { parseModelTextParallel, type RemoteScanner } from '../../../src/model/parse-parallel';
import { serializeModel } from '../../../src/model/serialize';

/** A helper thread in this one: arguments and answers cross by structured clone, answers arrive later. */
interface HelperLog {
  scanned: string[];
  pending: number;
  answers: (ResolvedPart | undefined)[];
}

function helper(log: HelperLog = { scanned: [], pending: 0, answers: [] }): RemoteScanner & { log: HelperLog } {
  const service = createScanService();
  return {
    log,
    scan(token, partText, wholeLength) {
      log.scanned.push(partText);
      log.pending++;
      service.scan(token, structuredClone(partText), wholeLength);
    },
    async resolve(token, refs) {
      await new Promise((r) => setTimeout(r, 1));
      log.pending--;
      const answer = structuredClone(service.resolve(token, structuredClone(refs)));
      log.answers.push(answer);
      return answer;
    },
  };
}

function same(a: ParseResult, b: ParseResult): void {
  expect(a.kind).toBe(b.kind);
  if (a.kind === 'ok' && b.kind === 'ok') {
    expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
    // The compiled graphs, every array byte for byte.
    const ga = compileModel(a.model) as unknown as Record<string, unknown>;
    const gb = compileModel(b.model) as unknown as Record<string, unknown>;
    for (const k of Object.keys(gb)) {
      const x = ga[k];
      const y = gb[k];
      if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y)) {
        expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)), k).toBe(true);
      } else expect(x, k).toEqual(y);
    }
  } else if (a.kind === 'invalid' && b.kind === 'invalid') {
    expect(a.errors).toEqual(b.errors);
  }
}

const reference = readFileSync('models/reference-plant.json', 'utf8');
const generated = serializeModel(generatePlant({ assets: 400, seed: 3 }));

describe('parseModelTextParallel', () => {
  it('gives the model parseModelText gives, with the connections in columns, and hands over exactly the array', async () => {
    for (const text of [reference, generated]) {
      const h = helper();
      const waited: unknown[] = [];
      const r = await parseModelTextParallel(text, h, { minLength: 0, whileWaiting: (m) => waited.push(connectionColumns(m) ? 'already attached' : m) });
      const seen = h.log.scanned;
      // whileWaiting gets the very model returned, before its connections are attached.
      expect(waited).toEqual([r.kind === 'ok' ? r.model : undefined]);
      expect(waited[0]).toBe(r.kind === 'ok' ? r.model : undefined);
      expect(h.log.pending).toBe(0);
      same(r, parseModelText(text));
      expect(r.kind === 'ok' && connectionColumns(r.model)).toBeTruthy();
      // The helper gets the first part of the array (about 85 % of it), up to the end of a record.
      expect(seen).toHaveLength(1);
      const all = JSON.parse(text).connections as unknown[];
      const part = JSON.parse(`${seen[0]!}]`) as unknown[];
      expect(part.length).toBeGreaterThan(0);
      expect(part.length).toBeLessThan(all.length);
      expect(part).toEqual(all.slice(0, part.length));
    }
  });

  it('falls back to one thread when the helper fails, declines or answers for another text', async () => {
    const failingScan: RemoteScanner = { scan: () => { throw new Error('no worker'); }, resolve: () => Promise.reject(new Error('unreachable')) };
    const failingResolve: RemoteScanner = { scan: () => undefined, resolve: () => Promise.reject(new Error('worker died')) };
    const declining: RemoteScanner = { scan: () => undefined, resolve: async () => undefined };
    const inner = helper();
    const short: RemoteScanner = { scan: (token, t, whole) => inner.scan(token, t.slice(0, t.lastIndexOf(',')), whole), resolve: (token, refs) => inner.resolve(token, refs) };
    for (const remote of [failingScan, failingResolve, declining, short]) same(await parseModelTextParallel(generated, remote, { minLength: 0 }), parseModelText(generated));
  });

  it('is right when the guessed end of the array is wrong (a description holding "}]," )', async () => {
    const doc = JSON.parse(generated);
    doc.connections[3].description = 'legacy {"x":1}], see ticket';
    doc.connections[7].description = '}]}';
    const text = serializeModel(doc);
    const r = await parseModelTextParallel(text, helper(), { minLength: 0 });
    same(r, parseModelText(text));
    expect(r.kind).toBe('ok');
  });

  it('checks ids across the two parts: a duplicate connection id, a trust id equal to a connection id', async () => {
    const n = JSON.parse(generated).connections.length;
    const dupAcross = JSON.parse(generated);
    dupAcross.connections[n - 2].id = dupAcross.connections[1].id;
    const trustClash = JSON.parse(generated);
    trustClash.trust = [{ id: trustClash.connections[2].id, kind: 'shared-credentials', from: trustClash.assets[0].id, to: trustClash.assets[1].id, direction: 'both' }];
    const trustClashLate = JSON.parse(generated);
    trustClashLate.trust = [{ id: trustClashLate.connections[n - 1].id, kind: 'shared-credentials', from: trustClashLate.assets[0].id, to: trustClashLate.assets[1].id, direction: 'both' }];
    const dupFirstPart = JSON.parse(generated);
    dupFirstPart.connections[3].id = dupFirstPart.connections[1].id;
    const dupLastPart = JSON.parse(generated);
    dupLastPart.connections[n - 1].id = dupLastPart.connections[n - 2].id;
    for (const doc of [dupAcross, trustClash, trustClashLate, dupFirstPart, dupLastPart]) {
      const text = serializeModel(doc);
      const r = await parseModelTextParallel(text, helper(), { minLength: 0 });
      expect(r.kind).toBe('invalid');
      same(r, parseModelText(text));
    }
  });

  it('joins the parts whether or not the helper reserved room, with fields, descriptions and wide ids in one part only', async () => {
    const n = JSON.parse(generated).connections.length;
    const tail = Math.floor(n * 0.95);
    const variant = (edit: (c: Record<string, unknown>, i: number, doc: { assets: { id: string }[]; conduits?: { id: string }[] }) => void) => {
      const doc = JSON.parse(generated);
      doc.conduits = [...(doc.conduits ?? []), { id: 'cd-test', zones: [doc.zones[0].id, doc.zones[1].id] }];
      for (const c of doc.connections) {
        delete c.via;
        delete c.likelihood;
        delete c.conduit;
        delete c.description;
      }
      doc.connections.forEach((c: Record<string, unknown>, i: number) => edit(c, i, doc));
      return serializeModel(doc);
    };
    const optional = (from: number, to: number) =>
      variant((c, i, doc) => {
        if (i < from || i >= to) return;
        if (doc.assets[0]!.id !== c.from && doc.assets[0]!.id !== c.to) c.via = doc.assets[0]!.id;
        c.likelihood = 0.25;
        if (doc.conduits?.length) c.conduit = doc.conduits[0]!.id;
      });
    const texts = [
      generated,
      optional(0, 5),
      optional(n - 5, n),
      optional(0, n),
      variant((c, i) => i >= tail && (c.description = `late note ${i} — “quoted”`)),
      variant((c, i) => i === 2 && (c.id = `Ω-${String(c.id)}`)), // ids beyond Latin-1 in the helper's part only
      variant((c, i) => i === n - 2 && (c.id = `Ω-${String(c.id)}`)), // … in this thread's part only
    ];
    for (const text of texts) {
      const roomy = helper();
      const noRoom = helper();
      const exact: RemoteScanner = { scan: (token, t) => noRoom.scan(token, t, t.length), resolve: (token, refs) => noRoom.resolve(token, refs) };
      for (const remote of [roomy, exact]) {
        const r = await parseModelTextParallel(text, remote, { minLength: 0 });
        expect(r.kind).toBe('ok');
        const cols = r.kind === 'ok' ? connectionColumns(r.model) : undefined;
        expect(cols?.count).toBe(n);
        same(r, parseModelText(text));
        // With room the joined columns are the helper's own arrays; without, new ones.
        const answer = (remote === roomy ? roomy : noRoom).log.answers[0];
        expect(cols!.from.buffer === answer?.cols.from.buffer).toBe(remote === roomy);
      }
    }
  });

  it('is right when the split falls where a description holds "},{"', async () => {
    const doc = JSON.parse(generated);
    const n = doc.connections.length;
    for (let i = Math.floor(n * 0.6); i < n; i++) doc.connections[i].description = `see {"a":1},{"b":2} and }, {`;
    const text = serializeModel(doc);
    const r = await parseModelTextParallel(text, helper(), { minLength: 0 });
    expect(r.kind).toBe('ok');
    same(r, parseModelText(text));
  });

  it('gives the same errors for invalid texts', async () => {
    const doc = JSON.parse(generated);
    doc.connections[5].to = 'nowhere';
    doc.assets[2].kind = 'toaster';
    const texts = [serializeModel(doc), generated.slice(0, generated.length / 2), generated.replace('"connections"', '"connexions"')];
    for (const text of texts) {
      const r = await parseModelTextParallel(text, helper(), { minLength: 0 });
      expect(r.kind).toBe('invalid');
      same(r, parseModelText(text));
    }
  });

  it('parses small texts in one thread without asking the helper', async () => {
    const h = helper();
    const r = await parseModelTextParallel(reference, h);
    expect(h.log.scanned).toHaveLength(0);
    same(r, parseModelText(reference));
  });
});
