// Remediation's fast evaluation and local re-derivation against a full rebuild, plans within budget, on random small plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { applyAction, candidateActions, contextAfter, remediationPlan, riskAfter, type RemediationAction } from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import type { PlantModel } from '../../../src/model/schema';
import { edgeMultiset, remediationPlant } from '../../helpers/exhaustive';
import { randomContext } from '../../helpers/random';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });


const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

describe('remediation fast evaluation', () => {
  it('riskAfter equals the risk of the rebuilt plant, for every candidate action', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = randomContext(seed, 10);
        for (const a of candidateActions(ctx)) {
          const slow = riskReport(buildContext(applyAction(ctx.model, a))).total;
          const fast = riskAfter(ctx, a);
          expect(Math.abs(fast - slow)).toBeLessThanOrEqual(1e-9 * Math.max(1, slow));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('remediation fast path vs full rebuild', () => {
  it('contextAfter gives the same risk (and the same attack edges) as rebuilding the applied model, for every candidate', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(seeds, (seed) => {
        const model = remediationPlant(seed);
        const snapshot = JSON.stringify(model);
        const ctx = buildContext(model);
        for (const a of candidateActions(ctx)) {
          kinds.add(a.kind === 'add-control' ? `add-control:${a.control}` : a.kind);
          const fast = contextAfter(ctx, a);
          const slow = buildContext(applyAction(ctx.model, a));
          const rf = riskReport(fast);
          const rs = riskReport(slow);
          const where = `seed ${seed}, ${JSON.stringify(a)}: fast ${rf.total}, full ${rs.total}`;
          expect(relClose(rf.total, rs.total, 1e-9), where).toBe(true);
          rf.jewels.forEach((j, i) => expect(relClose(j.likelihood, rs.jewels[i]!.likelihood, 1e-9), `${where}, jewel ${j.asset}`).toBe(true));
          expect(edgeMultiset(fast.attack), where).toEqual(edgeMultiset(slow.attack));
        }
        expect(JSON.stringify(model), 'the model is not changed').toBe(snapshot);
      }),
      { numRuns: 200 },
    );
    // Every kind of action was exercised.
    for (const k of ['patch-cve', 'remove-connection', 'require-authentication', 'isolate-media', 'remove-trust', 'add-control:mfa', 'add-control:allowlisting', 'add-control:usb-control', 'add-control:dpi-firewall']) {
      expect(kinds, k).toContain(k);
    }
  });

  const unpatchable = (model: PlantModel) => new Set(model.assets.filter((a) => a.patchable === false).map((a) => a.id));
  const patchesUnpatchable = (model: PlantModel, a: RemediationAction) => a.kind === 'patch-cve' && unpatchable(model).has(a.asset);

  it('plans stay within budget, the risk curve never rises, and patchable: false assets are never patched', () => {
    let patchable = 0;
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 10 }), (seed, budget, maxSteps) => {
        const model = remediationPlant(seed);
        const ctx = buildContext(model);
        for (const a of candidateActions(ctx)) expect(patchesUnpatchable(model, a), JSON.stringify(a)).toBe(false);
        const plan = remediationPlan(model, { budget, maxSteps });
        expect(plan.budget).toBe(budget);
        expect(plan.steps.length).toBeLessThanOrEqual(maxSteps);
        expect(plan.curve.length).toBe(plan.steps.length + 1);
        expect(plan.curve[0]).toEqual({ cost: 0, risk: plan.baselineRisk });
        expect(plan.baselineRisk).toBe(riskReport(ctx).total);
        let spent = 0;
        let current = model;
        plan.steps.forEach((s, i) => {
          expect(patchesUnpatchable(model, s.action), s.description).toBe(false);
          if (s.action.kind === 'patch-cve') patchable++;
          spent += s.action.cost;
          expect(s.cumulativeCost).toBe(spent);
          expect(s.cumulativeCost).toBeLessThanOrEqual(budget);
          expect(plan.curve[i + 1]!.cost).toBe(spent);
          expect(plan.curve[i + 1]!.risk).toBeLessThanOrEqual(plan.curve[i]!.risk);
          expect(s.riskRemoved, 'every step removes some risk').toBeGreaterThan(0);
          expect(s.riskBefore).toBe(plan.curve[i]!.risk);
          expect(s.riskAfter).toBe(plan.curve[i + 1]!.risk);
          // Replaying the steps on the model gives the same risk.
          current = applyAction(current, s.action);
          expect(relClose(riskReport(buildContext(current)).total, s.riskAfter, 1e-9)).toBe(true);
        });
        expect(plan.finalRisk).toBe(plan.curve.at(-1)!.risk);
        expect(plan.notes[0]).toContain(`${model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length} asset(s)`);
      }),
      { numRuns: 100 },
    );
    expect(patchable, 'some plans patch a CVE').toBeGreaterThan(0);
  });

  it('never patches a patchable: false asset even when patching it is the best action', () => {
    const build = (canPatch: boolean): PlantModel => ({
      schemaVersion: 1,
      plant: { id: 'p', name: 'Patchable' },
      zones: [{ id: 'ext', name: 'External', purdueLevel: 5 }, { id: 'ctl', name: 'Control', purdueLevel: 1 }],
      assets: [
        { id: 'inet', name: 'Internet', kind: 'internet', zone: 'ext' },
        { id: 'hmi', name: 'HMI', kind: 'hmi', zone: 'ctl', vulnerabilities: [{ cve: 'CVE-2019-0708', cvss: 9.8, kev: true }], ...(canPatch ? {} : { patchable: false }) },
        { id: 'plc', name: 'PLC', kind: 'plc', zone: 'ctl', vulnerabilities: [{ cve: 'CVE-2020-15782', cvss: 8.1 }] },
      ],
      connections: [
        { id: 'c1', from: 'inet', to: 'hmi', protocol: 'https', direction: 'one-way', required: true },
        { id: 'c2', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way', required: true },
      ],
      entryPoints: [{ asset: 'inet' }],
      crownJewels: [{ asset: 'plc', impact: { downtimeCostPerHour: 10_000 } }],
    });
    const isHmiPatch = (a: RemediationAction) => a.kind === 'patch-cve' && a.asset === 'hmi';
    // Control: when the HMI may be patched, patching it is the first step of the plan.
    const free = remediationPlan(build(true), { maxSteps: 3 });
    expect(isHmiPatch(free.steps[0]!.action)).toBe(true);
    // With patchable: false it is never proposed nor planned, at any budget; the PLC's CVE still is.
    const model = build(false);
    expect(candidateActions(buildContext(model)).some(isHmiPatch)).toBe(false);
    expect(candidateActions(buildContext(model)).some((a) => a.kind === 'patch-cve' && a.asset === 'plc')).toBe(true);
    for (const budget of [undefined, 0, 1500, 3000, 10_000, 100_000]) {
      const plan = remediationPlan(model, { maxSteps: 10, ...(budget === undefined ? {} : { budget }) });
      expect(plan.steps.some((s) => isHmiPatch(s.action)), `budget ${budget}`).toBe(false);
      expect(plan.notes[0]).toMatch(/^1 asset\(s\) marked patchable: false/);
    }
  });
});
