// The change in time to compromise between two plants (a what-if scenario and the plant as
// loaded, or two model files): a timed Monte Carlo run of each, as their attacker profile, with the
// same samples and seed — `twinpath diff` and the app's what-if panel report it per crown jewel.
import type { PlantContext } from './context';
import { simulate } from './simulate';
import { edgeTimes } from './ttc';

/** Samples per plant the diff runs when not told otherwise (an assumption: medians to a few percent on the sample plants). */
export const DIFF_TTC_SAMPLES = 2_000;

/** The baseline's timed runs, by context: see ttcChange. */
const baseRuns = new WeakMap<PlantContext, { readonly key: string; readonly jewels: ReadonlyMap<string, ReturnType<typeof simulate>['jewels'][number]> }>();

/** One crown jewel's time to compromise before and after a change; a median is absent when fewer than half the attempts ever reach the jewel. */
export interface TtcChange {
  readonly asset: string;
  readonly baseProbability: number;
  readonly changedProbability: number;
  readonly baseMedianDays?: number;
  readonly changedMedianDays?: number;
  /** changed − base median, in days, when both are present: negative means the jewel falls sooner. */
  readonly medianChangeDays?: number;
}

/**
 * The change in median time to compromise per crown jewel: a timed Monte Carlo run of each plant
 * (as their attacker profile, same samples and seed), jewels by id in order (a jewel of one plant
 * only has probability 0 and no median in the other).
 */
export function ttcChange(base: PlantContext, changed: PlantContext, samples: number, seed: number): { samples: number; seed: number; jewels: TtcChange[] } {
  const run = (ctx: PlantContext) => {
    const r = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, undefined, { times: edgeTimes(ctx), profile: ctx.profile ?? null });
    return new Map(r.jewels.map((j) => [j.asset, j]));
  };
  // The baseline's run, kept per context (contexts are immutable): every scenario compared with the
  // same plant as loaded reuses it — half the cost of each later comparison.
  const key = `${samples}:${seed}`;
  let kept = baseRuns.get(base);
  if (kept?.key !== key) baseRuns.set(base, (kept = { key, jewels: run(base) }));
  const b = kept.jewels;
  const c = run(changed);
  const jewels = [...new Set([...b.keys(), ...c.keys()])].sort().map((asset): TtcChange => {
    const bm = b.get(asset)?.time?.medianDays ?? undefined;
    const cm = c.get(asset)?.time?.medianDays ?? undefined;
    return {
      asset,
      baseProbability: b.get(asset)?.probability ?? 0,
      changedProbability: c.get(asset)?.probability ?? 0,
      ...(bm !== undefined ? { baseMedianDays: bm } : {}),
      ...(cm !== undefined ? { changedMedianDays: cm } : {}),
      ...(bm !== undefined && cm !== undefined ? { medianChangeDays: cm - bm } : {}),
    };
  });
  return { samples, seed, jewels };
}

