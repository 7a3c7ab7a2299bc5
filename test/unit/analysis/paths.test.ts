// Most likely paths and Yen's k paths against every simple path, on random small plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kMostLikelyPaths, pathTo, shortestTree } from '../../../src/analysis/paths';
import { allSimplePaths } from '../../helpers/brute';
import { randomContext } from '../../helpers/random';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));


describe('paths vs all simple paths', () => {
  it('the most likely path has the best likelihood over every simple path', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = randomContext(seed);
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
        const ctx = randomContext(seed);
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
