// The remediation plan ranked by time bought (#19, remediationPlan(model, { rank: 'time' })):
// a hand-made plant where the two rankings disagree on the first step, and on random plants every
// step's days against an oracle that enumerates every simple attack path (no Dijkstra, no
// contextAfter: the model is changed with applyAction and compiled again) and checks that no
// affordable candidate buys more days per cost. The default ranking stays the former plan's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisError, buildContext } from '../../../src/analysis/context';
import { jewelImpact } from '../../../src/analysis/impact';
import { type AttackerProfile } from '../../../src/analysis/profiles';
import { applyAction, candidateActions, remediationPlan, type RemediationAction } from '../../../src/analysis/remediation';
import { TIME_CAP_DAYS } from '../../../src/analysis/remediation/time';
import { edgeTimes, meanDays, TTC_CLASSES } from '../../../src/analysis/ttc';
import type { PlantModel } from '../../../src/model/schema';
import { readFileSync } from 'node:fs';
import { createAnalysisSession } from '../../../src/session/analysis-session';
import { remediationPlant } from '../../helpers/exhaustive';
import { referenceRemediationPlan } from '../../helpers/remediation-reference';

/**
 * One crown jewel (a PLC) reached from an office workstation two ways:
 * - a transient laptop carried from the workstation to the PLC: likely (0.5) but slow — it waits
 *   for the laptop's monthly round (uniform over 30 days, mean 15) and tries again each round;
 * - RDP into the HMI (0.4), then an unauthenticated Modbus command to the PLC (0.8): less likely
 *   (0.32) but quick — two easy steps of a day each.
 * The risk ranking stops the laptop (the most likely path; blocking RDP removes no risk while the
 * laptop path stays the likeliest); the time ranking blocks RDP (the quickest path; stopping the
 * laptop buys no time while RDP stays the quickest).
 */
function twoRoutePlant(): PlantModel {
  return {
    schemaVersion: 1, plant: { id: 'two-routes', name: 'Two routes to the PLC' },
    zones: [{ id: 'z4', name: 'Office', purdueLevel: 4 }, { id: 'z2', name: 'Supervisory', purdueLevel: 2 }, { id: 'z1', name: 'Control', purdueLevel: 1 }],
    assets: [
      { id: 'ws', name: 'Office workstation', kind: 'workstation', zone: 'z4' },
      { id: 'hmi', name: 'HMI', kind: 'hmi', zone: 'z2' },
      { id: 'plc', name: 'PLC', kind: 'plc', zone: 'z1' },
    ],
    connections: [
      { id: 'c-rdp', from: 'ws', to: 'hmi', protocol: 'rdp', port: 3389, direction: 'one-way' },
      { id: 'c-mb', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', port: 502, direction: 'one-way' },
    ],
    media: [{ id: 'm-laptop', kind: 'transient-laptop', from: ['ws'], to: ['plc'] }],
    entryPoints: [{ asset: 'ws' }],
    crownJewels: [{ asset: 'plc', impact: { downtimeCostPerHour: 1000 } }],
  };
}

/**
 * The oracle: each jewel's expected days along its quickest path, by enumerating every simple path
 * from every entry point (each step: mean days / likelihood), and the plant's impact-weighted time.
 */
function bruteDays(model: PlantModel, profile?: AttackerProfile): { days: number; jewelDays: number[] } {
  const ctx = buildContext(model, undefined, { profile });
  const ag = ctx.attack;
  const t = edgeTimes(ctx);
  const best = new Float64Array(ag.nodeCount).fill(Infinity);
  const on = new Uint8Array(ag.nodeCount);
  const walk = (v: number, days: number) => {
    best[v] = Math.min(best[v]!, days);
    on[v] = 1;
    for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) {
      const w = ag.edgeTarget[e]!;
      const p = ag.likelihood[e]!;
      if (!on[w] && p > 0) walk(w, days + meanDays(t.kind[e]!, t.scale[e]!) / p);
    }
    on[v] = 0;
  };
  for (const s of ctx.entries) walk(s, 0);
  const money = model.crownJewels.map((j) => jewelImpact(model, j).money);
  const total = money.reduce((a, b) => a + b, 0);
  const jewelDays = ctx.jewels.map((j) => best[j]!);
  const days = jewelDays.reduce((sum, d, i) => sum + (total > 0 ? money[i]! / total : 1 / money.length) * Math.min(d, TIME_CAP_DAYS), 0);
  return { days, jewelDays };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const key = (a: RemediationAction) => JSON.stringify(a);

describe('remediation ranked by time bought', () => {
  it('on two routes to a PLC, the time ranking blocks the quick route where the risk ranking stops the likely one', () => {
    const m = twoRoutePlant();
    const ctx = buildContext(m);
    // The plant is as described: the three steps, their likelihoods and time classes.
    const edge = (from: string, to: string) => {
      const s = ctx.index.get(from)!;
      for (let e = ctx.attack.offsets[s]!; e < ctx.attack.offsets[s + 1]!; e++) if (ctx.ids[ctx.attack.edgeTarget[e]!] === to) return e;
      throw new Error(`no edge ${from} → ${to}`);
    };
    const t = edgeTimes(ctx);
    const [laptop, rdp, modbus] = [edge('ws', 'plc'), edge('ws', 'hmi'), edge('hmi', 'plc')];
    const lik = (e: number) => ctx.attack.likelihood[e]!;
    const mean = (e: number) => meanDays(t.kind[e]!, t.scale[e]!);
    expect(lik(laptop)).toBeGreaterThan(lik(rdp) * lik(modbus)); // the laptop route is the likelier
    expect(mean(laptop)).toBe(TTC_CLASSES.rounds.meanDays);
    expect([mean(rdp), mean(modbus)]).toEqual([TTC_CLASSES.easy.meanDays, TTC_CLASSES.easy.meanDays]);
    const slow = mean(laptop) / lik(laptop);
    const quick = mean(rdp) / lik(rdp) + mean(modbus) / lik(modbus);
    expect(quick).toBeLessThan(slow); // … and the RDP route the quicker

    const byRisk = remediationPlan(m, { maxSteps: 1 });
    const byTime = remediationPlan(m, { maxSteps: 1, rank: 'time' });
    expect(byRisk.steps[0]!.action).toEqual({ kind: 'isolate-media', media: 'm-laptop', cost: 1500 });
    expect(byTime.steps[0]!.action).toEqual({ kind: 'remove-connection', connection: 'c-rdp', cost: 2500 });
    // Blocking RDP leaves the laptop route: the days bought are the difference of the two routes.
    const step = byTime.steps[0]!;
    expect(step.daysBefore).toBeCloseTo(quick, 12);
    expect(step.daysAfter).toBeCloseTo(slow, 12);
    expect(step.daysBought).toBeCloseTo(slow - quick, 12);
    expect(step.riskRemoved).toBe(0); // it removes no risk: the likeliest route was never through RDP
    expect(byTime.rank).toBe('time');
    expect([byTime.baselineDays, byTime.finalDays]).toEqual([step.daysBefore, step.daysAfter]);
    expect(byTime.curve).toEqual([{ cost: 0, risk: byTime.baselineRisk, days: step.daysBefore }, { cost: 2500, risk: step.riskAfter, days: step.daysAfter }]);
    // Once both routes are closed, the jewel is unreachable: it counts as the cap.
    const both = remediationPlan(m, { maxSteps: 5, rank: 'time' });
    expect(both.finalDays).toBe(TIME_CAP_DAYS);
    expect(both.steps.at(-1)!.daysAfter).toBe(TIME_CAP_DAYS);
  });

  it('days bought equal the times recomputed before and after, and no affordable candidate buys more per cost (random plants)', () => {
    let steps = 0;
    let differs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }), fc.constantFrom<AttackerProfile | undefined>(undefined, 'cybercriminal'), (seed, budget, profile) => {
        const m = remediationPlant(seed, 7);
        const ctx = buildContext(m, undefined, { profile });
        const plan = remediationPlan(m, { maxSteps: 4, rank: 'time', context: ctx, ...(budget !== undefined ? { budget } : {}) });
        let current = m;
        let spent = 0;
        expect(close(plan.baselineDays!, bruteDays(m, profile).days)).toBe(true);
        const riskPlan = remediationPlan(m, { maxSteps: 4, context: ctx, ...(budget !== undefined ? { budget } : {}) });
        if (key(riskPlan.steps[0]?.action ?? { kind: 'none' } as never) !== key(plan.steps[0]?.action ?? { kind: 'none' } as never)) differs++;
        const bestScore = (model: PlantModel, before: number) => {
          let best = 0;
          for (const a of candidateActions(buildContext(model, undefined, { profile }))) {
            if (budget !== undefined && spent + a.cost > budget) continue;
            best = Math.max(best, (bruteDays(applyAction(model, a), profile).days - before) / a.cost);
          }
          return best;
        };
        for (const s of plan.steps) {
          const before = bruteDays(current, profile).days;
          expect(close(s.daysBefore!, before)).toBe(true);
          const best = bestScore(current, before);
          current = applyAction(current, s.action);
          spent += s.action.cost;
          const after = bruteDays(current, profile).days;
          expect(close(s.daysAfter!, after)).toBe(true);
          expect(close(s.daysBought!, after - before)).toBe(true);
          expect(s.daysBought!).toBeGreaterThan(0);
          expect(s.daysBought! / s.action.cost).toBeGreaterThanOrEqual(best * (1 - 1e-9)); // the greedy choice
          expect(s.cumulativeCost).toBe(spent);
          if (budget !== undefined) expect(spent).toBeLessThanOrEqual(budget);
          steps++;
        }
        // A plan that stops early stops because nothing affordable buys time.
        if (plan.steps.length < 4) expect(bestScore(current, bruteDays(current, profile).days)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 60, seed: 19 },
    );
    expect(steps).toBeGreaterThan(30); // the property looked at real steps, not empty plans
    expect(differs).toBeGreaterThan(0); // and at plants where the rankings disagree
  });

  it('leaves the default plan as it was: no rank, the same steps as rank risk and as the former plan', () => {
    const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
    for (const m of [twoRoutePlant(), reference, remediationPlant(7, 8)]) {
      const plain = remediationPlan(m, { maxSteps: 4 });
      expect(remediationPlan(m, { maxSteps: 4, rank: 'risk' })).toEqual(plain);
      expect(plain).toEqual(referenceRemediationPlan(m, { maxSteps: 4 }));
      expect('rank' in plain || 'baselineDays' in plain).toBe(false);
      for (const s of plain.steps) expect('daysBought' in s).toBe(false);
    }
  });

  it('reaches the session: remediate({ rank }) plans the loaded plant as the attacker chosen', () => {
    const session = createAnalysisSession();
    expect(session.loadTextSummary(JSON.stringify(twoRoutePlant())).kind).toBe('ok');
    const byTime = session.remediate({ maxSteps: 2, rank: 'time' });
    expect(byTime).toEqual(remediationPlan(twoRoutePlant(), { maxSteps: 2, rank: 'time' }));
    expect(byTime.steps[0]!.action.kind).toBe('remove-connection');
    expect(session.remediate({ maxSteps: 2 })).toEqual(remediationPlan(twoRoutePlant(), { maxSteps: 2 }));
    expect(session.setProfile('opportunistic').kind).toBe('ok');
    const m = twoRoutePlant();
    const asOpportunist = session.remediate({ maxSteps: 2, rank: 'time' });
    expect(asOpportunist).toEqual(remediationPlan(m, { maxSteps: 2, rank: 'time', context: buildContext(m, undefined, { profile: 'opportunistic' }) }));
    expect(asOpportunist.baselineDays).toBeGreaterThan(byTime.baselineDays!); // a novice is slower at the Modbus command (ics: ×1/0.15)
  });

  it('refuses a rank it does not know', () => {
    expect(() => remediationPlan(twoRoutePlant(), { rank: 'speed' as never })).toThrow(AnalysisError);
    expect(() => remediationPlan(twoRoutePlant(), { rank: 'speed' as never })).toThrow(/rank must be one of risk, time/);
  });
});
