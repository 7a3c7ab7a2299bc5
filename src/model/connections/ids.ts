// Ids as code units: the hash the scanner computes while reading a string, an open-addressing table
// of asset and conduit ids that resolves references spelled in the text without making strings,
// and a set of edge ids (connections, trust and media share one id space).
import type { ScannedConnections } from './scanner';

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units: the hash the scanner computes while reading a string. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Open-addressing table of ids by hashString, the ids' code units copied into one buffer: the
 * lookups (two to four per connection) then touch two typed arrays and never the id strings. Slot j
 * holds [position + 1 (0 empty), hash, start of its code units, length] side by side: one cache
 * line per probe. Plain data: it is built once and crosses to the helper thread of a two-thread
 * parse by structured clone.
 */
export interface IdTable {
  readonly slots: Int32Array;
  readonly chars: Uint16Array;
  readonly mask: number;
}

export function idTable(ids: readonly string[]): IdTable {
  let size = 16;
  while (size < ids.length * 2) size *= 2;
  const slots = new Int32Array(size * 4);
  const mask = size - 1;
  let total = 0;
  for (const id of ids) total += id.length;
  const chars = new Uint16Array(total);
  let p = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const h = hashString(id);
    let j = h & mask;
    while (slots[4 * j] !== 0) j = (j + 1) & mask;
    slots[4 * j] = k + 1;
    slots[4 * j + 1] = h;
    slots[4 * j + 2] = p;
    slots[4 * j + 3] = id.length;
    for (let c = 0; c < id.length; c++) chars[p++] = id.charCodeAt(c);
  }
  return { slots, chars, mask };
}

/** Position of the id spelled by t[start .. start+len) (whose hashString is `hash`), or -1. */
export function findId(table: IdTable, t: string, start: number, len: number, hash: number): number {
  const { slots, chars, mask } = table;
  for (let j = hash & mask; ; j = (j + 1) & mask) {
    const at = 4 * j;
    const k = slots[at]! - 1;
    if (k < 0) return -1;
    if (slots[at + 1] !== hash || slots[at + 3] !== len) continue;
    const o = slots[at + 2]!;
    let c = 0;
    while (c < len && t.charCodeAt(start + c) === chars[o + c]) c++;
    if (c === len) return k;
  }
}

/** Ids as code units with their hashes (hashString): id k is chars[offsets[k] .. offsets[k+1]). */
export interface IdList {
  readonly count: number;
  readonly chars: Uint8Array | Uint16Array;
  readonly offsets: Uint32Array;
  readonly hashes: Int32Array;
}

/** The connection ids of a scan, with the hashes the scanner computed while reading them. */
export function scannedIds(s: ScannedConnections): IdList {
  return { count: s.count, chars: s.idChars, offsets: s.idOffsets, hashes: s.idHash };
}

export function idListOf(ids: readonly string[]): IdList {
  let total = 0;
  for (const id of ids) total += id.length;
  const chars = new Uint16Array(total);
  const offsets = new Uint32Array(ids.length + 1);
  const hashes = new Int32Array(ids.length);
  let p = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    offsets[k] = p;
    for (let c = 0; c < id.length; c++) chars[p++] = id.charCodeAt(c);
    hashes[k] = hashString(id);
  }
  offsets[ids.length] = p;
  return { count: ids.length, chars, offsets, hashes };
}

/**
 * Open-addressing set of the ids of some lists (edge ids: connections, trust, media share one
 * id space). `unique` is false when an id occurs twice among them; `has` asks for an id of
 * another list (the parts of a two-thread parse are checked against each other that way).
 */
export class IdSet {
  readonly unique: boolean;
  private readonly lists: readonly IdList[];
  /** Slot j: [k + 1 (0 empty), hash, list] side by side — one cache line per probe. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** One bit per hash value modulo its size, set for every member: most `has` misses stop here (it stays in the cache). */
  private readonly filter: Uint32Array;
  private readonly filterMask: number;
  constructor(lists: readonly IdList[]) {
    if (lists.length > 255) throw new Error('IdSet takes at most 255 lists');
    this.lists = lists;
    let n = 0;
    for (const l of lists) n += l.count;
    let size = 16;
    while (size < n * 2) size *= 2;
    this.slots = new Int32Array(size * 3);
    this.mask = size - 1;
    this.filter = new Uint32Array(size / 2); // 16 bits per slot: at least 32 per member
    this.filterMask = size * 16 - 1;
    this.unique = lists.every((l, li) => this.addAll(l, li));
  }
  private addAll(l: IdList, li: number): boolean {
    const { slots, mask, filter, filterMask } = this;
    for (let k = 0; k < l.count; k++) {
      const h = l.hashes[k]!;
      let j = h & mask;
      for (; slots[3 * j] !== 0; j = (j + 1) & mask) if (slots[3 * j + 1] === h && this.same(j, l, k)) return false;
      slots[3 * j] = k + 1;
      slots[3 * j + 1] = h;
      slots[3 * j + 2] = li;
      const b = (h >>> 7) & filterMask;
      filter[b >>> 5]! |= 1 << (b & 31);
    }
    return true;
  }
  /** True when id k of list l is in the set. */
  has(l: IdList, k: number): boolean {
    const { slots, mask, filter, filterMask } = this;
    const h = l.hashes[k]!;
    const b = (h >>> 7) & filterMask;
    if ((filter[b >>> 5]! & (1 << (b & 31))) === 0) return false;
    for (let j = h & mask; slots[3 * j] !== 0; j = (j + 1) & mask) if (slots[3 * j + 1] === h && this.same(j, l, k)) return true;
    return false;
  }
  /** True when some id of list l is in the set. */
  meets(l: IdList): boolean {
    for (let k = 0; k < l.count; k++) if (this.has(l, k)) return true;
    return false;
  }
  private same(j: number, l: IdList, k: number): boolean {
    const o = this.lists[this.slots[3 * j + 2]!]!;
    const i = this.slots[3 * j]! - 1;
    const a0 = o.offsets[i]!;
    const b0 = l.offsets[k]!;
    const len = o.offsets[i + 1]! - a0;
    if (l.offsets[k + 1]! - b0 !== len) return false;
    for (let c = 0; c < len; c++) if (o.chars[a0 + c] !== l.chars[b0 + c]) return false;
    return true;
  }
}
