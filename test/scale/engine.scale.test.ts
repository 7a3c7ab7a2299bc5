// The engine on a generated 100,000-asset, 1,000,000-connection plant: every computation completes
// and returns sound results (speed is measured by `npm run bench`, not here).
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../src/analysis/attack-paths';
import { blastRadius } from '../../src/analysis/blast';
import { chokepoints } from '../../src/analysis/chokepoints';
import { contain } from '../../src/analysis/containment';
import { buildContext, type PlantContext } from '../../src/analysis/context';
import { diffScenarios } from '../../src/analysis/diff';
import { shortestTree } from '../../src/analysis/paths';
import { remediationPlan } from '../../src/analysis/remediation';
import { riskReport } from '../../src/analysis/risk';
import { simulate } from '../../src/analysis/simulate';
import { generatePlant } from '../../src/model/generate';
import { validateModel } from '../../src/model/parse';

describe('a generated 100k-asset plant', () => {
  let ctx: PlantContext;

  it('validates and compiles', () => {
    const model = generatePlant({ assets: 100_000, seed: 1 });
    expect(validateModel(model).kind).toBe('ok');
    ctx = buildContext(model);
    expect(ctx.graph.nodeCount).toBe(100_000);
    expect(ctx.attack.edgeCount).toBeGreaterThan(900_000);
  }, 120_000);

  it('paths, blast radius, risk', () => {
    const paths = attackPaths(ctx);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths.slice(0, 20)) {
      expect(p.nodes[0]).toBe(p.from);
      expect(ctx.model.crownJewels.some((j) => j.asset === p.to)).toBe(true);
    }
    const k = attackPaths(ctx, { from: ['supplier'], to: [paths[0]!.to], k: 10 });
    expect(k).toHaveLength(10);
    const blast = blastRadius(ctx, ['supplier']);
    expect(blast.reached.count).toBeGreaterThan(1000);
    expect(riskReport(ctx).total).toBeGreaterThan(0);
  }, 120_000);

  it('chokepoints and containment', () => {
    const c = chokepoints(ctx);
    expect(c.dominators).toHaveLength(ctx.jewels.length);
    expect(['cut', 'partial-cut']).toContain(c.minCut.kind);
    if (c.minCut.kind !== 'nothing-to-cut') {
      // Hardening the cut leaves none of the jewels it protects reachable.
      const banned = new Uint8Array(ctx.attack.nodeCount);
      for (const id of c.minCut.assets) banned[ctx.index.get(id)!] = 1;
      const tree = shortestTree(ctx.attack, ctx.entries, { bannedNodes: banned });
      expect(c.minCut.protects.filter((j) => tree.dist[ctx.index.get(j)!] !== Infinity)).toEqual([]);
      expect(c.minCut.protects.length).toBeGreaterThan(0);
    }
    expect(c.ranking.length).toBeGreaterThan(0);
    const k = contain(ctx, 'supplier');
    expect(k.kind).toBe('contained');
    if (k.kind === 'contained') expect(k.cost).toBeGreaterThan(0);
  }, 120_000);

  it('Monte Carlo, remediation and a scenario diff', () => {
    const sim = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, 200, 1);
    expect(sim.jewels.every((j) => j.probability >= 0 && j.probability <= 1)).toBe(true);
    const plan = remediationPlan(ctx.model, { maxSteps: 2 });
    expect(plan.steps.length).toBe(2);
    expect(plan.finalRisk).toBeLessThan(plan.baselineRisk);
    const changed = structuredClone(ctx.model);
    changed.connections.push({ id: 'what-if-1', from: 'internet', to: 'c1-ews', protocol: 'rdp', port: 3389, direction: 'one-way' });
    const d = diffScenarios(ctx, buildContext(changed), 1);
    expect(d.risk.delta).toBeGreaterThan(0);
  }, 300_000);
});

