// What the path finder's From and To fields ask the analysis worker to suggest as the analyst types
// (asset names and ids, entry points first in From, crown jewels first in To: session/asset-search.ts),
// and what the default path list keeps under its filters. Plain functions: the components only
// render their answers.
import type { ExplainedPath } from '../../analysis/explain';
import type { AssetOption, Role } from '../../session/asset-search';

export type { AssetOption, Role } from '../../session/asset-search';

/** Asks the analysis worker for up to 8 assets matching `text`, those in `prefer`'s role first (session/asset-search.ts). */
export type AssetSearch = (text: string, prefer: Role) => Promise<readonly AssetOption[]>;

/** The default list's filters: an entry point, a crown jewel (undefined: any), a least likelihood in [0, 1]. */
export interface PathFilter {
  readonly entry: string | undefined;
  readonly jewel: string | undefined;
  readonly minLikelihood: number;
}

export const NO_FILTER: PathFilter = { entry: undefined, jewel: undefined, minLikelihood: 0 };

export function filterPaths(paths: readonly ExplainedPath[], f: PathFilter): readonly ExplainedPath[] {
  if (f.entry === undefined && f.jewel === undefined && !(f.minLikelihood > 0)) return paths;
  return paths.filter((p) => (f.entry === undefined || p.from === f.entry) && (f.jewel === undefined || p.to === f.jewel) && p.likelihood >= f.minLikelihood);
}

/** The entry points and crown jewels the paths start and end at, by name (for the filters' lists). */
export function pathEnds(paths: readonly ExplainedPath[], name: (id: string) => string): { entries: { id: string; name: string }[]; jewels: { id: string; name: string }[] } {
  const list = (ids: Iterable<string>) => [...new Set(ids)].map((id) => ({ id, name: name(id) })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return { entries: list(paths.map((p) => p.from)), jewels: list(paths.map((p) => p.to)) };
}

/** Most paths per pair the finder asks for (the engine allows 1000; a list of thousands is no answer). */
export const MAX_FINDER_K = 100;

/** The k typed in the finder, as a whole number in 1..MAX_FINDER_K (undefined when it is not one). */
export function finderK(text: string): number | undefined {
  const k = Number(text);
  return Number.isInteger(k) && k >= 1 && k <= MAX_FINDER_K ? k : undefined;
}
