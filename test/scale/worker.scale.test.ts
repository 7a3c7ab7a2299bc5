// The worker API on a generated 100k-asset plant: load the text, answer queries.
import { proxy, wrap } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanStep } from '../../src/analysis/remediation';
import { generatePlant } from '../../src/model/generate';
import { serializeModel } from '../../src/model/serialize';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';

const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' });
const api = wrap<AnalysisWorkerApi>(worker);
afterAll(() => worker.terminate());

describe('analysis worker on a 100k-asset plant', () => {
  it('loads it and answers blast radius, paths, risk and chokepoints', async () => {
    const text = serializeModel(generatePlant({ assets: 100_000, seed: 3 }));
    const r = await api.loadTextSummary(text);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.summary.assets).toBe(100_000);
    expect(r.summary.connections).toBe(1_000_000);
    const blast = await api.blast(['supplier']);
    expect(blast.reached.count).toBeGreaterThan(1000);
    expect(blast.reached.ids).toHaveLength(blast.reached.count);
    expect(blast.reached.likelihood).toBeInstanceOf(Float64Array);
    expect(blast.reached.hops).toHaveLength(blast.reached.count);
    expect((await api.paths({ from: ['internet'] })).length).toBeGreaterThan(0);
    expect((await api.risk()).total).toBeGreaterThan(0);
    const c = await api.chokepoints();
    expect(Object.keys(c).sort()).toEqual(['dominators', 'minCut', 'ranking', 'scene', 'view']);
    // The scene holds only the records of the assets the chokepoints view draws, not the plant's 100k.
    expect(c.scene.assets.length).toBe(c.view.assets.length);
    expect(c.scene.assets.length).toBeLessThan(10_000);
  }, 300_000);

  it('streams the remediation plan step by step through a proxied callback', async () => {
    // Steps come over the callback's own message port (and @vitest/web-worker runs the worker on
    // this thread), so here they are checked once all have come: in order, equal to the plan's.
    const heard: { index: number; step: PlanStep }[] = [];
    let allHeard = () => {};
    const onStep = (step: PlanStep, index: number) => {
      heard.push({ index, step });
      allHeard();
    };
    const plan = await api.remediate({ maxSteps: 10 }, undefined, proxy(onStep));
    if (heard.length < plan.steps.length) await new Promise<void>((resolve) => (allHeard = () => heard.length === plan.steps.length && resolve()));
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(heard.map((h) => h.index)).toEqual(plan.steps.map((_, i) => i));
    expect(heard.map((h) => h.step)).toEqual(plan.steps);
  }, 300_000);
});
