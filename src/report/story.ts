// The breach story for executives: from one entry point, the most likely attack path to the crown
// jewel with the largest expected loss, told step by step with asset and technique names, ending in
// the business impact of the breach — computed by the analysis (blast radius, impact, risk), never
// by a second formula here. Pure: no DOM, no Node, no React.
import { blastRadius } from '../analysis/blast';
import { nodeOf, withProfile, type PlantContext } from '../analysis/context';
import { explainPath, type PathStep } from '../analysis/explain';
import { jewelImpact, type SafetyLevel } from '../analysis/impact';
import { pathTo, shortestTree } from '../analysis/paths';
import { isAttackerProfile, PROFILES } from '../analysis/profiles';
import { simulate } from '../analysis/simulate';
import { TECHNIQUES, type TechniqueId } from '../analysis/techniques';
import { edgeTimes } from '../analysis/ttc';
import type { AttackerProfile } from '../model/schema';
import { formatDays } from './format';

/** Hours in the "per day" downtime figure: a stopped line loses its hourly cost around the clock. */
export const HOURS_PER_DAY = 24;

export interface StoryStep {
  /** 1-based position in the story. */
  readonly n: number;
  readonly fromId: string;
  readonly toId: string;
  readonly fromName: string;
  readonly toName: string;
  /** ATT&CK for ICS technique id (T0866) and name (Exploitation of Remote Services). */
  readonly technique: string;
  readonly techniqueName: string;
  /** The step in plain language, with asset names. */
  readonly sentence: string;
  /** Likelihood of this step, and of the whole path up to and including it. */
  readonly likelihood: number;
  readonly cumulative: number;
  /** The analyst's one-line explanation of the edge (for the curious). */
  readonly why: string;
}

export interface BreachImpact {
  /** Assets an attacker holding the entry point can reach (blast radius, the entry included). */
  readonly assetsReached: number;
  readonly crownJewels: readonly { id: string; name: string }[];
  readonly linesStopped: readonly { id: string; name: string; costPerHour: number; restoreHours: number }[];
  readonly linesTotal: number;
  /** blastRadius(...).impact.downtimeCostPerHour, and the same × HOURS_PER_DAY. */
  readonly downtimePerHour: number;
  readonly downtimePerDay: number;
  readonly worstSafety: SafetyLevel;
  /** The worst safety consequence in words, with the crown jewel that carries it. */
  readonly safetyText: string;
  readonly dataExposed: readonly { id: string; name: string; dataLoss: string; label: string }[];
}

/** Who the story's attacker is: the profile its figures are computed for, and where it comes from. */
export interface StoryAttacker {
  /** null: no profile (every rule at its documented likelihood). */
  readonly profile: AttackerProfile | null;
  /** "a cybercriminal" (or "an attacker" without a profile). */
  readonly article: string;
  /** analysis: the profile chosen for the whole analysis; entry: the entry point's own in the model; none. */
  readonly from: 'analysis' | 'entry' | 'none';
}

/** When the story's crown jewel falls (Monte Carlo from the entry point alone, as the story's attacker). */
export interface StoryTimeToCompromise {
  readonly samples: number;
  /** Share of attempts that compromise the jewel within 1, 7 and 30 days, and ever. */
  readonly within1Day: number;
  readonly within7Days: number;
  readonly within30Days: number;
  readonly ever: number;
  /** Days by which half (9 in 10) of all attempts have succeeded; null when fewer ever do. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  /** Median days of the attempts that succeed. */
  readonly medianIfCompromisedDays: number | null;
  /** The lead sentence: "A cybercriminal entering through … reaches … in a median of 3.5 days; 9 in 10 attempts succeed within 30 days." */
  readonly sentence: string;
}

export interface BreachStory {
  readonly entry: { readonly id: string; readonly name: string; readonly profile: string | null; readonly description: string | null };
  /** The attacker the story is told for (its path, likelihoods and times). */
  readonly attacker: StoryAttacker;
  /** Filled for the story an executive summary tells (storyTimeToCompromise); null until then or when no jewel is reached. */
  readonly ttc: StoryTimeToCompromise | null;
  /** The crown jewel the story ends at (largest likelihood × impact from this entry); null when none is reachable. */
  readonly target: {
    readonly id: string;
    readonly name: string;
    readonly description: string | null;
    readonly safety: SafetyLevel;
    /** jewelImpact(...).money: the impact the risk formula uses for this jewel. */
    readonly impactMoney: number;
  } | null;
  /** Likelihood of the story's path (product of its steps); 0 without a target. */
  readonly likelihood: number;
  /** likelihood × the target's impact (the expected loss the story stands for). */
  readonly expectedLoss: number;
  readonly headline: string;
  readonly steps: readonly StoryStep[];
  readonly impact: BreachImpact;
}

const SAFETY_TEXT: Record<SafetyLevel, string> = {
  none: 'No safety consequence',
  injury: 'Injury possible',
  fatality: 'Fatality possible',
};

const DATA_LABEL: Record<string, string> = {
  operational: 'operational data',
  confidential: 'confidential business data',
  'intellectual-property': 'intellectual property',
};

/** Plain-language sentence for one attack step, by the rule that derived it (else its technique). */
const BY_RULE: Record<string, (from: string, to: string) => string> = {
  'program-download': (f, t) => `From ${f}, the attacker downloads altered control logic to ${t}.`,
  'unauthenticated-command': (f, t) => `From ${f}, the attacker sends commands to ${t}, which does not ask who is talking.`,
  'authenticated-command': (f, t) => `Using the session credentials on ${f}, the attacker sends commands to ${t}.`,
  'exploit-public-facing': (f, t) => `From ${f}, the attacker exploits a known flaw in ${t}, which is reachable from outside.`,
  'exploit-remote-service': (f, t) => `From ${f}, the attacker exploits a known flaw in ${t}.`,
  'remote-admin-service': (f, t) => `With credentials taken on ${f}, the attacker logs in remotely to ${t}.`,
  'external-remote-access': (f, t) => `From ${f}, the attacker comes in through the remote access of ${t} with stolen or shared credentials.`,
  'application-service': (f, t) => `From ${f}, the attacker abuses an application service on ${t}.`,
  phishing: (f, t) => `Through ${f}, a malicious e-mail attachment compromises ${t}.`,
  'drive-by': (f, t) => `Through ${f}, a malicious web page compromises ${t}.`,
  'shared-credentials': (f, t) => `Passwords harvested on ${f} also open ${t} (shared credentials).`,
  'domain-membership': (f, t) => `Holding ${f}, the attacker administers ${t}, a member of its domain.`,
  'domain-trust': (f, t) => `A domain trust lets the attacker's accounts from ${f} log on at ${t}.`,
  'removable-media': (f, t) => `Removable media written on ${f} carry the malware to ${t}.`,
  'transient-laptop': (f, t) => `A laptop infected at ${f} brings the attack to ${t} on its rounds.`,
  'shared-files': (f, t) => `Files planted on the share of ${f} are opened on ${t}.`,
  'software-repository': (f, t) => `The update server ${f} installs the attacker's program on ${t}.`,
  'supply-chain': (f, t) => `Trojanized software or firmware from the supplier ${f} reaches ${t}.`,
  'default-credentials': (f, t) => `From ${f}, the attacker logs in to ${t} with the vendor's default password.`,
  wireless: (f, t) => `Through the wireless network of ${f}, the attacker reaches ${t}.`,
  'rogue-master': (f, t) => `From ${f}, on the same network segment, the attacker commands ${t} as a rogue master.`,
  'io-manipulation': (f, t) => `Holding ${f}, the attacker drives ${t}: the physical process.`,
};

const BY_TECHNIQUE: Record<TechniqueId, (from: string, to: string) => string> = {
  T0819: BY_RULE['exploit-public-facing']!,
  T0822: BY_RULE['external-remote-access']!,
  T0817: BY_RULE['drive-by']!,
  T0843: BY_RULE['program-download']!,
  T0847: BY_RULE['removable-media']!,
  T0855: (f, t) => `From ${f}, the attacker sends commands to ${t}.`,
  T0859: (f, t) => `Accounts obtained on ${f} let the attacker log on at ${t}.`,
  T0864: BY_RULE['transient-laptop']!,
  T0865: BY_RULE.phishing!,
  T0866: BY_RULE['exploit-remote-service']!,
  T0886: BY_RULE['remote-admin-service']!,
  T0863: BY_RULE['shared-files']!,
  T0867: BY_RULE['software-repository']!,
  T0862: BY_RULE['supply-chain']!,
  T0812: BY_RULE['default-credentials']!,
  T0860: BY_RULE.wireless!,
  T0848: BY_RULE['rogue-master']!,
  T0831: BY_RULE['io-manipulation']!,
};

export function stepSentence(step: Pick<PathStep, 'rule' | 'technique' | 'fromName' | 'toName'>): string {
  const say = BY_RULE[step.rule] ?? BY_TECHNIQUE[step.technique as TechniqueId] ?? ((f: string, t: string) => `From ${f}, the attacker takes ${t}.`);
  return say(step.fromName, step.toName);
}

/** The business impact of holding `entryId`, from the blast radius. */
export function breachImpact(ctx: PlantContext, entryId: string): BreachImpact {
  const blast = blastRadius(ctx, [entryId]);
  const name = (id: string) => ctx.names[nodeOf(ctx, id)]!;
  const i = blast.impact;
  const jewelOf = new Map(ctx.model.crownJewels.map((j) => [j.asset, j]));
  const carrier = i.worstSafety === 'none' ? undefined : i.crownJewels.find((id) => (jewelOf.get(id)?.impact.safety ?? 'none') === i.worstSafety);
  const carrierText = carrier ? ` — ${name(carrier)}${jewelOf.get(carrier)?.impact.description ? `: ${jewelOf.get(carrier)!.impact.description}` : ''}` : '';
  return {
    assetsReached: blast.reached.count,
    crownJewels: i.crownJewels.map((id) => ({ id, name: name(id) })),
    linesStopped: i.productionLinesStopped.map((l) => ({ id: l.id, name: l.name, costPerHour: l.costPerHour, restoreHours: l.restoreHours })),
    linesTotal: ctx.model.productionLines?.length ?? 0,
    downtimePerHour: i.downtimeCostPerHour,
    downtimePerDay: i.downtimeCostPerHour * HOURS_PER_DAY,
    worstSafety: i.worstSafety,
    safetyText: `${SAFETY_TEXT[i.worstSafety]}${carrierText}`,
    dataExposed: i.dataExposed.map((d) => ({ id: d.asset, name: name(d.asset), dataLoss: d.dataLoss, label: DATA_LABEL[d.dataLoss] ?? d.dataLoss })),
  };
}

/**
 * The breach story from one entry point (any asset id works; entry points are the usual choice).
 * One search from the entry gives the most likely path to every crown jewel; the story follows the
 * one with the largest likelihood × impact (ties: more likely, then model order).
 */
export function breachStory(ctx: PlantContext, entryId: string): BreachStory {
  const entryRecord = ctx.model.entryPoints.find((e) => e.asset === entryId);
  // The story's attacker: the profile chosen for the analysis, else the entry point's own.
  const own = entryRecord?.profile;
  const profile = ctx.profile ?? (isAttackerProfile(own) ? own : undefined);
  const attacker: StoryAttacker = {
    profile: profile ?? null,
    article: profile ? PROFILES[profile].article : 'an attacker',
    from: ctx.profile ? 'analysis' : profile ? 'entry' : 'none',
  };
  return tell(withProfile(ctx, profile), entryId, entryRecord, attacker);
}

function tell(ctx: PlantContext, entryId: string, entryRecord: PlantContext['model']['entryPoints'][number] | undefined, attacker: StoryAttacker): BreachStory {
  const s = nodeOf(ctx, entryId);
  const tree = shortestTree(ctx.attack, [s]);
  let best: { jewel: number; path: NonNullable<ReturnType<typeof pathTo>>; money: number; loss: number } | undefined;
  ctx.model.crownJewels.forEach((j, i) => {
    const v = ctx.jewels[i]!;
    if (v === s) return;
    const path = pathTo(ctx.attack, tree, v);
    if (!path) return;
    const money = jewelImpact(ctx.model, j).money;
    const loss = path.likelihood * money;
    if (!best || loss > best.loss || (loss === best.loss && path.likelihood > best.path.likelihood)) best = { jewel: i, path, money, loss };
  });
  const entry = { id: entryId, name: ctx.names[s]!, profile: entryRecord?.profile ?? null, description: entryRecord?.description ?? null };
  const impact = breachImpact(ctx, entryId);
  if (!best) {
    return {
      entry, attacker, ttc: null, target: null, likelihood: 0, expectedLoss: 0, steps: [], impact,
      headline: `${entry.name}: no crown jewel can be reached from here.`,
    };
  }
  const found = best;
  const jewel = ctx.model.crownJewels[found.jewel]!;
  const explained = explainPath(ctx, found.path);
  let cumulative = 1;
  const steps = explained.edges.map((e, k): StoryStep => {
    cumulative *= e.likelihood;
    return {
      n: k + 1, fromId: e.from, toId: e.to, fromName: e.fromName, toName: e.toName,
      technique: e.technique, techniqueName: TECHNIQUES[e.technique].name,
      sentence: stepSentence(e), likelihood: e.likelihood, cumulative, why: e.why,
    };
  });
  const targetName = ctx.names[ctx.jewels[found.jewel]!]!;
  return {
    entry,
    attacker,
    ttc: null,
    target: { id: jewel.asset, name: targetName, description: jewel.impact.description ?? null, safety: jewel.impact.safety ?? 'none', impactMoney: found.money },
    likelihood: found.path.likelihood,
    expectedLoss: found.loss,
    headline: `${entry.name} breached: ${steps.length} step${steps.length === 1 ? '' : 's'} to ${targetName}.`,
    steps,
    impact,
  };
}

/** Samples of a story's time to compromise: enough for ±1.5 % on its shares, fewer on very large plants. */
export function storySamples(edgeCount: number): number {
  return Math.max(300, Math.min(4000, Math.floor(4e8 / Math.max(1, edgeCount))));
}

/**
 * The story with its time to compromise: a seeded Monte Carlo run from the story's entry point alone
 * to its crown jewel, as the story's attacker (every step drawn with its likelihood and its time,
 * docs/attack-rules.md "Time to compromise"). The story of `ctx` as breachStory tells it.
 */
export function withTimeToCompromise(ctx: PlantContext, story: BreachStory, seed = 1): BreachStory {
  if (!story.target) return story;
  const sctx = withProfile(ctx, story.attacker.profile ?? undefined);
  const s = nodeOf(sctx, story.entry.id);
  const j = nodeOf(sctx, story.target.id);
  const samples = storySamples(sctx.attack.edgeCount);
  const r = simulate(sctx.attack, sctx.ids, [s], [j], samples, seed, undefined, { times: edgeTimes(sctx), profile: story.attacker.profile }).jewels[0]!;
  const within = (d: number) => r.time!.within.find((w) => w.days === d)!.probability;
  const t = {
    samples, within1Day: within(1), within7Days: within(7), within30Days: within(30), ever: r.probability,
    medianDays: r.time!.medianDays, p90Days: r.time!.p90Days, medianIfCompromisedDays: r.time!.medianIfCompromisedDays,
  };
  return { ...story, ttc: { ...t, sentence: ttcSentence(story, t) } };
}

/** "9 in 10" for a share, said plainly at the ends. */
function inTen(share: number): string {
  const k = Math.round(share * 10);
  if (k >= 10) return share >= 1 ? 'every attempt' : 'almost every attempt';
  if (k <= 0) return share > 0 ? 'fewer than 1 in 10 attempts' : 'no attempt';
  return `${k} in 10 attempts`;
}

function ttcSentence(story: BreachStory, t: Omit<StoryTimeToCompromise, 'sentence' | 'samples'>): string {
  const who = story.attacker.article.charAt(0).toUpperCase() + story.attacker.article.slice(1);
  const lead = `${who} entering through ${story.entry.name} reaches ${story.target!.name}`;
  const month = inTen(t.within30Days);
  const succeed = (phrase: string) => (phrase === 'every attempt' || phrase === 'almost every attempt' || phrase === 'no attempt' ? 'succeeds' : 'succeed');
  if (t.medianDays !== null) return `${lead} in a median of ${formatDays(t.medianDays)}; ${month} ${succeed(month)} within 30 days.`;
  // Fewer than half of the attempts ever succeed: say how many, and how fast those are.
  const k = Math.round(t.ever * 10);
  const ever = k <= 0 ? 'fewer than 1 in 10 attempts' : `${k} of 10 attempts`;
  const fast = t.medianIfCompromisedDays !== null ? `, taking a median of ${formatDays(t.medianIfCompromisedDays)} when they succeed` : '';
  return `${lead} in ${ever}${fast}; ${month} ${succeed(month)} within 30 days.`;
}
