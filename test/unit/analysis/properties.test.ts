// Property tests: every computation against an independent brute force on random small plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blastRadius, reachedColumns, reachedRows } from '../../../src/analysis/blast';
import { dominatorsOfJewels } from '../../../src/analysis/chokepoints';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { kMostLikelyPaths, pathTo, shortestTree } from '../../../src/analysis/paths';
import { applyAction, candidateActions, riskAfter } from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import type { PlantModel } from '../../../src/model/schema';
import { allSimplePaths, reachable } from '../../helpers/brute';
import { randomPlant } from '../../helpers/random';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** Random plant with a few entry points and crown jewels and assorted hardening costs. */
function plant(seed: number, maxAssets = 8): PlantContext {
  const m: PlantModel = randomPlant(seed, maxAssets);
  const n = m.assets.length;
  m.entryPoints = [{ asset: 'a0' }, ...(n > 4 && seed % 2 ? [{ asset: 'a1' }] : [])];
  m.crownJewels = [{ asset: `a${n - 1}`, impact: { downtimeCostPerHour: 1000 } }, ...(n > 5 && seed % 3 ? [{ asset: `a${n - 2}`, impact: { safety: 'injury' as const } }] : [])];
  m.assets.forEach((a, i) => (a.hardeningCost = 1 + ((seed >> i) & 7)));
  return buildContext(m);
}

describe('paths vs all simple paths', () => {
  it('the most likely path has the best likelihood over every simple path', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = plant(seed);
        for (const s of ctx.entries) {
          const tree = shortestTree(ctx.attack, [s]);
          for (const t of ctx.jewels) {
            const brute = allSimplePaths(ctx.attack, s, t);
            const got = pathTo(ctx.attack, tree, t);
            if (brute.length === 0) expect(got).toBeUndefined();
            else expect(close(got!.likelihood, brute[0]!.likelihood)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Yen gives the k best loopless paths, distinct by asset sequence', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 8 }), (seed, k) => {
        const ctx = plant(seed);
        const s = ctx.entries[0]!;
        const t = ctx.jewels[0]!;
        if (s === t) return;
        const brute = allSimplePaths(ctx.attack, s, t);
        const got = kMostLikelyPaths(ctx.attack, s, t, k);
        expect(got.length).toBe(Math.min(k, brute.length));
        got.forEach((p, i) => expect(close(p.likelihood, brute[i]!.likelihood), `path ${i}`).toBe(true));
        expect(new Set(got.map((p) => p.nodes.join(','))).size).toBe(got.length);
        for (const p of got) {
          expect(new Set(p.nodes).size).toBe(p.nodes.length); // loopless
          expect(p.nodes[0]).toBe(s);
          expect(p.nodes[p.nodes.length - 1]).toBe(t);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('blast radius vs exhaustive reachability', () => {
  it('reaches exactly what is reachable, with the best path likelihood', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = plant(seed);
        const from = [ctx.ids[0]!];
        const got = blastRadius(ctx, from);
        const want = reachable(ctx.attack, [0]);
        expect(new Set(got.reached.ids)).toEqual(new Set([...want].map((v) => ctx.ids[v])));
        for (const r of reachedRows(got.reached)) {
          const v = ctx.index.get(r.id)!;
          const best = v === 0 ? 1 : allSimplePaths(ctx.attack, 0, v)[0]!.likelihood;
          expect(close(r.likelihood, best)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lists the reached assets most likely first, then by hops, then by id (the counting sort equals a comparator sort)', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 3 }), (seed, sources) => {
        const ctx = plant(seed);
        const from = ctx.ids.slice(0, Math.min(sources, ctx.ids.length));
        const { reached } = blastRadius(ctx, from);
        expect([reached.ids.length, reached.likelihood.length, reached.hops.length]).toEqual([reached.count, reached.count, reached.count]);
        const got = reachedRows(reached);
        const want = [...got].sort((a, b) => b.likelihood - a.likelihood || a.hops - b.hops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        expect(got).toEqual(want);
        expect(reachedColumns(got)).toEqual(reached);
      }),
      { numRuns: 300 },
    );
  });
});

describe('chokepoints vs removal and exhaustive subsets', () => {
  it('dominators are exactly the assets whose removal cuts the jewel off', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = plant(seed);
        const doms = dominatorsOfJewels(ctx);
        ctx.jewels.forEach((j, i) => {
          const reach = reachable(ctx.attack, ctx.entries);
          expect(doms[i]!.reachable).toBe(reach.has(j));
          if (!reach.has(j)) return;
          const want: string[] = [];
          for (let v = 0; v < ctx.attack.nodeCount; v++) {
            if (ctx.entries.includes(v) || v === j) continue;
            if (!reachable(ctx.attack, ctx.entries, new Set([v])).has(j)) want.push(ctx.ids[v]!);
          }
          expect([...doms[i]!.assets].sort()).toEqual(want.sort());
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('remediation fast evaluation', () => {
  it('riskAfter equals the risk of the rebuilt plant, for every candidate action', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = plant(seed, 10);
        for (const a of candidateActions(ctx)) {
          const slow = riskReport(buildContext(applyAction(ctx.model, a))).total;
          const fast = riskAfter(ctx, a);
          expect(Math.abs(fast - slow)).toBeLessThanOrEqual(1e-9 * Math.max(1, slow));
        }
      }),
      { numRuns: 150 },
    );
  });
});
