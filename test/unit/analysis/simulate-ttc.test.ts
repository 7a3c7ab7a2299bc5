// Monte Carlo with times (src/analysis/simulate.ts, ttc.ts): the 95 % intervals hold the exact
// probability about 95 % of the time; the timed run reaches exactly the jewels the fast run reaches;
// times follow their distributions (an Erlang chain, a uniform media round, a Bernoulli × exponential
// step); results are the same for any split into chunks; profiles slow skill-bound steps down.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext, withProfile, type PlantContext } from '../../../src/analysis/context';
import {
  chunkPlan, chunkSeed, HISTOGRAM_BINS, horizonsOf, quantileDays, simulate, simulateChunk, simulateTimedChunk, summarizeTimedSimulation, timedStride, wilson,
} from '../../../src/analysis/simulate';
import { edgeTimes, TIME_EXPONENTIAL, TIME_UNIFORM, TTC_CLASSES } from '../../../src/analysis/ttc';
import type { PlantModel } from '../../../src/model/schema';
import { smallPlant } from '../../helpers/builders';
import { exactJewelProbabilities, monteCarloPlant } from '../../helpers/exhaustive';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** A chain entry → a1 → … → jewel of RDP connections with the given likelihood overrides (1: always). */
function chain(likelihoods: readonly (number | undefined)[], media?: { intervalDays?: number }): PlantContext {
  const n = likelihoods.length + 1;
  const model: PlantModel = {
    schemaVersion: 1, plant: { id: 'chain', name: 'Chain' }, zones: [{ id: 'z', name: 'Z', purdueLevel: 3 }],
    assets: Array.from({ length: n + (media ? 1 : 0) }, (_, i) => ({ id: `a${i}`, name: `A${i}`, kind: 'workstation' as const, zone: 'z' })),
    connections: likelihoods.map((l, i) => ({ id: `c${i}`, from: `a${i}`, to: `a${i + 1}`, protocol: 'rdp' as const, direction: 'one-way' as const, ...(l === undefined ? {} : { likelihood: l }) })),
    media: media ? [{ id: 'm', kind: 'removable-media', from: [`a${n - 1}`], to: [`a${n}`], likelihood: 1, ...media }] : [],
    entryPoints: [{ asset: 'a0' }], crownJewels: [{ asset: `a${media ? n : n - 1}`, impact: {} }],
  };
  return buildContext(model);
}

function timedRun(ctx: PlantContext, samples: number, seed: number, horizonDays?: number) {
  return simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, undefined, { times: edgeTimes(ctx), ...(horizonDays ? { horizonDays } : {}) });
}

describe('the oracle stays honest: 95 % intervals against exact enumeration', () => {
  it('the Wilson interval holds the exact probability in about 95 % of runs (fast and timed runs alike)', () => {
    const N = 1500;
    let runs = 0;
    let held = 0;
    for (let plantSeed = 0; plantSeed < 60 && runs < 1200; plantSeed++) {
      const ctx = buildContext(monteCarloPlant(plantSeed));
      const exact = exactJewelProbabilities(ctx.attack, ctx.entries, ctx.jewels);
      // Interior probabilities only: at 0 or 1 the interval is trivially right.
      const jewels = ctx.jewels.filter((_, i) => exact[i]! > 0.02 && exact[i]! < 0.98);
      if (jewels.length === 0) continue;
      const p = jewels.map((j) => exact[ctx.jewels.indexOf(j)]!);
      const times = edgeTimes(ctx);
      for (let r = 0; r < 12; r++) {
        const seed = Math.imul(plantSeed * 31 + r, 0x9e3779b1) >>> 0;
        const fast = simulate(ctx.attack, ctx.ids, ctx.entries, jewels, N, seed);
        const timed = simulate(ctx.attack, ctx.ids, ctx.entries, jewels, N, seed, undefined, { times });
        // The timed run reaches the same jewels in the same samples.
        expect(timed.jewels.map((j) => j.hits)).toEqual(fast.jewels.map((j) => j.hits));
        fast.jewels.forEach((j, i) => {
          runs++;
          if (j.ci95[0] <= p[i]! && p[i]! <= j.ci95[1]) held++;
        });
      }
    }
    expect(runs).toBeGreaterThan(600);
    const coverage = held / runs;
    // 95 % nominal; the band is ±3 standard errors of a coverage estimate over this many runs, plus
    // the Wilson interval's own small departure from 95 % at these sample sizes.
    const se = Math.sqrt((0.95 * 0.05) / runs);
    expect(coverage, `${held} of ${runs} intervals held the exact probability`).toBeGreaterThan(0.95 - 3 * se - 0.01);
    expect(coverage).toBeLessThan(0.95 + 3 * se + 0.01);
  });

  it('a timed run reaches the same jewels in the same samples as the fast run, chunk by chunk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 2500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const times = edgeTimes(ctx);
        const horizons = horizonsOf();
        chunkPlan(samples).forEach((size, c) => {
          const fast = simulateChunk(ctx.attack, ctx.entries, ctx.jewels, size, chunkSeed(seed, c));
          const timed = simulateTimedChunk(ctx.attack, times, ctx.entries, ctx.jewels, size, chunkSeed(seed, c), horizons);
          const stride = timedStride(horizons.length);
          ctx.jewels.forEach((_, j) => {
            expect(timed[j * stride]).toBe(fast[j]);
            // Within every horizon ≤ ever, and the histogram counts every hit once.
            for (let h = 0; h < horizons.length; h++) expect(timed[j * stride + 1 + h]!).toBeLessThanOrEqual(timed[j * stride]!);
            let sum = 0;
            for (let b = 0; b < HISTOGRAM_BINS; b++) sum += timed[j * stride + 1 + horizons.length + b]!;
            expect(sum).toBe(timed[j * stride]);
          });
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('times follow their distributions', () => {
  const N = 20_000;
  const tol = (p: number) => 4.5 * Math.sqrt((p * (1 - p)) / N) + 2 / N;

  it('two certain easy steps take an Erlang(2, 1 day) time: P(≤1 d) = 1 − 2/e, median 1.678 d', () => {
    const r = timedRun(chain([1, 1]), N, 7).jewels[0]!;
    expect(r.probability).toBe(1);
    const within = (d: number) => r.time!.within.find((w) => w.days === d)!.probability;
    const erlang = (t: number) => 1 - Math.exp(-t) * (1 + t);
    for (const d of [1, 7, 30]) expect(Math.abs(within(d) - erlang(d)), `${d} days`).toBeLessThanOrEqual(tol(erlang(d)));
    expect(r.time!.medianDays!).toBeGreaterThan(1.678 * 0.94);
    expect(r.time!.medianDays!).toBeLessThan(1.678 * 1.06);
    expect(r.time!.p10Days!).toBeCloseTo(0.5318, 1);
    expect(r.time!.p90Days!).toBeCloseTo(3.8897, 0);
  });

  it('a step that succeeds with 0.6 caps every horizon at 0.6 and leaves the median unknown above it', () => {
    const r = timedRun(chain([0.6]), N, 3, 2).jewels[0]!;
    expect(Math.abs(r.probability - 0.6)).toBeLessThanOrEqual(tol(0.6));
    const at2 = r.time!.within.find((w) => w.days === 2)!.probability;
    expect(Math.abs(at2 - 0.6 * (1 - Math.exp(-2)))).toBeLessThanOrEqual(tol(0.6 * (1 - Math.exp(-2))));
    expect(r.time!.medianDays).not.toBeNull(); // 0.6 ≥ 0.5
    expect(r.time!.p90Days).toBeNull(); // only 60 % ever succeed
    // Median of those that succeed: the exponential's, ln 2 days.
    expect(r.time!.medianIfCompromisedDays!).toBeGreaterThan(Math.LN2 * 0.94);
    expect(r.time!.medianIfCompromisedDays!).toBeLessThan(Math.LN2 * 1.06);
  });

  it('a removable medium waits for its round: uniform over intervalDays (default 30)', () => {
    for (const [media, interval] of [[{}, 30], [{ intervalDays: 7 }, 7]] as const) {
      const ctx = chain([1], media);
      const t = edgeTimes(ctx);
      const e = [...ctx.attack.rule].findIndex((_, i) => ctx.attack.edgeTarget[i] === ctx.jewels[0]);
      expect([t.kind[e], t.scale[e]]).toEqual([TIME_UNIFORM, interval]);
      const r = timedRun(ctx, N, 11).jewels[0]!;
      // Time = Exp(1) + U(0, interval): P(≤ interval) = 1 − (1 − e^{-interval})/interval.
      const exact = 1 - (1 - Math.exp(-interval)) / interval;
      const got = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, N, 11, undefined, { times: t, horizonDays: interval }).jewels[0]!.time!.within.find((w) => w.days === interval)!.probability;
      expect(Math.abs(got - exact), `interval ${interval}`).toBeLessThanOrEqual(tol(exact));
      expect(r.probability).toBe(1);
    }
  });

  it('the classes are MAL\'s rates, and a profile slows skill-bound steps by 1/S', () => {
    expect([TTC_CLASSES.easy.meanDays, TTC_CLASSES.hard.meanDays, TTC_CLASSES['very-hard'].meanDays]).toEqual([1, 10, 100]);
    const model = smallPlant({
      assets: [
        ['ws', 'workstation', 'z3'], ['db', 'database', 'z3', { vulnerabilities: [{ cve: 'CVE-2020-1000', cvss: 9 }] }],
        ['kv', 'database', 'z3', { vulnerabilities: [{ cve: 'CVE-2020-1001', cvss: 9, kev: true }] }], ['srv', 'server', 'z3'],
      ],
      connections: [['ws', 'db', 'mssql'], ['ws', 'kv', 'mssql'], ['ws', 'srv', 'snmp']],
      entryPoints: ['ws'],
    });
    const none = buildContext(model);
    const scaleTo = (ctx: PlantContext) => {
      const t = edgeTimes(ctx);
      const out: Record<string, number> = {};
      for (let e = 0; e < ctx.attack.edgeCount; e++) {
        expect(t.kind[e]).toBe(TIME_EXPONENTIAL);
        out[ctx.ids[ctx.attack.edgeTarget[e]!]!] = Number(t.scale[e]!.toFixed(6));
      }
      return out;
    };
    expect(scaleTo(none)).toEqual({ db: 10, kv: 1, srv: 100 });
    expect(scaleTo(withProfile(none, 'cybercriminal'))).toEqual({ db: Number((10 / 0.55).toFixed(6)), kv: 1, srv: Number((100 / 0.55).toFixed(6)) });
  });
});

describe('timed runs are reproducible and independent of how chunks are spread', () => {
  it('summing chunks in any order gives the whole run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 3500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const times = edgeTimes(ctx);
        const whole = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, undefined, { times, horizonDays: 3 });
        const horizons = horizonsOf(3);
        const parts = chunkPlan(samples).map((size, c) => simulateTimedChunk(ctx.attack, times, ctx.entries, ctx.jewels, size, chunkSeed(seed, c), horizons));
        const sum = new Float64Array(parts[0]!.length);
        for (const p of [...parts].reverse()) p.forEach((x, i) => (sum[i]! += x));
        expect(summarizeTimedSimulation(ctx.ids, ctx.jewels, sum, samples, seed, horizons, null)).toEqual(whole);
        expect(whole.timed!.horizonsDays).toEqual([1, 3, 7, 30]);
      }),
      { numRuns: 60 },
    );
  });

  it('quantiles read from a histogram: nothing compromised has no median; all at once has one', () => {
    const h = new Float64Array(HISTOGRAM_BINS);
    expect(quantileDays(h, 100, 0.5)).toBeNull();
    h[0] = 100;
    expect(quantileDays(h, 100, 0.5)).toBeLessThan(1 / 1440);
    expect(wilson(0, 10)[0]).toBe(0);
  });
});
