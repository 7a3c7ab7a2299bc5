// Cell values → model values: yes/no, amounts, Purdue levels, directions, kinds, protocols, lists and
// services. Each answers undefined (or a message) for a value it cannot read; the caller names row and column.
//
// Cell values are looked up in Maps and Sets only, never as keys of plain objects: a cell saying
// "constructor" or "__proto__" must find nothing on Object.prototype, and fail on its own row and column.
import { showValue } from '../../model/errors';
import { ASSET_KINDS, PROTOCOLS, PURDUE_LEVELS, TRANSPORTS, type AssetKind, type Connection, type Protocol, type PurdueLevel, type Service } from '../../model/schema';

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
const LEVEL_WORDS: ReadonlyMap<string, PurdueLevel> = new Map([['dmz', 3.5], ['idmz', 3.5], ['industrial dmz', 3.5]]);
const DIRECTION_WORDS: ReadonlyMap<string, Connection['direction']> = new Map([
  ['one-way', 'one-way'], ['oneway', 'one-way'], ['one way', 'one-way'], ['uni', 'one-way'], ['unidirectional', 'one-way'],
  ['both', 'both'], ['two-way', 'both'], ['bidirectional', 'both'], ['bi', 'both'],
]);

/** The Purdue levels as a message lists them. */
export const LEVELS_TEXT = PURDUE_LEVELS.join(',');

/** A cell value as looked up: trimmed, lower case. */
export const normKey = (s: string) => s.trim().toLowerCase();

/** Splits a list cell: items separated by ; , | (and whitespace, where items cannot hold spaces). */
export function listCell(value: string, spaces: boolean): string[] {
  return value.split(spaces ? /[;,|\s]+/ : /[;,|]/).map((s) => s.trim()).filter(Boolean);
}

/** `3`, `L3`, `level 3`, `3.5`, `DMZ`. */
export function parseLevel(raw: string): PurdueLevel | undefined {
  const s = raw.trim().toLowerCase();
  const word = LEVEL_WORDS.get(s);
  if (word !== undefined) return word;
  const m = /^(?:level\s*|l)?(\d(?:\.\d+)?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return (PURDUE_LEVELS as readonly number[]).includes(n) ? (n as PurdueLevel) : undefined;
}

/** yes/no, true/false, y/n, 1/0, x; an empty cell is no. */
export function parseBool(raw: string): boolean | undefined {
  const s = normKey(raw);
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** A non-negative number; spaces and underscores group digits ("12 500"). */
export function parseAmount(raw: string): number | undefined {
  const s = raw.trim().replace(/[\s_]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** A direction from a cell already passed through normKey: one-way (uni, …) or both (two-way, bi, …). */
export function parseDirection(key: string): Connection['direction'] | undefined {
  return DIRECTION_WORDS.get(key);
}

/** An asset kind: a value the mapping lists (keys as normKey gives them), else a kind's own name ("Protocol Gateway" → protocol-gateway). */
export function parseKind(raw: string, mapped: ReadonlyMap<string, AssetKind>): AssetKind | undefined {
  return mapped.get(normKey(raw)) ?? ASSET_KINDS.find((x) => x === normKey(raw).replace(/[\s_]+/g, '-'));
}

/** A protocol: a value the mapping lists (keys as normKey gives them), else a protocol's own name ("Modbus TCP" → modbus-tcp). */
export function parseProtocol(raw: string, mapped: ReadonlyMap<string, Protocol>): Protocol | undefined {
  return mapped.get(normKey(raw)) ?? PROTOCOLS.find((p) => p === normKey(raw).replace(/[\s_/]+/g, '-'));
}

/** `protocol`, `protocol:port` or `protocol:port/transport`, e.g. `s7comm:102/tcp`; a message when it is none of these. */
export function parseService(item: string): Service | string {
  const m = /^([a-z0-9-]+)(?::(\d+))?(?:\/([a-z]+))?$/i.exec(item);
  if (!m) return `${showValue(item)} is not a service; write protocol[:port][/transport], e.g. s7comm:102/tcp`;
  const protocol = m[1]!.toLowerCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) return `${showValue(m[1])} is not a protocol; expected one of ${PROTOCOLS.join(', ')}`;
  const s: Service = { protocol: protocol as Protocol };
  if (m[2] !== undefined) {
    if (Number(m[2]) > 65535) return `port ${m[2]} in ${showValue(item)} is not a port number (0-65535)`;
    s.port = Number(m[2]);
  }
  if (m[3] !== undefined) {
    const t = m[3].toLowerCase();
    if (!(TRANSPORTS as readonly string[]).includes(t)) return `transport ${showValue(m[3])} in ${showValue(item)} is not one of ${TRANSPORTS.join(', ')}`;
    s.transport = t as Service['transport'];
  }
  return s;
}
