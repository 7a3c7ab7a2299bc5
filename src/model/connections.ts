// Connections in columns. A plant's connections are most of its text (1M records on the largest
// plants); parsed into objects they cost ~100 bytes each and most of the load time. The model
// parser reads the connections array of a model file straight into these typed columns (see
// scanConnections and parse.ts) and the model then materializes `connections` as objects only
// when some code reads the property; the compiler and the common analyses read the columns.
//
// The scanner accepts a strict subset of the schema's connection records — every field checked
// as the schema checks it — and declines anything else, in which case the parser falls back to
// JSON.parse + the schema validator, so errors and edge cases stay those of the one schema.
import { DIRECTIONS, PROTOCOLS, TRANSPORTS, type Connection, type PlantModel, type Protocol } from './schema';

/** Fields of a connection record, in schema order; a record's key order is kept per record. */
export const CONNECTION_FIELDS = [
  'id', 'from', 'to', 'protocol', 'port', 'transport', 'direction', 'via', 'conduit',
  'authenticated', 'encrypted', 'observed', 'required', 'likelihood', 'description',
] as const;
const F_ID = 0;
const F_FROM = 1;
const F_TO = 2;
const F_PROTOCOL = 3;
const F_PORT = 4;
const F_TRANSPORT = 5;
const F_DIRECTION = 6;
const F_VIA = 7;
const F_CONDUIT = 8;
const F_AUTHENTICATED = 9;
const F_ENCRYPTED = 10;
const F_OBSERVED = 11;
const F_REQUIRED = 12;
const F_LIKELIHOOD = 13;
const F_DESCRIPTION = 14;
const REQUIRED_FIELDS = (1 << F_ID) | (1 << F_FROM) | (1 << F_TO) | (1 << F_PROTOCOL) | (1 << F_DIRECTION);
/** The four optional booleans, two bits each in `bools`: 0 absent, 2 false, 3 true. */
const BOOL_FIELDS = [F_AUTHENTICATED, F_ENCRYPTED, F_OBSERVED, F_REQUIRED] as const;
const MAX_ID = 256; // Id / Ref maxLength in the schema
const MAX_TEXT = 4096; // Text maxLength in the schema
export const NO_INDEX = -1;
export const NO_ENUM = 255;

export interface ConnectionColumns {
  readonly count: number;
  /**
   * Connection ids as UTF-16 code units (one byte each when every id is Latin-1); id i is
   * idChars[idOffsets[i] .. idOffsets[i+1]).
   */
  readonly idChars: Uint8Array | Uint16Array;
  readonly idOffsets: Uint32Array;
  /** Asset indexes (positions in model.assets). */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Index into PROTOCOLS. */
  readonly protocol: Uint8Array;
  /** Index into DIRECTIONS. */
  readonly direction: Uint8Array;
  /** Index into TRANSPORTS, NO_ENUM where absent. */
  readonly transport: Uint8Array;
  /** The port, where the record has one (hasField). */
  readonly port: Uint16Array;
  /** Asset index of `via`, NO_INDEX where absent; undefined when no record has a `via`. */
  readonly via: Int32Array | undefined;
  /** Conduit index (position in model.conduits), NO_INDEX where absent; undefined when none has one. */
  readonly conduit: Int32Array | undefined;
  /** authenticated, encrypted, observed, required: bits 2k..2k+1 = 0 absent, 2 false, 3 true. */
  readonly bools: Uint8Array;
  /** NaN where absent; undefined when no record sets one. */
  readonly likelihood: Float64Array | undefined;
  readonly descriptions: ReadonlyMap<number, string>;
  /** Key order of record i: shapes[shape[i]] lists its fields (indexes into CONNECTION_FIELDS). */
  readonly shape: Uint16Array;
  readonly shapes: readonly (readonly number[])[];
  /** Fields present in each shape, as bits 1 << field. */
  readonly shapeMask: Uint16Array;
}

/** True when record i has the field (index into CONNECTION_FIELDS). */
export function hasField(cols: ConnectionColumns, i: number, field: number): boolean {
  return (cols.shapeMask[cols.shape[i]!]! & (1 << field)) !== 0;
}

export function connectionIdAt(cols: ConnectionColumns, i: number): string {
  return charsToString(cols.idChars, cols.idOffsets[i]!, cols.idOffsets[i + 1]!);
}

/** The string of code units chars[start .. end) (in slices: no argument-count limit). */
export function charsToString(chars: Uint8Array | Uint16Array, start: number, end: number): string {
  if (end - start <= 64) return String.fromCharCode.apply(null, chars.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode.apply(null, chars.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  return s;
}

/** Record i as the object JSON.parse would have produced (same keys, same order, same values). */
export function connectionAt(cols: ConnectionColumns, model: Pick<PlantModel, 'assets' | 'conduits'>, i: number): Connection {
  const o: Record<string, unknown> = {};
  for (const f of cols.shapes[cols.shape[i]!]!) {
    switch (f) {
      case F_ID: o.id = connectionIdAt(cols, i); break;
      case F_FROM: o.from = model.assets[cols.from[i]!]!.id; break;
      case F_TO: o.to = model.assets[cols.to[i]!]!.id; break;
      case F_PROTOCOL: o.protocol = PROTOCOLS[cols.protocol[i]!]; break;
      case F_PORT: o.port = cols.port[i]; break;
      case F_TRANSPORT: o.transport = TRANSPORTS[cols.transport[i]!]; break;
      case F_DIRECTION: o.direction = DIRECTIONS[cols.direction[i]!]; break;
      case F_VIA: o.via = model.assets[cols.via![i]!]!.id; break;
      case F_CONDUIT: o.conduit = model.conduits![cols.conduit![i]!]!.id; break;
      case F_LIKELIHOOD: o.likelihood = cols.likelihood![i]; break;
      case F_DESCRIPTION: o.description = cols.descriptions.get(i); break;
      default: o[CONNECTION_FIELDS[f]!] = ((cols.bools[i]! >> (2 * (f - F_AUTHENTICATED))) & 3) === 3;
    }
  }
  return o as Connection;
}

// ---------------------------------------------------------------------------------------------
// Models whose connections are held in columns.

interface Held {
  readonly cols: ConnectionColumns;
}
const held = new WeakMap<object, Held>();

/**
 * Makes `model.connections` a property that builds the records from the columns on first read
 * (then keeps them, frozen: models are immutable, edits make new models). Assigning the property
 * replaces it with a plain array and forgets the columns.
 */
export function holdConnections(model: PlantModel, cols: ConnectionColumns): void {
  let records: Connection[] | undefined;
  const target = model as unknown as Record<string, unknown>;
  held.set(model, { cols });
  Object.defineProperty(target, 'connections', {
    enumerable: true,
    configurable: true,
    get(): Connection[] {
      if (records === undefined) {
        const out: Connection[] = new Array(cols.count);
        for (let i = 0; i < cols.count; i++) out[i] = Object.freeze(connectionAt(cols, model, i));
        records = Object.freeze(out) as Connection[];
      }
      return records;
    },
    set(value: unknown) {
      held.delete(model);
      Object.defineProperty(target, 'connections', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** The columns behind a model's connections, when the parser read them into columns. */
export function connectionColumns(model: PlantModel): ConnectionColumns | undefined {
  return held.get(model)?.cols;
}

/** Number of connections, without building the records. */
export function connectionCount(model: PlantModel): number {
  return connectionColumns(model)?.count ?? model.connections.length;
}

/** Read access to a model's connections by position that builds no records when columns back them. */
export interface ConnectionView {
  readonly count: number;
  id(i: number): string;
  from(i: number): string;
  to(i: number): string;
  protocol(i: number): Protocol;
  port(i: number): number | undefined;
  record(i: number): Connection;
}

export function connectionView(model: PlantModel): ConnectionView {
  const cols = connectionColumns(model);
  if (!cols) {
    const cs = model.connections;
    return {
      count: cs.length,
      id: (i) => cs[i]!.id,
      from: (i) => cs[i]!.from,
      to: (i) => cs[i]!.to,
      protocol: (i) => cs[i]!.protocol,
      port: (i) => cs[i]!.port,
      record: (i) => cs[i]!,
    };
  }
  return {
    count: cols.count,
    id: (i) => connectionIdAt(cols, i),
    from: (i) => model.assets[cols.from[i]!]!.id,
    to: (i) => model.assets[cols.to[i]!]!.id,
    protocol: (i) => PROTOCOLS[cols.protocol[i]!]!,
    port: (i) => (hasField(cols, i, F_PORT) ? cols.port[i] : undefined),
    record: (i) => connectionAt(cols, model, i),
  };
}

// ---------------------------------------------------------------------------------------------
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

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units: the hash the scanner computes while reading a string. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
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

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A new array of `size` (at least a's length) starting with a's values (Uint16 → Uint8 narrows: callers check the values fit). */
function copyOf<T extends Column>(a: Column, size: number, make: (n: number) => T): T {
  const out = make(size);
  out.set(a);
  return out;
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
function findId(table: IdTable, t: string, start: number, len: number, hash: number): number {
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

/** What phase 2 resolves against: asset and conduit ids by position, and the trust and media ids. */
export interface ConnectionRefs {
  readonly assets: IdTable;
  readonly conduits: IdTable;
  /** Trust and media ids: connection ids share their id space. */
  readonly otherEdgeIds: IdList;
}

/** The ids of a document (validated or not: a non-string id becomes '', which no reference names). */
export function connectionRefs(doc: unknown): ConnectionRefs {
  const d = (doc ?? {}) as Record<string, unknown>;
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map((x: unknown) => ((x as { id?: unknown } | null)?.id as string) ?? '').map((id) => (typeof id === 'string' ? id : '')) : []);
  return { assets: idTable(ids(d.assets)), conduits: idTable(ids(d.conduits)), otherEdgeIds: idListOf([...ids(d.trust), ...ids(d.media)]) };
}

/**
 * Phase 2: resolves from / to / via / conduit against the model's assets and conduits (which the
 * schema check has already found unique); no self-loops. With checkIds, also the edge-id space:
 * connection, trust and media ids all distinct (without, the caller checks them: the two-thread
 * parse does it over its parts with IdSet). Undefined to decline.
 */
export function resolveConnections(t: string, s: ScannedConnections, refs: ConnectionRefs, checkIds = true): ConnectionColumns | undefined {
  const n = s.count;
  const cap = s.protocol.length; // room the scan reserved (scanConnections' part)
  const { assets, conduits } = refs;
  const from = new Int32Array(cap);
  const to = new Int32Array(cap);
  let anyVia = false;
  let anyConduit = false;
  for (let i = 0; i < n && !(anyVia && anyConduit); i++) {
    anyVia ||= s.refStart[4 * i + 2]! >= 0;
    anyConduit ||= s.refStart[4 * i + 3]! >= 0;
  }
  const via = anyVia ? new Int32Array(cap) : undefined;
  const conduit = anyConduit ? new Int32Array(cap) : undefined;
  for (let i = 0; i < n; i++) {
    const r = 4 * i;
    const a = findId(assets, t, s.refStart[r]!, s.refLength[r]!, s.refHash[r]!);
    const b = findId(assets, t, s.refStart[r + 1]!, s.refLength[r + 1]!, s.refHash[r + 1]!);
    if (a < 0 || b < 0 || a === b) return undefined;
    from[i] = a;
    to[i] = b;
    if (via) {
      if (s.refStart[r + 2]! < 0) via[i] = NO_INDEX;
      else if ((via[i] = findId(assets, t, s.refStart[r + 2]!, s.refLength[r + 2]!, s.refHash[r + 2]!)) < 0) return undefined;
    }
    if (conduit) {
      if (s.refStart[r + 3]! < 0) conduit[i] = NO_INDEX;
      else if ((conduit[i] = findId(conduits, t, s.refStart[r + 3]!, s.refLength[r + 3]!, s.refHash[r + 3]!)) < 0) return undefined;
    }
  }
  if (checkIds && !new IdSet([scannedIds(s), refs.otherEdgeIds]).unique) return undefined;
  return {
    count: n, idChars: s.idChars, idOffsets: s.idOffsets, from, to, protocol: s.protocol, direction: s.direction, transport: s.transport,
    port: s.port, via, conduit, bools: s.bools, likelihood: s.likelihood, descriptions: s.descriptions, shape: s.shape, shapes: s.shapes,
    shapeMask: s.shapeMask,
  };
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

/**
 * Columns of two consecutive parts of one connections array as one (ids are not checked: see
 * IdSet). Written into the room `a` reserved (scanConnections' part) when there is enough, else
 * into new arrays. Undefined when the key orders of the two together exceed 65,535.
 */
export function appendColumns(a: ConnectionColumns, b: ConnectionColumns): ConnectionColumns | undefined {
  const shapes = [...a.shapes, ...b.shapes];
  if (shapes.length > 0xffff) return undefined;
  const n = a.count + b.count;
  const aLen = a.idOffsets[a.count]!;
  const idLen = aLen + b.idOffsets[b.count]!;
  // Each column goes into a's room when it has room, else into a new array (a column the first
  // part lacks is new in any case).
  const into = <T extends Column>(x: T | undefined, y: T | undefined, absent: number, make: (k: number) => T): T => {
    const out = x && x.length >= n ? x : make(n);
    if (out !== x && x) out.set(x.subarray(0, a.count));
    else if (!x) out.fill(absent, 0, a.count);
    if (y) out.set(y.subarray(0, b.count), a.count);
    else out.fill(absent, a.count, n);
    return out.subarray(0, n) as T;
  };
  const wide = a.idChars instanceof Uint16Array || b.idChars instanceof Uint16Array;
  const charsFit = a.idChars.length >= idLen && (a.idChars instanceof Uint16Array || !wide);
  const idChars = charsFit ? a.idChars : wide ? new Uint16Array(idLen) : new Uint8Array(idLen);
  if (idChars !== a.idChars) idChars.set(a.idChars.subarray(0, aLen));
  idChars.set(b.idChars.subarray(0, idLen - aLen), aLen);
  const idOffsets = a.idOffsets.length >= n + 1 ? a.idOffsets : new Uint32Array(n + 1);
  if (idOffsets !== a.idOffsets) idOffsets.set(a.idOffsets.subarray(0, a.count + 1));
  for (let i = 1; i <= b.count; i++) idOffsets[a.count + i] = aLen + b.idOffsets[i]!;
  const shape = into(a.shape, undefined, 0, (k) => new Uint16Array(k));
  for (let i = 0; i < b.count; i++) shape[a.count + i] = b.shape[i]! + a.shapes.length;
  const descriptions = new Map(a.descriptions);
  for (const [i, d] of b.descriptions) descriptions.set(a.count + i, d);
  const optional = <T extends Int32Array | Float64Array>(x: T | undefined, y: T | undefined, absent: number, make: (k: number) => T) =>
    x || y ? into(x, y, absent, make) : undefined;
  return {
    count: n, idChars: idChars.subarray(0, idLen), idOffsets: idOffsets.subarray(0, n + 1),
    from: into(a.from, b.from, 0, (k) => new Int32Array(k)),
    to: into(a.to, b.to, 0, (k) => new Int32Array(k)),
    protocol: into(a.protocol, b.protocol, 0, (k) => new Uint8Array(k)),
    direction: into(a.direction, b.direction, 0, (k) => new Uint8Array(k)),
    transport: into(a.transport, b.transport, 0, (k) => new Uint8Array(k)),
    port: into(a.port, b.port, 0, (k) => new Uint16Array(k)),
    via: optional(a.via, b.via, NO_INDEX, (k) => new Int32Array(k)),
    conduit: optional(a.conduit, b.conduit, NO_INDEX, (k) => new Int32Array(k)),
    bools: into(a.bools, b.bools, 0, (k) => new Uint8Array(k)),
    likelihood: optional(a.likelihood, b.likelihood, NaN, (k) => new Float64Array(k)),
    descriptions, shape, shapes,
    shapeMask: Uint16Array.from([...a.shapeMask, ...b.shapeMask]),
  };
}

/** The buffers of resolved columns, to transfer them from the thread that resolved them. */
export function connectionBuffers(c: ConnectionColumns): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [c.idChars, c.idOffsets, c.from, c.to, c.protocol, c.direction, c.transport, c.port, c.bools, c.shape, c.shapeMask];
  for (const a of [c.via, c.conduit, c.likelihood]) if (a) arrays.push(a);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** What the helper of a two-thread parse answers: its part's columns, and the hashes of their ids. */
export interface ResolvedPart {
  /** Per-record arrays may be longer than count: room for the parts that follow (appendColumns). */
  readonly cols: ConnectionColumns;
  readonly idHash: Int32Array;
}

/** The ids of a helper's part, for IdSet.meets. */
export function partIds(p: ResolvedPart): IdList {
  return { count: p.cols.count, chars: p.cols.idChars, offsets: p.cols.idOffsets, hashes: p.idHash };
}

/**
 * The scanning side of a two-thread parse (parse.ts, parseModelTextParallel), for a helper
 * worker: scan(token, partText, wholeLength) reads the first part of an array (see ArrayPart);
 * resolve(token, refs) answers with its columns, their ids checked among themselves, or
 * undefined when the scan declined, did not end exactly at the end of its text, or ids repeat.
 */
export function createScanService() {
  const scans = new Map<number, { text: string; scanned: ScannedConnections | undefined }>();
  return {
    scan(token: number, partText: string, wholeLength: number): void {
      scans.set(token, { text: partText, scanned: scanConnections(partText, 0, { wholeLength }) });
    },
    resolve(token: number, refs: ConnectionRefs): ResolvedPart | undefined {
      const entry = scans.get(token);
      scans.delete(token);
      const s = entry?.scanned;
      if (!s || s.end !== entry.text.length || !new IdSet([scannedIds(s)]).unique) return undefined;
      const cols = resolveConnections(entry.text, s, refs, false);
      return cols && { cols, idHash: s.idHash };
    },
  };
}

/** The buffers of a helper's answer, to transfer them. */
export function resolvedPartBuffers(p: ResolvedPart): ArrayBuffer[] {
  return [...new Set([...connectionBuffers(p.cols), p.idHash.buffer as ArrayBuffer])];
}
