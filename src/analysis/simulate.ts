// Monte Carlo estimate of the probability that each crown jewel is compromised, sampling every
// attack edge's success independently. Samples are split into fixed chunks whose seeds derive from
// the run seed, so results are identical however the chunks are spread over workers.
import type { AttackGraph } from './attack-graph';
import { createRng } from '../model/prng';

export const SAMPLES_PER_CHUNK = 1000;
export const MAX_SAMPLES = 10_000_000;

/** Seed of chunk `c` of a run seeded with `seed`. */
export function chunkSeed(seed: number, c: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hits per jewel over `samples` independent samples. Each edge is drawn at most once per sample. */
export function simulateChunk(ag: AttackGraph, entries: readonly number[], jewels: readonly number[], samples: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const n = ag.nodeCount;
  const stamp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const hits = new Float64Array(jewels.length);
  const { offsets, edgeTarget, likelihood } = ag;
  for (let s = 0; s < samples; s++) {
    let head = 0;
    let tail = 0;
    for (const e of entries) {
      if (stamp[e] !== s) {
        stamp[e] = s;
        queue[tail++] = e;
      }
    }
    while (head < tail) {
      const v = queue[head++]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = edgeTarget[e]!;
        if (stamp[w] === s) continue;
        if (rng.next() < likelihood[e]!) {
          stamp[w] = s;
          queue[tail++] = w;
        }
      }
    }
    for (let j = 0; j < jewels.length; j++) if (stamp[jewels[j]!] === s) hits[j]!++;
  }
  return hits;
}

export interface SimulationResult {
  readonly samples: number;
  readonly seed: number;
  readonly jewels: readonly { asset: string; probability: number; ci95: readonly [number, number]; hits: number }[];
}

/** Chunk sizes of a run: full chunks, then the remainder. */
export function chunkPlan(samples: number): number[] {
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new RangeError(`simulate: samples must be an integer in 1..${MAX_SAMPLES}, got ${samples}`);
  }
  const plan: number[] = [];
  for (let left = samples; left > 0; left -= SAMPLES_PER_CHUNK) plan.push(Math.min(SAMPLES_PER_CHUNK, left));
  return plan;
}

/** Wilson score interval at 95 %. */
export function wilson(hits: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = hits / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function summarizeSimulation(ids: readonly string[], jewels: readonly number[], hits: Float64Array, samples: number, seed: number): SimulationResult {
  return {
    samples,
    seed,
    jewels: jewels.map((j, i) => ({ asset: ids[j]!, probability: hits[i]! / samples, ci95: wilson(hits[i]!, samples), hits: hits[i]! })),
  };
}

/** The whole run in this thread (the worker pool runs the same chunks in parallel). */
export function simulate(ag: AttackGraph, ids: readonly string[], entries: readonly number[], jewels: readonly number[], samples: number, seed: number, onProgress?: (done: number) => void): SimulationResult {
  const total = new Float64Array(jewels.length);
  let done = 0;
  chunkPlan(samples).forEach((size, c) => {
    const hits = simulateChunk(ag, entries, jewels, size, chunkSeed(seed, c));
    for (let j = 0; j < total.length; j++) total[j]! += hits[j]!;
    done += size;
    onProgress?.(done);
  });
  return summarizeSimulation(ids, jewels, total, samples, seed);
}
