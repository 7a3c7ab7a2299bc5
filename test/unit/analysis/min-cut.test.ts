// The minimum vertex cut against exhaustive subsets on tiny random plants, for every hardening
// cost the schema allows (0 included: a free cut is a cut), and in the case where some crown
// jewels cannot be protected (an entry point reaches them through entry points and jewels only):
// then the cut protects exactly the jewels that still can be protected, at the least cost.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chokepoints, hardeningCost, minimumVertexCut, type MinCut } from '../../../src/analysis/chokepoints';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import { cheapestSubset, cutPlant, reachMask, type NodeMask } from '../../helpers/exhaustive';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
// Costs at or below FLOW_EPSILON (1e-9) count as free: a cut may pick one of them over a 0.
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-8 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Costs as the schema allows them: 0, tiny, ordinary, and huge (up to MAX_MONEY) mixed in one plant. */
const COST_KINDS = {
  ordinary: undefined,
  'with zeros': (rng: { int(n: number): number }) => (rng.int(3) === 0 ? 0 : 1 + rng.int(12)),
  'all zero': () => 0,
  'tiny and zero': (rng: { int(n: number): number }) => [0, 1e-12, 1e-9, 5][rng.int(4)]!,
  'wide range': (rng: { int(n: number): number }) => [0, 0.5, 3, 1e6, 1e12][rng.int(5)]!,
} as const;

interface Expected {
  readonly kind: MinCut['kind'];
  readonly protects: string[];
  readonly cannotProtect: string[];
  readonly direct: string[];
  readonly best: number;
}

/** What the cut must be, by brute force over node masks. */
function expected(ctx: PlantContext): Expected & { free: number[]; protects_: number[]; cost: (v: number) => number } {
  const ag = ctx.attack;
  const n = ag.nodeCount;
  let protectedMask = 0;
  for (const v of [...ctx.entries, ...ctx.jewels]) protectedMask |= 1 << v;
  const others = ((1 << n) - 1) & ~protectedMask;
  const reach = reachMask(ag, ctx.entries);
  const held = reachMask(ag, ctx.entries, undefined, others); // through protected nodes only
  const jewels = [...new Set(ctx.jewels)];
  const reachable = jewels.filter((j) => reach & (1 << j));
  const lost = jewels.filter((j) => held & (1 << j));
  const protects = reachable.filter((j) => !(held & (1 << j)));
  const direct: string[] = [];
  for (const s of new Set(ctx.entries)) {
    const r = reachMask(ag, [s], undefined, others);
    for (const j of jewels) if (r & (1 << j)) direct.push(`${ctx.ids[s]}→${ctx.ids[j]}`);
  }
  const free = [...Array(n).keys()].filter((v) => !(protectedMask & (1 << v)));
  const cost = (v: number) => hardeningCost(ctx, v);
  const cuts = (removed: NodeMask) => {
    const r = reachMask(ag, ctx.entries, undefined, removed);
    return protects.every((j) => !(r & (1 << j)));
  };
  const ids = (vs: number[]) => vs.map((v) => ctx.ids[v]!).sort();
  const kind: MinCut['kind'] = reachable.length === 0 ? 'nothing-to-cut' : lost.length === 0 ? 'cut' : 'partial-cut';
  return { kind, protects: ids(protects), cannotProtect: ids(lost), direct: direct.sort(), best: cheapestSubset(free, cost, cuts), free, protects_: protects, cost };
}

function describeCase(ctx: PlantContext, got: unknown): string {
  const edges = new Set<string>();
  for (let e = 0; e < ctx.attack.edgeCount; e++) edges.add(`${ctx.ids[ctx.attack.edgeSource[e]!]}→${ctx.ids[ctx.attack.edgeTarget[e]!]}`);
  const costs = ctx.ids.map((id, v) => `${id}:${hardeningCost(ctx, v)}`).join(' ');
  return `entries ${ctx.entries.map((v) => ctx.ids[v])}; jewels ${ctx.jewels.map((v) => ctx.ids[v])}; costs ${costs}; edges ${[...edges].join(' ')}; got ${JSON.stringify(got)}`;
}

function checkAgainstBruteForce(ctx: PlantContext): MinCut['kind'] {
  const want = expected(ctx);
  const got = minimumVertexCut(ctx);
  const where = describeCase(ctx, got);
  expect(got.kind, where).toBe(want.kind);
  if (got.kind === 'nothing-to-cut') return got.kind;
  expect([...got.protects].sort(), where).toEqual(want.protects);
  if (got.kind === 'partial-cut') {
    expect([...got.cannotProtect].sort(), where).toEqual(want.cannotProtect);
    expect(got.direct.map((p) => `${p.entry}→${p.jewel}`).sort(), where).toEqual(want.direct);
  }
  // The cost is the least of every subset that protects those jewels, and is the sum of its assets.
  expect(close(got.cost, want.best), `${where}; least cost ${want.best}`).toBe(true);
  const removed = got.assets.reduce((m, id) => m | (1 << ctx.index.get(id)!), 0);
  expect(close(got.assets.reduce((s, id) => s + hardeningCost(ctx, ctx.index.get(id)!), 0), got.cost), where).toBe(true);
  for (const id of got.assets) expect(want.free, where).toContain(ctx.index.get(id));
  // Hardening the cut leaves none of the protected jewels reachable.
  const r = reachMask(ctx.attack, ctx.entries, undefined, removed);
  expect(want.protects_.filter((j) => r & (1 << j)).map((j) => ctx.ids[j]), where).toEqual([]);
  // And it lists no asset it does not need (free ones included): without any one of them, some
  // protected jewel is reachable again.
  for (const id of got.assets) {
    const without = reachMask(ctx.attack, ctx.entries, undefined, removed & ~(1 << ctx.index.get(id)!));
    expect(want.protects_.some((j) => without & (1 << j)), `${where}: ${id} is not needed`).toBe(true);
  }
  return got.kind;
}

describe('minimum vertex cut vs exhaustive subsets', () => {
  for (const [name, costOf] of Object.entries(COST_KINDS)) {
    it(`hardening costs ${name}: kind, protected jewels, lost jewels, direct pairs and least cost all agree`, () => {
      const kinds = new Map<string, number>();
      fc.assert(
        fc.property(seeds, (seed) => {
          const ctx = buildContext(cutPlant(seed, 8, costOf));
          const kind = checkAgainstBruteForce(ctx);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }),
        { numRuns: 400 },
      );
      // Power: the three outcomes all occur.
      expect(kinds.get('cut') ?? 0, JSON.stringify([...kinds])).toBeGreaterThan(20);
      expect(kinds.get('partial-cut') ?? 0, JSON.stringify([...kinds])).toBeGreaterThan(20);
      expect(kinds.get('nothing-to-cut') ?? 0, JSON.stringify([...kinds])).toBeGreaterThan(5);
    });
  }
});

/** Hand-made plant: assets in one zone, one-way SSH connections (one attack edge each, likelihood 0.4). */
function sshPlant(assets: [string, number?][], links: [string, string][], entries: string[], jewels: string[]): PlantContext {
  return buildContext({
    schemaVersion: 1, plant: { id: 'cut', name: 'Cut' }, zones: [{ id: 'z', name: 'Z', purdueLevel: 3 }],
    assets: assets.map(([id, cost]) => ({ id, name: id, kind: 'server' as const, zone: 'z', hardeningCost: cost ?? 100 })),
    connections: links.map(([from, to], i) => ({ id: `c${i}`, from, to, protocol: 'ssh' as const, direction: 'one-way' as const })),
    entryPoints: entries.map((asset) => ({ asset })), crownJewels: jewels.map((asset) => ({ asset, impact: {} })),
  });
}

describe('minimum vertex cut: named cases', () => {
  it('an asset that costs 0 to harden on the only path is the cut, at cost 0 (paths still finds the path)', () => {
    for (const cost of [0, 1e-12, 1e-9]) {
      const ctx = sshPlant([['e'], ['x', cost], ['j']], [['e', 'x'], ['x', 'j']], ['e'], ['j']);
      expect(attackPaths(ctx).map((p) => p.nodes)).toEqual([['e', 'x', 'j']]);
      expect(minimumVertexCut(ctx)).toEqual({ kind: 'cut', assets: ['x'], cost, protects: ['j'] });
    }
  });

  it('a free asset protecting the jewels that can still be protected is reported, at cost 0', () => {
    // e → j1 directly; j1 → x (free) → j2.
    const ctx = sshPlant([['e'], ['j1'], ['x', 0], ['j2']], [['e', 'j1'], ['j1', 'x'], ['x', 'j2']], ['e'], ['j1', 'j2']);
    expect(minimumVertexCut(ctx)).toMatchObject({ kind: 'partial-cut', assets: ['x'], cost: 0, protects: ['j2'], cannotProtect: ['j1'], direct: [{ entry: 'e', jewel: 'j1' }] });
  });

  it('paths into a jewel that cannot be protected are not cut', () => {
    // e1 → x → e2 → j and e1 → y → j: e2 reaches j directly; hardening y or x buys nothing.
    const ctx = sshPlant([['e1'], ['x'], ['e2'], ['y'], ['j']], [['e1', 'x'], ['x', 'e2'], ['e2', 'j'], ['e1', 'y'], ['y', 'j']], ['e1', 'e2'], ['j']);
    expect(minimumVertexCut(ctx)).toMatchObject({ kind: 'partial-cut', assets: [], cost: 0, protects: [], cannotProtect: ['j'] });
    // e → j1 directly, and e → a → j1, e → b → j2: only b is worth hardening.
    const two = sshPlant([['e'], ['a'], ['b'], ['j1'], ['j2']], [['e', 'j1'], ['e', 'a'], ['a', 'j1'], ['e', 'b'], ['b', 'j2']], ['e'], ['j1', 'j2']);
    expect(minimumVertexCut(two)).toMatchObject({ kind: 'partial-cut', assets: ['b'], cost: 100, protects: ['j2'], cannotProtect: ['j1'] });
  });

  it('an entry point that is itself a crown jewel cannot be protected; the others still can', () => {
    const ctx = sshPlant([['e'], ['x'], ['j']], [['e', 'x'], ['x', 'j']], ['e'], ['e', 'j']);
    expect(minimumVertexCut(ctx)).toMatchObject({ kind: 'partial-cut', assets: ['x'], cost: 100, protects: ['j'], cannotProtect: ['e'], direct: [{ entry: 'e', jewel: 'e' }] });
  });

  it('no reachable jewel: nothing to cut', () => {
    const ctx = sshPlant([['e'], ['x', 0], ['j']], [['j', 'x'], ['x', 'e']], ['e'], ['j']);
    expect(minimumVertexCut(ctx).kind).toBe('nothing-to-cut');
  });
});

describe('minimum vertex cut on the sample and generated plants', () => {
  it('reference plant: 4 jewels cannot be protected; the cut protecting the other 4 costs 29,000', () => {
    const r = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
    if (r.kind !== 'ok') throw new Error('reference plant invalid');
    const c = chokepoints(buildContext(r.model));
    expect(c.minCut.kind).toBe('partial-cut');
    if (c.minCut.kind !== 'partial-cut') return;
    expect([...c.minCut.cannotProtect].sort()).toEqual(['plc-a1a', 'plc-u1', 'sis-a', 'sis-furnace']);
    expect([...c.minCut.protects].sort()).toEqual(['erp', 'historian', 'mes', 'plc-b1a']);
    expect(c.minCut.cost).toBe(29_000);
  });

  it('a generated 2,000-asset plant: the cut of the protectable jewels costs 26,250 and protects them', () => {
    const ctx = buildContext(generatePlant({ assets: 2000, seed: 1 }));
    const c = minimumVertexCut(ctx);
    expect(c.kind).toBe('partial-cut');
    if (c.kind !== 'partial-cut') return;
    expect(c.cost).toBe(26_250);
    const banned = new Uint8Array(ctx.attack.nodeCount);
    for (const id of c.assets) banned[ctx.index.get(id)!] = 1;
    // BFS with the cut removed: none of the protected jewels is reached.
    const seen = new Uint8Array(ctx.attack.nodeCount);
    const stack = ctx.entries.filter((v) => !banned[v]);
    for (const v of stack) seen[v] = 1;
    while (stack.length) {
      const v = stack.pop()!;
      for (let e = ctx.attack.offsets[v]!; e < ctx.attack.offsets[v + 1]!; e++) {
        const w = ctx.attack.edgeTarget[e]!;
        if (!seen[w] && !banned[w]) {
          seen[w] = 1;
          stack.push(w);
        }
      }
    }
    expect(c.protects.filter((id) => seen[ctx.index.get(id)!])).toEqual([]);
    expect(c.protects.length).toBeGreaterThan(0);
  });
});
