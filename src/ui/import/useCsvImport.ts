// CSV inventories in the import dialog: the files previewed, a column chosen for each model field
// (guessed from the header, or from a mapping file, which can be saved for the CLI), and the import
// in the worker; row-numbered errors are listed, the model is handed over as text.
import { useMemo, useState } from 'react';
import type { ImportClient } from '../../client/import-client';
import { ASSET_FIELDS, CONNECTION_FIELDS, formatCsvError, parseMapping, previewCsv, suggestColumns, type AssetField, type ConnectionField, type CsvMapping, type CsvTable } from '../../import/csv';
import { MAX_MODEL_BYTES, tooLargeMessage } from '../../model/schema';
import { downloadBlob } from '../download';
import { isInvalid } from './format';
import type { JobRunner } from './import-jobs';

export interface CsvFile {
  readonly name: string;
  readonly text: string;
  readonly table: CsvTable;
}

type Columns<F extends string> = Partial<Record<F, string>>;

/**
 * The mapping document the import uses (and Save writes): the loaded mapping's other parts as they
 * are, the columns chosen (unmapped ones left out), connections only when there are some.
 */
export function mappingDocument(rest: CsvMapping | undefined, assetCols: Columns<AssetField>, connCols: Columns<ConnectionField>, withConnections: boolean): CsvMapping {
  const clean = <K extends string>(cols: Columns<K>) => Object.fromEntries(Object.entries(cols).filter(([, v]) => typeof v === 'string' && v !== '')) as Columns<K>;
  const hasConn = withConnections || rest?.connections !== undefined;
  return {
    ...(rest?.plant ? { plant: rest.plant } : {}),
    ...(rest?.delimiter ? { delimiter: rest.delimiter } : {}),
    ...(rest?.zones ? { zones: rest.zones } : {}),
    assets: { ...(rest?.assets ?? {}), columns: clean(assetCols) },
    ...(hasConn ? { connections: { ...(rest?.connections ?? {}), columns: clean(connCols) } } : {}),
  };
}

/** Fields that need a column: those the mapping gives no default for. */
export function requiredFields(rest: CsvMapping | undefined): { readonly assets: readonly string[]; readonly connections: readonly string[] } {
  return {
    assets: ['id', ...(rest?.assets.defaults?.kind ? [] : ['kind']), ...(rest?.assets.defaults?.zone ? [] : ['zone'])],
    connections: ['from', 'to', ...(rest?.connections?.defaults?.protocol ? [] : ['protocol'])],
  };
}

export interface CsvImport {
  readonly assetsCsv: CsvFile | undefined;
  readonly connCsv: CsvFile | undefined;
  readonly assetCols: Columns<AssetField>;
  readonly connCols: Columns<ConnectionField>;
  /** The loaded mapping's other parts (plant, zones, kinds, protocols, defaults), kept as they are. */
  readonly mappingRest: CsvMapping | undefined;
  readonly mappingName: string | undefined;
  setAssetCols(c: Columns<AssetField>): void;
  setConnCols(c: Columns<ConnectionField>): void;
  readCsv(file: File, which: 'assets' | 'connections'): Promise<void>;
  loadMapping(file: File): Promise<void>;
  saveMapping(): void;
  importFiles(): Promise<void>;
}

export function useCsvImport(handle: ImportClient, jobs: JobRunner, open: (text: string, source: string) => Promise<void>): CsvImport {
  const [assetsCsv, setAssetsCsv] = useState<CsvFile>();
  const [connCsv, setConnCsv] = useState<CsvFile>();
  const [assetCols, setAssetCols] = useState<Columns<AssetField>>({});
  const [connCols, setConnCols] = useState<Columns<ConnectionField>>({});
  const [mappingRest, setMappingRest] = useState<CsvMapping>();
  const [mappingName, setMappingName] = useState<string>();
  const mapping = useMemo(() => mappingDocument(mappingRest, assetCols, connCols, connCsv !== undefined), [mappingRest, assetCols, connCols, connCsv]);

  const readCsv = async (file: File, which: 'assets' | 'connections') => {
    jobs.fail(undefined);
    if (file.size > MAX_MODEL_BYTES) return jobs.fail([tooLargeMessage(file.name, file.size)]);
    const text = await file.text();
    const p = previewCsv(text, { file: file.name, rows: 8, ...(mappingRest?.delimiter ? { delimiter: mappingRest.delimiter } : {}) });
    if (p.kind === 'invalid') return jobs.fail(p.errors.map(formatCsvError));
    if (which === 'assets') {
      setAssetsCsv({ name: file.name, text, table: p.table });
      // A loaded mapping wins; otherwise guess from the header names.
      if (!mappingName) setAssetCols(suggestColumns(p.table.header, ASSET_FIELDS));
    } else {
      setConnCsv({ name: file.name, text, table: p.table });
      if (!mappingName) setConnCols(suggestColumns(p.table.header, CONNECTION_FIELDS));
    }
  };

  const loadMapping = async (file: File) => {
    jobs.fail(undefined);
    const r = parseMapping(await file.text(), file.name);
    if (r.kind === 'invalid') return jobs.fail(r.errors.map(formatCsvError));
    setMappingName(file.name);
    setMappingRest(r.mapping);
    setAssetCols({ ...r.mapping.assets.columns });
    setConnCols({ ...(r.mapping.connections?.columns ?? {}) });
  };

  const saveMapping = () => downloadBlob(new Blob([`${JSON.stringify(mapping, null, 2)}\n`], { type: 'application/json' }), mappingName ?? 'twinpath-mapping.json');

  const importFiles = async () => {
    if (!assetsCsv) return;
    const assets = { name: assetsCsv.name, text: assetsCsv.text };
    const conns = connCsv ? { name: connCsv.name, text: connCsv.text } : undefined;
    const r = await jobs.run(`Importing ${assetsCsv.name}…`, () => handle.run((api) => api.importCsv(assets, conns, mapping)));
    if (!r) return;
    if (isInvalid(r)) return jobs.fail(r.errors);
    await open(r.text, assetsCsv.name + (connCsv ? ` + ${connCsv.name}` : ''));
  };

  return { assetsCsv, connCsv, assetCols, connCols, mappingRest, mappingName, setAssetCols, setConnCols, readCsv, loadMapping, saveMapping, importFiles };
}
