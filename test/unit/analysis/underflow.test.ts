// Paths whose likelihood underflows: a real 200-step path of 1e-6 steps has likelihood exactly 0
// in floating point (1e-1200). It must still be found, ranked (by log-likelihood), counted as
// reachable, and told apart from an unreachable jewel.
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { blastRadius, reachedRows } from '../../../src/analysis/blast';
import { buildContext } from '../../../src/analysis/context';
import { diffScenarios } from '../../../src/analysis/diff';
import { kMostLikelyPaths } from '../../../src/analysis/paths';
import { riskReport } from '../../../src/analysis/risk';
import type { PlantModel } from '../../../src/model/schema';

/** Two chains from the entry `e`: `hops` steps to jewel `ja` and `hops + 10` to jewel `jb`, every step 1e-6. */
function chains(hops: number): PlantModel {
  const assets: PlantModel['assets'] = [{ id: 'e', name: 'Entry', kind: 'workstation', zone: 'z' }];
  const connections: PlantModel['connections'] = [];
  const chain = (prefix: string, n: number, jewel: string) => {
    let prev = 'e';
    for (let i = 1; i <= n; i++) {
      const id = i === n ? jewel : `${prefix}${i}`;
      assets.push({ id, name: id, kind: 'workstation', zone: 'z' });
      connections.push({ id: `${prefix}-c${i}`, from: prev, to: id, protocol: 'ssh', direction: 'one-way', likelihood: 1e-6 });
      prev = id;
    }
  };
  chain('a', hops, 'ja');
  chain('b', hops + 10, 'jb');
  assets.push({ id: 'jc', name: 'Unreachable', kind: 'server', zone: 'z' });
  return {
    schemaVersion: 1, plant: { id: 'u', name: 'Underflow' }, zones: [{ id: 'z', name: 'Z', purdueLevel: 3 }],
    assets, connections, entryPoints: [{ asset: 'e' }],
    crownJewels: [{ asset: 'jb', impact: { downtimeCostPerHour: 1000 } }, { asset: 'ja', impact: { downtimeCostPerHour: 1000 } }, { asset: 'jc', impact: { downtimeCostPerHour: 1000 } }],
  };
}

describe('likelihoods that underflow to 0', () => {
  const ctx = buildContext(chains(200));

  it('the product is 0 but the log-likelihood is finite, and paths are ranked by it', () => {
    const paths = attackPaths(ctx);
    expect(paths.map((p) => p.to)).toEqual(['ja', 'jb']);
    expect(paths[0]!.likelihood).toBe(0);
    expect(paths[0]!.logLikelihood).toBeCloseTo(200 * Math.log(1e-6), 6);
    expect(paths[1]!.logLikelihood).toBeCloseTo(210 * Math.log(1e-6), 6);
    const k = kMostLikelyPaths(ctx.attack, ctx.index.get('e')!, ctx.index.get('jb')!, 2);
    expect(k).toHaveLength(1);
    expect(Number.isFinite(k[0]!.logLikelihood)).toBe(true);
  });

  it('risk: the jewels are reachable (not confused with the unreachable one), every figure finite', () => {
    const r = riskReport(ctx);
    const by = Object.fromEntries(r.jewels.map((j) => [j.asset, j]));
    expect(by.ja).toMatchObject({ reachable: true, likelihood: 0, via: 'e' });
    expect(by.jb).toMatchObject({ reachable: true, likelihood: 0, via: 'e' });
    expect(by.jc).toMatchObject({ reachable: false, likelihood: 0, risk: 0, via: '' });
    expect(by.jc!.logLikelihood).toBeUndefined();
    expect(Number.isFinite(by.ja!.logLikelihood)).toBe(true);
    expect(Number.isFinite(r.total)).toBe(true);
  });

  it('diff: a jewel reached only by an underflowing path is newly reachable', () => {
    const base = chains(200);
    base.connections = base.connections.filter((c) => c.id !== 'a-c100');
    const d = diffScenarios(buildContext(base), ctx);
    expect(d.newlyReachable).toEqual(['ja']);
    expect(d.newPaths.map((p) => p.to)).toEqual(['ja']);
  });

  it('blast radius: where the likelihood underflows, the more likely asset still comes first (not the nearer one)', () => {
    // x: 200 steps of 1e-6 (ln ≈ -2763); y: 400 steps of 0.05 (ln ≈ -1198). Both products are 0.
    const m = chains(200);
    let prev = 'e';
    for (let i = 1; i <= 400; i++) {
      const id = i === 400 ? 'y' : `y${i}`;
      m.assets.push({ id, name: id, kind: 'workstation', zone: 'z' });
      m.connections.push({ id: `y-c${i}`, from: prev, to: id, protocol: 'ssh', direction: 'one-way', likelihood: 0.05 });
      prev = id;
    }
    const rows = reachedRows(blastRadius(buildContext(m), ['e']).reached);
    const at = (id: string) => rows.findIndex((r) => r.id === id);
    expect(rows[at('y')]).toMatchObject({ likelihood: 0, hops: 400 });
    expect(rows[at('ja')]).toMatchObject({ likelihood: 0, hops: 200 });
    expect(at('y')).toBeLessThan(at('ja'));
    const along = rows.filter((r) => /^a\d+$/.test(r.id)).map((r) => Number(r.id.slice(1)));
    expect(along).toEqual([...along].sort((x, y) => x - y));
  });
});
