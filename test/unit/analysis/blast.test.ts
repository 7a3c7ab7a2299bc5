// Blast radius against exhaustive reachability, on random small plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blastRadius, reachedColumns, reachedRows } from '../../../src/analysis/blast';
import { allSimplePaths, reachable } from '../../helpers/brute';
import { randomContext } from '../../helpers/random';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));


describe('blast radius vs exhaustive reachability', () => {
  it('reaches exactly what is reachable, with the best path likelihood', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = randomContext(seed);
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
        const ctx = randomContext(seed);
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
