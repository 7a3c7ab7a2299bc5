// Dominators against removal, on random small plants (the minimum cut: min-cut.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominatorsOfJewels } from '../../../src/analysis/chokepoints';
import { reachable } from '../../helpers/brute';
import { randomContext } from '../../helpers/random';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });


describe('chokepoints vs removal and exhaustive subsets', () => {
  it('dominators are exactly the assets whose removal cuts the jewel off', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = randomContext(seed);
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
