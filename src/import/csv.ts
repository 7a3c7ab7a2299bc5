// CSV import of asset inventories and connection lists. Pure: text and a mapping in, a plant model
// (validated by the one parser, validateModel) or row-numbered errors out.
//
// Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
// When a record starts on another line of the file (quoted fields holding newlines before it),
// the line is named too: `assets.csv row 17 (line 19) (id=plc-3), column "level": …`.
import { showValue } from '../model/errors';
import { validateModel } from '../model/parse';
import {
  ASSET_KINDS,
  ATTACKER_PROFILES,
  CONTROL_KINDS,
  DIRECTIONS,
  MAX_MODEL_BYTES,
  PROTOCOLS,
  PURDUE_LEVELS,
  SAFETY_LEVELS,
  SCHEMA_VERSION,
  TRANSPORTS,
  type Asset,
  type AssetKind,
  type Connection,
  type ControlKind,
  type CrownJewel,
  type EntryPoint,
  type PlantModel,
  type Protocol,
  type PurdueLevel,
  type Service,
  type Vulnerability,
  type Zone,
} from '../model/schema';

// ---------------------------------------------------------------------------------------------
// RFC 4180 reader

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One record of a CSV file: its spreadsheet row (header = 1), the file line it starts on, its fields. */
export interface CsvRecord {
  readonly row: number;
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  readonly delimiter: CsvDelimiter;
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/** A problem in an input file, named by file, row (and line), record id, column and value. */
export interface CsvError {
  readonly file: string;
  readonly row?: number;
  readonly line?: number;
  readonly id?: string;
  readonly column?: string;
  readonly message: string;
}

export function formatCsvError(e: CsvError): string {
  let where = e.file;
  if (e.row !== undefined) {
    where += ` row ${e.row}`;
    if (e.line !== undefined && e.line !== e.row) where += ` (line ${e.line})`;
  }
  if (e.id !== undefined) where += ` (id=${e.id})`;
  if (e.column !== undefined) where += `, column ${JSON.stringify(e.column)}`;
  return `${where}: ${e.message}`;
}

/** Most errors one import reports; the rest are counted. */
export const MAX_CSV_ERRORS = 100;

class Errors {
  readonly list: CsvError[] = [];
  dropped = 0;
  add(e: CsvError): void {
    if (this.list.length < MAX_CSV_ERRORS) this.list.push(e);
    else this.dropped++;
  }
  get count(): number {
    return this.list.length + this.dropped;
  }
  result(file: string): CsvError[] {
    return this.dropped === 0 ? this.list.slice() : [...this.list, { file, message: `…and ${this.dropped} more error(s) not listed` }];
  }
}

export type CsvParseResult =
  | { readonly kind: 'ok'; readonly table: CsvTable }
  | { readonly kind: 'invalid'; readonly errors: readonly CsvError[] };

export interface CsvParseOptions {
  /** File name used in messages. */
  readonly file?: string;
  /** Field delimiter; 'auto' (default) picks the commonest of , ; and tab in the header line. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Stop after this many records (after the header): for previews. */
  readonly maxRecords?: number;
}

/** Picks the delimiter from the header line: the commonest of , ; tab outside quotes (',' on ties). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Reads CSV text (RFC 4180: quoted fields with "" escapes, commas and newlines inside quotes;
 * LF, CRLF or CR line ends; a UTF-8 byte-order mark is dropped). The first record is the header.
 * Blank lines are skipped but keep their row numbers. One linear pass, no recursion.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const file = options.file ?? 'input.csv';
  const errors = new Errors();
  if (text.length > MAX_MODEL_BYTES) {
    return { kind: 'invalid', errors: [{ file, message: `the file is ${(text.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_MODEL_BYTES / 1048576} MiB` }] };
  }
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter;
  const maxRecords = options.maxRecords ?? Infinity;
  const records: CsvRecord[] = [];
  let header: string[] | undefined;

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1; // line of the current character
  let row = 0; // spreadsheet row of the current record
  while (i < n && records.length < maxRecords) {
    row++;
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let ended = false;
    let bad = false;
    // One record: fields until an unquoted line end or the end of the text.
    while (!ended) {
      if (i < n && text[i] === '"') {
        // Quoted field.
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunkEnd = q === -1 ? n : q;
          const chunk = text.slice(i, chunkEnd);
          line += countLineBreaks(chunk);
          field += chunk;
          i = chunkEnd;
          if (q === -1) break;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          errors.add({ file, row, line: quoteLine, column: columnName(header, fields.length), message: 'a quoted field is never closed (missing ")' });
          return { kind: 'invalid', errors: errors.result(file) };
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          if (!bad) {
            errors.add({ file, row, line: startLine, column: columnName(header, fields.length), message: `unexpected ${showValue(text[i])} after a closing quote; a quote inside a quoted field is written ""` });
          }
          bad = true;
          // Skip to the next delimiter or line end, keeping the text.
          while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        }
      } else {
        // Unquoted field: up to the delimiter or the line end.
        let j = i;
        while (j < n) {
          const c = text[j];
          if (c === delimiter || c === '\n' || c === '\r') break;
          j++;
        }
        field = text.slice(i, j);
        if (field.includes('"') && !bad) {
          errors.add({ file, row, line: startLine, column: columnName(header, fields.length), message: `a quote inside an unquoted field (${showValue(field)}); quote the whole field and write the quote as ""` });
          bad = true;
        }
        i = j;
      }
      fields.push(field);
      field = '';
      if (i >= n) ended = true;
      else if (text[i] === delimiter) i++;
      else {
        // Line end: \r\n, \n or \r.
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        ended = true;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      const seen = new Map<string, number>();
      header.forEach((h, k) => {
        if (h === '') errors.add({ file, row, line: startLine, message: `column ${k + 1} of the header has no name` });
        else if (seen.has(h)) errors.add({ file, row, line: startLine, column: h, message: `the header names this column twice (columns ${seen.get(h)! + 1} and ${k + 1})` });
        else seen.set(h, k);
      });
      continue;
    }
    if (fields.length !== header.length) {
      errors.add({ file, row, line: startLine, message: `${fields.length} field(s), but the header has ${header.length} column(s)${fields.length > header.length ? ' (an unquoted delimiter in a value?)' : ''}` });
      continue;
    }
    if (!bad) records.push({ row, line: startLine, fields });
  }
  if (header === undefined) errors.add({ file, message: 'the file is empty (no header row)' });
  if (errors.count > 0) return { kind: 'invalid', errors: errors.result(file) };
  return { kind: 'ok', table: { delimiter, header: header!, records } };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

function columnName(header: readonly string[] | undefined, index: number): string | undefined {
  return header ? header[index] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Mapping: which CSV column fills which model field

export const ASSET_FIELDS = [
  'id', 'name', 'kind', 'zone', 'level', 'vendor', 'product', 'firmware', 'os', 'addresses', 'services', 'cves', 'tags',
  'controls', 'patchable', 'hardeningCost', 'description', 'entryPoint', 'crownJewel', 'safety', 'downtimeCostPerHour',
] as const;
export type AssetField = (typeof ASSET_FIELDS)[number];

export const CONNECTION_FIELDS = [
  'id', 'from', 'to', 'protocol', 'port', 'transport', 'direction', 'via', 'authenticated', 'encrypted', 'observed', 'required', 'description',
] as const;
export type ConnectionField = (typeof CONNECTION_FIELDS)[number];

export interface CsvMapping {
  readonly plant?: { readonly id?: string; readonly name?: string; readonly site?: string; readonly industry?: string; readonly description?: string };
  /** Delimiter of both files; 'auto' (default) detects it from each header line. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Zones declared up front; rows may also create zones through a zone and a level column. */
  readonly zones?: readonly { readonly id: string; readonly name?: string; readonly purdueLevel: PurdueLevel }[];
  readonly assets: {
    readonly columns: Partial<Record<AssetField, string>>;
    /** Cell value → asset kind, e.g. {"Siemens PLC": "plc"}; matched ignoring case. */
    readonly kinds?: Readonly<Record<string, AssetKind>>;
    readonly defaults?: { readonly kind?: AssetKind; readonly zone?: string };
  };
  readonly connections?: {
    readonly columns: Partial<Record<ConnectionField, string>>;
    /** Cell value → protocol, e.g. {"Modbus": "modbus-tcp"}; matched ignoring case. */
    readonly protocols?: Readonly<Record<string, Protocol>>;
    readonly defaults?: { readonly protocol?: Protocol; readonly direction?: (typeof DIRECTIONS)[number] };
  };
}

export type MappingResult = { readonly kind: 'ok'; readonly mapping: CsvMapping } | { readonly kind: 'invalid'; readonly errors: readonly CsvError[] };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Validates a mapping document (already parsed JSON), naming the path of every problem. */
export function validateMapping(doc: unknown, file = 'mapping'): MappingResult {
  const errors: CsvError[] = [];
  const err = (path: string, message: string) => errors.push({ file, message: `${path}: ${message}` });
  const keys = (v: Rec, path: string, allowed: readonly string[]) => {
    for (const k of Object.keys(v)) if (!allowed.includes(k)) err(`${path}.${k}`, `unknown field ${JSON.stringify(k)}; expected one of ${allowed.join(', ')}`);
  };
  const string = (v: unknown, path: string, required = false) => {
    if (v === undefined) {
      if (required) err(path, 'required field is missing');
    } else if (typeof v !== 'string' || v.trim() === '') err(path, `expected a non-empty string, got ${showValue(v)}`);
  };
  const oneOf = (v: unknown, path: string, allowed: readonly string[]) => {
    if (v !== undefined && (typeof v !== 'string' || !allowed.includes(v))) err(path, `${showValue(v)} is not one of ${allowed.join(', ')}`);
  };
  const columns = (v: unknown, path: string, fields: readonly string[], required: readonly string[]) => {
    if (!isRec(v)) return err(path, `expected an object of model field → CSV column name, got ${showValue(v)}`);
    keys(v, path, fields);
    for (const [k, col] of Object.entries(v)) if (fields.includes(k)) string(col, `${path}.${k}`);
    for (const r of required) if (v[r] === undefined) err(`${path}.${r}`, 'required column mapping is missing');
  };
  const valueMap = (v: unknown, path: string, allowed: readonly string[]) => {
    if (v === undefined) return;
    if (!isRec(v)) return err(path, `expected an object of cell value → model value, got ${showValue(v)}`);
    for (const [k, target] of Object.entries(v)) oneOf(target, `${path}[${JSON.stringify(k)}]`, allowed);
  };

  if (!isRec(doc)) {
    err('mapping', `expected a JSON object with "assets", got ${showValue(doc)}`);
    return { kind: 'invalid', errors };
  }
  keys(doc, 'mapping', ['$schema', 'plant', 'delimiter', 'zones', 'assets', 'connections']);
  if (doc.plant !== undefined) {
    if (!isRec(doc.plant)) err('mapping.plant', `expected an object, got ${showValue(doc.plant)}`);
    else {
      keys(doc.plant, 'mapping.plant', ['id', 'name', 'site', 'industry', 'description']);
      for (const k of ['id', 'name', 'site', 'industry', 'description']) string(doc.plant[k], `mapping.plant.${k}`);
    }
  }
  if (doc.delimiter !== undefined) oneOf(doc.delimiter, 'mapping.delimiter', ['auto', ...CSV_DELIMITERS]);
  if (doc.zones !== undefined) {
    if (!Array.isArray(doc.zones)) err('mapping.zones', `expected an array of {id, name, purdueLevel}, got ${showValue(doc.zones)}`);
    else {
      doc.zones.forEach((z, i) => {
        const p = `mapping.zones[${i}]`;
        if (!isRec(z)) return err(p, `expected an object, got ${showValue(z)}`);
        keys(z, p, ['id', 'name', 'purdueLevel']);
        string(z.id, `${p}.id`, true);
        string(z.name, `${p}.name`);
        if (!(PURDUE_LEVELS as readonly unknown[]).includes(z.purdueLevel)) err(`${p}.purdueLevel`, `${showValue(z.purdueLevel)} is not a Purdue level (${PURDUE_LEVELS.join(',')})`);
      });
    }
  }
  if (!isRec(doc.assets)) err('mapping.assets', doc.assets === undefined ? 'required field is missing' : `expected an object, got ${showValue(doc.assets)}`);
  else {
    const a = doc.assets;
    keys(a, 'mapping.assets', ['columns', 'kinds', 'defaults']);
    const defaults = isRec(a.defaults) ? a.defaults : {};
    if (a.defaults !== undefined) {
      if (!isRec(a.defaults)) err('mapping.assets.defaults', `expected an object, got ${showValue(a.defaults)}`);
      else {
        keys(a.defaults, 'mapping.assets.defaults', ['kind', 'zone']);
        oneOf(a.defaults.kind, 'mapping.assets.defaults.kind', ASSET_KINDS);
        string(a.defaults.zone, 'mapping.assets.defaults.zone');
      }
    }
    const required = ['id', ...(defaults.kind === undefined ? ['kind'] : []), ...(defaults.zone === undefined ? ['zone'] : [])];
    columns(a.columns, 'mapping.assets.columns', ASSET_FIELDS, required);
    valueMap(a.kinds, 'mapping.assets.kinds', ASSET_KINDS);
  }
  if (doc.connections !== undefined) {
    if (!isRec(doc.connections)) err('mapping.connections', `expected an object, got ${showValue(doc.connections)}`);
    else {
      const c = doc.connections;
      keys(c, 'mapping.connections', ['columns', 'protocols', 'defaults']);
      const defaults = isRec(c.defaults) ? c.defaults : {};
      if (c.defaults !== undefined) {
        if (!isRec(c.defaults)) err('mapping.connections.defaults', `expected an object, got ${showValue(c.defaults)}`);
        else {
          keys(c.defaults, 'mapping.connections.defaults', ['protocol', 'direction']);
          oneOf(c.defaults.protocol, 'mapping.connections.defaults.protocol', PROTOCOLS);
          oneOf(c.defaults.direction, 'mapping.connections.defaults.direction', DIRECTIONS);
        }
      }
      columns(c.columns, 'mapping.connections.columns', CONNECTION_FIELDS, ['from', 'to', ...(defaults.protocol === undefined ? ['protocol'] : [])]);
      valueMap(c.protocols, 'mapping.connections.protocols', PROTOCOLS);
    }
  }
  return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'ok', mapping: doc as unknown as CsvMapping };
}

/** Parses and validates mapping JSON text. */
export function parseMapping(text: string, file = 'mapping.json'): MappingResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { kind: 'invalid', errors: [{ file, message: `invalid JSON: ${(e as Error).message}` }] };
  }
  return validateMapping(doc, file);
}

const SUGGEST: Record<AssetField | ConnectionField, readonly string[]> = {
  id: ['id', 'asset id', 'assetid', 'asset', 'tag', 'connection id'],
  name: ['name', 'asset name', 'hostname', 'host name', 'device name'],
  kind: ['kind', 'type', 'asset type', 'device type', 'role', 'category'],
  zone: ['zone', 'zone id', 'network zone', 'segment'],
  level: ['level', 'purdue', 'purdue level', 'purduelevel'],
  vendor: ['vendor', 'manufacturer', 'make'],
  product: ['product', 'model', 'product name'],
  firmware: ['firmware', 'firmware version', 'fw', 'version', 'software version'],
  os: ['os', 'operating system'],
  addresses: ['ip', 'ip address', 'ip addresses', 'addresses', 'address', 'mac'],
  services: ['services', 'ports', 'open ports'],
  cves: ['cves', 'cve', 'vulnerabilities'],
  tags: ['tags', 'labels'],
  controls: ['controls', 'security controls'],
  patchable: ['patchable'],
  hardeningCost: ['hardening cost', 'hardeningcost', 'cost'],
  description: ['description', 'notes', 'comment', 'comments'],
  entryPoint: ['entry point', 'entrypoint', 'entry'],
  crownJewel: ['crown jewel', 'crownjewel', 'critical'],
  safety: ['safety', 'safety impact'],
  downtimeCostPerHour: ['downtime cost per hour', 'downtime cost', 'downtimecostperhour'],
  from: ['from', 'source', 'src', 'client', 'initiator'],
  to: ['to', 'destination', 'dst', 'dest', 'target', 'server'],
  protocol: ['protocol', 'service', 'proto'],
  port: ['port', 'dst port', 'destination port'],
  transport: ['transport', 'l4'],
  direction: ['direction'],
  via: ['via', 'through', 'firewall'],
  authenticated: ['authenticated', 'auth'],
  encrypted: ['encrypted', 'tls'],
  observed: ['observed', 'seen'],
  required: ['required', 'business required'],
};

/** Guesses a column mapping from header names (for the UI's mapping form; the user confirms it). */
export function suggestColumns<F extends AssetField | ConnectionField>(header: readonly string[], fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  const used = new Set<string>();
  const norm = (s: string) => s.trim().toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ');
  for (const f of fields) {
    const want = SUGGEST[f];
    const col = header.find((h) => !used.has(h) && want.includes(norm(h)));
    if (col !== undefined) {
      out[f] = col;
      used.add(col);
    }
  }
  return out;
}

/** The first records of a CSV file, for a preview beside the mapping form. */
export function previewCsv(text: string, options: CsvParseOptions & { rows?: number } = {}): CsvParseResult {
  return parseCsv(text, { ...options, maxRecords: options.rows ?? 10 });
}

// ---------------------------------------------------------------------------------------------
// CSV → plant model

export interface CsvInput {
  /** File name shown in messages, e.g. "assets.csv". */
  readonly name: string;
  readonly text: string;
}

export interface CsvImportSummary {
  readonly assets: number;
  readonly zones: number;
  readonly connections: number;
  readonly entryPoints: number;
  readonly crownJewels: number;
}

export type CsvImportResult =
  | { readonly kind: 'ok'; readonly model: PlantModel; readonly summary: CsvImportSummary }
  | { readonly kind: 'invalid'; readonly errors: readonly CsvError[] };

const TRUE = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
// Cell values are looked up in Maps and Sets only, never as keys of plain objects: a cell saying
// "constructor" or "__proto__" must find nothing on Object.prototype, and fail on its own row and column.
const LEVEL_WORDS: ReadonlyMap<string, PurdueLevel> = new Map([['dmz', 3.5], ['idmz', 3.5], ['industrial dmz', 3.5]]);
const DIRECTION_WORDS: ReadonlyMap<string, Connection['direction']> = new Map([
  ['one-way', 'one-way'], ['oneway', 'one-way'], ['one way', 'one-way'], ['uni', 'one-way'], ['unidirectional', 'one-way'],
  ['both', 'both'], ['two-way', 'both'], ['bidirectional', 'both'], ['bi', 'both'],
]);
const LEVELS_TEXT = PURDUE_LEVELS.join(',');

/** Splits a list cell: items separated by ; , | (and whitespace, where items cannot hold spaces). */
function listCell(value: string, spaces: boolean): string[] {
  return value.split(spaces ? /[;,|\s]+/ : /[;,|]/).map((s) => s.trim()).filter(Boolean);
}

function parseLevel(raw: string): PurdueLevel | undefined {
  const s = raw.trim().toLowerCase();
  const word = LEVEL_WORDS.get(s);
  if (word !== undefined) return word;
  const m = /^(?:level\s*|l)?(\d(?:\.\d+)?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return (PURDUE_LEVELS as readonly number[]).includes(n) ? (n as PurdueLevel) : undefined;
}

const normKey = (s: string) => s.trim().toLowerCase();

/**
 * Builds a plant model from an assets CSV, an optional connections CSV and a mapping.
 * Every problem is reported with its file, row, id and column; the model that comes out has
 * passed validateModel like any other way in.
 */
export function importCsv(assetsCsv: CsvInput, connectionsCsv: CsvInput | undefined, mappingDoc: unknown): CsvImportResult {
  const mapped = validateMapping(mappingDoc);
  if (mapped.kind === 'invalid') return mapped;
  const mapping = mapped.mapping;
  if (connectionsCsv && !mapping.connections) {
    return { kind: 'invalid', errors: [{ file: 'mapping', message: `mapping.connections: required when a connections file (${connectionsCsv.name}) is given` }] };
  }
  const errors = new Errors();
  const assetsTable = readTable(assetsCsv, mapping, errors);
  const connTable = connectionsCsv ? readTable(connectionsCsv, mapping, errors) : undefined;
  if (!assetsTable || (connectionsCsv && !connTable)) return { kind: 'invalid', errors: errors.result(assetsCsv.name) };
  const assetCols = resolveColumns(assetsCsv.name, assetsTable, mapping.assets.columns, 'mapping.assets.columns', errors);
  const connCols = connTable && mapping.connections ? resolveColumns(connectionsCsv!.name, connTable, mapping.connections.columns, 'mapping.connections.columns', errors) : undefined;
  if (errors.count > 0) return { kind: 'invalid', errors: errors.result(assetsCsv.name) };

  // Zones declared in the mapping.
  const zones = new Map<string, { zone: Zone; origin: string }>();
  for (const z of mapping.zones ?? []) {
    zones.set(z.id, { zone: { id: z.id, name: z.name ?? z.id, purdueLevel: z.purdueLevel }, origin: 'the mapping' });
  }

  // Assets.
  const file = assetsCsv.name;
  const assets: Asset[] = [];
  const assetRows: CsvRecord[] = [];
  const entryPoints: EntryPoint[] = [];
  const crownJewels: CrownJewel[] = [];
  const firstRow = new Map<string, number>();
  const kinds = new Map(Object.entries(mapping.assets.kinds ?? {}).map(([k, v]) => [normKey(k), v]));
  for (const rec of assetsTable.records) {
    const cell = (f: AssetField) => {
      const k = assetCols.get(f);
      return k === undefined ? '' : rec.fields[k]!.trim();
    };
    const id = cell('id');
    const at = (f: AssetField | undefined, message: string) =>
      errors.add({ file, row: rec.row, line: rec.line, ...(id ? { id } : {}), ...columnOf(assetsTable, assetCols, f), message });
    let ok = true;
    const fail = (f: AssetField | undefined, message: string) => {
      at(f, message);
      ok = false;
    };
    if (id === '') {
      fail('id', 'the asset id is empty');
      continue;
    }
    if (id.length > 256) fail('id', `${showValue(id)} is longer than 256 characters`);
    const first = firstRow.get(id);
    if (first !== undefined) {
      fail('id', `duplicate asset id ${showValue(id)} (first at row ${first})`);
      continue;
    }
    firstRow.set(id, rec.row);

    // Kind.
    const rawKind = cell('kind');
    let kind: AssetKind | undefined = mapping.assets.defaults?.kind;
    if (rawKind !== '') {
      const k = kinds.get(normKey(rawKind)) ?? ASSET_KINDS.find((x) => x === normKey(rawKind).replace(/[\s_]+/g, '-'));
      if (k === undefined) fail('kind', `${showValue(rawKind)} is not an asset kind; expected one of ${ASSET_KINDS.join(', ')}${kinds.size ? ' or a value listed in mapping.assets.kinds' : ' (map other names in mapping.assets.kinds)'}`);
      kind = k;
    } else if (kind === undefined) fail('kind', 'the asset kind is empty');

    // Zone and level.
    const zoneId = cell('zone') || mapping.assets.defaults?.zone || '';
    const rawLevel = cell('level');
    let level: PurdueLevel | undefined;
    if (rawLevel !== '') {
      level = parseLevel(rawLevel);
      if (level === undefined) fail('level', `${showValue(rawLevel)} is not a Purdue level (${LEVELS_TEXT})`);
    }
    if (zoneId === '') fail('zone', 'the zone is empty');
    else if (zoneId.length > 256) fail('zone', `${showValue(zoneId)} is longer than 256 characters`);
    else {
      const known = zones.get(zoneId);
      if (known) {
        if (level !== undefined && level !== known.zone.purdueLevel) {
          fail('level', `zone ${showValue(zoneId)} is at level ${known.zone.purdueLevel} (${known.origin}), this row says ${level}`);
        }
      } else if (level !== undefined) {
        zones.set(zoneId, { zone: { id: zoneId, name: zoneId, purdueLevel: level }, origin: `row ${rec.row}` });
      } else if (rawLevel === '') {
        fail(assetCols.has('zone') ? 'zone' : undefined, `unknown zone ${showValue(zoneId)}: not in mapping.zones and no level given${assetCols.has('level') ? ' on this row' : ' (map a level column to create zones from rows)'}`);
      }
    }

    const asset: Asset = { id, name: cell('name') || id, kind: kind ?? 'server', zone: zoneId };
    const text = (f: 'vendor' | 'product' | 'firmware' | 'os' | 'description', max: number) => {
      const v = cell(f);
      if (v === '') return;
      if (v.length > max) fail(f, `${showValue(v)} is longer than ${max} characters`);
      else asset[f] = v;
    };
    text('vendor', 256);
    text('product', 256);
    text('firmware', 256);
    text('os', 256);
    text('description', 4096);

    if (cell('addresses')) {
      const list = listCell(cell('addresses'), true);
      const long = list.find((a) => a.length > 64);
      if (long) fail('addresses', `${showValue(long)} is longer than 64 characters`);
      else if (list.length > 64) fail('addresses', `${list.length} addresses; at most 64`);
      else asset.addresses = list;
    }
    if (cell('tags')) {
      const list = listCell(cell('tags'), false);
      if (list.length > 64) fail('tags', `${list.length} tags; at most 64`);
      else asset.tags = list;
    }
    if (cell('controls')) {
      const list = listCell(cell('controls'), true);
      const unknown = list.find((c) => !(CONTROL_KINDS as readonly string[]).includes(c));
      if (unknown) fail('controls', `${showValue(unknown)} is not a control; expected one of ${CONTROL_KINDS.join(', ')}`);
      else asset.controls = [...new Set(list)] as ControlKind[];
    }
    if (cell('cves')) {
      const vulns: Vulnerability[] = [];
      for (const c of listCell(cell('cves'), true)) {
        const cve = c.toUpperCase();
        if (!/^CVE-\d{4}-\d{4,}$/.test(cve)) fail('cves', `${showValue(c)} is not a CVE id (CVE-YYYY-NNNN)`);
        else if (!vulns.some((v) => v.cve === cve)) vulns.push({ cve, source: `${file} row ${rec.row}` });
      }
      if (vulns.length > 0) asset.vulnerabilities = vulns;
    }
    if (cell('services')) {
      const services: Service[] = [];
      for (const item of listCell(cell('services'), true)) {
        const s = parseService(item);
        if (typeof s === 'string') fail('services', s);
        else services.push(s);
      }
      if (services.length > 0) asset.services = services;
    }
    if (cell('patchable')) {
      const b = parseBool(cell('patchable'));
      if (b === undefined) fail('patchable', `${showValue(cell('patchable'))} is not yes/no`);
      else asset.patchable = b;
    }
    if (cell('hardeningCost')) {
      const n = parseAmount(cell('hardeningCost'));
      if (n === undefined) fail('hardeningCost', `${showValue(cell('hardeningCost'))} is not a non-negative number`);
      else asset.hardeningCost = n;
    }
    const entry = cell('entryPoint');
    if (entry !== '') {
      const profile = ATTACKER_PROFILES.find((p) => p === normKey(entry));
      const b = profile ? true : parseBool(entry);
      if (b === undefined) fail('entryPoint', `${showValue(entry)} is not yes/no or an attacker profile (${ATTACKER_PROFILES.join(', ')})`);
      else if (b) entryPoints.push(profile ? { asset: id, profile } : { asset: id });
    }
    const jewel = cell('crownJewel');
    if (jewel !== '') {
      const b = parseBool(jewel);
      if (b === undefined) fail('crownJewel', `${showValue(jewel)} is not yes/no`);
      else if (b) {
        const impact: CrownJewel['impact'] = {};
        const safety = normKey(cell('safety'));
        if (safety !== '') {
          if (!(SAFETY_LEVELS as readonly string[]).includes(safety)) fail('safety', `${showValue(cell('safety'))} is not one of ${SAFETY_LEVELS.join(', ')}`);
          else impact.safety = safety as CrownJewel['impact']['safety'];
        }
        const cost = cell('downtimeCostPerHour');
        if (cost !== '') {
          const n = parseAmount(cost);
          if (n === undefined) fail('downtimeCostPerHour', `${showValue(cost)} is not a non-negative number`);
          else impact.downtimeCostPerHour = n;
        }
        crownJewels.push({ asset: id, impact });
      }
    }
    if (ok) {
      assets.push(asset);
      assetRows.push(rec);
    }
  }
  if (assetsTable.records.length === 0) errors.add({ file, message: 'no asset rows below the header' });

  // Connections.
  const connections: Connection[] = [];
  const connRows: CsvRecord[] = [];
  if (connTable && connCols && mapping.connections) {
    const cfile = connectionsCsv!.name;
    const protocols = new Map(Object.entries(mapping.connections.protocols ?? {}).map(([k, v]) => [normKey(k), v]));
    const ids = new Map<string, number>();
    for (const rec of connTable.records) {
      const cell = (f: ConnectionField) => {
        const k = connCols.get(f);
        return k === undefined ? '' : rec.fields[k]!.trim();
      };
      const id = cell('id') || `c-${rec.row}`;
      let ok = true;
      const fail = (f: ConnectionField | undefined, message: string) => {
        errors.add({ file: cfile, row: rec.row, line: rec.line, id, ...columnOf(connTable, connCols, f), message });
        ok = false;
      };
      const first = ids.get(id);
      if (first !== undefined) {
        fail('id', `duplicate connection id ${showValue(id)} (first at row ${first})`);
        continue;
      }
      ids.set(id, rec.row);
      const end = (f: 'from' | 'to' | 'via') => {
        const v = cell(f);
        if (v === '') {
          if (f !== 'via') fail(f, `the ${f} asset is empty`);
        } else if (!firstRow.has(v)) fail(f, `unknown asset ${showValue(v)} (not an id in ${file})`);
        return v;
      };
      const from = end('from');
      const to = end('to');
      const via = end('via');
      if (from !== '' && from === to) fail('to', `same asset as from (${showValue(from)}); a connection joins two different assets`);
      const rawProtocol = cell('protocol');
      let protocol: Protocol | undefined = mapping.connections.defaults?.protocol;
      if (rawProtocol !== '') {
        protocol = protocols.get(normKey(rawProtocol)) ?? PROTOCOLS.find((p) => p === normKey(rawProtocol).replace(/[\s_/]+/g, '-'));
        if (protocol === undefined) fail('protocol', `${showValue(rawProtocol)} is not a protocol; expected one of ${PROTOCOLS.join(', ')}${protocols.size ? ' or a value listed in mapping.connections.protocols' : ' (map other names in mapping.connections.protocols)'}`);
      } else if (protocol === undefined) fail('protocol', 'the protocol is empty');
      let direction = mapping.connections.defaults?.direction ?? 'one-way';
      const rawDir = normKey(cell('direction'));
      if (rawDir !== '') {
        const d = DIRECTION_WORDS.get(rawDir);
        if (!d) fail('direction', `${showValue(cell('direction'))} is not a direction; expected one-way or both`);
        else direction = d;
      }
      const conn: Connection = { id, from, to, protocol: protocol ?? 'other', direction };
      if (via) conn.via = via;
      if (cell('port')) {
        const p = cell('port');
        if (!/^\d+$/.test(p) || Number(p) > 65535) fail('port', `${showValue(p)} is not a port number (0-65535)`);
        else conn.port = Number(p);
      }
      if (cell('transport')) {
        const t = normKey(cell('transport'));
        if (!(TRANSPORTS as readonly string[]).includes(t)) fail('transport', `${showValue(cell('transport'))} is not one of ${TRANSPORTS.join(', ')}`);
        else conn.transport = t as Connection['transport'];
      }
      for (const f of ['authenticated', 'encrypted', 'observed', 'required'] as const) {
        if (cell(f) === '') continue;
        const b = parseBool(cell(f));
        if (b === undefined) fail(f, `${showValue(cell(f))} is not yes/no`);
        else conn[f] = b;
      }
      if (cell('description')) {
        if (cell('description').length > 4096) fail('description', 'longer than 4096 characters');
        else conn.description = cell('description');
      }
      if (ok) {
        connections.push(conn);
        connRows.push(rec);
      }
    }
  }
  if (errors.count > 0) return { kind: 'invalid', errors: errors.result(file) };

  const plant = mapping.plant ?? {};
  const model: PlantModel = {
    schemaVersion: SCHEMA_VERSION,
    plant: {
      id: plant.id ?? 'imported',
      name: plant.name ?? `Imported from ${assetsCsv.name}`,
      ...(plant.site ? { site: plant.site } : {}),
      ...(plant.industry ? { industry: plant.industry } : {}),
      ...(plant.description ? { description: plant.description } : {}),
    },
    zones: [...zones.values()].map((z) => z.zone),
    assets,
    connections,
    entryPoints,
    crownJewels,
  };
  // The one parser has the last word; map its paths back to rows should anything slip through.
  const check = validateModel(model);
  if (check.kind === 'invalid') {
    return {
      kind: 'invalid',
      errors: check.errors.map((e) => {
        const m = /^(assets|connections)\[(\d+)\]/.exec(e.path);
        const rec = m ? (m[1] === 'assets' ? assetRows : connRows)[Number(m[2])] : undefined;
        const f = m ? (m[1] === 'assets' ? file : connectionsCsv!.name) : 'imported model';
        return rec ? { file: f, row: rec.row, line: rec.line, message: `${e.path}: ${e.message}` } : { file: f, message: e.path ? `${e.path}: ${e.message}` : e.message };
      }),
    };
  }
  return {
    kind: 'ok',
    model: check.model,
    summary: { assets: assets.length, zones: model.zones.length, connections: connections.length, entryPoints: entryPoints.length, crownJewels: crownJewels.length },
  };
}

function readTable(input: CsvInput, mapping: CsvMapping, errors: Errors): CsvTable | undefined {
  const r = parseCsv(input.text, { file: input.name, delimiter: mapping.delimiter ?? 'auto' });
  if (r.kind === 'invalid') {
    for (const e of r.errors) errors.add(e);
    return undefined;
  }
  return r.table;
}

function resolveColumns<F extends string>(file: string, table: CsvTable, columns: Partial<Record<F, string>>, path: string, errors: Errors): Map<F, number> {
  const out = new Map<F, number>();
  const byName = new Map(table.header.map((h, i) => [h, i]));
  const byLower = new Map(table.header.map((h, i) => [h.toLowerCase(), i]));
  for (const [field, col] of Object.entries(columns) as [F, string][]) {
    const i = byName.get(col.trim()) ?? byLower.get(col.trim().toLowerCase());
    if (i === undefined) {
      errors.add({ file: 'mapping', message: `${path}.${field}: column ${JSON.stringify(col)} is not in ${file} (its columns: ${table.header.map((h) => JSON.stringify(h)).join(', ')})` });
    } else out.set(field, i);
  }
  return out;
}

function columnOf<F>(table: CsvTable, cols: Map<F, number>, f: F | undefined): { column?: string } {
  const k = f === undefined ? undefined : cols.get(f);
  return k === undefined ? {} : { column: table.header[k]! };
}

function parseBool(raw: string): boolean | undefined {
  const s = normKey(raw);
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

function parseAmount(raw: string): number | undefined {
  const s = raw.trim().replace(/[\s_]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** `protocol`, `protocol:port` or `protocol:port/transport`, e.g. `s7comm:102/tcp`. */
function parseService(item: string): Service | string {
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
