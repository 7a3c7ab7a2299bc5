// The chokepoints view of a plant: the part an attacker uses (the assets reached from an entry
// point that reach a crown jewel — every asset on an entry → jewel path, and the few an attacker
// could pass through and come back from), the attack edges between those assets, the minimum cut ranked by risk removed, the
// dominators, and the headline ("hardening these N assets (€X) cuts every path to M jewels and
// removes €Y, Z % of plant risk"), laid out in Purdue bands. What the graph's Chokepoints mode and
// the executive graph export draw.
import { techniqueOf } from './attack-graph';
import { hardeningCost, type Chokepoints } from './chokepoints';
import type { PlantContext } from './context';
import { bandLayout, type GraphLayout } from './layout';
import { pathTo } from './paths';
import { reachFrom } from './reach';
import { entryTree, riskReport, totalRisk } from './risk';
import { TECHNIQUES } from './techniques';

/**
 * Most assets the view shows one by one. Beyond, it shows the assets that matter most (entry
 * points, reachable jewels, the cut, the dominators, the ranked assets and the most likely path to
 * each jewel) and says how many relevant assets it leaves out. A display bound (assumption):
 * about what a 1600 × 1000 screen shows with names at full zoom-out.
 */
export const MAX_VIEW_ASSETS = 250;

export interface ViewEdge {
  readonly from: string;
  readonly to: string;
  /** The most likely attack edge from `from` to `to`. */
  readonly likelihood: number;
  readonly technique: string;
  readonly techniqueName: string;
  /** On the most likely path from the entry points to some crown jewel. */
  readonly main: boolean;
}

export interface RankedCutAsset {
  readonly id: string;
  /** 1 = harden first: the most risk removed if hardened alone (then the cheaper, then by id). */
  readonly rank: number;
  readonly riskRemoved: number;
  readonly cost: number;
}

export interface ChokepointHeadline {
  readonly kind: 'cut' | 'partial-cut' | 'nothing-to-cut';
  /** Assets in the cut and their hardening cost. */
  readonly assets: number;
  readonly cost: number;
  /** Reachable crown jewels the cut protects (every path to them cut). */
  readonly protects: number;
  /** Reachable crown jewels no hardening can protect (partial cut). */
  readonly cannotProtect: number;
  /** Plant risk, and the risk removed by hardening the whole cut. */
  readonly plantRisk: number;
  readonly riskRemoved: number;
  /** Why nothing can be cut (nothing-to-cut only). */
  readonly reason?: string;
}

export interface ChokepointView {
  /** The assets shown, in model order. */
  readonly assets: readonly string[];
  /** Assets reached from an entry point that reach a crown jewel, shown or not. */
  readonly relevant: number;
  readonly edges: readonly ViewEdge[];
  readonly layout: GraphLayout;
  readonly cut: readonly RankedCutAsset[];
  /** Assets on every path to some jewel (entries and jewels excluded). */
  readonly dominators: readonly string[];
  /** Risk removed if hardened alone, for the ranked assets shown. */
  readonly riskRemoved: readonly (readonly [string, number])[];
  readonly entries: readonly string[];
  readonly jewels: readonly string[];
  readonly headline: ChokepointHeadline;
}

/** The chokepoints view of a plant from its chokepoints (chokepoints.ts). */
export function chokepointView(ctx: PlantContext, cp: Chokepoints): ChokepointView {
  const ag = ctx.attack;
  const n = ag.nodeCount;
  // Relevant: reached from an entry point and reaching a jewel.
  const forward = reachFrom(ag, ctx.entries).hops;
  const sourceOfIn = new Int32Array(ag.inEdges.length);
  for (let k = 0; k < ag.inEdges.length; k++) sourceOfIn[k] = ag.edgeSource[ag.inEdges[k]!]!;
  const backward = reachFrom({ nodeCount: n, offsets: ag.inOffsets, edgeTarget: sourceOfIn }, ctx.jewels).hops;
  const relevant = new Uint8Array(n);
  let relevantCount = 0;
  for (let v = 0; v < n; v++) {
    if (forward[v]! >= 0 && backward[v]! >= 0) {
      relevant[v] = 1;
      relevantCount++;
    }
  }

  const base = riskReport(ctx);
  const tree = entryTree(ctx);
  const mainPairs = new Set<number>();
  const onMainPath = new Uint8Array(n);
  for (const j of ctx.jewels) {
    const path = pathTo(ag, tree, j);
    if (!path) continue;
    for (const v of path.nodes) onMainPath[v] = 1;
    for (const e of path.edges) mainPairs.add(ag.edgeSource[e]! * n + ag.edgeTarget[e]!);
  }

  const cutIds = cp.minCut.kind === 'nothing-to-cut' ? [] : cp.minCut.assets;
  const removed = new Map(cp.ranking.map((r) => [r.id, r.riskRemoved]));
  const dominators = [...new Set(cp.dominators.flatMap((d) => d.assets))];
  const shown = new Uint8Array(n);
  if (relevantCount <= MAX_VIEW_ASSETS) shown.set(relevant);
  else {
    const key = [...ctx.entries, ...ctx.jewels, ...[...cutIds, ...dominators, ...cp.ranking.filter((r) => r.riskRemoved > 0).map((r) => r.id)].map((id) => ctx.index.get(id)!)];
    for (const v of key) if (v !== undefined && relevant[v]) shown[v] = 1;
    for (let v = 0; v < n; v++) if (onMainPath[v] && relevant[v]) shown[v] = 1;
  }

  const assets: string[] = [];
  for (let v = 0; v < n; v++) if (shown[v]) assets.push(ctx.ids[v]!);
  // One edge per ordered pair of shown assets: the most likely.
  const best = new Map<number, number>();
  for (let e = 0; e < ag.edgeCount; e++) {
    const u = ag.edgeSource[e]!;
    const w = ag.edgeTarget[e]!;
    if (u === w || !shown[u] || !shown[w]) continue;
    const key = u * n + w;
    const held = best.get(key);
    if (held === undefined || ag.likelihood[e]! > ag.likelihood[held]!) best.set(key, e);
  }
  const edges: ViewEdge[] = [...best].map(([key, e]) => {
    const technique = techniqueOf(ag, e);
    return { from: ctx.ids[ag.edgeSource[e]!]!, to: ctx.ids[ag.edgeTarget[e]!]!, likelihood: ag.likelihood[e]!, technique, techniqueName: TECHNIQUES[technique].name, main: mainPairs.has(key) };
  });

  const cut = cutIds
    .map((id) => ({ id, riskRemoved: removed.get(id) ?? 0, cost: hardeningCost(ctx, ctx.index.get(id)!) }))
    .sort((a, b) => b.riskRemoved - a.riskRemoved || a.cost - b.cost || (a.id < b.id ? -1 : 1))
    .map((c, i) => ({ ...c, rank: i + 1 }));

  const banned = new Uint8Array(n);
  for (const id of cutIds) banned[ctx.index.get(id)!] = 1;
  const riskRemoved = cutIds.length ? Math.max(0, base.total - totalRisk(ctx, banned)) : 0;
  const headline: ChokepointHeadline =
    cp.minCut.kind === 'nothing-to-cut'
      ? { kind: 'nothing-to-cut', assets: 0, cost: 0, protects: 0, cannotProtect: 0, plantRisk: base.total, riskRemoved: 0, reason: cp.minCut.reason }
      : {
          kind: cp.minCut.kind,
          assets: cutIds.length,
          cost: cp.minCut.cost,
          protects: cp.minCut.protects.length,
          cannotProtect: cp.minCut.kind === 'partial-cut' ? cp.minCut.cannotProtect.length : 0,
          plantRisk: base.total,
          riskRemoved,
        };

  const members = new Map<string, string[]>();
  for (const id of assets) {
    const zone = ctx.model.assets[ctx.index.get(id)!]!.zone;
    const list = members.get(zone);
    if (list) list.push(id);
    else members.set(zone, [id]);
  }
  const { positions, bands } = bandLayout({ zones: ctx.model.zones, members, links: edges.map((e) => [e.from, e.to] as const) });
  const isShown = (id: string) => shown[ctx.index.get(id) ?? -1] === 1;
  return {
    assets,
    relevant: relevantCount,
    edges,
    layout: { collapsed: false, positions: [...positions].map(([id, p]) => [id, p.x, p.y] as const), bands },
    cut,
    dominators: dominators.filter(isShown),
    riskRemoved: cp.ranking.filter((r) => isShown(r.id)).map((r) => [r.id, r.riskRemoved] as const),
    entries: ctx.entries.filter((v) => shown[v]).map((v) => ctx.ids[v]!),
    jewels: ctx.jewels.filter((v) => shown[v]).map((v) => ctx.ids[v]!),
    headline,
  };
}
