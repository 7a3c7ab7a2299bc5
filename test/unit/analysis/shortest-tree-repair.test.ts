// The repaired shortest-path tree against a full search with the new weights: the same distances,
// to the last bit, for every node, whether few nodes or most of them are below the changed edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortestTree } from '../../../src/analysis/paths';
import { ShortestTreeRepair } from '../../../src/analysis/shortest-tree-repair';
import { createRng } from '../../../src/model/prng';
import { randomContext } from '../../helpers/random';

describe('ShortestTreeRepair', () => {
  it('gives the distances of a full search after edges get heavier or close', () => {
    const modes = { few: 0, most: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, changes) => {
        const ctx = randomContext(seed, 14);
        const ag = ctx.attack;
        if (ag.edgeCount === 0) return;
        const rng = createRng(seed ^ 0x5eed);
        const tree = shortestTree(ag, ctx.entries);
        const repair = new ShortestTreeRepair(ag, tree);
        const edges: number[] = [];
        const weights: number[] = [];
        for (let i = 0; i < changes; i++) {
          // Mostly tree edges (the ones that matter), some others; heavier by a factor, or closed.
          const e = rng.chance(0.7) ? tree.parentEdge[rng.int(ag.nodeCount)]! : rng.int(ag.edgeCount);
          if (e < 0 || edges.includes(e)) continue;
          edges.push(e);
          weights.push(rng.chance(0.4) ? Infinity : ag.weight[e]! * (1 + rng.int(5)) + rng.int(3));
        }
        const weight = ag.weight.slice();
        edges.forEach((e, i) => (weight[e] = weights[i]!));
        const full = shortestTree(ag, ctx.entries, { weight });
        const all = Array.from({ length: ag.nodeCount }, (_, v) => v);
        expect([...repair.distancesAfter({ edges, weights }, all)]).toEqual([...full.dist]);
        // Which side seeded the search: count the nodes below the heavier tree edges.
        const below = all.filter((v) => edges.some((e, i) => repair.isTreeEdge(e) && weights[i]! > ag.weight[e]! && repair.inSubtree(ag.edgeTarget[e]!, v)));
        const reached = all.filter((v) => tree.dist[v] !== Infinity).length;
        if (below.length > 0) modes[2 * below.length <= reached ? 'few' : 'most']++;
        // A second query on the same tree starts clean.
        expect([...repair.distancesAfter({ edges: [], weights: [] }, all)]).toEqual([...tree.dist]);
      }),
      { numRuns: 500 },
    );
    expect(modes.few).toBeGreaterThan(50);
    expect(modes.most).toBeGreaterThan(50);
  });

  it('stops once the targets are settled, and answers unaffected targets from the tree', () => {
    let seed = 0;
    while (!shortestTree(randomContext(seed, 14).attack, randomContext(seed, 14).entries).parentEdge.some((x) => x >= 0)) seed++;
    const ctx = randomContext(seed, 14);
    const ag = ctx.attack;
    const tree = shortestTree(ag, ctx.entries);
    const repair = new ShortestTreeRepair(ag, tree);
    const e = tree.parentEdge.find((x) => x >= 0)!;
    const v = ag.edgeTarget[e]!;
    const weight = ag.weight.slice();
    weight[e] = Infinity;
    const full = shortestTree(ag, ctx.entries, { weight });
    const outside = Array.from({ length: ag.nodeCount }, (_, x) => x).filter((x) => !repair.inSubtree(v, x));
    expect([...repair.distancesAfter({ edges: [e], weights: [Infinity] }, [v, ...outside])]).toEqual([full.dist[v], ...outside.map((x) => tree.dist[x])]);
  });

  it('keeps to the nodes that reach the targets when told, and reuses an old repair\'s scratch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const ctx = randomContext(seed, 14);
        const ag = ctx.attack;
        const rng = createRng(seed ^ 0x7a11);
        const targets = Array.from({ length: 1 + rng.int(3) }, () => rng.int(ag.nodeCount));
        // The nodes that reach a target (the plan passes the nodes on some entry → jewel path).
        const within = new Uint8Array(ag.nodeCount);
        const stack = [...targets];
        for (const t of targets) within[t] = 1;
        while (stack.length) {
          const v = stack.pop()!;
          for (let k = ag.inOffsets[v]!; k < ag.inOffsets[v + 1]!; k++) {
            const u = ag.edgeSource[ag.inEdges[k]!]!;
            if (!within[u]) {
              within[u] = 1;
              stack.push(u);
            }
          }
        }
        const tree = shortestTree(ag, ctx.entries);
        let repair: ShortestTreeRepair | undefined;
        for (let round = 0; round < 3; round++) {
          repair = new ShortestTreeRepair(ag, tree, { within, ...(repair ? { reuse: repair } : {}) });
          const edges = [...new Set(Array.from({ length: 1 + rng.int(4) }, () => tree.parentEdge[rng.int(ag.nodeCount)]!).filter((e) => e >= 0))];
          const weights = edges.map((e) => (rng.chance(0.5) ? Infinity : ag.weight[e]! + 1 + rng.int(4)));
          const weight = ag.weight.slice();
          edges.forEach((e, i) => (weight[e] = weights[i]!));
          const full = shortestTree(ag, ctx.entries, { weight });
          expect([...repair.distancesAfter({ edges, weights }, targets)], `seed ${seed}, round ${round}`).toEqual(targets.map((t) => full.dist[t]));
        }
      }),
      { numRuns: 300 },
    );
  });
});
