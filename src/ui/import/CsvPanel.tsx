// The import dialog's CSV tab: the asset (and connection) files, the mapping file, a column for
// each model field, Import.
import { ASSET_FIELDS, CONNECTION_FIELDS } from '../../import/csv';
import { CsvMappingView } from './CsvMappingView';
import { requiredFields, type CsvImport } from './useCsvImport';

/** A file input that hands its one file over and forgets it (the same file can be chosen again). */
function FilePick({ label, accept, testId, onFile }: { label: string; accept: string; testId: string; onFile: (f: File) => void }) {
  return (
    <label className="file-pick">
      {label}{' '}
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </label>
  );
}

export function CsvPanel({ csv, busy }: { csv: CsvImport; busy: boolean }) {
  const { assetsCsv, connCsv, mappingRest, mappingName } = csv;
  const required = requiredFields(mappingRest);
  return (
    <div className="import-body" data-testid="csv-panel">
      <p className="muted">
        An asset inventory (one row per asset) and optionally a connection list (one row per connection), as CSV. Map the columns to the model&apos;s fields, or load a mapping
        file (the one <code>twinpath import csv --mapping</code> takes).
      </p>
      <div className="csv-files">
        <FilePick label="Assets CSV" accept=".csv,.txt,text/csv" testId="csv-assets-input" onFile={(f) => void csv.readCsv(f, 'assets')} />
        <FilePick label="Connections CSV (optional)" accept=".csv,.txt,text/csv" testId="csv-connections-input" onFile={(f) => void csv.readCsv(f, 'connections')} />
        <FilePick label="Mapping (JSON)" accept=".json,application/json" testId="csv-mapping-input" onFile={(f) => void csv.loadMapping(f)} />
        <button type="button" onClick={csv.saveMapping} disabled={!assetsCsv && !mappingName} data-testid="csv-mapping-save">
          Save mapping…
        </button>
      </div>
      {mappingName ? (
        <p className="muted" data-testid="csv-mapping-name">
          Mapping {mappingName}
          {mappingRest?.plant?.name ? ` — plant “${mappingRest.plant.name}”` : ''}
          {mappingRest?.assets.kinds ? `, ${Object.keys(mappingRest.assets.kinds).length} kind name(s)` : ''}
          {mappingRest?.connections?.protocols ? `, ${Object.keys(mappingRest.connections.protocols).length} protocol name(s)` : ''}.
        </p>
      ) : null}
      {assetsCsv ? (
        <CsvMappingView title={`Assets: ${assetsCsv.name}`} table={assetsCsv.table} fields={ASSET_FIELDS} required={required.assets} columns={csv.assetCols} onChange={csv.setAssetCols} testId="assets" />
      ) : null}
      {connCsv ? (
        <CsvMappingView title={`Connections: ${connCsv.name}`} table={connCsv.table} fields={CONNECTION_FIELDS} required={required.connections} columns={csv.connCols} onChange={csv.setConnCols} testId="connections" />
      ) : null}
      <div className="import-actions">
        <button type="button" disabled={!assetsCsv || busy} onClick={() => void csv.importFiles()} data-testid="csv-import">
          Import
        </button>
      </div>
    </div>
  );
}
