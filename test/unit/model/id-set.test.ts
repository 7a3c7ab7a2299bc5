// IdSet: the edge-id set of the columnar and two-thread parses, checked against a plain Set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet, idListOf } from '../../../src/model/connections';

const id = fc.array(fc.constantFrom('a', 'b', 'c', '1', '2', 'é', 'Ω'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));

describe('IdSet', () => {
  it('agrees with a Set on uniqueness, has and meets (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(id, { maxLength: 40 }), { minLength: 1, maxLength: 3 }), fc.array(id, { maxLength: 40 }), (lists, probe) => {
        const set = new IdSet(lists.map(idListOf));
        const all = lists.flat();
        expect(set.unique).toBe(new Set(all).size === all.length);
        if (!set.unique) return;
        const members = new Set(all);
        const p = idListOf(probe);
        probe.forEach((x, k) => expect(set.has(p, k)).toBe(members.has(x)));
        expect(set.meets(p)).toBe(probe.some((x) => members.has(x)));
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart ids of equal length and equal hash slot, and many ids', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const set = new IdSet([idListOf(ids.slice(0, 30_000)), idListOf(ids.slice(30_000))]);
    expect(set.unique).toBe(true);
    const probe = idListOf(['n49999', 'n50000', 'n0', 'x', 'n1a']);
    expect([0, 1, 2, 3, 4].map((k) => set.has(probe, k))).toEqual([true, false, true, false, false]);
    expect(new IdSet([idListOf(ids), idListOf(['n123'])]).unique).toBe(false);
    expect(new IdSet([idListOf([...ids, 'n7'])]).unique).toBe(false);
  });
});
