// The breach story: real asset and technique names, the analysis's own path and impact numbers.
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { blastRadius } from '../../../src/analysis/blast';
import { AnalysisError, withProfile } from '../../../src/analysis/context';
import { riskReport } from '../../../src/analysis/risk';
import { TECHNIQUES } from '../../../src/analysis/techniques';
import { breachStory, HOURS_PER_DAY, withTimeToCompromise } from '../../../src/report/story';
import { load, SAMPLES } from './fixtures';

const ctx = load('models/reference-plant.json');
const assetName = new Map(ctx.model.assets.map((a) => [a.id, a.name]));
const techniqueNames = new Set<string>(Object.values(TECHNIQUES).map((t) => t.name));

describe('breach story of the supplier entry on the reference plant', () => {
  const story = breachStory(ctx, 'supplier-net');
  // The story is told as the entry point's attacker: a cybercriminal (the model's profile of supplier-net).
  const told = withProfile(ctx, 'cybercriminal');

  it('is told as the attacker profile of its entry point, unless the analysis chose one', () => {
    expect(story.attacker).toEqual({ profile: 'cybercriminal', article: 'a cybercriminal', from: 'entry' });
    expect(breachStory(withProfile(ctx, 'nation-state'), 'supplier-net').attacker).toEqual({ profile: 'nation-state', article: 'a nation-state attacker', from: 'analysis' });
    const plain = { ...ctx, model: { ...ctx.model, entryPoints: ctx.model.entryPoints.map(({ profile: _p, ...e }) => e) } };
    expect(breachStory(plain, 'supplier-net').attacker).toEqual({ profile: null, article: 'an attacker', from: 'none' });
  });

  it('follows the path with the largest expected loss among the supplier’s paths to the crown jewels', () => {
    const impact = new Map(riskReport(ctx).jewels.map((j) => [j.asset, j.impact.money]));
    const paths = attackPaths(told, { from: ['supplier-net'] });
    const best = paths.reduce((a, b) => (b.likelihood * impact.get(b.to)! > a.likelihood * impact.get(a.to)! ? b : a));
    expect(story.target?.id).toBe(best.to);
    expect(story.likelihood).toBe(best.likelihood);
    expect(story.expectedLoss).toBeCloseTo(best.likelihood * impact.get(best.to)!, 6);
    expect(story.steps.map((s) => [s.fromId, s.toId])).toEqual(best.edges.map((e) => [e.from, e.to]));
    expect(story.target!.impactMoney).toBe(impact.get(best.to));
  });

  it('names assets and techniques, never bare ids, and chains from the entry to the target', () => {
    expect(story.entry.name).toBe('Tier-2 supplier network (castings)');
    expect(story.steps.length).toBeGreaterThanOrEqual(2);
    expect(story.steps[0]!.fromId).toBe('supplier-net');
    expect(story.steps.at(-1)!.toId).toBe(story.target!.id);
    let cumulative = 1;
    story.steps.forEach((s, k) => {
      expect(s.n).toBe(k + 1);
      if (k > 0) expect(s.fromId).toBe(story.steps[k - 1]!.toId);
      expect(s.fromName).toBe(assetName.get(s.fromId));
      expect(s.toName).toBe(assetName.get(s.toId));
      expect(s.sentence).toContain(s.fromName);
      expect(s.sentence).toContain(s.toName);
      expect(s.sentence).not.toMatch(/\bT0\d{3}\b/);
      expect(techniqueNames.has(s.techniqueName)).toBe(true);
      expect(s.techniqueName).toBe(TECHNIQUES[s.technique as keyof typeof TECHNIQUES].name);
      cumulative *= s.likelihood;
      expect(s.cumulative).toBeCloseTo(cumulative, 12);
    });
    expect(story.likelihood).toBeCloseTo(cumulative, 12);
    expect(story.headline).toContain(story.target!.name);
  });

  it('leads with its time to compromise, from a seeded Monte Carlo run as its attacker', () => {
    const t = withTimeToCompromise(ctx, story).ttc!;
    expect(withTimeToCompromise(ctx, story).ttc).toEqual(t);
    expect(t.within1Day).toBeLessThanOrEqual(t.within7Days);
    expect(t.within7Days).toBeLessThanOrEqual(t.within30Days);
    expect(t.within30Days).toBeLessThanOrEqual(t.ever);
    // The single best path is a lower bound of the share of attempts that ever succeed.
    expect(t.ever).toBeGreaterThanOrEqual(story.likelihood - 3 * Math.sqrt(story.likelihood / t.samples));
    expect(t.sentence).toMatch(/^A cybercriminal entering through Tier-2 supplier network \(castings\) reaches /);
    expect(t.sentence).toContain(story.target!.name);
    expect(t.sentence).toMatch(/within 30 days\.$/);
  });

  it('ends in the blast radius impact: lines stopped, downtime per hour and per day, safety, data', () => {
    const blast = blastRadius(told, ['supplier-net']);
    const i = story.impact;
    expect(i.assetsReached).toBe(blast.reached.count);
    expect(i.linesStopped.map((l) => l.id)).toEqual(blast.impact.productionLinesStopped.map((l) => l.id));
    expect(i.linesStopped.map((l) => l.name)).toEqual(ctx.model.productionLines!.filter((l) => blast.impact.productionLinesStopped.some((s) => s.id === l.id)).map((l) => l.name));
    expect(i.linesTotal).toBe(ctx.model.productionLines!.length);
    expect(i.downtimePerHour).toBe(blast.impact.downtimeCostPerHour);
    expect(i.downtimePerDay).toBe(blast.impact.downtimeCostPerHour * HOURS_PER_DAY);
    expect(i.worstSafety).toBe(blast.impact.worstSafety);
    expect(i.dataExposed.map((d) => d.id)).toEqual(blast.impact.dataExposed.map((d) => d.asset));
    expect(i.crownJewels.map((j) => j.id)).toEqual(blast.impact.crownJewels);
    // The safety text names the crown jewel that carries the worst consequence.
    const carrier = ctx.model.crownJewels.find((j) => blast.impact.crownJewels.includes(j.asset) && (j.impact.safety ?? 'none') === blast.impact.worstSafety);
    expect(i.safetyText).toContain(assetName.get(carrier!.asset)!);
    // Data labels are words, not enum values.
    for (const d of i.dataExposed) expect(d.label).not.toContain('-');
  });
});

describe('every entry point of both sample plants tells a story', () => {
  for (const file of SAMPLES) {
    it(file, () => {
      const c = load(file);
      const risk = riskReport(c);
      for (const e of c.model.entryPoints) {
        const s = breachStory(c, e.asset);
        const told = withProfile(c, e.profile);
        expect(s.entry.id).toBe(e.asset);
        if (s.target) {
          expect(s.steps[0]!.fromId).toBe(e.asset);
          expect(s.steps.at(-1)!.toId).toBe(s.target.id);
          // No path from this entry is worth more than the story's (expected loss).
          for (const p of attackPaths(told, { from: [e.asset] })) {
            const money = risk.jewels.find((j) => j.asset === p.to)!.impact.money;
            expect(p.likelihood * money).toBeLessThanOrEqual(s.expectedLoss * (1 + 1e-12));
          }
        } else expect(s.steps).toEqual([]);
        expect(s.impact.downtimePerDay).toBe(s.impact.downtimePerHour * 24);
      }
    });
  }
});

describe('edge cases', () => {
  it('an asset that reaches no crown jewel has no steps but still its (empty) impact', () => {
    const quiet = ctx.model.assets.find((a, v) => ctx.attack.offsets[v + 1] === ctx.attack.offsets[v] && !ctx.model.crownJewels.some((j) => j.asset === a.id))!;
    const s = breachStory(ctx, quiet.id);
    expect(s.target).toBeNull();
    expect(s.steps).toEqual([]);
    expect(s.likelihood).toBe(0);
    expect(s.impact.assetsReached).toBe(1);
    expect(s.headline).toContain(quiet.name);
  });

  it('an unknown asset is a typed error', () => {
    expect(() => breachStory(ctx, 'no-such-asset')).toThrow(AnalysisError);
  });
});
