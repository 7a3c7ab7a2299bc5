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

/**
 * Hits per jewel over `samples` independent samples. 32 samples run at once as bit masks: mask[v]
 * holds the samples in which v is compromised; an edge is drawn for a sample only when its source
 * is compromised and its target not yet (lazy sampling: each edge at most once per sample), so in
 * dense plants most edges are decided by a mask test, not a random draw.
 */
export function simulateChunk(ag: AttackGraph, entries: readonly number[], jewels: readonly number[], samples: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const n = ag.nodeCount;
  const mask = new Int32Array(n);
  const drawn = new Int32Array(ag.edgeCount);
  const inQueue = new Uint8Array(n);
  const queue = new Int32Array(n + 1);
  const hits = new Float64Array(jewels.length);
  const { offsets, edgeTarget, likelihood } = ag;
  for (let base = 0; base < samples; base += 32) {
    const width = Math.min(32, samples - base);
    const full = width === 32 ? -1 : (1 << width) - 1;
    mask.fill(0);
    drawn.fill(0);
    let head = 0;
    let size = 0;
    const cap = n + 1;
    for (const e of entries) {
      if (mask[e] === 0) {
        mask[e] = full;
        inQueue[e] = 1;
        queue[(head + size++) % cap] = e;
      }
    }
    while (size > 0) {
      const u = queue[head]!;
      head = (head + 1) % cap;
      size--;
      inQueue[u] = 0;
      const mu = mask[u]!;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const v = edgeTarget[e]!;
        let cand = mu & ~drawn[e]! & ~mask[v]!;
        if (cand === 0) continue;
        drawn[e]! |= cand;
        const p = likelihood[e]!;
        let succ = 0;
        if (p >= 1) succ = cand;
        else {
          while (cand !== 0) {
            const low = cand & -cand;
            if (rng.next() < p) succ |= low;
            cand ^= low;
          }
        }
        if (succ !== 0) {
          mask[v]! |= succ;
          if (!inQueue[v]) {
            inQueue[v] = 1;
            queue[(head + size++) % cap] = v;
          }
        }
      }
    }
    for (let j = 0; j < jewels.length; j++) hits[j]! += popcount(mask[jewels[j]!]! & full);
  }
  return hits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
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
