// importCsv: an assets CSV, an optional connections CSV and a mapping → a plant model that has passed
// the one parser, or every problem named by file, row (and line), id and column.
import type { ModelError } from '../../model/errors';
import { validateModel } from '../../model/parse';
import { SCHEMA_VERSION, type Connection, type PlantModel } from '../../model/schema';
import { readAssets, type AssetRows, type Zones } from './assets';
import { readConnections, type ConnectionRows } from './connections';
import { Errors, type CsvError } from './errors';
import { validateMapping, type CsvMapping } from './mapping';
import { resolveColumns } from './rows';
import { parseCsv, type CsvTable } from './table';

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

  const zones = declaredZones(mapping);
  const assets = readAssets(assetsCsv.name, assetsTable, assetCols, mapping.assets, zones, errors);
  const connections: ConnectionRows =
    connTable && connCols && mapping.connections
      ? readConnections(connectionsCsv!.name, connTable, connCols, mapping.connections, assetsCsv.name, assets.ids, errors)
      : { connections: [], records: [] };
  if (errors.count > 0) return { kind: 'invalid', errors: errors.result(assetsCsv.name) };

  const model = buildModel(mapping, assetsCsv.name, zones, assets, connections.connections);
  // The one parser has the last word; map its paths back to rows should anything slip through.
  const check = validateModel(model);
  if (check.kind === 'invalid') {
    return { kind: 'invalid', errors: check.errors.map((e) => rowError(e, assetsCsv.name, assets, connectionsCsv?.name ?? '', connections)) };
  }
  return {
    kind: 'ok',
    model: check.model,
    summary: {
      assets: assets.assets.length,
      zones: model.zones.length,
      connections: connections.connections.length,
      entryPoints: assets.entryPoints.length,
      crownJewels: assets.crownJewels.length,
    },
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

/** The zones the mapping declares; asset rows may add more. */
function declaredZones(mapping: CsvMapping): Zones {
  const zones: Zones = new Map();
  for (const z of mapping.zones ?? []) {
    zones.set(z.id, { zone: { id: z.id, name: z.name ?? z.id, purdueLevel: z.purdueLevel }, origin: 'the mapping' });
  }
  return zones;
}

function buildModel(mapping: CsvMapping, assetsFile: string, zones: Zones, rows: AssetRows, connections: Connection[]): PlantModel {
  const plant = mapping.plant ?? {};
  return {
    schemaVersion: SCHEMA_VERSION,
    plant: {
      id: plant.id ?? 'imported',
      name: plant.name ?? `Imported from ${assetsFile}`,
      ...(plant.site ? { site: plant.site } : {}),
      ...(plant.industry ? { industry: plant.industry } : {}),
      ...(plant.description ? { description: plant.description } : {}),
    },
    zones: [...zones.values()].map((z) => z.zone),
    assets: rows.assets,
    connections,
    entryPoints: rows.entryPoints,
    crownJewels: rows.crownJewels,
  };
}

/** A parser error on the built model, named by the file and row of the asset or connection it is about. */
function rowError(e: ModelError, assetsFile: string, assets: AssetRows, connectionsFile: string, connections: ConnectionRows): CsvError {
  const m = /^(assets|connections)\[(\d+)\]/.exec(e.path);
  const rec = m ? (m[1] === 'assets' ? assets.records : connections.records)[Number(m[2])] : undefined;
  const f = m ? (m[1] === 'assets' ? assetsFile : connectionsFile) : 'imported model';
  return rec ? { file: f, row: rec.row, line: rec.line, message: `${e.path}: ${e.message}` } : { file: f, message: e.path ? `${e.path}: ${e.message}` : e.message };
}
