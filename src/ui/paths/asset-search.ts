// What the path finder's From and To fields suggest as the analyst types (asset names and ids,
// entry points first in From, crown jewels first in To), and what the default path list keeps
// under its filters. Plain functions: the components only render their answers.
import type { ExplainedPath } from '../../analysis/explain';
import type { PlantModel } from '../../model/schema';

export type Role = 'entry point' | 'crown jewel';

export interface AssetOption {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly zone: string;
  readonly role: Role | undefined;
}

/** The assets of a model ready to search: lower-cased names and ids, zone names, roles. */
export interface AssetIndex {
  readonly options: readonly AssetOption[];
  readonly keys: readonly { readonly name: string; readonly id: string }[];
}

export function assetIndex(model: PlantModel): AssetIndex {
  const zones = new Map(model.zones.map((z) => [z.id, z.name]));
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  const options = model.assets.map((a): AssetOption => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    zone: zones.get(a.zone) ?? a.zone,
    role: entries.has(a.id) ? 'entry point' : jewels.has(a.id) ? 'crown jewel' : undefined,
  }));
  return { options, keys: options.map((o) => ({ name: o.name.toLowerCase(), id: o.id.toLowerCase() })) };
}

/** How well `q` (lower case, trimmed) matches: 0 best … 4, or -1 for no match. */
function rank(key: { name: string; id: string }, q: string): number {
  if (key.id === q || key.name === q) return 0;
  if (key.name.startsWith(q)) return 1;
  if (key.id.startsWith(q)) return 2;
  if (key.name.split(/[\s(),/–—-]+/).some((w) => w.startsWith(q))) return 3;
  return key.name.includes(q) || key.id.includes(q) ? 4 : -1;
}

/**
 * Up to `limit` assets matching `text` (by name or id): an exact match first, then those where a
 * word of the name (or the id) starts with it — the assets in `prefer`'s role first — then any
 * other match; by name within each. Empty text: the assets in that role.
 */
export function searchAssets(index: AssetIndex, text: string, prefer: Role, limit = 8): AssetOption[] {
  const q = text.trim().toLowerCase();
  const scored: { o: AssetOption; r: number }[] = [];
  index.options.forEach((o, i) => {
    const r = q ? rank(index.keys[i]!, q) : o.role === prefer ? 0 : -1;
    if (r >= 0) scored.push({ o, r });
  });
  // An exact match first; then whole-word matches, the preferred role first; then the rest.
  const tier = (r: number) => (r === 0 ? 0 : r < 4 ? 1 : 2);
  scored.sort((a, b) => tier(a.r) - tier(b.r) || Number(b.o.role === prefer) - Number(a.o.role === prefer) || a.r - b.r || a.o.name.localeCompare(b.o.name, 'en'));
  return scored.slice(0, limit).map((s) => s.o);
}

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
