// The what-if diff's path search (src/analysis/diff.ts pairPaths, prepareDiff): the distances to a
// jewel computed once for every entry give the same k paths per pair as a search per pair, and the
// baseline's side searched ahead of the first edit (where cheap) gives the same diff as searched
// with it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { DIFF_PATHS_PER_PAIR, pairPaths, prepareDiff, scenarioReport, weakenedArcs } from '../../../src/analysis/diff';
import { remediationPlan } from '../../../src/analysis/remediation';
import { explainPath } from '../../../src/analysis/explain';
import { kMostLikelyPaths } from '../../../src/analysis/paths';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import { generatePlant } from '../../../src/model/generate';
import type { PlantModel } from '../../../src/model/schema';
import { remediationPlant } from '../../helpers/exhaustive';

/** Each pair's k paths searched on their own (distances to the jewel computed for each pair). */
function perPair(ctx: PlantContext, k: number) {
  const out = new Map<string, unknown>();
  for (const s of ctx.entries)
    for (const t of ctx.jewels) {
      if (s === t) continue;
      const paths = kMostLikelyPaths(ctx.attack, s, t, k).map((p) => explainPath(ctx, p));
      if (paths.length) out.set(JSON.stringify([ctx.ids[s], ctx.ids[t]]), { entry: ctx.ids[s], jewel: ctx.ids[t], paths });
    }
  return out;
}

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;

describe('pairPaths', () => {
  it('gives every pair the paths a search of that pair alone gives, in the same order (reference plant, a generated plant, 40 random plants)', () => {
    const plants = [reference, generatePlant({ assets: 1200, seed: 3 }), ...Array.from({ length: 40 }, (_, i) => remediationPlant(i + 1))];
    for (const m of plants) {
      const ctx = buildContext(m);
      for (const k of [1, DIFF_PATHS_PER_PAIR, 5]) {
        const got = pairPaths(ctx, k);
        expect([...got.keys()]).toEqual([...perPair(ctx, k).keys()]);
        expect(got).toEqual(perPair(ctx, k));
      }
    }
  });
});

describe('pairPaths of a scenario, from its baseline', () => {
  /** Per pair: the paths' likelihoods, and their asset sequences where no two paths of the pair tie. */
  const shape = (pairs: ReturnType<typeof pairPaths>) =>
    [...pairs].map(([key, { paths }]) => {
      const ls = paths.map((p) => p.logLikelihood);
      const tie = ls.some((l, i) => i > 0 && Math.abs(l - ls[i - 1]!) < 1e-9);
      return { key, likelihoods: ls.map((l) => l.toFixed(9)), nodes: tie ? undefined : paths.map((p) => p.nodes.join(' ')) };
    });

  it('equals a search of every pair after remediation steps (only weakening): 60 random plants, 3 steps each, and the reference plant', () => {
    let reused = 0;
    const plants = [reference, ...Array.from({ length: 60 }, (_, i) => remediationPlant(100 + i, 10))];
    for (const m of plants) {
      const base = buildContext(m);
      const pb = pairPaths(base, DIFF_PATHS_PER_PAIR);
      const plan = remediationPlan(m, { context: base, maxSteps: 3 });
      for (let i = 1; i <= plan.steps.length; i++) {
        const r = applyEdits(m, plan.steps.slice(0, i).map((st) => st.action));
        if (r.kind !== 'ok') throw new Error(`the plan's steps do not apply: ${JSON.stringify(r)}`);
        const ctx = buildContext(r.model);
        const weakened = weakenedArcs(base, ctx);
        expect(weakened, 'a remediation step only weakens').toBeDefined();
        const from = pairPaths(ctx, DIFF_PATHS_PER_PAIR, { base, pairs: pb });
        const full = pairPaths(ctx, DIFF_PATHS_PER_PAIR);
        expect(shape(from)).toEqual(shape(full));
        // The steps explained in the scenario, as a search explains them.
        for (const [key, { paths }] of from)
          paths.forEach((p, j) => {
            const q = full.get(key)!.paths[j]!;
            if (p.nodes.join() === q.nodes.join()) expect(p).toEqual(q);
          });
        reused += [...from.keys()].filter((key) => pb.has(key) && from.get(key)!.paths[0]!.nodes.join() === pb.get(key)!.paths[0]!.nodes.join()).length;
      }
    }
    expect(reused).toBeGreaterThan(50);
  });

  it('searches every pair again when the scenario adds or strengthens a step, or changes the assets', () => {
    const base = buildContext(reference);
    const [a, b] = [reference.assets[0]!.id, reference.assets[reference.assets.length - 1]!.id];
    const added = applyEdits(reference, [{ kind: 'add-connection', connection: { id: 'what-if-new', from: a, to: b, protocol: 'rdp', direction: 'one-way' } }]);
    if (added.kind !== 'ok') throw new Error(`the edit does not apply: ${JSON.stringify(added)}`);
    expect(weakenedArcs(base, buildContext(added.model))).toBeUndefined();
    const asset = applyEdits(reference, [{ kind: 'add-asset', asset: { id: 'what-if-asset', name: 'New', kind: 'server', zone: reference.zones[0]!.id } }]);
    if (asset.kind !== 'ok') throw new Error(`the edit does not apply: ${JSON.stringify(asset)}`);
    expect(weakenedArcs(base, buildContext(asset.model))).toBeUndefined();
    // A step made more likely, no step added (the analyst's likelihood 0.9 on the first connection: one arc stronger).
    const stronger = applyEdits(reference, [{ kind: 'set-likelihood', record: reference.connections[0]!.id, likelihood: 0.9 }]);
    if (stronger.kind !== 'ok') throw new Error(`the edit does not apply: ${JSON.stringify(stronger)}`);
    const sc = buildContext(stronger.model);
    const arcs = (ctx: PlantContext) => new Set(Array.from(ctx.attack.edgeSource, (u, e) => `${u} ${ctx.attack.edgeTarget[e]}`));
    expect([...arcs(sc)].every((arc) => arcs(base).has(arc))).toBe(true);
    expect(weakenedArcs(base, sc)).toBeUndefined();
    // Made less likely: weakened, not searched again.
    const weaker = applyEdits(reference, [{ kind: 'set-likelihood', record: reference.connections[3]!.id, likelihood: 0.001 }]);
    if (weaker.kind !== 'ok') throw new Error(`the edit does not apply: ${JSON.stringify(weaker)}`);
    expect(weakenedArcs(base, buildContext(weaker.model))?.size).toBeGreaterThan(0);
    expect(weakenedArcs(base, buildContext(reference))).toEqual(new Set());
  });
});

describe('prepareDiff', () => {
  const edit: ScenarioEdit = { kind: 'remove-connection', connection: reference.connections[3]!.id, cost: 500 };
  const scenario = (base: PlantContext) => {
    const r = applyEdits(base.model, [edit]);
    if (r.kind !== 'ok') throw new Error(`the edit does not apply: ${JSON.stringify(r)}`);
    return buildContext(r.model);
  };

  it('keeps the baseline side of a cheap plant: the diff after it equals the diff without it', () => {
    const cold = buildContext(reference);
    const want = scenarioReport(cold, scenario(cold), [edit]);
    const warm = buildContext(reference);
    expect(prepareDiff(warm)).toBe(true);
    expect(scenarioReport(warm, scenario(warm), [edit])).toEqual(want);
  });

  it('searches nothing above its bound of attack edges × crown jewels (answers whether the side is already kept)', () => {
    const ctx = buildContext(reference);
    const work = ctx.attack.edgeSource.length * ctx.jewels.length;
    expect(prepareDiff(ctx, DIFF_PATHS_PER_PAIR, work - 1)).toBe(false);
    expect(prepareDiff(ctx, DIFF_PATHS_PER_PAIR, work)).toBe(true);
    // Kept now: answered as kept even above the bound.
    expect(prepareDiff(ctx, DIFF_PATHS_PER_PAIR, 0)).toBe(true);
  });
});
