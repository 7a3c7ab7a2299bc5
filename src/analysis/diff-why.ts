// Why a scenario moves no money: "±0 €" with its reasons, as data the app puts in words — the plant
// names no jewel or entry, a patched asset is still exploitable through another of its CVEs, a
// control was already there, a marked entry reaches nothing or is outdone by another entry, a
// marked jewel has no impact, every jewel keeps its most likely route (none of them used what the
// edits touch) or is re-routed at the same likelihood.
import { bestExploit } from '../model/compact';
import type { PlantContext } from './context';
import { explainPath } from './explain';
import { pathTo, shortestTree } from './paths';
import { entryTree, type RiskReport } from './risk';
import type { Route } from './route-changes';
import type { ScenarioEdit } from './scenario';

export type UnchangedReason =
  | { readonly kind: 'no-crown-jewels' }
  | { readonly kind: 'no-entry-points' }
  | { readonly kind: 'nothing-reachable' }
  /** The asset keeps unpatched CVEs: the exploit rule uses its most exploitable one (`cve`). */
  | { readonly kind: 'still-exploitable'; readonly asset: string; readonly assetName: string; readonly cve: string; readonly cvss: number | null; readonly kev: boolean; readonly more: number; readonly moreKev: number }
  | { readonly kind: 'control-present'; readonly asset: string; readonly assetName: string; readonly control: string }
  | { readonly kind: 'entry-reaches-no-jewel'; readonly asset: string; readonly assetName: string }
  /** The marked entry reaches crown jewels, each of them more likely from another entry point. */
  | { readonly kind: 'entry-outranked'; readonly asset: string; readonly assetName: string }
  | { readonly kind: 'jewel-unreachable'; readonly asset: string; readonly assetName: string }
  | { readonly kind: 'jewel-without-impact'; readonly asset: string; readonly assetName: string }
  /** `jewels` crown jewels keep their most likely route; `top` is the one with the most risk. */
  | { readonly kind: 'same-routes'; readonly jewels: number; readonly top: { readonly jewel: string; readonly jewelName: string; readonly route: Route } | null }
  | { readonly kind: 'rerouted-same-likelihood'; readonly jewel: string; readonly jewelName: string; readonly before: Route; readonly after: Route }
  | { readonly kind: 'likelihood-without-impact'; readonly jewel: string; readonly jewelName: string; readonly before: number; readonly after: number };

/** Log-likelihoods closer than this are the same likelihood. */
const SAME_LOG = 1e-9;

function bestRoutes(ctx: PlantContext): Map<string, Route> {
  const tree = entryTree(ctx);
  const out = new Map<string, Route>();
  for (const v of ctx.jewels) {
    const p = pathTo(ctx.attack, tree, v);
    if (!p) continue;
    const x = explainPath(ctx, p);
    out.set(ctx.ids[v]!, { nodes: x.nodes, names: x.nodes.map((id) => ctx.names[ctx.index.get(id)!]!), likelihood: x.likelihood, logLikelihood: x.logLikelihood });
  }
  return out;
}

/** What the edits themselves say about a zero change (a CVE that leaves others, a control already there, a mark that adds nothing). */
function editReasons(base: PlantContext, changed: PlantContext, edits: readonly ScenarioEdit[], rc: RiskReport): UnchangedReason[] {
  const out: UnchangedReason[] = [];
  const name = (ctx: PlantContext, id: string) => ctx.names[ctx.index.get(id) ?? -1] ?? id;
  const riskVia = (r: RiskReport) => new Set(r.jewels.filter((j) => j.reachable).map((j) => j.via));
  for (const e of edits) {
    if (e.kind === 'patch-cve') {
      const asset = changed.model.assets.find((a) => a.id === e.asset);
      const open = (asset?.vulnerabilities ?? []).filter((v) => !v.patched);
      if (!asset || !open.length) continue;
      const best = open.reduce((a, b) => (bestExploit([b]).exploit > bestExploit([a]).exploit ? b : a));
      out.push({
        kind: 'still-exploitable', asset: asset.id, assetName: asset.name, cve: best.cve, cvss: best.cvss ?? null, kev: best.kev === true,
        more: open.length - 1, moreKev: open.filter((v) => v !== best && v.kev).length,
      });
    } else if (e.kind === 'add-control') {
      const before = base.model.assets.find((a) => a.id === e.asset);
      if (before?.controls?.includes(e.control)) out.push({ kind: 'control-present', asset: e.asset, assetName: before.name, control: e.control });
    } else if (e.kind === 'mark-entry') {
      const v = changed.index.get(e.entry.asset);
      if (v === undefined) continue;
      const tree = shortestTree(changed.attack, [v]);
      const reaches = changed.jewels.some((j) => j !== v && tree.dist[j] !== Infinity);
      if (!reaches) out.push({ kind: 'entry-reaches-no-jewel', asset: e.entry.asset, assetName: name(changed, e.entry.asset) });
      else if (!riskVia(rc).has(e.entry.asset)) out.push({ kind: 'entry-outranked', asset: e.entry.asset, assetName: name(changed, e.entry.asset) });
    } else if (e.kind === 'mark-jewel') {
      const j = rc.jewels.find((x) => x.asset === e.jewel.asset);
      if (!j) continue;
      if (!j.reachable) out.push({ kind: 'jewel-unreachable', asset: j.asset, assetName: j.name });
      else if (!(j.impact.money > 0)) out.push({ kind: 'jewel-without-impact', asset: j.asset, assetName: j.name });
    }
  }
  return out;
}

/**
 * Why the plant risk of `changed` (the baseline `base` with `edits` applied) equals the baseline's.
 * The first reasons that apply to the plant as a whole end the list; otherwise what the edits say,
 * then what happened to each crown jewel's most likely route.
 */
export function whyUnchanged(base: PlantContext, changed: PlantContext, edits: readonly ScenarioEdit[], rb: RiskReport, rc: RiskReport): UnchangedReason[] {
  if (changed.model.crownJewels.length === 0) return [{ kind: 'no-crown-jewels' }];
  if (changed.model.entryPoints.length === 0) return [{ kind: 'no-entry-points' }];
  if (!rb.jewels.some((j) => j.reachable) && !rc.jewels.some((j) => j.reachable)) return [{ kind: 'nothing-reachable' }];
  const out = editReasons(base, changed, edits, rc);
  const before = bestRoutes(base);
  const after = bestRoutes(changed);
  const riskOf = new Map(rc.jewels.map((j) => [j.asset, j]));
  let kept = 0;
  let top: { jewel: string; jewelName: string; route: Route; risk: number } | null = null;
  for (const j of rc.jewels) {
    const b = before.get(j.asset);
    const a = after.get(j.asset);
    if (!a || !b) continue;
    const sameRoute = a.nodes.length === b.nodes.length && a.nodes.every((x, i) => x === b.nodes[i]);
    const sameLik = Math.abs(a.logLikelihood - b.logLikelihood) <= SAME_LOG;
    if (sameRoute && sameLik) {
      kept++;
      const risk = riskOf.get(j.asset)?.risk ?? 0;
      if (!top || risk > top.risk) top = { jewel: j.asset, jewelName: j.name, route: a, risk };
    } else if (sameLik) out.push({ kind: 'rerouted-same-likelihood', jewel: j.asset, jewelName: j.name, before: b, after: a });
    else out.push({ kind: 'likelihood-without-impact', jewel: j.asset, jewelName: j.name, before: b.likelihood, after: a.likelihood });
  }
  if (kept) out.push({ kind: 'same-routes', jewels: kept, top: top && { jewel: top.jewel, jewelName: top.jewelName, route: top.route } });
  return out;
}
