// Hostile cell values (issue #14, "Trust: hostile input"): the names of Object.prototype's
// properties — "constructor", "__proto__", "toString", "hasOwnProperty", … — in any column of a CSV
// import, and as an asset's vendor or product in CVE enrichment. Each must give an error naming the
// file, row, column and value, or the right value in the model: never a crash, never a later error
// elsewhere ("unknown value function"), never a change to Object.prototype.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSET_FIELDS, CONNECTION_FIELDS, importCsv, type AssetField, type ConnectionField, type CsvError } from '../../../src/import/csv';
import { enrichModel } from '../../../src/import/enrich';
import { parseKbText } from '../../../src/import/kb';
import { showValue } from '../../../src/model/errors';
import { validateModel } from '../../../src/model/parse';
import type { Asset, Connection, PlantModel } from '../../../src/model/schema';

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
/** The names as a cell may hold them: as they are, in lower or upper case, padded with spaces. */
const hostile = fc.tuple(fc.constantFrom(...PROTO_NAMES), fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toLowerCase(), (s) => s.toUpperCase(), (s) => ` ${s} `)).map(([n, f]) => f(n));

/** Object.prototype as it is: its own keys and their descriptors, and no enumerable key on {}. */
function prototypeState(): string {
  const keys = Reflect.ownKeys(Object.prototype).map(String).sort();
  const descriptors = keys.map((k) => {
    const d = Object.getOwnPropertyDescriptor(Object.prototype, k)!;
    return `${k}:${typeof d.value}:${String(d.writable)}:${String(d.enumerable)}:${typeof d.get}`;
  });
  const enumerable: string[] = [];
  for (const k in {}) enumerable.push(k);
  return JSON.stringify({ descriptors, enumerable });
}
const PROTOTYPE = prototypeState();

// One asset (row 4, id "c") and one connection (row 2) take the hostile value; every column is mapped.
const ASSET_ROWS: Record<AssetField, string>[] = [
  { id: 'a', name: 'A', kind: 'plc', zone: 'Z', level: '1', vendor: '', product: '', firmware: '', os: '', addresses: '', services: '', cves: '', tags: '', controls: '', patchable: '', hardeningCost: '', description: '', entryPoint: '', crownJewel: '', safety: '', downtimeCostPerHour: '' },
  { id: 'b', name: 'B', kind: 'hmi', zone: 'Z', level: '1', vendor: '', product: '', firmware: '', os: '', addresses: '', services: '', cves: '', tags: '', controls: '', patchable: '', hardeningCost: '', description: '', entryPoint: '', crownJewel: '', safety: '', downtimeCostPerHour: '' },
  {
    id: 'c', name: 'C', kind: 'plc', zone: 'Z', level: '1', vendor: 'Siemens', product: 'S7-1500', firmware: 'V2.8', os: 'rtos', addresses: '10.0.0.3', services: 'modbus-tcp:502/tcp',
    cves: 'CVE-2020-1234', tags: 'line-1', controls: 'mfa', patchable: 'yes', hardeningCost: '10', description: 'filler', entryPoint: 'yes', crownJewel: 'yes', safety: 'injury', downtimeCostPerHour: '100',
  },
];
const CONN_ROW: Record<ConnectionField, string> = {
  id: 'c1', from: 'a', to: 'b', protocol: 'modbus-tcp', port: '502', transport: 'tcp', direction: 'one-way', via: '', authenticated: 'no', encrypted: 'no', observed: 'yes', required: 'yes', description: 'polling',
};
const header = (fields: readonly string[]) => `${fields.join(',')}\n`;
const line = <F extends string>(fields: readonly F[], row: Record<F, string>) => `${fields.map((f) => row[f]).join(',')}\n`;

function mappingFor(kindKey?: string, protocolKey?: string): unknown {
  // Built from JSON text, as a mapping file is read: a "__proto__" key is then an own key.
  const kinds = kindKey === undefined ? '' : `, "kinds": {${JSON.stringify(kindKey)}: "hmi"}`;
  const protocols = protocolKey === undefined ? '' : `, "protocols": {${JSON.stringify(protocolKey)}: "s7comm"}`;
  const cols = (fields: readonly string[]) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, f])));
  return JSON.parse(`{"plant": {"id": "p", "name": "P"}, "assets": {"columns": ${cols(ASSET_FIELDS)}${kinds}}, "connections": {"columns": ${cols(CONNECTION_FIELDS)}${protocols}}}`);
}

function run(target: { asset: AssetField } | { connection: ConnectionField }, value: string, mapped = false) {
  const assets = ASSET_ROWS.map((r, i) => (i === 2 && 'asset' in target ? { ...r, [target.asset]: value } : r));
  const conn = 'connection' in target ? { ...CONN_ROW, [target.connection]: value } : CONN_ROW;
  const mapping = mappingFor(mapped && 'asset' in target && target.asset === 'kind' ? value : undefined, mapped && 'connection' in target && target.connection === 'protocol' ? value : undefined);
  return importCsv(
    { name: 'assets.csv', text: header(ASSET_FIELDS) + assets.map((r) => line(ASSET_FIELDS, r)).join('') },
    { name: 'conns.csv', text: header(CONNECTION_FIELDS) + line(CONNECTION_FIELDS, conn) },
    mapping,
  );
}

/** Columns whose value goes into the model as written (trimmed). */
const FREE_ASSET: Partial<Record<AssetField, (a: Asset) => unknown>> = {
  id: (a) => a.id, name: (a) => a.name, zone: (a) => a.zone, vendor: (a) => a.vendor, product: (a) => a.product, firmware: (a) => a.firmware, os: (a) => a.os,
  description: (a) => a.description, addresses: (a) => a.addresses?.[0], tags: (a) => a.tags?.[0],
};
const FREE_CONN: Partial<Record<ConnectionField, (c: Connection) => unknown>> = { id: (c) => c.id, description: (c) => c.description };

/** Every error is on that file, row and column, and one shows the value. */
function expectCellError(errors: readonly CsvError[], file: string, row: number, column: string, value: string): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect({ file: e.file, row: e.row, column: e.column }).toEqual({ file, row, column });
  expect(errors.some((e) => e.message.includes(showValue(value)))).toBe(true);
}

describe('CSV import: Object.prototype names in cells', () => {
  it('in any asset or connection column: an error at that file, row and column naming the value, or the value in the model (also when mapped as a kind or protocol)', () => {
    const target = fc.oneof(
      fc.constantFrom(...ASSET_FIELDS).map((asset) => ({ asset })),
      fc.constantFrom(...CONNECTION_FIELDS).map((connection) => ({ connection })),
    );
    // The base files import: the property changes one cell of them.
    const base = run({ asset: 'name' }, 'C');
    expect(base.kind === 'invalid' ? base.errors : []).toEqual([]);
    fc.assert(
      fc.property(target, hostile, fc.boolean(), (t, raw, mapped) => {
        const value = raw.trim();
        let r: ReturnType<typeof importCsv> | undefined;
        expect(() => (r = run(t, raw, mapped))).not.toThrow();
        expect(prototypeState()).toBe(PROTOTYPE);
        const free = 'asset' in t ? FREE_ASSET[t.asset] : FREE_CONN[t.connection];
        if (mapped && ('asset' in t ? t.asset === 'kind' : t.connection === 'protocol')) {
          // mapping.assets.kinds / mapping.connections.protocols name the value: an ordinary key there.
          if (r!.kind !== 'ok') throw new Error(`expected ${JSON.stringify(raw)} mapped to import, got ${JSON.stringify(r!.errors)}`);
          expect('asset' in t ? r!.model.assets[2]!.kind : r!.model.connections[0]!.protocol).toBe('asset' in t ? 'hmi' : 's7comm');
        } else if (free) {
          if (r!.kind !== 'ok') throw new Error(`expected ${JSON.stringify(raw)} in a free-text column to import, got ${JSON.stringify(r!.errors)}`);
          expect(validateModel(r!.model).kind).toBe('ok');
          // Assets keep their row order: the third is row 4.
          const got = 'asset' in t ? FREE_ASSET[t.asset]!(r!.model.assets[2]!) : FREE_CONN[t.connection]!(r!.model.connections[0]!);
          expect(got).toBe(value);
        } else {
          if (r!.kind !== 'invalid') throw new Error(`expected an error for ${JSON.stringify(raw)} in ${JSON.stringify(t)}`);
          if ('asset' in t) expectCellError(r!.errors, 'assets.csv', 4, t.asset, value);
          else expectCellError(r!.errors, 'conns.csv', 2, t.connection, value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every name in a Purdue level and a direction cell (the two that reached Object.prototype) is an error on its row', () => {
    for (const name of PROTO_NAMES) {
      const level = run({ asset: 'level' }, name);
      expect(level.kind).toBe('invalid');
      if (level.kind === 'invalid') expectCellError(level.errors, 'assets.csv', 4, 'level', name);
      const direction = run({ connection: 'direction' }, name);
      expect(direction.kind).toBe('invalid');
      if (direction.kind === 'invalid') expectCellError(direction.errors, 'conns.csv', 2, 'direction', name);
    }
    expect(prototypeState()).toBe(PROTOTYPE);
  });
});

describe('CVE enrichment: Object.prototype names as vendor or product', () => {
  const parsed = parseKbText(readFileSync('public/kb/twinpath-kb.json', 'utf8'));
  if (parsed.kind !== 'ok') throw new Error(parsed.errors.join('\n'));
  const kb = parsed.kb;
  const plant = (asset: Asset): PlantModel => ({
    schemaVersion: 1,
    plant: { id: 'p', name: 'P' },
    zones: [{ id: 'z', name: 'Z', purdueLevel: 1 }],
    assets: [asset],
    connections: [],
    entryPoints: [],
    crownJewels: [],
  });

  it('match nothing and throw nothing (a vendor "constructor" was an alias of Object, a product "constructor" not iterable)', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('vendor', 'product', 'both'), fc.constantFrom('', ' Inc.', ' GmbH'), (raw, where, suffix) => {
        const asset: Asset = {
          id: 'a', name: 'a', kind: 'plc', zone: 'z',
          vendor: where === 'product' ? 'Siemens' : `${raw}${suffix}`,
          product: where === 'vendor' ? 'S7-1500' : raw,
          firmware: '1.0',
        };
        let r: ReturnType<typeof enrichModel> | undefined;
        expect(() => (r = enrichModel(plant(asset), kb))).not.toThrow();
        expect(r!.matches).toEqual([]);
        expect(validateModel(r!.model).kind).toBe('ok');
        expect(prototypeState()).toBe(PROTOTYPE);
      }),
      { numRuns: 150 },
    );
  });
});
