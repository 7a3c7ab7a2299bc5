// The main-thread client over real workers: pool, identical Monte Carlo for any pool size,
// cancellation with restart, and the in-thread fallback when workers cannot start.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/analysis/context';
import { simulate } from '../../src/analysis/simulate';
import { AnalysisClient, CancelledError } from '../../src/client/analysis-client';
import { generatePlant } from '../../src/model/generate';
import { parseModelText } from '../../src/model/parse';
import { serializeModel } from '../../src/model/serialize';

const text = readFileSync('models/reference-plant.json', 'utf8');
const clients: AnalysisClient[] = [];
afterAll(() => clients.forEach((c) => c.dispose()));

async function connect(poolSize?: number): Promise<AnalysisClient> {
  const c = await AnalysisClient.connect(poolSize === undefined ? {} : { poolSize });
  clients.push(c);
  return c;
}

describe('AnalysisClient over workers', () => {
  it('answers a load with the outline and the asset directory; the whole model only on demand, copied in slices, key order included', async () => {
    const c = await connect();
    // 5,000 connections and 2,300 assets: several slices of 2,000 records each.
    const big = serializeModel(generatePlant({ assets: 2300, seed: 4 }));
    for (const t of [text, big]) {
      const r = await c.load(t);
      expect(r.kind).toBe('ok');
      if (r.kind !== 'ok') continue;
      const m = JSON.parse(t) as { plant: { id: string }; zones: { id: string }[]; assets: { id: string; name: string; zone: string; kind: string }[] };
      expect(r.plant.outline.plant.id).toBe(m.plant.id);
      expect(r.plant.outline.zones.map((z) => z.id)).toEqual(m.zones.map((z) => z.id));
      expect(r.plant.directory.size).toBe(m.assets.length);
      for (const a of [m.assets[0]!, m.assets.at(-1)!]) expect([r.plant.directory.name(a.id), r.plant.directory.zoneOf(a.id), r.plant.directory.kindOf(a.id)]).toEqual([a.name, a.zone, a.kind]);
      expect(JSON.stringify(await c.fullModel())).toBe(JSON.stringify(JSON.parse(t)));
    }
  });

  it('reads a plant file in the worker; a file that is not UTF-8 is refused there, naming the byte', async () => {
    const c = await connect();
    const r = await c.load(new File([text], 'reference-plant.json'));
    expect(r.kind === 'ok' && r.plant.outline.plant.id).toBe('ref-brake-plant');
    const bad = await c.load(new File([new Uint8Array([0x7b, 0x0a, 0xe9, 0x7d])], 'latin1.json'));
    expect(bad).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'latin1.json: invalid UTF-8 at byte 2 (line 2, column 1)' }] });
    // The plant loaded stays.
    expect((await c.run((api) => api.summary())).plantId).toBe('ref-brake-plant');
  });

  it('reads a file in pieces: characters of 2, 3 and 4 bytes split across the pieces, a byte-order mark, a bad byte far in', async () => {
    const c = await connect();
    // About 3 MB of names in "Ölraffinerie", "制御盤" and "🛢️" (the worker decodes the file as it reads it, chunk by chunk).
    const m = generatePlant({ assets: 3000, seed: 2 });
    m.assets.forEach((a, i) => (a.name = `${['Ölraffinerie', '制御盤', '🛢️ tank'][i % 3]} ${i} ${'ü'.repeat(i % 7)}`));
    const good = '\uFEFF' + serializeModel(m);
    const r = await c.load(new File([good], 'names.json'));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    for (const a of m.assets) expect(r.plant.directory.name(a.id), a.id).toBe(a.name);
    // One byte turned bad 2 MB in: refused, naming the byte; the plant stays.
    const bytes = new TextEncoder().encode(good);
    const at = 2_000_000 + bytes.subarray(2_000_000).findIndex((b) => b < 0x80);
    bytes[at] = 0xff;
    const bad = await c.load(new File([bytes], 'bad.json'));
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.errors[0]!.message).toMatch(new RegExp(`^bad.json: invalid UTF-8 at byte ${at} \\(line \\d+, column \\d+\\)$`));
    expect((await c.run((api) => api.summary())).assets).toBe(3000);
  });

  it('streams remediation steps as they are decided, then answers the plan with the same steps in words', async () => {
    const c = await connect();
    await c.load(text);
    const heard: { index: number; text: string }[] = [];
    const r = await c.remediate({ maxSteps: 4 }, { onStep: (s) => heard.push({ index: s.index, text: s.text.text }) });
    await new Promise((done) => setTimeout(done, 50)); // the last step's message may trail the answer
    expect(r.plan.steps).toHaveLength(4);
    expect(heard).toEqual(r.texts.map((t, index) => ({ index, text: t.text })));
  });

  it('loads a plant into a worker and answers analysis queries', async () => {
    const c = await connect();
    expect(c.mode).toBe('worker');
    const r = await c.load(text);
    expect(r.kind).toBe('ok');
    const paths = await c.run((api) => api.paths({ from: ['vendor-kuka'], to: ['rob-a1'], k: 3 }));
    expect(paths).toHaveLength(3);
    expect(paths.map((p) => [p.nodes[0], p.nodes[p.nodes.length - 1]])).toEqual(Array(3).fill(['vendor-kuka', 'rob-a1']));
    expect(paths[0]!.edges[0]).toMatchObject({ from: 'vendor-kuka', to: 'ra-gw', technique: 'T0822', rule: 'external-remote-access' });
    expect(paths[0]!.likelihood).toBeGreaterThanOrEqual(paths[1]!.likelihood);
    const risk = await c.run((api) => api.risk());
    expect(risk.total).toBeGreaterThan(0);
  });

  it('gives the same Monte Carlo result for pool sizes 1 and 3, equal to the in-thread run', async () => {
    const one = await connect(1);
    const three = await connect(3);
    await one.load(text);
    await three.load(text);
    const progress: number[] = [];
    const a = await one.simulate(5500, 42);
    const b = await three.simulate(5500, 42, { onProgress: (done) => progress.push(done) });
    expect(b).toEqual(a);
    const m = parseModelText(text);
    if (m.kind !== 'ok') throw new Error('reference plant invalid');
    const ctx = buildContext(m.model);
    expect(a).toEqual(simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, 5500, 42));
    expect(progress[progress.length - 1]).toBe(5500);
    expect(progress).toHaveLength(6); // 5 chunks of 1000 and one of 500
  }, 60_000);

  it('cancels a call in flight, then restarts the worker with the plant reloaded', async () => {
    const events: string[] = [];
    const c = await AnalysisClient.connect({ poolSize: 1, onEvent: (e) => events.push(e.kind) });
    clients.push(c);
    await c.load(text);
    const ctl = new AbortController();
    const pending = c.run((api) => api.chokepoints(), ctl.signal);
    ctl.abort(); // the worker is terminated: a synchronous computation cannot be interrupted otherwise
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(c.run((api) => api.risk(), ctl.signal)).rejects.toBeInstanceOf(CancelledError);
    const summary = await c.run((api) => api.summary());
    expect(summary.plantId).toBe('ref-brake-plant');
    expect(events).toEqual(['worker-restarted']);
  });
});

describe('AnalysisClient fallback', () => {
  it('runs in this thread and says why when workers cannot start', async () => {
    const events: string[] = [];
    const c = await AnalysisClient.connect({
      factory: () => new Worker(new URL('./fixtures/broken.worker.ts', import.meta.url), { type: 'module' }),
      onEvent: (e) => events.push(e.kind),
    });
    clients.push(c);
    expect(c.mode).toBe('main-thread');
    expect(c.fallbackReason).toBeTruthy();
    expect(events).toEqual(['fallback']);
    expect((await c.load(text)).kind).toBe('ok');
    expect((await c.run((api) => api.blast(['supplier-net']))).reached.count).toBeGreaterThan(1);
  });
});
