// What a scenario did to each entry point × crown jewel pair, for reading a diff: a pair newly
// reachable, cut off, re-routed (same entry and jewel, a different most likely route), made more or
// less likely on the same route, or with only its lesser alternatives changed — each with its routes
// by asset name, instead of "24 new paths, 24 removed".
import type { PlantContext } from './context';
import type { PairPaths } from './diff';
import type { ExplainedPath } from './explain';

/** A route by asset ids and names, with its likelihood. */
export interface Route {
  readonly nodes: readonly string[];
  readonly names: readonly string[];
  readonly likelihood: number;
  readonly logLikelihood: number;
}

export type RouteChangeKind = 'new' | 're-routed' | 'likelihood' | 'cut' | 'alternatives';

export interface RouteChange {
  readonly kind: RouteChangeKind;
  readonly entry: string;
  readonly jewel: string;
  readonly entryName: string;
  readonly jewelName: string;
  /** The pair's most likely route in the baseline (null: the pair was not reachable there). */
  readonly before: Route | null;
  /** Its most likely route in the scenario (null: no longer reachable). */
  readonly after: Route | null;
  /** The pair is one only in the scenario ('marked') or only in the baseline ('unmarked'): an entry point or crown jewel was marked or unmarked. */
  readonly marking?: 'marked' | 'unmarked';
  /** Paths among the pair's k most likely that appeared and that disappeared. */
  readonly added: number;
  readonly removed: number;
}

export interface RouteChanges {
  /** New first, then re-routed, likelihood changed, cut off, alternatives; likelier first within each. */
  readonly changes: readonly RouteChange[];
  readonly counts: Readonly<Record<RouteChangeKind | 'unchanged', number>>;
}

const ORDER: readonly RouteChangeKind[] = ['new', 're-routed', 'likelihood', 'cut', 'alternatives'];
/** Log-likelihoods closer than this are the same likelihood (float noise of a product of the same steps). */
const SAME_LOG = 1e-9;

function route(p: ExplainedPath): Route {
  return { nodes: p.nodes, names: [p.edges[0]?.fromName ?? p.from, ...p.edges.map((e) => e.toName)], likelihood: p.likelihood, logLikelihood: p.logLikelihood };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function routeChanges(base: PlantContext, changed: PlantContext, pb: PairPaths, pc: PairPaths): RouteChanges {
  const name = (id: string) => {
    const v = changed.index.get(id) ?? base.index.get(id);
    return v === undefined ? id : ((changed.index.has(id) ? changed.names[v] : base.names[v]) ?? id);
  };
  const isPair = (ctx: PlantContext, entry: string, jewel: string) =>
    ctx.model.entryPoints.some((e) => e.asset === entry) && ctx.model.crownJewels.some((j) => j.asset === jewel);
  const counts: Record<RouteChangeKind | 'unchanged', number> = { new: 0, 're-routed': 0, likelihood: 0, cut: 0, alternatives: 0, unchanged: 0 };
  const changes: RouteChange[] = [];
  for (const key of new Set([...pb.keys(), ...pc.keys()])) {
    const b = pb.get(key);
    const c = pc.get(key);
    const { entry, jewel } = (b ?? c)!;
    const before = b?.paths[0];
    const after = c?.paths[0];
    const keysB = new Set((b?.paths ?? []).map((p) => p.nodes.join('\u0000')));
    const keysC = new Set((c?.paths ?? []).map((p) => p.nodes.join('\u0000')));
    const added = [...keysC].filter((k) => !keysB.has(k)).length;
    const removed = [...keysB].filter((k) => !keysC.has(k)).length;
    let kind: RouteChangeKind | 'unchanged';
    if (!before) kind = 'new';
    else if (!after) kind = 'cut';
    else if (!same(before.nodes, after.nodes)) kind = 're-routed';
    else if (Math.abs(before.logLikelihood - after.logLikelihood) > SAME_LOG) kind = 'likelihood';
    else kind = added || removed ? 'alternatives' : 'unchanged';
    counts[kind]++;
    if (kind === 'unchanged') continue;
    const marking = kind === 'new' && !isPair(base, entry, jewel) ? 'marked' : kind === 'cut' && !isPair(changed, entry, jewel) ? 'unmarked' : undefined;
    changes.push({
      kind, entry, jewel, entryName: name(entry), jewelName: name(jewel),
      before: before ? route(before) : null,
      after: after ? route(after) : null,
      ...(marking ? { marking } : {}),
      added, removed,
    });
  }
  const lik = (x: RouteChange) => (x.after ?? x.before)!.logLikelihood;
  changes.sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind) || lik(y) - lik(x) || x.entry.localeCompare(y.entry) || x.jewel.localeCompare(y.jewel));
  return { changes, counts };
}
