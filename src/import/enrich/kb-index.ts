// An index over the knowledge base for matching (advisories and KEV entries by canonical vendor), built once per KB.
import type { Advisory, Kb, KevEntry } from '../kb';
import { quality } from './product';
import { normText } from './text';
import { advisoryVendorKeys, vendorKey } from './vendor';

/** An advisory with its text normalized for phrase search. */
export interface IndexedAdvisory {
  readonly advisory: Advisory;
  /** Normalized product + title + affected, padded with spaces. */
  readonly text: string;
  /** Where the affected text starts in `text`, and its raw-index map. */
  readonly affectedStart: number;
  readonly affectedAt: Int32Array;
}

/** A KEV entry with its product normalized, whole (`text`) and in its parts ("A, B and C"). */
export interface IndexedKev {
  readonly entry: KevEntry;
  readonly text: string;
  readonly parts: readonly string[];
}

/** Advisories and KEV entries by canonical vendor key. */
export interface KbIndex {
  readonly byVendor: Map<string, IndexedAdvisory[]>;
  readonly kevByVendor: Map<string, IndexedKev[]>;
}

const indexes = new WeakMap<Kb, KbIndex>();

/** The index of a KB, built on first use and kept as long as the KB is. */
export function indexKb(kb: Kb): KbIndex {
  const hit = indexes.get(kb);
  if (hit) return hit;
  const byVendor = new Map<string, IndexedAdvisory[]>();
  for (const advisory of kb.advisories) {
    const head = ` ${normText(advisory.product).text} | ${normText(advisory.title).text} | `;
    const aff = normText(advisory.affected);
    const ia: IndexedAdvisory = { advisory, text: `${head}${aff.text} `, affectedStart: head.length, affectedAt: aff.at };
    for (const key of advisoryVendorKeys(advisory.vendor)) {
      const list = byVendor.get(key);
      if (list) list.push(ia);
      else byVendor.set(key, [ia]);
    }
  }
  const kevByVendor = new Map<string, IndexedKev[]>();
  for (const entry of kb.kev) {
    const text = normText(entry.product).text;
    if (text === 'multiple products' || text === '') continue;
    const parts = [text, ...entry.product.split(/,\s*|\s+and\s+/i).map((p) => normText(p).text)].filter((p) => quality(p.split(' ')) !== undefined);
    const key = vendorKey(entry.vendor).key;
    const list = kevByVendor.get(key);
    const item: IndexedKev = { entry, text, parts: [...new Set(parts)] };
    if (list) list.push(item);
    else kevByVendor.set(key, [item]);
  }
  const index = { byVendor, kevByVendor };
  indexes.set(kb, index);
  return index;
}

/** Where `phrase` stands as whole words in `text` (at most `limit` hits). */
export function findAll(text: string, phrase: string, limit = 64): number[] {
  const needle = ` ${phrase} `;
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1 && out.length < limit; i = text.indexOf(needle, i + 1)) out.push(i + 1);
  return out;
}

/** The raw products-affected text following a phrase hit, up to the next product entry. */
export function windowAfter(ia: IndexedAdvisory, hit: number, phrase: string): string | undefined {
  const start = hit - ia.affectedStart + phrase.length;
  if (hit < ia.affectedStart) return undefined;
  const raw = ia.advisory.affected;
  const rawStart = start < ia.affectedAt.length ? ia.affectedAt[start] ?? raw.length : raw.length;
  const rest = raw.slice(rawStart, rawStart + 200);
  const end = rest.search(/\s\|\s|;|,\s(?=[A-Za-z](?![a-z]*\s?(?:and|or)\sprior))|\.\s+[A-Z]/);
  return end === -1 ? rest : rest.slice(0, end);
}
