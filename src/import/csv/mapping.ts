// The mapping: which CSV column fills which model field, and which cell values mean which kind or
// protocol. Validated with the path of every problem (`mapping.assets.columns.id: …`).
import { showValue } from '../../model/errors';
import { ASSET_KINDS, DIRECTIONS, PROTOCOLS, PURDUE_LEVELS, type AssetKind, type Protocol, type PurdueLevel } from '../../model/schema';
import type { CsvError } from './errors';
import { CSV_DELIMITERS, type CsvDelimiter } from './table';

/** The asset fields a column can fill (entryPoint, crownJewel, safety and downtimeCostPerHour make entry points and crown jewels). */
export const ASSET_FIELDS = [
  'id', 'name', 'kind', 'zone', 'level', 'vendor', 'product', 'firmware', 'os', 'addresses', 'services', 'cves', 'tags',
  'controls', 'patchable', 'hardeningCost', 'description', 'entryPoint', 'crownJewel', 'safety', 'downtimeCostPerHour',
] as const;
export type AssetField = (typeof ASSET_FIELDS)[number];

/** The connection fields a column can fill. */
export const CONNECTION_FIELDS = [
  'id', 'from', 'to', 'protocol', 'port', 'transport', 'direction', 'via', 'authenticated', 'encrypted', 'observed', 'required', 'description',
] as const;
export type ConnectionField = (typeof CONNECTION_FIELDS)[number];

/** A mapping file: which column fills which model field, cell values → kinds and protocols, defaults. */
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

/** A validated mapping, or every problem with its path. */
export type MappingResult = { readonly kind: 'ok'; readonly mapping: CsvMapping } | { readonly kind: 'invalid'; readonly errors: readonly CsvError[] };

const PLANT_FIELDS = ['id', 'name', 'site', 'industry', 'description'] as const;

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
  /** An optional object: its unknown fields are reported; undefined when absent or not an object (reported). */
  const object = (v: unknown, path: string, allowed: readonly string[]): Rec | undefined => {
    if (v === undefined) return undefined;
    if (!isRec(v)) {
      err(path, `expected an object, got ${showValue(v)}`);
      return undefined;
    }
    keys(v, path, allowed);
    return v;
  };

  if (!isRec(doc)) {
    err('mapping', `expected a JSON object with "assets", got ${showValue(doc)}`);
    return { kind: 'invalid', errors };
  }
  keys(doc, 'mapping', ['$schema', 'plant', 'delimiter', 'zones', 'assets', 'connections']);
  const plant = object(doc.plant, 'mapping.plant', PLANT_FIELDS);
  if (plant) for (const k of PLANT_FIELDS) string(plant[k], `mapping.plant.${k}`);
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
  if (doc.assets === undefined) err('mapping.assets', 'required field is missing');
  const assets = object(doc.assets, 'mapping.assets', ['columns', 'kinds', 'defaults']);
  if (assets) {
    const defaults = object(assets.defaults, 'mapping.assets.defaults', ['kind', 'zone']) ?? {};
    oneOf(defaults.kind, 'mapping.assets.defaults.kind', ASSET_KINDS);
    string(defaults.zone, 'mapping.assets.defaults.zone');
    const required = ['id', ...(defaults.kind === undefined ? ['kind'] : []), ...(defaults.zone === undefined ? ['zone'] : [])];
    columns(assets.columns, 'mapping.assets.columns', ASSET_FIELDS, required);
    valueMap(assets.kinds, 'mapping.assets.kinds', ASSET_KINDS);
  }
  const connections = object(doc.connections, 'mapping.connections', ['columns', 'protocols', 'defaults']);
  if (connections) {
    const defaults = object(connections.defaults, 'mapping.connections.defaults', ['protocol', 'direction']) ?? {};
    oneOf(defaults.protocol, 'mapping.connections.defaults.protocol', PROTOCOLS);
    oneOf(defaults.direction, 'mapping.connections.defaults.direction', DIRECTIONS);
    columns(connections.columns, 'mapping.connections.columns', CONNECTION_FIELDS, ['from', 'to', ...(defaults.protocol === undefined ? ['protocol'] : [])]);
    valueMap(connections.protocols, 'mapping.connections.protocols', PROTOCOLS);
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
