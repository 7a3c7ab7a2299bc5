// Time to compromise: the time distribution of every attack edge, by the rule that derived it (its
// TTC class), the attacker profile (skill-bound work takes longer for less skilled attackers) and,
// for media and transient laptops, the round the model gives them. Monte Carlo (simulate.ts) draws
// a duration for each step that succeeds; docs/attack-rules.md ("Time to compromise") gives the
// parameters and their sources.
import { EDGE_MEDIA } from '../model/compact';
import { DEFAULT_MEDIA_INTERVAL_DAYS, type AttackerProfile } from '../model/schema';
import type { AttackGraph } from './attack-graph';
import type { PlantContext } from './context';
import { timeFactor, type Capability } from './profiles';
import { edgeCapability, edgeTtcClass } from './rules';

/**
 * TTC classes. The exponential ones are MAL's predefined time-to-compromise distributions
 * (mal-lang/mal-toolbox, maltoolbox/probs_utils.py: EasyAndCertain = Exponential(1),
 * HardAndCertain = Exponential(0.1), VeryHardAndCertain = Exponential(0.01), rates per day);
 * `rounds` waits for the next round of a medium or laptop: uniform over its interval.
 */
export const TTC_CLASSES = {
  easy: { kind: 'exponential', meanDays: 1, says: 'MAL EasyAndCertain: exponential, mean 1 day' },
  hard: { kind: 'exponential', meanDays: 10, says: 'MAL HardAndCertain: exponential, mean 10 days' },
  'very-hard': { kind: 'exponential', meanDays: 100, says: 'MAL VeryHardAndCertain: exponential, mean 100 days' },
  rounds: { kind: 'uniform', meanDays: DEFAULT_MEDIA_INTERVAL_DAYS / 2, says: `uniform over the medium's round (intervalDays, default ${DEFAULT_MEDIA_INTERVAL_DAYS})` },
} as const;
export type TtcClass = keyof typeof TTC_CLASSES;

/** Distribution kinds of EdgeTimes.kind. */
export const TIME_EXPONENTIAL = 0;
export const TIME_UNIFORM = 1;

/** The time model of every attack edge: kind[e] with scale[e] (exponential: mean days; uniform: width in days, from 0). */
export interface EdgeTimes {
  readonly kind: Uint8Array;
  readonly scale: Float64Array;
}

/** Days of one step drawn from its distribution by the uniform u in [0, 1). */
export function stepDays(kind: number, scale: number, u: number): number {
  return kind === TIME_UNIFORM ? u * scale : -Math.log1p(-u) * scale;
}

/** Mean days of one step (for the deterministic "expected time" measures). */
export function meanDays(kind: number, scale: number): number {
  return kind === TIME_UNIFORM ? scale / 2 : scale;
}

/** The time model of each attack edge of a plant context, under the context's attacker profile. */
export function edgeTimes(ctx: PlantContext): EdgeTimes {
  return edgeTimesOf(ctx, ctx.attack);
}

/** The time model of each edge of `ag` (an attack graph of ctx's plant). */
export function edgeTimesOf(ctx: Pick<PlantContext, 'graph' | 'model'>, ag: AttackGraph): EdgeTimes {
  const g = ctx.graph;
  const media = ctx.model.media ?? [];
  const profile: AttackerProfile | undefined = g.profile;
  const kind = new Uint8Array(ag.edgeCount);
  const scale = new Float64Array(ag.edgeCount);
  for (let e = 0; e < ag.edgeCount; e++) {
    const arc = ag.origin[e]!;
    const rule = ag.basis[e]!; // an analyst override times like the rule whose technique it carries
    const t = ag.edgeTarget[e]!;
    const cls = edgeTtcClass(rule, g.nodeKev[t] === 1);
    const cap: Capability = edgeCapability(rule, g.nodeKev[t] === 1);
    if (cls === 'rounds') {
      kind[e] = TIME_UNIFORM;
      const interval = g.edgeKind[arc] === EDGE_MEDIA ? (media[g.edgeRef[arc]!]?.intervalDays ?? DEFAULT_MEDIA_INTERVAL_DAYS) : DEFAULT_MEDIA_INTERVAL_DAYS;
      scale[e] = interval;
    } else {
      kind[e] = TIME_EXPONENTIAL;
      scale[e] = TTC_CLASSES[cls].meanDays * timeFactor(profile, cap);
    }
  }
  return { kind, scale };
}

/**
 * Expected days of each attack edge until it succeeds, for the deterministic "time bought"
 * measure (docs/attack-rules.md, "Time bought"): its mean days per attempt × the expected number of
 * attempts, 1 / likelihood (each attempt succeeds independently: a geometric number of attempts).
 * A closed edge (likelihood 0) takes Infinity.
 */
export function expectedEdgeDays(ag: AttackGraph, times: EdgeTimes): Float64Array {
  const out = new Float64Array(ag.edgeCount);
  for (let e = 0; e < ag.edgeCount; e++) {
    const p = ag.likelihood[e]!;
    out[e] = p > 0 ? meanDays(times.kind[e]!, times.scale[e]!) / p : Infinity;
  }
  return out;
}
