// Attack paths between entry points and crown jewels: the most likely one per pair, or the k most
// likely loopless ones (Yen), explained step by step, best first.
import { nodeOf, type PlantContext } from './context';
import { explainPath, type ExplainedPath } from './explain';
import { kMostLikelyPaths, pathTo, shortestTree } from './paths';

export interface PathQuery {
  /** Entry points to start from (default: all). */
  readonly from?: readonly string[];
  /** Targets (default: all crown jewels). */
  readonly to?: readonly string[];
  /** Paths per pair (default 1, at most MAX_K). */
  readonly k?: number;
}

export function attackPaths(ctx: PlantContext, query: PathQuery = {}): ExplainedPath[] {
  const sources = query.from ? query.from.map((id) => nodeOf(ctx, id)) : [...ctx.entries];
  const targets = query.to ? query.to.map((id) => nodeOf(ctx, id)) : [...ctx.jewels];
  const k = query.k ?? 1;
  const out: ExplainedPath[] = [];
  for (const s of sources) {
    const tree = k === 1 ? shortestTree(ctx.attack, [s]) : undefined;
    for (const t of targets) {
      if (s === t) continue;
      if (tree) {
        const p = pathTo(ctx.attack, tree, t);
        if (p) out.push(explainPath(ctx, p));
      } else {
        for (const p of kMostLikelyPaths(ctx.attack, s, t, k)) out.push(explainPath(ctx, p));
      }
    }
  }
  return out.sort((a, b) => b.logLikelihood - a.logLikelihood || a.nodes.length - b.nodes.length || key(a).localeCompare(key(b)));
}

function key(p: ExplainedPath): string {
  return p.nodes.join('\u0000');
}
