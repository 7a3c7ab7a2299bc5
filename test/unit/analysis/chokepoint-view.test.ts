// The chokepoints view (src/analysis/chokepoint-view.ts): the assets an attacker can reach from an
// entry point and go on from to a crown jewel, against brute force on random plants (a superset of
// the assets on simple entry → jewel paths, which it always holds), the attack edges between them, the cut
// ranked by risk removed, the headline against risk recomputed with the cut removed, and the
// bound on what a large plant shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { chokepointView, MAX_VIEW_ASSETS } from '../../../src/analysis/chokepoint-view';
import { buildContext } from '../../../src/analysis/context';
import { riskReport, totalRisk } from '../../../src/analysis/risk';
import { generatePlant } from '../../../src/model/generate';
import type { PlantModel } from '../../../src/model/schema';
import { allSimplePaths, reachable } from '../../helpers/brute';
import { randomContext } from '../../helpers/random';

const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;

describe('chokepointView', () => {
  it('shows the assets reached from an entry point that reach a crown jewel, every simple path among them (brute force, 60 random plants)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const ctx = randomContext(seed, 7);
      const view = chokepointView(ctx, chokepoints(ctx));
      const fromEntries = reachable(ctx.attack, ctx.entries);
      const relevant = ctx.ids.filter((_, v) => fromEntries.has(v) && ctx.jewels.some((j) => reachable(ctx.attack, [v]).has(j)));
      expect([...view.assets].sort(), `seed ${seed}`).toEqual([...relevant].sort());
      expect(view.relevant).toBe(relevant.length);
      const shownSet = new Set(view.assets);
      for (const e of ctx.entries) for (const j of ctx.jewels) for (const p of allSimplePaths(ctx.attack, e, j)) for (const v of p.nodes) expect(shownSet.has(ctx.ids[v]!)).toBe(true);
      // Edges: the most likely attack edge of each ordered pair of shown assets, and only those.
      const shown = new Set(view.assets);
      for (const e of view.edges) {
        expect(shown.has(e.from) && shown.has(e.to)).toBe(true);
        const u = ctx.index.get(e.from)!;
        const w = ctx.index.get(e.to)!;
        let best = 0;
        for (let k = ctx.attack.offsets[u]!; k < ctx.attack.offsets[u + 1]!; k++) if (ctx.attack.edgeTarget[k] === w) best = Math.max(best, ctx.attack.likelihood[k]!);
        expect(e.likelihood).toBe(best);
      }
      const pairs = view.edges.map((e) => `${e.from}>${e.to}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      // Every shown asset has a position in a band.
      expect(view.layout.positions.map(([id]) => id).sort()).toEqual([...view.assets].sort());
    }
  });

  it('ranks the minimum cut by risk removed (1 = harden first) and states what hardening it buys', () => {
    const ctx = buildContext(reference);
    const cp = chokepoints(ctx);
    const view = chokepointView(ctx, cp);
    if (cp.minCut.kind === 'nothing-to-cut') throw new Error('the reference plant has a cut');
    expect(view.cut.map((c) => c.id).sort()).toEqual([...cp.minCut.assets].sort());
    expect(view.cut.map((c) => c.rank)).toEqual(view.cut.map((_, i) => i + 1));
    const removed = new Map(cp.ranking.map((r) => [r.id, r.riskRemoved]));
    view.cut.forEach((c, i) => {
      expect(c.riskRemoved).toBe(removed.get(c.id) ?? 0);
      if (i > 0) expect(view.cut[i - 1]!.riskRemoved).toBeGreaterThanOrEqual(c.riskRemoved);
    });
    expect(view.cut.reduce((s, c) => s + c.cost, 0)).toBe(cp.minCut.cost);
    // The headline: risk with every cut asset removed, recomputed.
    const banned = new Uint8Array(ctx.attack.nodeCount);
    for (const id of cp.minCut.assets) banned[ctx.index.get(id)!] = 1;
    const plantRisk = riskReport(ctx).total;
    expect(view.headline).toMatchObject({ kind: cp.minCut.kind, assets: cp.minCut.assets.length, cost: cp.minCut.cost, protects: cp.minCut.protects.length, plantRisk });
    expect(view.headline.riskRemoved).toBeCloseTo(plantRisk - totalRisk(ctx, banned), 6);
    expect(view.headline.riskRemoved).toBeGreaterThan(0);
    // The ways in are marked: some shown edge is on the most likely path to a jewel.
    expect(view.edges.some((e) => e.main)).toBe(true);
    expect(view.dominators.every((d) => view.assets.includes(d))).toBe(true);
  });

  it('a plant with nothing to cut says why and shows nothing', () => {
    const m = JSON.parse(JSON.stringify(reference)) as PlantModel;
    m.entryPoints = [];
    const ctx = buildContext(m);
    const view = chokepointView(ctx, chokepoints(ctx));
    expect(view.assets).toEqual([]);
    expect(view.headline.kind).toBe('nothing-to-cut');
    expect(view.headline.reason).toMatch(/no entry points/);
  });

  it(`beyond ${MAX_VIEW_ASSETS} relevant assets shows those that matter: entries, jewels, the cut and the most likely paths`, () => {
    const ctx = buildContext(generatePlant({ assets: 3000, seed: 4 }));
    const cp = chokepoints(ctx);
    const view = chokepointView(ctx, cp);
    expect(view.relevant).toBeGreaterThan(MAX_VIEW_ASSETS);
    expect(view.assets.length).toBeLessThan(view.relevant);
    const shown = new Set(view.assets);
    if (cp.minCut.kind !== 'nothing-to-cut') for (const id of cp.minCut.assets) expect(shown.has(id)).toBe(true);
    for (const j of riskReport(ctx).jewels.filter((x) => x.reachable)) expect(shown.has(j.asset)).toBe(true);
    // Every main edge joins shown assets along a most likely path.
    expect(view.edges.filter((e) => e.main).length).toBeGreaterThan(0);
  });
});
