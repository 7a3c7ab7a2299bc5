// The executive summary: KPIs, before/after and charts' data equal what the analysis computes.
import { describe, expect, it } from 'vitest';
import { blastRadius } from '../../../src/analysis/blast';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { AnalysisError, buildContext } from '../../../src/analysis/context';
import { diffScenarios } from '../../../src/analysis/diff';
import { applyAction, remediationPlan } from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import { executiveSummary, kpis, topEntry } from '../../../src/report/executive';
import { breachStory, withTimeToCompromise } from '../../../src/report/story';
import { formatMoney, formatPercent } from '../../../src/report/format';
import { stepTexts } from '../../../src/report/plan';
import { load, SAMPLES } from './fixtures';

const ctx = load('models/reference-plant.json');
const risk = riskReport(ctx);

describe('executive summary of the reference plant', () => {
  const s = executiveSummary(ctx, { entry: 'supplier-net', steps: 3 });

  it('KPI cards come from risk, blast radius and chokepoints', () => {
    expect(s.kpis.plantRisk).toBe(risk.total);
    expect(s.kpis.moneyAtRisk).toBe(risk.jewels.filter((j) => j.reachable).reduce((a, j) => a + j.impact.money, 0));
    const all = blastRadius(ctx, ctx.model.entryPoints.map((e) => e.asset));
    expect(s.kpis.linesAtRisk).toBe(all.impact.productionLinesStopped.length);
    expect(s.kpis.linesTotal).toBe(ctx.model.productionLines!.length);
    const c = chokepoints(ctx);
    const cut = c.minCut.kind === 'nothing-to-cut' ? [] : c.minCut.assets;
    expect(s.kpis.chokepoints).toBe(new Set([...cut, ...c.dominators.flatMap((d) => d.assets)]).size);
    expect(s.kpis.chokepoints).toBeGreaterThan(0);
    expect(s.kpis.jewelsReachable).toBe(risk.jewels.filter((j) => j.reachable).length);
  });

  it('tells the supplier story and lists every entry point for the picker', () => {
    expect(s.entry).toBe('supplier-net');
    expect(s.story).toEqual(withTimeToCompromise(ctx, breachStory(ctx, 'supplier-net')));
    expect(s.story!.ttc!.sentence).toContain('A cybercriminal entering through Tier-2 supplier network (castings) reaches');
    expect(s.profile).toBeNull();
    expect(s.entries.map((e) => e.id)).toEqual(ctx.model.entryPoints.map((e) => e.asset));
    expect(s.entries.find((e) => e.id === 'supplier-net')!.name).toBe('Tier-2 supplier network (castings)');
  });

  it('before/after for the first 3 plan steps equals the plan and an independent re-evaluation', () => {
    const plan = remediationPlan(ctx.model, { maxSteps: 10 });
    const ba = s.beforeAfter!;
    expect(ba.kind).toBe('plan');
    // Names only in the words; the ids they stand for kept apart (the view's tooltips).
    expect(ba.changes.map((c) => ({ text: c.description, refs: c.refs }))).toEqual(stepTexts(ctx.model, plan.steps.slice(0, 3).map((x) => x.action)));
    expect(s.plan.steps.map((x) => x.description)).toEqual(stepTexts(ctx.model, plan.steps.map((x) => x.action)).map((x) => x.text));
    expect(ba.cost).toBe(plan.steps[2]!.cumulativeCost);
    expect(ba.riskBefore).toBe(risk.total);
    expect(ba.riskAfter).toBeCloseTo(plan.curve[3]!.risk, 3);
    let m = ctx.model;
    for (const x of plan.steps.slice(0, 3)) m = applyAction(m, x.action);
    expect(ba.riskAfter).toBeCloseTo(riskReport(buildContext(m)).total, 6);
    expect(ba.cut).toBeCloseTo((ba.riskBefore - ba.riskAfter) / ba.riskBefore, 12);
    expect(ba.cut).toBeGreaterThan(0);
    expect(ba.headline).toBe(`These 3 fixes costing ${formatMoney(ba.cost!)} cut plant risk by ${formatPercent(ba.cut)}: ${formatMoney(ba.riskBefore)} → ${formatMoney(ba.riskAfter)}.`);
    expect(ba.story!.likelihoodBefore).toBe(s.story!.likelihood);
    expect(ba.story!.downtimePerHourBefore).toBe(s.story!.impact.downtimePerHour);
    expect(s.plan.curve).toEqual(plan.curve);
  });

  it('more steps never cost less nor leave more risk', () => {
    const five = executiveSummary(ctx, { entry: 'supplier-net', steps: 5 }).beforeAfter!;
    expect(five.cost!).toBeGreaterThan(s.beforeAfter!.cost!);
    expect(five.riskAfter).toBeLessThanOrEqual(s.beforeAfter!.riskAfter + 1e-6);
    expect(executiveSummary(ctx, { entry: 'supplier-net', steps: 0 }).beforeAfter).toBeNull();
  });

  it('risk by zone adds up to the plant risk and is sorted', () => {
    const sum = s.riskByZone.reduce((a, z) => a + z.risk, 0);
    expect(sum).toBeCloseTo(risk.total, 3);
    for (let i = 1; i < s.riskByZone.length; i++) expect(s.riskByZone[i]!.risk).toBeLessThanOrEqual(s.riskByZone[i - 1]!.risk);
    const zoneNames = new Set(ctx.model.zones.map((z) => z.name));
    for (const z of s.riskByZone) expect(zoneNames.has(z.name)).toBe(true);
  });

  it('has no scenario KPIs without a scenario', () => {
    expect(s.scenarioKpis).toBeNull();
  });

  it('is plain data (crosses the worker boundary unchanged)', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('defaults to the entry point with the largest expected loss', () => {
    const losses = ctx.model.entryPoints.map((e) => ({ id: e.asset, loss: breachStory(ctx, e.asset).expectedLoss }));
    const best = losses.reduce((a, b) => (b.loss > a.loss ? b : a));
    expect(topEntry(ctx)).toBe(best.id);
    expect(executiveSummary(ctx).entry).toBe(best.id);
  });

  it('rejects bad parameters with typed errors', () => {
    expect(() => executiveSummary(ctx, { steps: -1 })).toThrow(AnalysisError);
    expect(() => executiveSummary(ctx, { steps: 1.5 })).toThrow(AnalysisError);
    expect(() => executiveSummary(ctx, { entry: 'nope' })).toThrow(AnalysisError);
  });
});

describe('before/after for a what-if scenario model', () => {
  it('the water utility without the integrator’s remote access: the diff’s numbers, the story cut', () => {
    const base = load('models/water-treatment.json');
    const remote = base.model.connections.find((c) => c.from === 'integrator')!;
    const changed = buildContext({ ...base.model, connections: base.model.connections.filter((c) => c.id !== remote.id) });
    const s = executiveSummary(base, { entry: 'integrator', scenario: { name: 'no vendor remote', ctx: changed, changes: [`Block ${remote.id}`] } });
    const d = diffScenarios(base, changed);
    const sc = s.scenario!;
    expect(sc.kind).toBe('scenario');
    expect(sc.riskBefore).toBe(d.risk.base);
    expect(sc.riskAfter).toBe(d.risk.changed);
    expect(sc.cut).toBeCloseTo(-d.risk.delta / d.risk.base, 12);
    expect(sc.cost).toBeNull();
    expect(sc.changes).toEqual([{ description: `Block ${remote.id}`, cost: null, refs: [] }]);
    // The KPI cards of both: the baseline's and the scenario's, from the same formula.
    expect(s.kpis).toEqual(kpis(base));
    expect(s.scenarioKpis).toEqual(kpis(changed));
    expect(s.scenarioKpis!.plantRisk).toBe(d.risk.changed);
    expect(sc.headline).toContain('no vendor remote');
    expect(sc.story!.likelihoodBefore).toBeGreaterThan(0);
    expect(sc.story!.likelihoodAfter).toBeLessThan(sc.story!.likelihoodBefore);
    const names = new Map(base.model.assets.map((a) => [a.id, a.name]));
    expect(sc.jewelsNoLongerReachable).toEqual(d.noLongerReachable.map((id) => names.get(id)));
  });
});

describe('both sample plants', () => {
  for (const file of SAMPLES) {
    it(`${file}: a complete summary`, () => {
      const c = load(file);
      const s = executiveSummary(c);
      expect(s.story?.steps.length).toBeGreaterThan(0);
      expect(s.kpis.plantRisk).toBe(riskReport(c).total);
      expect(s.beforeAfter?.riskAfter).toBeLessThan(s.beforeAfter!.riskBefore);
      expect(s.riskByZone.length).toBeGreaterThan(0);
      expect(s.plan.curve.length).toBe(s.plan.steps.length + 1);
    });
  }
});

describe('the analysis session (what the worker answers)', () => {
  it('executive(): the baseline’s story and report; with a what-if active, the scenario before/after', async () => {
    const { createAnalysisSession } = await import('../../../src/session/analysis-session');
    const { readFileSync } = await import('node:fs');
    const session = createAnalysisSession();
    const text = readFileSync('models/water-treatment.json', 'utf8');
    expect(session.loadTextSummary(text).kind).toBe('ok');
    const plain = session.executive({ entry: 'integrator', steps: 2 });
    expect(plain.summary.scenario).toBeNull();
    expect(plain.summary.beforeAfter!.changes).toHaveLength(2);
    expect(plain.html).toContain('Breach story: ');
    const base = load('models/water-treatment.json');
    const remote = base.model.connections.find((c) => c.from === 'integrator')!;
    const applied = session.applyScenario([{ kind: 'remove-connection', connection: remote.id, cost: 0 }]);
    if (applied.kind !== 'ok') throw new Error('scenario invalid');
    const withScenario = session.executive({ entry: 'integrator', steps: 2, scenarioName: 'No remote', scenarioChanges: ['Block the integrator'] });
    // The story and KPIs stay the baseline's; the scenario is compared against it.
    expect(withScenario.summary.story).toEqual(plain.summary.story);
    expect(withScenario.summary.kpis).toEqual(plain.summary.kpis);
    expect(withScenario.summary.scenario!.riskBefore).toBe(applied.diff!.risk.base);
    expect(withScenario.summary.scenario!.riskAfter).toBe(applied.diff!.risk.changed);
    expect(withScenario.html).toContain('What-if scenario: No remote');
    const svg = session.graphSvg(['integrator', 'ra-ewon']);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/data-layer="breach-path">(.*?)<\/g>/)![1]!.match(/<line /g)).toHaveLength(1);
  });
});
