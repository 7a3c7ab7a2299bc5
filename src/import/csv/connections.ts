// Connection rows → connections between the assets of the asset rows; every problem is named by file,
// row, id and column.
import { showValue } from '../../model/errors';
import { PROTOCOLS, TRANSPORTS, type Connection, type Protocol } from '../../model/schema';
import { normKey, parseBool, parseDirection, parseProtocol } from './cells';
import type { Errors } from './errors';
import type { ConnectionField, CsvMapping } from './mapping';
import { MappedRow } from './rows';
import type { CsvRecord, CsvTable } from './table';

/** What the connection rows hold. */
export interface ConnectionRows {
  readonly connections: Connection[];
  /** The record each connection comes from, by index in `connections`. */
  readonly records: CsvRecord[];
}

type Row = MappedRow<ConnectionField>;

/**
 * Reads every connection row; `assetIds` are the ids of the asset rows (of `assetsFile`), which the
 * ends must name. A row without an id gets `c-<row>`. A row with any problem yields no connection.
 */
export function readConnections(
  file: string,
  table: CsvTable,
  cols: ReadonlyMap<ConnectionField, number>,
  mapping: NonNullable<CsvMapping['connections']>,
  assetsFile: string,
  assetIds: ReadonlyMap<string, number>,
  errors: Errors,
): ConnectionRows {
  const connections: Connection[] = [];
  const records: CsvRecord[] = [];
  const protocols = new Map(Object.entries(mapping.protocols ?? {}).map(([k, v]) => [normKey(k), v]));
  const ids = new Map<string, number>();
  for (const rec of table.records) {
    const row: Row = new MappedRow(file, table, cols, rec, errors);
    const id = row.cell('id') || `c-${rec.row}`;
    row.id = id;
    const first = ids.get(id);
    if (first !== undefined) {
      row.fail('id', `duplicate connection id ${showValue(id)} (first at row ${first})`);
      continue;
    }
    ids.set(id, rec.row);
    const { from, to, via } = readEnds(row, assetIds, assetsFile);
    const protocol = readProtocol(row, protocols, mapping.defaults?.protocol);
    const direction = readDirection(row, mapping.defaults?.direction);
    const conn: Connection = { id, from, to, protocol: protocol ?? 'other', direction };
    if (via) conn.via = via;
    readDetails(row, conn);
    if (row.ok) {
      connections.push(conn);
      records.push(rec);
    }
  }
  return { connections, records };
}

/** From, to and via: ids of asset rows; from and to are required and differ. */
function readEnds(row: Row, assetIds: ReadonlyMap<string, number>, assetsFile: string): { from: string; to: string; via: string } {
  const end = (f: 'from' | 'to' | 'via') => {
    const v = row.cell(f);
    if (v === '') {
      if (f !== 'via') row.fail(f, `the ${f} asset is empty`);
    } else if (!assetIds.has(v)) row.fail(f, `unknown asset ${showValue(v)} (not an id in ${assetsFile})`);
    return v;
  };
  const from = end('from');
  const to = end('to');
  const via = end('via');
  if (from !== '' && from === to) row.fail('to', `same asset as from (${showValue(from)}); a connection joins two different assets`);
  return { from, to, via };
}

/** The protocol: the cell through the mapping's protocols, else the mapping's default. */
function readProtocol(row: Row, protocols: ReadonlyMap<string, Protocol>, fallback: Protocol | undefined): Protocol | undefined {
  const rawProtocol = row.cell('protocol');
  let protocol: Protocol | undefined = fallback;
  if (rawProtocol !== '') {
    protocol = parseProtocol(rawProtocol, protocols);
    if (protocol === undefined) row.fail('protocol', `${showValue(rawProtocol)} is not a protocol; expected one of ${PROTOCOLS.join(', ')}${protocols.size ? ' or a value listed in mapping.connections.protocols' : ' (map other names in mapping.connections.protocols)'}`);
  } else if (protocol === undefined) row.fail('protocol', 'the protocol is empty');
  return protocol;
}

/** The direction: the cell, else the mapping's default, else one-way. */
function readDirection(row: Row, fallback: Connection['direction'] | undefined): Connection['direction'] {
  let direction = fallback ?? 'one-way';
  const rawDir = normKey(row.cell('direction'));
  if (rawDir !== '') {
    const d = parseDirection(rawDir);
    if (!d) row.fail('direction', `${showValue(row.cell('direction'))} is not a direction; expected one-way or both`);
    else direction = d;
  }
  return direction;
}

/** Port, transport, the yes/no flags and the description. */
function readDetails(row: Row, conn: Connection): void {
  if (row.cell('port')) {
    const p = row.cell('port');
    if (!/^\d+$/.test(p) || Number(p) > 65535) row.fail('port', `${showValue(p)} is not a port number (0-65535)`);
    else conn.port = Number(p);
  }
  if (row.cell('transport')) {
    const t = normKey(row.cell('transport'));
    if (!(TRANSPORTS as readonly string[]).includes(t)) row.fail('transport', `${showValue(row.cell('transport'))} is not one of ${TRANSPORTS.join(', ')}`);
    else conn.transport = t as Connection['transport'];
  }
  for (const f of ['authenticated', 'encrypted', 'observed', 'required'] as const) {
    if (row.cell(f) === '') continue;
    const b = parseBool(row.cell(f));
    if (b === undefined) row.fail(f, `${showValue(row.cell(f))} is not yes/no`);
    else conn[f] = b;
  }
  if (row.cell('description')) {
    if (row.cell('description').length > 4096) row.fail('description', 'longer than 4096 characters');
    else conn.description = row.cell('description');
  }
}
