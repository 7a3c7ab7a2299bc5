// Monte Carlo against exact enumeration of every outcome of every attack edge, on tiny plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { riskReport } from '../../../src/analysis/risk';
import { chunkPlan, chunkSeed, SAMPLES_PER_CHUNK, simulate, simulateChunk, wilson } from '../../../src/analysis/simulate';
import { exactJewelProbabilities, monteCarloPlant } from '../../helpers/exhaustive';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('Monte Carlo vs exact enumeration of edge outcomes', () => {
  const N = 20_000;
  /** Fixed plants (seeds of monteCarloPlant): mostly non-trivial probabilities, a few unreachable jewels (probability 0). */
  const MC_SEEDS = [2, 3, 5, 6, 7, 8, 9, 11, 14, 15, 19, 20, 21, 23, 25, 26, 27, 29, 34, 36, 37, 38];

  it('each jewel estimate is within 4.5 σ of the exact probability, which lies in a widened Wilson interval', () => {
    let beatsLowerBound = 0;
    for (const seed of MC_SEEDS) {
      const ctx = buildContext(monteCarloPlant(seed));
      expect(ctx.attack.edgeCount, `plant ${seed}`).toBeLessThanOrEqual(14);
      const exact = exactJewelProbabilities(ctx.attack, ctx.entries, ctx.jewels);
      const runSeed = Math.imul(seed, 2654435761) >>> 0;
      const sim = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, N, runSeed);
      expect(sim.samples).toBe(N);
      expect(sim.jewels.map((j) => j.asset)).toEqual(ctx.jewels.map((j) => ctx.ids[j]));
      const lower = riskReport(ctx).jewels.map((j) => j.likelihood);
      sim.jewels.forEach((got, i) => {
        const p = exact[i]!;
        const where = `plant ${seed}, jewel ${got.asset}: exact ${p}, estimate ${got.probability}`;
        expect(got.probability, where).toBe(got.hits / N);
        expect(got.ci95, where).toEqual(wilson(got.hits, N));
        const tol = 4.5 * Math.sqrt((p * (1 - p)) / N) + 2 / N;
        expect(Math.abs(got.probability - p), where).toBeLessThanOrEqual(tol);
        // The 95 % Wilson interval widened to ≈ 4.5 σ (×2.3) plus one sample either side.
        const [lo, hi] = got.ci95;
        const centre = (lo + hi) / 2;
        const half = ((hi - lo) / 2) * 2.3 + 1 / N;
        expect(p, where).toBeGreaterThanOrEqual(centre - half);
        expect(p, where).toBeLessThanOrEqual(centre + half);
        // The single best path is only a lower bound of the exact probability.
        expect(lower[i]!, where).toBeLessThanOrEqual(p + 1e-12);
        if (p - lower[i]! > 10 * tol) beatsLowerBound++;
      });
    }
    // Power: on many plants an estimator returning the best-path likelihood would fail the bound above.
    expect(beatsLowerBound).toBeGreaterThanOrEqual(8);
  });

  it('the same seed gives identical results, progress included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 4500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const progress: number[][] = [[], []];
        const a = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, (d) => progress[0]!.push(d));
        const b = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, (d) => progress[1]!.push(d));
        expect(b).toEqual(a);
        expect(progress[1]).toEqual(progress[0]);
        expect(progress[0]!.at(-1)).toBe(samples);
        progress[0]!.forEach((d, i) => i > 0 && expect(d).toBeGreaterThan(progress[0]![i - 1]!));
      }),
      { numRuns: 100 },
    );
  });

  it('summing chunks in any order, or running a prefix of the chunks, agrees exactly with simulate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 7500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const plan = chunkPlan(samples);
        expect(plan.reduce((s, c) => s + c, 0)).toBe(samples);
        plan.forEach((c, i) => expect(c).toBe(i < plan.length - 1 ? SAMPLES_PER_CHUNK : samples - SAMPLES_PER_CHUNK * (plan.length - 1)));
        const whole = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed);
        // Chunks as a worker pool would run them: each on its own, summed in reverse order.
        const chunks = plan.map((size, c) => simulateChunk(ctx.attack, ctx.entries, ctx.jewels, size, chunkSeed(seed, c)));
        const total = new Array<number>(ctx.jewels.length).fill(0);
        for (const h of [...chunks].reverse()) h.forEach((x, j) => (total[j]! += x));
        expect(whole.jewels.map((j) => j.hits)).toEqual(total);
        // A run of the first k full chunks is a prefix of this one.
        const k = Math.floor(samples / SAMPLES_PER_CHUNK);
        if (k >= 1) {
          const prefix = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, k * SAMPLES_PER_CHUNK, seed);
          const want = new Array<number>(ctx.jewels.length).fill(0);
          for (const h of chunks.slice(0, k)) h.forEach((x, j) => (want[j]! += x));
          expect(prefix.jewels.map((j) => j.hits)).toEqual(want);
        }
      }),
      { numRuns: 100 },
    );
  });
});
