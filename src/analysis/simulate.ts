// Monte Carlo estimate of the probability that each crown jewel is compromised and, with the edges'
// time models (ttc.ts), of when: P(within 1 / 7 / 30 days / a horizon / ever), the median and the
// 10th / 90th percentile time. Every attack edge succeeds independently with its likelihood and,
// when it does, takes a time drawn from its distribution. Each draw is a pure function of the
// chunk's seed, the sample and the edge (a counter-based generator), so a sample's outcome does not
// depend on the order edges are looked at: the fast path (reachability only, 32 samples at once as
// bit masks) and the timed path (a shortest-time search per sample) reach the same jewels in the
// same samples. Samples are split into fixed chunks whose seeds derive from the run seed, so results
// are identical however the chunks are spread over workers.
import type { AttackGraph } from './attack-graph';
import { MinHeap } from './heap';
import { relevantNodes } from './remediation/actions';
import { stepDays, type EdgeTimes } from './ttc';

export const SAMPLES_PER_CHUNK = 1000;
export const MAX_SAMPLES = 10_000_000;

/** The fixed horizons every timed run reports, in days. */
export const STANDARD_HORIZONS_DAYS = [1, 7, 30] as const;
/** Longest horizon accepted (ten years). */
export const MAX_HORIZON_DAYS = 3650;

/** Seed of chunk `c` of a run seeded with `seed`. */
export function chunkSeed(seed: number, c: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit integer hash (lowbias32, Chris Wellons' hash prospector): every input bit reaches every output bit. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const SALT_SUCCESS = 0;
const SALT_TIME = 0x5bd1e995;

/** Uniform in [0, 1) for (chunk seed, sample, edge, salt): the counter-based generator. */
export function draw(seed: number, sample: number, edge: number, salt: number): number {
  const x = mix(seed ^ Math.imul(sample + 1, 0x9e3779b1));
  return mix(x ^ Math.imul(edge + 1, 0x85ebca6b) ^ salt) / 4294967296;
}

/**
 * Hits per jewel over `samples` independent samples. 32 samples run at once as bit masks: mask[v]
 * holds the samples in which v is compromised; an edge is drawn for a sample only when its source
 * is compromised and its target not yet (lazy sampling: each edge at most once per sample), so in
 * dense plants most edges are decided by a mask test, not a draw.
 */
export function simulateChunk(ag: AttackGraph, entries: readonly number[], jewels: readonly number[], samples: number, seed: number): Float64Array {
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
            if (draw(seed, base + 31 - Math.clz32(low), e, SALT_SUCCESS) < p) succ |= low;
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

// ---------------------------------------------------------------------------------------------
// Times

/** Shortest time the histogram tells apart (a minute), in days; faster compromises share its first bin. */
export const HISTOGRAM_MIN_DAYS = 1 / 1440;
/** Longest time the histogram tells apart (ten years); slower ones share its last bin. */
export const HISTOGRAM_MAX_DAYS = 3650;
/** Bins per decade of time: a percentile is read to within a factor 10^(1/40) ≈ 1.06 (±3 %). */
export const BINS_PER_DECADE = 40;
const LOG_MIN = Math.log10(HISTOGRAM_MIN_DAYS);
const INNER_BINS = Math.ceil(BINS_PER_DECADE * (Math.log10(HISTOGRAM_MAX_DAYS) - LOG_MIN));
/** Bins: [0, min), INNER_BINS log-spaced bins, [max, ∞). */
export const HISTOGRAM_BINS = INNER_BINS + 2;

function binOf(days: number): number {
  if (days < HISTOGRAM_MIN_DAYS) return 0;
  if (days >= HISTOGRAM_MAX_DAYS) return HISTOGRAM_BINS - 1;
  return 1 + Math.min(INNER_BINS - 1, Math.floor(BINS_PER_DECADE * (Math.log10(days) - LOG_MIN)));
}

/** The lower edge of bin b in days (bin 0 starts at 0). */
function binStart(b: number): number {
  return b === 0 ? 0 : 10 ** (LOG_MIN + (b - 1) / BINS_PER_DECADE);
}

/** Values per jewel in a timed chunk's result: hits, then one count per horizon, then the histogram. */
export function timedStride(horizons: number): number {
  return 1 + horizons + HISTOGRAM_BINS;
}

/**
 * One chunk of a timed run: per jewel, [hits, compromised within each of `horizons` days …,
 * histogram of compromise times …] (stride timedStride(horizons.length)). Per sample, a
 * shortest-time search from every entry point (all start at time 0) over the edges that succeed in
 * that sample, each taking its drawn time; only assets on some entry → jewel path are searched, and a
 * sample ends once every jewel is settled. `hits` equals simulateChunk's for the same seed.
 */
export function simulateTimedChunk(
  ag: AttackGraph, times: EdgeTimes, entries: readonly number[], jewels: readonly number[], samples: number, seed: number, horizons: readonly number[],
): Float64Array {
  if (times.kind.length !== ag.edgeCount) throw new RangeError(`simulate: the time model has ${times.kind.length} edges, the attack graph ${ag.edgeCount}`);
  const n = ag.nodeCount;
  const stride = timedStride(horizons.length);
  const out = new Float64Array(jewels.length * stride);
  const useful = relevantNodes(ag, entries, jewels); // reached from an entry and reaching a jewel
  const jewelSlot = new Int32Array(n).fill(-1); // node → index into distinct jewel nodes
  const distinct: number[] = [];
  for (const j of jewels) {
    if (jewelSlot[j] === -1) {
      jewelSlot[j] = distinct.length;
      distinct.push(j);
    }
  }
  const dist = new Float64Array(n).fill(Infinity);
  const settled = new Int32Array(n); // stamp: settled in sample stamp
  const touched = new Int32Array(n);
  const heap = new MinHeap(Math.max(16, n));
  const { offsets, edgeTarget, likelihood } = ag;
  const { kind, scale } = times;
  for (let s = 0; s < samples; s++) {
    const stamp = s + 1;
    let touchedCount = 0;
    let left = distinct.length;
    heap.clear();
    for (const e of entries) {
      if (dist[e] !== 0) {
        if (dist[e] === Infinity) touched[touchedCount++] = e;
        dist[e] = 0;
        heap.push(0, e);
      }
    }
    while (heap.size > 0 && left > 0) {
      const u = heap.pop();
      if (settled[u] === stamp) continue;
      settled[u] = stamp;
      if (jewelSlot[u]! >= 0) left--;
      const du = dist[u]!;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const v = edgeTarget[e]!;
        if (settled[v] === stamp || !useful[v]) continue;
        const p = likelihood[e]!;
        if (p < 1 && draw(seed, s, e, SALT_SUCCESS) >= p) continue;
        const t = du + stepDays(kind[e]!, scale[e]!, draw(seed, s, e, SALT_TIME));
        if (t < dist[v]!) {
          if (dist[v] === Infinity) touched[touchedCount++] = v;
          dist[v] = t;
          heap.push(t, v);
        }
      }
    }
    for (let j = 0; j < jewels.length; j++) {
      const v = jewels[j]!;
      if (settled[v] !== stamp) continue;
      const t = dist[v]!;
      const at = j * stride;
      out[at]!++;
      for (let h = 0; h < horizons.length; h++) if (t <= horizons[h]!) out[at + 1 + h]!++;
      out[at + 1 + horizons.length + binOf(t)]!++;
    }
    for (let i = 0; i < touchedCount; i++) dist[touched[i]!] = Infinity;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Results

/** When a jewel falls: the share of samples compromised within each horizon, and percentiles of the time. */
export interface TimeToCompromise {
  readonly within: readonly { readonly days: number; readonly probability: number; readonly ci95: readonly [number, number] }[];
  /**
   * Days by which 10 %, 50 % and 90 % of all attempts (samples) have compromised the jewel; null
   * when fewer attempts than that ever succeed. Read from a histogram of 40 bins per decade (±3 %).
   */
  readonly p10Days: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /** Median days of the attempts that succeed (null when none does). */
  readonly medianIfCompromisedDays: number | null;
}

export interface JewelSimulation {
  readonly asset: string;
  /** P(compromised ever), its 95 % Wilson interval and the samples behind it. */
  readonly probability: number;
  readonly ci95: readonly [number, number];
  readonly hits: number;
  /** Present in a timed run. */
  readonly time?: TimeToCompromise;
}

export interface SimulationResult {
  readonly samples: number;
  readonly seed: number;
  readonly jewels: readonly JewelSimulation[];
  /** Present in a timed run: the horizons reported (days) and the attacker profile of the edges (null: none). */
  readonly timed?: { readonly horizonsDays: readonly number[]; readonly profile: string | null };
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

/** The horizons of a timed run: 1, 7 and 30 days, and the caller's when it is another. */
export function horizonsOf(horizonDays?: number): number[] {
  if (horizonDays !== undefined && !(horizonDays > 0 && horizonDays <= MAX_HORIZON_DAYS)) {
    throw new RangeError(`simulate: the horizon must be in (0, ${MAX_HORIZON_DAYS}] days, got ${horizonDays}`);
  }
  const out: number[] = [...STANDARD_HORIZONS_DAYS];
  if (horizonDays !== undefined && !out.includes(horizonDays)) out.push(horizonDays);
  return out.sort((a, b) => a - b);
}

/** Days by which a share q of all samples is compromised, from the histogram (null: fewer ever are). */
export function quantileDays(histogram: ArrayLike<number>, samples: number, q: number): number | null {
  if (!(q > 0)) return 0;
  const want = q * samples - 1e-9; // counts are whole: "at least q of the samples", without float noise
  let total = 0;
  for (let b = 0; b < histogram.length; b++) total += histogram[b]!;
  if (total < want || total === 0) return null;
  let below = 0;
  for (let b = 0; b < histogram.length; b++) {
    const count = histogram[b]!;
    if (below + count >= want && count > 0) {
      const f = (want - below) / count; // share of the bin needed
      if (b === HISTOGRAM_BINS - 1) return HISTOGRAM_MAX_DAYS;
      const lo = binStart(b);
      const hi = binStart(b + 1);
      // Within a log-spaced bin, interpolate on the log scale (the first bin, from 0, linearly).
      return b === 0 ? lo + f * (hi - lo) : lo * (hi / lo) ** f;
    }
    below += count;
  }
  return null;
}

/** Turns summed timed-chunk counts into probabilities, intervals and percentiles. */
export function summarizeTimedSimulation(
  ids: readonly string[], jewels: readonly number[], counts: Float64Array, samples: number, seed: number, horizons: readonly number[], profile: string | null,
): SimulationResult {
  const stride = timedStride(horizons.length);
  return {
    samples,
    seed,
    timed: { horizonsDays: [...horizons], profile },
    jewels: jewels.map((j, i): JewelSimulation => {
      const at = i * stride;
      const hits = counts[at]!;
      const histogram = counts.subarray(at + 1 + horizons.length, at + stride);
      return {
        asset: ids[j]!,
        probability: hits / samples,
        ci95: wilson(hits, samples),
        hits,
        time: {
          within: horizons.map((days, h) => ({ days, probability: counts[at + 1 + h]! / samples, ci95: wilson(counts[at + 1 + h]!, samples) })),
          p10Days: quantileDays(histogram, samples, 0.1),
          medianDays: quantileDays(histogram, samples, 0.5),
          p90Days: quantileDays(histogram, samples, 0.9),
          medianIfCompromisedDays: hits > 0 ? quantileDays(histogram, hits, 0.5) : null,
        },
      };
    }),
  };
}

/** A timed run's options: the edges' time models, an extra horizon, the profile to name. */
export interface TimedOptions {
  readonly times: EdgeTimes;
  readonly horizonDays?: number;
  readonly profile?: string | null;
}

/**
 * The whole run in this thread (the worker pool runs the same chunks in parallel). With `timed`,
 * each jewel also gets its time to compromise.
 */
export function simulate(
  ag: AttackGraph, ids: readonly string[], entries: readonly number[], jewels: readonly number[], samples: number, seed: number,
  onProgress?: (done: number) => void, timed?: TimedOptions,
): SimulationResult {
  const plan = chunkPlan(samples);
  const horizons = timed ? horizonsOf(timed.horizonDays) : [];
  const total = new Float64Array(timed ? jewels.length * timedStride(horizons.length) : jewels.length);
  let done = 0;
  plan.forEach((size, c) => {
    const part = timed
      ? simulateTimedChunk(ag, timed.times, entries, jewels, size, chunkSeed(seed, c), horizons)
      : simulateChunk(ag, entries, jewels, size, chunkSeed(seed, c));
    for (let j = 0; j < total.length; j++) total[j]! += part[j]!;
    done += size;
    onProgress?.(done);
  });
  return timed
    ? summarizeTimedSimulation(ids, jewels, total, samples, seed, horizons, timed.profile ?? null)
    : summarizeSimulation(ids, jewels, total, samples, seed);
}
