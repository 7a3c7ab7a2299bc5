// Key results of the sample plants, pinned. README ("Key results of the sample plants") explains
// them and gives the commands that reproduce them. A change to the rules or the models that moves
// these numbers must be deliberate: update README and this file together.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { blastRadius, reachedRows } from '../../../src/analysis/blast';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { remediationPlan } from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import { parseModelText } from '../../../src/model/parse';

function load(file: string): PlantContext {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid`);
  return buildContext(r.model);
}

describe('reference plant (Auteva Brake Systems, Regensburg)', () => {
  const ctx = load('models/reference-plant.json');

  it('most likely paths: the maintenance laptop to the OT domain controller (Zerologon), then domain admin', () => {
    const paths = attackPaths(ctx);
    expect(paths[0]!.nodes).toEqual(['maint-laptop', 'ot-dc', 'historian']);
    expect(paths[0]!.likelihood).toBeCloseTo(0.81, 12);
    expect(paths[0]!.edges.map((e) => [e.technique, e.rule])).toEqual([
      ['T0866', 'exploit-remote-service'],
      ['T0859', 'domain-membership'],
    ]);
    expect(paths[0]!.edges[0]!.why).toContain('listed in CISA KEV');
    const supplier = attackPaths(ctx, { from: ['supplier-net'], to: ['erp'] })[0]!;
    expect(supplier.nodes).toEqual(['supplier-net', 'supplier-portal', 'erp']);
    expect(supplier.edges[0]!.technique).toBe('T0819');
  });

  it('risk per crown jewel and for the plant', () => {
    const r = riskReport(ctx);
    expect(r.total).toBeCloseTo(23_057_976.24, 2);
    expect(Object.fromEntries(r.jewels.map((j) => [j.asset, Number(j.likelihood.toFixed(6))]))).toEqual({
      'sis-furnace': 0.648, 'sis-a': 0.729, 'plc-a1a': 0.729, 'plc-b1a': 0.729, 'plc-u1': 0.729, mes: 0.81, historian: 0.81, erp: 0.47682,
    });
    expect(r.jewels.find((j) => j.asset === 'sis-furnace')!.impact.money).toBe(12_928_000);
  });

  it('chokepoints: 4 jewels cannot be protected (the laptop reaches them directly); the cut protecting the other 4 costs 29,000; OT DC first', () => {
    const c = chokepoints(ctx);
    expect(c.dominators.every((d) => d.reachable && d.assets.length === 0)).toBe(true);
    expect(c.minCut.kind).toBe('partial-cut');
    if (c.minCut.kind !== 'partial-cut') return;
    expect(c.minCut.direct.map((d) => `${d.entry}>${d.jewel}`).sort()).toEqual(['maint-laptop>plc-a1a', 'maint-laptop>plc-u1', 'maint-laptop>sis-a', 'maint-laptop>sis-furnace']);
    expect([...c.minCut.cannotProtect].sort()).toEqual(['plc-a1a', 'plc-u1', 'sis-a', 'sis-furnace']);
    expect([...c.minCut.protects].sort()).toEqual(['erp', 'historian', 'mes', 'plc-b1a']);
    expect({ assets: c.minCut.assets, cost: c.minCut.cost }).toEqual({
      // The corporate file server joins the cut since #19: its shares serve planted files to the office workstations (shared-files).
      assets: ['corp-fs', 'ews-b', 'hist-replica', 'hmi-b1', 'jump-ot', 'mail', 'ot-dc', 'ot-wsus', 'supplier-portal'],
      cost: 29_000,
    });
    expect(c.ranking.slice(0, 2).map((x) => x.id)).toEqual(['ot-dc', 'ews-a']);
    expect(c.ranking[0]!.riskRemoved).toBeCloseTo(10_579_863.54, 1);
  });

  it('supplier breach: both lines stop, worst consequence a fatality', () => {
    const b = blastRadius(ctx, ['supplier-net']);
    expect(b.reached.count).toBe(103);
    expect(reachedRows(b.reached, 3)).toEqual(reachedRows(b.reached).slice(0, 3));
    expect(reachedRows(b.reached, 3)[0]).toEqual({ id: 'supplier-net', likelihood: 1, hops: 0 });
    expect(b.impact.productionLinesStopped.map((l) => l.id)).toEqual(['line-a', 'line-b']);
    expect(b.impact.downtimeCostPerHour).toBe(250_500);
    expect(b.impact.worstSafety).toBe('fatality');
  });

  it('remediation: the first five steps of the greedy plan', () => {
    const plan = remediationPlan(ctx.model, { maxSteps: 5 });
    expect(plan.steps.map((s) => s.action)).toEqual([
      { kind: 'remove-trust', trust: 't-13', cost: 1000 },
      { kind: 'add-control', asset: 'ot-dc', control: 'allowlisting', cost: 3000 },
      { kind: 'isolate-media', media: 'm-laptop', cost: 1500 },
      { kind: 'remove-trust', trust: 't-20', cost: 1000 },
      { kind: 'add-control', asset: 'mes', control: 'allowlisting', cost: 3000 },
    ]);
    expect(plan.finalRisk).toBeCloseTo(8_768_493.85, 1);
  });
});

describe('water treatment (Lakeside Water Authority)', () => {
  const ctx = load('models/water-treatment.json');

  it('the integrator\'s remote access is the way in; a cut of three assets protects everything', () => {
    expect(attackPaths(ctx)[0]!.nodes.slice(0, 3)).toEqual(['integrator', 'ra-ewon', 'ews']);
    const r = riskReport(ctx);
    expect(r.total).toBeCloseTo(5_887_847.53, 1);
    const c = chokepoints(ctx);
    expect(c.minCut).toEqual({ kind: 'cut', assets: ['ews', 'mail', 'scada'], cost: 11_000, protects: ['plc-chem', 'sis-cl2', 'plc-treat', 'rtu-ps1', 'billing'] });
    expect(c.ranking[0]!.id).toBe('ra-ewon');
    const plan = remediationPlan(ctx.model, { maxSteps: 1 });
    expect(plan.steps[0]!.action).toEqual({ kind: 'remove-connection', connection: 'c-002', cost: 2500 });
  });
});
