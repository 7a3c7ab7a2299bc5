// The what-if diff's path search (src/analysis/diff.ts pairPaths, prepareDiff): the distances to a
// jewel computed once for every entry give the same k paths per pair as a search per pair, and the
// baseline's side searched ahead of the first edit (where cheap) gives the same diff as searched
// with it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { DIFF_PATHS_PER_PAIR, pairPaths, prepareDiff, scenarioReport } from '../../../src/analysis/diff';
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
