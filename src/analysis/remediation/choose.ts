// One greedy step: the action the former plan would pick — of the candidates in order, the first
// whose risk removed per cost is not beaten by a later one by more than a factor 1 + 1e-12 — found
// while evaluating few candidates exactly.
//
// Bounds. Plant risk is Σ over jewels of P(most likely path) × money. A jewel whose most likely
// path (in the current tree) uses no edge the action makes heavier keeps that path, so its risk
// does not fall (it keeps its distance exactly when no edge gets lighter: ShortestTreeRepair). The
// risk after the action is then at least the sum over those unaffected jewels alone — an upper
// bound of the risk removed, exact in floating point too: it is the same sum in the same order
// with some terms left out (the others equal, or larger), and rounded addition is monotone. The
// bound is recomputed from the current tree at every step, never carried over: a stale gain is no
// bound here, because an action's gain can grow once another is applied (two parallel paths to a
// jewel: cutting either alone removes nothing; once one is cut, cutting the other removes the
// jewel's whole risk), so the classic lazy greedy would change the plans.
//
// Order. Candidates are taken in order of their bounds — first a loose one from the arcs they
// touch (no rules run), refined from their change when they come up, then evaluated exactly —
// until the best exact scores stand apart from every bound left by a gap (below). Among those
// best scores, the former plan's rule is replayed in the candidates' order, so ties and near-ties
// fall exactly as they did.
//
// Gap lemma. Let ε = 1 + 1e-12 (the former plan's tie factor: a candidate replaces the best so far
// when its score exceeds best × ε) and G ≥ ε² with room for rounding. Suppose every score ≥ T is
// known exactly and no score lies in [T/G, T). Then replaying the rule on the candidates scoring
// ≥ T alone, in order, picks the same action as replaying it on all candidates. Proof: call scores
// ≥ T high and the others low (< T/G). A low candidate never replaces a high best (low < T/G < T ≤
// best ≤ best × ε). A high candidate always replaces a low best (low × ε < T/G × ε < T ≤ high). So
// before the first high candidate the best is low or none, the first high one becomes the best
// either way, and from then on the best is high and only high candidates can replace it: the high
// candidates see the same bests in both replays.
import type { AttackGraph } from '../attack-graph';
import { shortestTree, type ShortestTree } from '../paths';
import type { ShortestTreeRepair } from '../shortest-tree-repair';
import { riskOfDistances } from './changes';
import type { Candidate, CandidateChange, PlanState } from './plan-state';

/** The former plan's tie factor: a later candidate wins only with a score above best × TIE. */
const TIE = 1 + 1e-12;
/** The gap the lemma above needs (≥ TIE², with ample room for rounding). */
const GAP = 1 + 1e-9;

export interface StepQuery {
  readonly state: PlanState;
  readonly tree: ShortestTree;
  readonly repair: ShortestTreeRepair;
  readonly entries: readonly number[];
  readonly jewels: readonly number[];
  /** Plant risk now (riskReport of the current plant). */
  readonly risk: number;
  /** Spent so far, and the budget (none: unbounded). */
  readonly spent: number;
  readonly budget: number | undefined;
}

export interface StepChoice {
  readonly candidate: Candidate;
  readonly score: number;
}

/** Counters of one step's work, for benchmarks and tests of the pruning. */
export interface StepWork {
  candidates: number;
  /** Candidates whose risk after was computed exactly (the others were bounded out). */
  evaluated: number;
  /** Of those, the ones computed by a full search (a change that makes some edge lighter). */
  fullSearches: number;
}

interface Open {
  readonly index: number;
  readonly candidate: Candidate;
  /** Upper bound of the candidate's score: from the arcs it touches, then from its change. */
  bound: number;
  change?: CandidateChange;
}

/** The candidate the former plan picks, or undefined when none removes risk within the budget. */
export function chooseAction(q: StepQuery, candidates: readonly Candidate[], work?: StepWork): StepChoice | undefined {
  const threshold = 1e-6 * Math.max(1, q.risk);
  if (work) {
    work.candidates = candidates.length;
    work.evaluated = 0;
    work.fullSearches = 0;
  }
  // First bounds need no rules run: the jewels below any tree edge of an arc the candidate touches
  // (a superset of those below an edge it makes heavier). Kept sorted, best bound first.
  const open: Open[] = [];
  candidates.forEach((candidate, index) => {
    if (q.budget !== undefined && q.spent + candidate.action.cost > q.budget) return;
    const removedBound = q.risk - riskWithout(q, jewelsBelow(q, q.state.touchedEdges(candidate)));
    if (removedBound <= threshold) return; // cannot pass the former plan's "removes some risk" test
    open.push({ index, candidate, bound: removedBound / candidate.action.cost });
  });
  const byBound = (a: Open, b: Open) => b.bound - a.bound || a.index - b.index;
  open.sort(byBound);
  // Exact scores, best first, of the candidates evaluated so far that pass the test.
  const known: { index: number; candidate: Candidate; score: number }[] = [];
  while (open.length > 0) {
    const s = open.shift()!;
    if (!s.change) {
      // Refine: the change's own bound (jewels below an edge it makes heavier), back in the queue.
      s.change = q.state.change(s.candidate);
      const removedBound = q.risk - riskWithout(q, jewelsBelow(q, heavierEdges(q, s.change)));
      if (removedBound <= threshold) continue;
      s.bound = Math.min(s.bound, removedBound / s.candidate.action.cost);
      open.splice(sortedIndex(open, s, byBound), 0, s);
      continue;
    }
    const removed = q.risk - exactRisk(q, s.change);
    if (work) {
      work.evaluated++;
      if (s.change.lighter) work.fullSearches++;
    }
    if (removed > threshold) {
      const score = removed / s.candidate.action.cost;
      let at = known.length;
      while (at > 0 && known[at - 1]!.score < score) at--;
      known.splice(at, 0, { index: s.index, candidate: s.candidate, score });
    }
    const high = highGroup(known, open.length > 0 ? open[0]!.bound : -Infinity);
    if (high !== undefined) return replay(known.slice(0, high));
  }
  // Every candidate evaluated or bounded out.
  const high = highGroup(known, -Infinity);
  return high === undefined ? undefined : replay(known.slice(0, high));
}

/** Where `item` goes in the sorted list. */
function sortedIndex(list: readonly Open[], item: Open, order: (a: Open, b: Open) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The size k of the top group of known scores that the gap lemma lets stand for all candidates:
 * the smallest k with the k-th score T above every later known score and every unknown bound by
 * the factor GAP; undefined while no such group exists yet (or nothing passes yet).
 */
function highGroup(known: readonly { score: number }[], restBound: number): number | undefined {
  for (let k = 1; k <= known.length; k++) {
    const t = known[k - 1]!.score / GAP;
    if (restBound >= t) return undefined; // the unknown ones could still score near the top k
    if (k === known.length || known[k]!.score < t) return k;
  }
  return undefined;
}

/** The former plan's rule over the given candidates, in candidate order. */
function replay(group: readonly { index: number; candidate: Candidate; score: number }[]): StepChoice {
  let best: StepChoice | undefined;
  for (const c of [...group].sort((a, b) => a.index - b.index)) {
    if (!best || c.score > best.score * TIE) best = { candidate: c.candidate, score: c.score };
  }
  return best!;
}

/** The edges of a change that get heavier. */
function heavierEdges(q: StepQuery, change: CandidateChange): number[] {
  const out: number[] = [];
  for (let i = 0; i < change.edges.length; i++) if (change.weights[i]! > q.state.attack.weight[change.edges[i]!]!) out.push(change.edges[i]!);
  return out;
}

/** Which jewels' most likely paths use one of the edges (the jewels below those of them in the tree). */
function jewelsBelow(q: StepQuery, edges: Iterable<number>): boolean[] {
  const below = q.jewels.map(() => false);
  const ag = q.state.attack;
  for (const e of edges) {
    if (!q.repair.isTreeEdge(e)) continue;
    const root = ag.edgeTarget[e]!;
    q.jewels.forEach((j, k) => {
      if (q.repair.inSubtree(root, j)) below[k] = true;
    });
  }
  return below;
}

/** Plant risk counting only the jewels not affected: a lower bound of the risk after the change. */
function riskWithout(q: StepQuery, affected: readonly boolean[]): number {
  return riskOfDistances(q.state.money, (i) => (affected[i] ? Infinity : q.tree.dist[q.jewels[i]!]!));
}

/** Plant risk after the change, as riskAfter computes it: the same number, from a repaired tree. */
export function exactRisk(q: StepQuery, change: CandidateChange): number {
  if (change.lighter) return fullSearchRisk(q, q.state.attack, change);
  const dist = q.repair.distancesAfter(change, q.jewels);
  return riskOfDistances(q.state.money, (i) => dist[i]!);
}

/** The former plan's evaluation, for changes that break the repair's precondition. */
function fullSearchRisk(q: StepQuery, ag: AttackGraph, change: CandidateChange): number {
  const weight = ag.weight.slice();
  for (let i = 0; i < change.edges.length; i++) weight[change.edges[i]!] = change.weights[i]!;
  const tree = shortestTree(ag, q.entries, { weight, stopWhenSettled: q.jewels });
  return riskOfDistances(q.state.money, (i) => tree.dist[q.jewels[i]!]!);
}
