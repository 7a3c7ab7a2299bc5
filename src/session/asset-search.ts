// Finding assets by name or id in the analysis worker (the main thread holds no asset list to
// search): the path finder's suggestions (entry points first in From, crown jewels first in To),
// the graph's Find box. The lower-cased keys are built once per plant context. Pure.
import type { PlantContext } from '../analysis/context';

export type Role = 'entry point' | 'crown jewel';

export interface AssetOption {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** The zone's name. */
  readonly zone: string;
  readonly role: Role | undefined;
}

/** The assets of a plant ready to search: lower-cased names and ids, and the roles. */
interface SearchIndex {
  readonly names: readonly string[];
  readonly ids: readonly string[];
  readonly role: Uint8Array;
}

const ENTRY = 1;
const JEWEL = 2;
const indexes = new WeakMap<PlantContext, SearchIndex>();

function searchIndex(ctx: PlantContext): SearchIndex {
  let index = indexes.get(ctx);
  if (!index) {
    const role = new Uint8Array(ctx.ids.length);
    for (const v of ctx.entries) role[v] = ENTRY;
    for (const v of ctx.jewels) if (!role[v]) role[v] = JEWEL;
    index = { names: ctx.names.map((n) => n.toLowerCase()), ids: ctx.ids.map((id) => id.toLowerCase()), role };
    indexes.set(ctx, index);
  }
  return index;
}

/** The characters that separate the words of a name. */
const SEPARATOR = /[\s(),/–—-]/;

/** Whether `q` (holding no separator) starts a word of `name` (words split by SEPARATOR). */
function startsAWord(name: string, q: string): boolean {
  for (let at = name.indexOf(q); at >= 0; at = name.indexOf(q, at + 1)) if (at === 0 || SEPARATOR.test(name[at - 1]!)) return true;
  return false;
}

/** How well `q` (lower case, trimmed) matches: 0 best … 4, or -1 for no match. */
function rank(name: string, id: string, q: string, wordQuery: boolean): number {
  if (id === q || name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (id.startsWith(q)) return 2;
  if (wordQuery && startsAWord(name, q)) return 3;
  return name.includes(q) || id.includes(q) ? 4 : -1;
}

/**
 * Up to `limit` assets matching `text` (by name or id): an exact match first, then those where a
 * word of the name (or the id) starts with it — the assets in `prefer`'s role first — then any
 * other match; by name within each. Empty text: the assets in that role.
 */
export function searchAssets(ctx: PlantContext, text: string, prefer: Role | undefined, limit = 8): AssetOption[] {
  const { names, ids, role } = searchIndex(ctx);
  const q = text.trim().toLowerCase();
  const want = prefer === 'entry point' ? ENTRY : prefer === 'crown jewel' ? JEWEL : 0;
  const wordQuery = !SEPARATOR.test(q);
  const hits: { v: number; r: number }[] = [];
  for (let v = 0; v < names.length; v++) {
    const r = q ? rank(names[v]!, ids[v]!, q, wordQuery) : want && role[v] === want ? 0 : -1;
    if (r >= 0) hits.push({ v, r });
  }
  // An exact match first; then whole-word matches, the preferred role first; then the rest.
  const tier = (r: number) => (r === 0 ? 0 : r < 4 ? 1 : 2);
  const preferred = (v: number) => (want && role[v] === want ? 1 : 0);
  const order = (a: { v: number; r: number }, b: { v: number; r: number }) =>
    tier(a.r) - tier(b.r) || preferred(b.v) - preferred(a.v) || a.r - b.r || ctx.names[a.v]!.localeCompare(ctx.names[b.v]!, 'en');
  return smallest(hits, Math.max(0, limit), order).map(({ v }) => option(ctx, v, role[v]!));
}

/** The `k` first of `xs` in `order`, without sorting them all (a search of a 100k-asset plant may match most of it). */
function smallest<T>(xs: T[], k: number, order: (a: T, b: T) => number): T[] {
  if (xs.length <= k * 4) return xs.sort(order).slice(0, k);
  const kept: T[] = [];
  for (const x of xs) {
    if (kept.length === k && order(x, kept[k - 1]!) >= 0) continue;
    let i = kept.length;
    while (i > 0 && order(x, kept[i - 1]!) < 0) i--;
    kept.splice(i, 0, x);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

function option(ctx: PlantContext, v: number, role: number): AssetOption {
  const a = ctx.model.assets[v]!;
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    zone: ctx.model.zones[ctx.graph.nodeZone[v]!]?.name ?? a.zone,
    role: role === ENTRY ? 'entry point' : role === JEWEL ? 'crown jewel' : undefined,
  };
}
