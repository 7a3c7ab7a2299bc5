// Connections in columns. A plant's connections are most of its text (1M records on the largest
// plants); parsed into objects they cost ~100 bytes each and most of the load time. The model
// parser reads the connections array of a model file straight into these typed columns (see
// scanner.ts and parse.ts); this module is the column storage and its record-at-a-time reading.
import { DIRECTIONS, PROTOCOLS, TRANSPORTS, type Connection, type PlantModel } from '../schema';

/** Fields of a connection record, in schema order; a record's key order is kept per record. */
export const CONNECTION_FIELDS = [
  'id', 'from', 'to', 'protocol', 'port', 'transport', 'direction', 'via', 'conduit',
  'authenticated', 'encrypted', 'observed', 'required', 'likelihood', 'description',
] as const;
export const F_ID = 0;
export const F_FROM = 1;
export const F_TO = 2;
export const F_PROTOCOL = 3;
export const F_PORT = 4;
export const F_TRANSPORT = 5;
export const F_DIRECTION = 6;
export const F_VIA = 7;
export const F_CONDUIT = 8;
export const F_AUTHENTICATED = 9;
export const F_ENCRYPTED = 10;
export const F_OBSERVED = 11;
export const F_REQUIRED = 12;
export const F_LIKELIHOOD = 13;
export const F_DESCRIPTION = 14;
export const REQUIRED_FIELDS = (1 << F_ID) | (1 << F_FROM) | (1 << F_TO) | (1 << F_PROTOCOL) | (1 << F_DIRECTION);
/** The four optional booleans, two bits each in `bools`: 0 absent, 2 false, 3 true. */
export const BOOL_FIELDS = [F_AUTHENTICATED, F_ENCRYPTED, F_OBSERVED, F_REQUIRED] as const;
export const MAX_ID = 256; // Id / Ref maxLength in the schema
export const MAX_TEXT = 4096; // Text maxLength in the schema
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

export type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A new array of `size` (at least a's length) starting with a's values (Uint16 → Uint8 narrows: callers check the values fit). */
export function copyOf<T extends Column>(a: Column, size: number, make: (n: number) => T): T {
  const out = make(size);
  out.set(a);
  return out;
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
