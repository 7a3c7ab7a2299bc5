// The architect's queries through a real analysis worker (#17): the path finder's query (any entry
// point or an asset → any crown jewel or an asset, k, the most likely overall), marking entry points
// and crown jewels as scenario edits (paths appear; the executive story follows), the readable diff
// with the last edit's effect, and scenarios compared side by side without changing what is applied.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { attackPaths } from '../../src/analysis/attack-paths';
import { buildContext } from '../../src/analysis/context';
import { riskReport } from '../../src/analysis/risk';
import { applyEdits, type ScenarioEdit } from '../../src/analysis/scenario';
import { AnalysisClient } from '../../src/client/analysis-client';
import { captureToModel, importCaptureBytes } from '../../src/import/pcap/index';
import { parseModelText } from '../../src/model/parse';
import { serializeModel } from '../../src/model/serialize';
import type { PlantModel } from '../../src/model/schema';

const text = readFileSync('models/reference-plant.json', 'utf8');
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const reference: PlantModel = parsed.model;
const clients: AnalysisClient[] = [];
afterAll(() => clients.forEach((c) => c.dispose()));

async function connect(model: string = text): Promise<AnalysisClient> {
  const c = await AnalysisClient.connect({ poolSize: 1 });
  clients.push(c);
  expect((await c.load(model)).kind).toBe('ok');
  return c;
}

describe('the path finder’s query', () => {
  it('supplier → historian, k = 3: the three most likely, as the engine finds them in this thread', async () => {
    const c = await connect();
    const found = await c.run((api) => api.paths({ from: ['supplier-net'], to: ['historian'], k: 3 }));
    const here = attackPaths(buildContext(reference), { from: ['supplier-net'], to: ['historian'], k: 3 });
    expect(found.map((p) => p.nodes)).toEqual(here.map((p) => p.nodes));
    expect(found).toHaveLength(3);
  });
  it('any entry point → the historian, limited to the k most likely overall', async () => {
    const c = await connect();
    const all = await c.run((api) => api.paths({ to: ['historian'], k: 4 }));
    const top = await c.run((api) => api.paths({ to: ['historian'], k: 4, limit: 4 }));
    expect(all.length).toBeGreaterThan(4);
    expect(top.map((p) => p.nodes)).toEqual(all.slice(0, 4).map((p) => p.nodes));
    expect(new Set(all.map((p) => p.from)).size).toBeGreaterThan(1);
  });
  it('an asset that is no entry point can be the start', async () => {
    const c = await connect();
    const paths = await c.run((api) => api.paths({ from: ['ws-office-1'], k: 1 }));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.from === 'ws-office-1')).toBe(true);
  });
});

describe('a capture twin completed with marked entry points and crown jewels', () => {
  const twin = captureToModel(importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'))), { name: 'Observed network (ModbusTCP.pcap)' });

  it('has no path until its suggestions are confirmed; then paths, risk and the breach story follow the scenario', async () => {
    const c = await connect(serializeModel(twin));
    expect(await c.run((api) => api.paths())).toEqual([]);
    const before = await c.run((api) => api.executive({}));
    expect(before.summary.story).toBeNull();
    const s = await c.run((api) => api.markSuggestions());
    const entry = s.entries[0]!;
    const jewel = s.jewels[0]!;
    const edits: ScenarioEdit[] = [entry.edit, { kind: 'mark-jewel', jewel: { asset: jewel.asset, impact: { downtimeCostPerHour: 10_000 } } }];
    const r = await c.applyScenario(edits);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.summary.entryPoints).toBe(1);
    expect(r.reading!.routes.changes.map((x) => [x.kind, x.entry, x.jewel, x.marking])).toEqual([['new', entry.asset, jewel.asset, 'marked']]);
    const paths = await c.run((api) => api.paths());
    expect(paths.map((p) => [p.from, p.to])).toEqual([[entry.asset, jewel.asset]]);
    const applied = applyEdits(twin, edits);
    if (applied.kind !== 'ok') throw new Error('edits refused');
    expect(r.diff!.risk.changed).toBe(riskReport(buildContext(applied.model)).total);
    // The executive story is told on the completed twin.
    const after = await c.run((api) => api.executive({ scenarioName: 'Completed' }));
    expect(after.summary.story?.entry.id).toBe(entry.asset);
    expect(after.summary.story?.target?.id).toBe(jewel.asset);
    // The suggestions now leave out what is marked.
    const left = await c.run((api) => api.markSuggestions());
    expect(left.entries.some((e) => e.asset === entry.asset)).toBe(false);
    expect(left.jewels.some((j) => j.asset === jewel.asset)).toBe(false);
  });
});

describe('the readable diff and side-by-side scenarios', () => {
  it('names what the last edit did, and why ±0 when it did nothing', async () => {
    const c = await connect();
    const t13: ScenarioEdit = { kind: 'remove-trust', trust: 't-13', cost: 1000 };
    const t20: ScenarioEdit = { kind: 'remove-trust', trust: 't-20', cost: 1000 };
    const one = await c.applyScenario([t13]);
    if (one.kind !== 'ok') throw new Error('refused');
    expect(one.reading!.lastEdit.delta).toBeCloseTo(one.diff!.risk.delta, 6);
    expect(one.reading!.routes.counts['re-routed']).toBeGreaterThan(0);
    const two = await c.applyScenario([t13, t20]);
    if (two.kind !== 'ok') throw new Error('refused');
    // The AD trust adds nothing once the MES membership is gone: ±0 for that edit, with reasons.
    expect(Math.abs(two.reading!.lastEdit.delta)).toBeLessThan(0.5);
    expect(two.reading!.lastEdit.whyUnchanged.map((w) => w.kind)).toContain('same-routes');
    // …while the scenario as a whole still moved risk.
    expect(two.diff!.risk.delta).toBeLessThan(0);
    expect(two.reading!.whyUnchanged).toEqual([]);
  });

  it('compares the baseline and two scenarios without changing the one applied', async () => {
    const c = await connect();
    const a: ScenarioEdit[] = [{ kind: 'remove-trust', trust: 't-13', cost: 1000 }];
    const b: ScenarioEdit[] = [{ kind: 'patch-cve', asset: 'supplier-portal', cve: 'CVE-2019-19781', cost: 1500 }, { kind: 'add-control', asset: 'ot-dc', control: 'mfa', cost: 4000 }];
    await c.applyScenario(a);
    const applied = (await c.run((api) => api.risk())).total;
    const figures = await c.run((api) => api.compareScenarios([[], a, b, [{ kind: 'remove-trust', trust: 'nope', cost: 0 }]]));
    const riskOf = (edits: ScenarioEdit[]) => {
      const r = applyEdits(reference, edits);
      if (r.kind !== 'ok') throw new Error('refused');
      return riskReport(buildContext(r.model)).total;
    };
    const base = riskReport(buildContext(reference)).total;
    expect(figures[0]).toMatchObject({ kind: 'ok', risk: base, delta: 0, cost: 0, edits: 0 });
    expect(figures[1]).toMatchObject({ kind: 'ok', risk: riskOf(a), cost: 1000, edits: 1 });
    expect(figures[2]).toMatchObject({ kind: 'ok', risk: riskOf(b), cost: 5500, edits: 2 });
    expect(figures[3]).toMatchObject({ kind: 'invalid', edit: 0 });
    expect((await c.run((api) => api.risk())).total).toBe(applied);
  });
});
