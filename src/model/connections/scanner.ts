// The connections scanner: reads the JSON array of connection records straight into columns. It
// accepts a strict subset of the schema's connection records — every field checked as the schema
// checks it — and declines anything else, in which case the parser falls back to JSON.parse + the
// schema validator, so errors and edge cases stay those of the one schema.
import { DIRECTIONS, PROTOCOLS, TRANSPORTS } from '../schema';
import {
  BOOL_FIELDS, CONNECTION_FIELDS, copyOf, F_AUTHENTICATED, F_CONDUIT, F_DESCRIPTION, F_DIRECTION, F_FROM, F_ID, F_LIKELIHOOD, F_PORT,
  F_PROTOCOL, F_TO, F_TRANSPORT, F_VIA, F_ENCRYPTED, F_OBSERVED, F_REQUIRED, MAX_ID, MAX_TEXT, NO_ENUM, REQUIRED_FIELDS, type Column, type ConnectionColumns,
} from './columns';
import { FNV_OFFSET, FNV_PRIME, hashString } from './ids';

// The scanner. Phase 1 (scanConnections) reads the array text into columns with references as
// text ranges; phase 2 (resolveConnections) resolves them against the model's assets and
// conduits and checks ids. Either returns undefined to decline.

/**
 * Phase-1 result: the columns that need no resolving, and the references (from, to, via,
 * conduit) as text ranges with their hashes. The per-record arrays may be longer than `count`
 * when the scan reserved room for the parts of the array that follow (scanConnections' `part`).
 */
export interface ScannedConnections
  extends Omit<ConnectionColumns, 'from' | 'to' | 'via' | 'conduit' | 'descriptions'> {
  /** Index just after the array's closing bracket. */
  readonly end: number;
  /** hashString of each connection id. */
  readonly idHash: Int32Array;
  /** refStart[4k .. 4k+3]: from, to, via, conduit of record k: text start (-1 absent). */
  readonly refStart: Int32Array;
  readonly refLength: Uint16Array;
  readonly refHash: Int32Array;
  readonly descriptions: Map<number, string>;
}

function enumTable(values: readonly string[]): Map<number, number> {
  const m = new Map<number, number>();
  values.forEach((v, i) => {
    if (m.has(hashString(v))) throw new Error(`hash collision in enum table: ${v}`);
    m.set(hashString(v), i);
  });
  return m;
}
const PROTOCOL_BY_HASH = enumTable(PROTOCOLS);
const DIRECTION_BY_HASH = enumTable(DIRECTIONS);
const TRANSPORT_BY_HASH = enumTable(TRANSPORTS);
const KEY_TOKENS = CONNECTION_FIELDS.map((f) => `"${f}"`);

/**
 * Tokens as code units in one array (token k is codes[offsets[k] .. offsets[k+1])): compared by
 * a loop, which V8 runs several times faster than String.prototype.startsWith with a position.
 */
interface Tokens {
  readonly codes: Uint16Array;
  readonly offsets: Int32Array;
}
function tokens(list: readonly string[]): Tokens {
  const offsets = new Int32Array(list.length + 1);
  list.forEach((s, k) => (offsets[k + 1] = offsets[k]! + s.length));
  const codes = new Uint16Array(offsets[list.length]!);
  list.forEach((s, k) => {
    for (let c = 0; c < s.length; c++) codes[offsets[k]! + c] = s.charCodeAt(c);
  });
  return { codes, offsets };
}
/** Length of token k when t holds it at p, else -1. */
function tokenAt(t: string, p: number, tk: Tokens, k: number): number {
  const o = tk.offsets[k]!;
  const len = tk.offsets[k + 1]! - o;
  for (let c = 0; c < len; c++) if (t.charCodeAt(p + c) !== tk.codes[o + c]) return -1;
  return len;
}
/** `"field":` — the common spelling. */
const KEY_COLON = tokens(CONNECTION_FIELDS.map((f) => `"${f}":`));
const PROTOCOL_TOKENS = tokens(PROTOCOLS);
const DIRECTION_TOKENS = tokens(DIRECTIONS);
const TRANSPORT_TOKENS = tokens(TRANSPORTS);

// Out-parameters of the readers, in typed arrays: the scanner allocates nothing per value (a
// module-level number variable would box hashes and doubles in engines with 31-bit small ints).
const hashOut = new Int32Array(1);
const numOut = new Float64Array(1);

function skipWs(t: string, p: number): number {
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === 32 || c === 10 || c === 13 || c === 9) p++;
    else return p;
  }
}

/**
 * Reads a JSON string with no escape at the quote at p: returns the index after the closing
 * quote and sets hashOut[0], or -1 (no opening quote at p, an escape, a control character, a
 * lone UTF-16 surrogate — the ordinary way reports those — or the end of the text).
 */
function readPlain(t: string, p: number): number {
  if (t.charCodeAt(p) !== 34) return -1;
  let h = FNV_OFFSET;
  for (let i = p + 1; ; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) {
      hashOut[0] = h;
      return i + 1;
    }
    if (c === 92 || !(c >= 32)) return -1; // also NaN past the end
    if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is read as its two code units; a lone surrogate is declined.
      const d = t.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return -1;
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
      h = Math.imul(h ^ d, FNV_PRIME);
      continue;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
}

/** Finds the end of any JSON string at p (escapes allowed): index after the closing quote, or -1 (no string at p). */
function skipString(t: string, p: number): number {
  if (t.charCodeAt(p) !== 34) return -1;
  for (let i = p + 1; ; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) i++;
    else if (!(c >= 32)) return -1;
  }
}

/** Reads a JSON number at p (the JSON grammar exactly): index after it, value in numOut[0]; or -1. */
function readNumber(t: string, p: number): number {
  let i = p;
  let c = t.charCodeAt(i);
  if (c === 45) c = t.charCodeAt(++i);
  if (c === 48) c = t.charCodeAt(++i);
  else if (c >= 49 && c <= 57) {
    do c = t.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  } else return -1;
  let plain = i - p <= 9 && t.charCodeAt(p) !== 45;
  if (c === 46) {
    plain = false;
    c = t.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) return -1;
    do c = t.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    plain = false;
    c = t.charCodeAt(++i);
    if (c === 43 || c === 45) c = t.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) return -1;
    do c = t.charCodeAt(++i);
    while (c >= 48 && c <= 57);
  }
  if (plain) {
    let v = 0;
    for (let k = p; k < i; k++) v = v * 10 + (t.charCodeAt(k) - 48);
    numOut[0] = v;
  } else numOut[0] = Number(t.slice(p, i));
  return i;
}

/** True when t holds `s` at p (a JS loop: cheaper than a builtin call for these short tokens). */
function at(t: string, p: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (t.charCodeAt(p + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** The field whose quoted key may start at p (by its first letters; the caller checks it), or -1. */
function matchKey(t: string, p: number): number {
  let f: number;
  switch (t.charCodeAt(p + 1)) {
    case 105: f = F_ID; break; // i
    case 102: f = F_FROM; break; // f
    case 116: f = t.charCodeAt(p + 2) === 111 ? F_TO : F_TRANSPORT; break; // to / transport
    case 112: f = t.charCodeAt(p + 3) === 111 ? F_PROTOCOL : F_PORT; break; // protocol / port
    case 100: f = t.charCodeAt(p + 3) === 114 ? F_DIRECTION : F_DESCRIPTION; break; // direction / description
    case 118: f = F_VIA; break;
    case 99: f = F_CONDUIT; break;
    case 97: f = F_AUTHENTICATED; break;
    case 101: f = F_ENCRYPTED; break;
    case 111: f = F_OBSERVED; break;
    case 114: f = F_REQUIRED; break;
    case 108: f = F_LIKELIHOOD; break;
    default: return -1;
  }
  return f;
}

/** Growable columns of phase 1. */
class Builder {
  cap: number;
  count = 0;
  idChars: Uint16Array;
  idLen = 0;
  idOffsets: Uint32Array;
  idHash: Int32Array;
  refStart: Int32Array;
  refLength: Uint16Array;
  refHash: Int32Array;
  protocol: Uint8Array;
  direction: Uint8Array;
  transport: Uint8Array;
  port: Uint16Array;
  bools: Uint8Array;
  likelihood: Float64Array;
  shape: Uint16Array;
  /** OR of every id code unit: below 256, the ids fit in one byte each. */
  idBits = 0;
  hasLikelihood = false;
  constructor(cap: number) {
    this.cap = cap;
    this.idChars = new Uint16Array(cap * 8);
    this.idOffsets = new Uint32Array(cap + 1);
    this.idHash = new Int32Array(cap);
    this.refStart = new Int32Array(cap * 4);
    this.refLength = new Uint16Array(cap * 4);
    this.refHash = new Int32Array(cap * 4);
    this.protocol = new Uint8Array(cap);
    this.direction = new Uint8Array(cap);
    this.transport = new Uint8Array(cap);
    this.port = new Uint16Array(cap);
    this.bools = new Uint8Array(cap);
    this.likelihood = new Float64Array(cap);
    this.shape = new Uint16Array(cap);
  }
  grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Column>(a: T, size: number): T => copyOf(a, size, (k) => new (a.constructor as new (n: number) => T)(k));
    this.idOffsets = g(this.idOffsets, cap + 1);
    this.idHash = g(this.idHash, cap);
    this.refStart = g(this.refStart, cap * 4);
    this.refLength = g(this.refLength, cap * 4);
    this.refHash = g(this.refHash, cap * 4);
    this.protocol = g(this.protocol, cap);
    this.direction = g(this.direction, cap);
    this.transport = g(this.transport, cap);
    this.port = g(this.port, cap);
    this.bools = g(this.bools, cap);
    this.likelihood = g(this.likelihood, cap);
    this.shape = g(this.shape, cap);
    this.cap = cap;
  }
  growIds(need: number): void {
    let size = this.idChars.length * 2;
    while (size < need) size *= 2;
    this.idChars = copyOf(this.idChars, size, (k) => new Uint16Array(k));
  }
}

/**
 * Where a part of a connections array ends, for a two-thread parse: the text holds the array
 * from its `[` up to the end of some record (no `,` and no `]` after it); `wholeLength` is the
 * length of the whole array's text, by which the columns get room for the parts that follow.
 */
export interface ArrayPart {
  readonly wholeLength: number;
}

/** Room reserved beyond the scanned share of a part: the estimate may be a little short. */
const RESERVE_SLACK = 1.02;

/**
 * Phase 1: reads the JSON array of connection records that starts at `start` (the `[`), or with
 * `part` the first part of one (see ArrayPart), which then ends at the end of the text.
 * Returns undefined — decline — on anything outside the strict subset: unknown or repeated keys,
 * missing required fields, escapes outside descriptions, values the schema refuses.
 */
export function scanConnections(t: string, start: number, part?: ArrayPart): ScannedConnections | undefined {
  if (t.charCodeAt(start) !== 91) return undefined;
  const b = new Builder(Math.max(16, Math.ceil((t.length - start) / 96)));
  const descriptions = new Map<number, string>();
  // Key orders as a trie: state s, field f → next state trie[16 s + f] (0: none yet);
  // shapeFields[state] = the field list that leads to it.
  let trie = new Uint16Array(16 * 64);
  const shapeFields: number[][] = [[]];
  let p = skipWs(t, start + 1);
  if (t.charCodeAt(p) === 93) return finish(p + 1);
  for (;;) {
    if (t.charCodeAt(p) !== 123) return undefined;
    const i = b.count;
    if (i === b.cap) b.grow();
    const r = 4 * i;
    b.refStart[r + 2] = -1;
    b.refStart[r + 3] = -1;
    b.transport[i] = NO_ENUM;
    b.bools[i] = 0;
    b.likelihood[i] = NaN;
    b.idOffsets[i] = b.idLen;
    let seen = 0;
    let state = 0;
    p = skipWs(t, p + 1);
    for (;;) {
      if (t.charCodeAt(p) !== 34) return undefined;
      const f = matchKey(t, p);
      if (f < 0 || (seen & (1 << f)) !== 0) return undefined;
      seen |= 1 << f;
      const keyColon = tokenAt(t, p, KEY_COLON, f);
      if (keyColon > 0) p = skipWs(t, p + keyColon);
      else {
        if (!at(t, p, KEY_TOKENS[f]!)) return undefined;
        p = skipWs(t, p + KEY_TOKENS[f]!.length);
        if (t.charCodeAt(p) !== 58) return undefined;
        p = skipWs(t, p + 1);
      }
      let next = trie[state * 16 + f]!;
      if (next === 0) {
        next = shapeFields.length;
        if (next > 0xffff) return undefined;
        if (16 * (next + 1) > trie.length) {
          const bigger = new Uint16Array(trie.length * 2);
          bigger.set(trie);
          trie = bigger;
        }
        trie[state * 16 + f] = next;
        shapeFields.push([...shapeFields[state]!, f]);
      }
      state = next;
      switch (f) {
        case F_ID: {
          const e = readPlain(t, p);
          const len = e - p - 2;
          if (e < 0 || len < 1 || len > MAX_ID) return undefined;
          if (b.idLen + len > b.idChars.length) b.growIds(b.idLen + len);
          let bits = 0;
          for (let k = p + 1; k < e - 1; k++) bits |= b.idChars[b.idLen++] = t.charCodeAt(k);
          b.idBits |= bits;
          b.idHash[i] = hashOut[0]!;
          p = e;
          break;
        }
        case F_FROM:
        case F_TO:
        case F_VIA:
        case F_CONDUIT: {
          const e = readPlain(t, p);
          const len = e - p - 2;
          if (e < 0 || len < 1 || len > MAX_ID) return undefined;
          const slot = r + (f === F_FROM ? 0 : f === F_TO ? 1 : f === F_VIA ? 2 : 3);
          b.refStart[slot] = p + 1;
          b.refLength[slot] = len;
          b.refHash[slot] = hashOut[0]!;
          p = e;
          break;
        }
        case F_PROTOCOL:
        case F_DIRECTION:
        case F_TRANSPORT: {
          const e = readPlain(t, p);
          if (e < 0) return undefined;
          const values = f === F_PROTOCOL ? PROTOCOL_TOKENS : f === F_DIRECTION ? DIRECTION_TOKENS : TRANSPORT_TOKENS;
          const k = (f === F_PROTOCOL ? PROTOCOL_BY_HASH : f === F_DIRECTION ? DIRECTION_BY_HASH : TRANSPORT_BY_HASH).get(hashOut[0]!);
          if (k === undefined || tokenAt(t, p + 1, values, k) !== e - p - 2) return undefined;
          if (f === F_PROTOCOL) b.protocol[i] = k;
          else if (f === F_DIRECTION) b.direction[i] = k;
          else b.transport[i] = k;
          p = e;
          break;
        }
        case F_PORT: {
          const e = readNumber(t, p);
          // -0 passes the schema but would come back as 0: declined, like every oddity.
          const v = numOut[0]!;
          if (e < 0 || !Number.isInteger(v) || v < 0 || v > 65535 || Object.is(v, -0)) return undefined;
          b.port[i] = v;
          p = e;
          break;
        }
        case F_LIKELIHOOD: {
          const e = readNumber(t, p);
          const v = numOut[0]!;
          if (e < 0 || !(v > 0 && v <= 1)) return undefined;
          b.likelihood[i] = v;
          b.hasLikelihood = true;
          p = e;
          break;
        }
        case F_DESCRIPTION: {
          const e = skipString(t, p);
          if (e < 0) return undefined;
          let s: unknown;
          try {
            s = JSON.parse(t.slice(p, e)); // a fresh string: a slice would keep the whole text alive
          } catch {
            return undefined;
          }
          // A lone surrogate (from a \uD800 escape) is declined: the ordinary way names it.
          if (typeof s !== 'string' || s.length > MAX_TEXT || /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(s)) return undefined;
          descriptions.set(i, s);
          p = e;
          break;
        }
        default: {
          const k = BOOL_FIELDS.indexOf(f as (typeof BOOL_FIELDS)[number]);
          let v: number;
          if (t.startsWith('true', p)) {
            v = 3;
            p += 4;
          } else if (t.startsWith('false', p)) {
            v = 2;
            p += 5;
          } else return undefined;
          b.bools[i]! |= v << (2 * k);
        }
      }
      p = skipWs(t, p);
      const c = t.charCodeAt(p);
      if (c === 44) {
        p = skipWs(t, p + 1);
        continue;
      }
      if (c === 125) {
        p++;
        break;
      }
      return undefined;
    }
    if ((seen & REQUIRED_FIELDS) !== REQUIRED_FIELDS) return undefined;
    b.shape[i] = state;
    b.count++;
    p = skipWs(t, p);
    const c = t.charCodeAt(p);
    if (c === 44) {
      p = skipWs(t, p + 1);
      continue;
    }
    if (c === 93) return finish(p + 1);
    if (part && p === t.length) return finish(p);
    return undefined;
  }

  function finish(end: number): ScannedConnections {
    const n = b.count;
    b.idOffsets[n] = b.idLen;
    const shapeMask = new Uint16Array(shapeFields.length);
    shapeFields.forEach((fields, k) => {
      for (const f of fields) shapeMask[k]! |= 1 << f;
    });
    // Room for the rest of the array, estimated from this part's share of its text.
    const scale = part ? (part.wholeLength / Math.max(1, end - start)) * RESERVE_SLACK : 1;
    const cap = part ? Math.ceil(n * scale) + 16 : n;
    const idCap = part ? Math.ceil(b.idLen * scale) + 256 : b.idLen;
    return {
      end, count: n,
      idChars: copyOf<Uint8Array | Uint16Array>(b.idChars.subarray(0, b.idLen), idCap, (k) => (b.idBits < 256 ? new Uint8Array(k) : new Uint16Array(k))),
      idOffsets: copyOf(b.idOffsets.subarray(0, n + 1), cap + 1, (k) => new Uint32Array(k)),
      idHash: b.idHash,
      refStart: b.refStart, refLength: b.refLength, refHash: b.refHash,
      protocol: copyOf(b.protocol.subarray(0, n), cap, (k) => new Uint8Array(k)),
      direction: copyOf(b.direction.subarray(0, n), cap, (k) => new Uint8Array(k)),
      transport: copyOf(b.transport.subarray(0, n), cap, (k) => new Uint8Array(k)),
      port: copyOf(b.port.subarray(0, n), cap, (k) => new Uint16Array(k)),
      bools: copyOf(b.bools.subarray(0, n), cap, (k) => new Uint8Array(k)),
      likelihood: b.hasLikelihood ? copyOf(b.likelihood.subarray(0, n), cap, (k) => new Float64Array(k)) : undefined,
      descriptions, shape: copyOf(b.shape.subarray(0, n), cap, (k) => new Uint16Array(k)), shapes: shapeFields, shapeMask,
    };
  }
}
