// Import dialog: packet captures (a twin of the observed network, or merged into the plant shown:
// seen-but-not-modeled and modeled-but-never-seen), CSV inventories with a column mapping, and CVE
// enrichment from the bundled knowledge base. The work runs in a dedicated import worker
// (src/client/import-client.ts), so Cancel ends it without touching the analysis workers; whatever it
// produces comes back as model text and enters the app through the one parser (onOpen).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ASSET_FIELDS, CONNECTION_FIELDS, formatCsvError, parseMapping, previewCsv, suggestColumns, type AssetField, type ConnectionField, type CsvMapping, type CsvTable } from '../import/csv';
import { CONFIDENCES, type Confidence } from '../import/enrich';
import { LABELS } from '../import/pcap/protocols';
import type { CaptureHost } from '../import/pcap/types';
import type { CaptureInput, CaptureProgress, CaptureReport, EnrichReport, Invalid, MergeReport } from '../import/session';
import { CancelledError, ImportClient } from '../client/import-client';
import { MAX_MODEL_BYTES, type PlantModel } from '../model/schema';
import './import.css';

/** Files the app treats as packet captures (dropped on the app, chosen in the dialog). */
export function isCaptureFile(f: { readonly name: string }): boolean {
  return /\.(pcap|pcapng|cap)$/i.test(f.name);
}

export type ImportTab = 'capture' | 'csv' | 'enrich';

export interface ImportDialogProps {
  /** The plant shown (merge and enrichment start from it). */
  readonly model: PlantModel | undefined;
  /** Capture files to read as soon as they arrive (dropped on the app). */
  readonly captures?: readonly File[];
  /** Loads model text through the app's one way in (worker parse; the shown plant survives a failure). */
  readonly onOpen: (text: string, source: string) => Promise<void>;
  readonly onClose: () => void;
}

interface Busy {
  readonly label: string;
  readonly progress?: CaptureProgress;
}

const mib = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 2 : 1)} MiB`;
const num = (n: number) => n.toLocaleString('en');
const time = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '?' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
const isInvalid = (x: object): x is Invalid => 'kind' in x && (x as { kind: unknown }).kind === 'invalid';
/** Rows of a table rendered; the rest are counted. */
const SHOW = 300;

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p className="muted">…and {num(total - shown)} more not listed.</p> : null;
}

export function ImportDialog({ model, captures, onOpen, onClose }: ImportDialogProps) {
  const [handle] = useState(() => new ImportClient());
  useEffect(() => () => handle.dispose(), [handle]);
  const [tab, setTab] = useState<ImportTab>('capture');
  const [busy, setBusy] = useState<Busy>();
  const [errors, setErrors] = useState<readonly string[]>();
  const [notice, setNotice] = useState<string>();

  /**
   * Runs one worker job with the busy state; errors are shown, a cancel only noted. A job
   * superseded by a newer one (a new drop) leaves the state to the newer one.
   */
  const generation = useRef(0);
  const job = useCallback(
    async <R,>(label: string, f: () => Promise<R>): Promise<R | undefined> => {
      const mine = ++generation.current;
      setBusy({ label });
      setErrors(undefined);
      setNotice(undefined);
      try {
        const r = await f();
        return mine === generation.current ? r : undefined;
      } catch (e) {
        if (mine !== generation.current) return undefined;
        if (e instanceof CancelledError) setNotice(`${label.replace(/…$/, '')}: cancelled.`);
        else setErrors([e instanceof Error ? e.message : String(e)]);
        return undefined;
      } finally {
        if (mine === generation.current) setBusy(undefined);
      }
    },
    [],
  );

  const open = useCallback(
    async (text: string, source: string) => {
      setBusy({ label: `Loading ${source}…` });
      try {
        await onOpen(text, source);
      } finally {
        setBusy(undefined);
      }
      onClose();
    },
    [onOpen, onClose],
  );

  // ---- packet captures ------------------------------------------------------------------------
  const [report, setReport] = useState<CaptureReport>();
  const [merge, setMerge] = useState<MergeReport>();
  const [twinName, setTwinName] = useState('');

  const readCaptures = useCallback(
    async (files: readonly File[]) => {
      setTab('capture');
      setReport(undefined);
      setMerge(undefined);
      if (files.length === 0) return;
      const inputs: CaptureInput[] = files.map((f) => ({ name: f.name, data: f }));
      const label = `Reading ${files.length === 1 ? files[0]!.name : `${files.length} captures`}…`;
      let last = 0;
      // Progress messages the worker posted before a cancel can still arrive after it: once the
      // job has ended they must not bring the busy bar back.
      let ended = false;
      const onProgress = handle.progress((p: CaptureProgress) => {
        // A render per ~1% is plenty for a bar.
        if (!ended && (p.bytes === p.totalBytes || p.bytes - last >= p.totalBytes / 100)) {
          last = p.bytes;
          setBusy({ label, progress: p });
        }
      });
      const r = await job(label, () =>
        handle.run((api) => api.readCaptures(inputs, onProgress)).finally(() => {
          ended = true;
        }),
      );
      if (!r) return;
      setReport(r);
      setTwinName(files.length === 1 ? `Observed network (${files[0]!.name})` : `Observed network (${files.length} captures)`);
    },
    [handle, job],
  );

  // Captures dropped on the app: read them; a newer drop (or closing) cancels the read in flight.
  useEffect(() => {
    if (!captures || captures.length === 0) return;
    void readCaptures(captures);
    return () => handle.cancel();
  }, [captures, readCaptures, handle]);

  const createTwin = async () => {
    const name = twinName.trim() || 'Observed network';
    const r = await job('Building the twin…', () => handle.run((api) => api.captureModel({ name })));
    if (!r) return;
    if (isInvalid(r)) return setErrors(r.errors);
    await open(r.text, `capture: ${report!.summary.files.map((f) => f.name).join(', ')}`);
  };

  const mergeIntoPlant = async () => {
    if (!model) return;
    const r = await job(`Merging into ${model.plant.name}…`, () => handle.run((api) => api.mergeInto(model)));
    if (!r) return;
    if (isInvalid(r)) return setErrors(r.errors);
    setMerge(r);
  };

  // ---- CSV inventory --------------------------------------------------------------------------
  const [assetsCsv, setAssetsCsv] = useState<{ name: string; text: string; table: CsvTable }>();
  const [connCsv, setConnCsv] = useState<{ name: string; text: string; table: CsvTable }>();
  const [assetCols, setAssetCols] = useState<Partial<Record<AssetField, string>>>({});
  const [connCols, setConnCols] = useState<Partial<Record<ConnectionField, string>>>({});
  /** The loaded mapping's other parts (plant, zones, kinds, protocols, defaults), kept as they are. */
  const [mappingRest, setMappingRest] = useState<CsvMapping>();
  const [mappingName, setMappingName] = useState<string>();

  const readCsv = async (file: File, which: 'assets' | 'connections') => {
    setErrors(undefined);
    if (file.size > MAX_MODEL_BYTES) return setErrors([`${file.name} is ${mib(file.size)}; the limit is ${mib(MAX_MODEL_BYTES)}`]);
    const text = await file.text();
    const p = previewCsv(text, { file: file.name, rows: 8, ...(mappingRest?.delimiter ? { delimiter: mappingRest.delimiter } : {}) });
    if (p.kind === 'invalid') return setErrors(p.errors.map(formatCsvError));
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
    setErrors(undefined);
    const r = parseMapping(await file.text(), file.name);
    if (r.kind === 'invalid') return setErrors(r.errors.map(formatCsvError));
    setMappingName(file.name);
    setMappingRest(r.mapping);
    setAssetCols({ ...r.mapping.assets.columns });
    setConnCols({ ...(r.mapping.connections?.columns ?? {}) });
  };

  const mappingDoc = useMemo((): CsvMapping => {
    const rest = mappingRest;
    const clean = <K extends string>(cols: Partial<Record<K, string>>) => Object.fromEntries(Object.entries(cols).filter(([, v]) => typeof v === 'string' && v !== '')) as Partial<Record<K, string>>;
    const hasConn = connCsv !== undefined || rest?.connections !== undefined;
    return {
      ...(rest?.plant ? { plant: rest.plant } : {}),
      ...(rest?.delimiter ? { delimiter: rest.delimiter } : {}),
      ...(rest?.zones ? { zones: rest.zones } : {}),
      assets: { ...(rest?.assets ?? {}), columns: clean(assetCols) },
      ...(hasConn ? { connections: { ...(rest?.connections ?? {}), columns: clean(connCols) } } : {}),
    };
  }, [mappingRest, assetCols, connCols, connCsv]);

  const saveMapping = () => {
    const blob = new Blob([`${JSON.stringify(mappingDoc, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = mappingName ?? 'twinpath-mapping.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const importCsvFiles = async () => {
    if (!assetsCsv) return;
    const assets = { name: assetsCsv.name, text: assetsCsv.text };
    const conns = connCsv ? { name: connCsv.name, text: connCsv.text } : undefined;
    const r = await job(`Importing ${assetsCsv.name}…`, () => handle.run((api) => api.importCsv(assets, conns, mappingDoc)));
    if (!r) return;
    if (isInvalid(r)) return setErrors(r.errors);
    await open(r.text, assetsCsv.name + (connCsv ? ` + ${connCsv.name}` : ''));
  };

  // ---- enrichment -----------------------------------------------------------------------------
  const [confidence, setConfidence] = useState<Confidence>('high');
  const [enriched, setEnriched] = useState<EnrichReport>();

  const enrich = async () => {
    if (!model) return;
    setEnriched(undefined);
    const r = await job(`Matching ${model.plant.name} against the knowledge base…`, async () => {
      if (!(await handle.run((api) => api.kbInfo()))) {
        const url = `${import.meta.env.BASE_URL}kb/twinpath-kb.json`;
        setBusy({ label: 'Loading the knowledge base…' });
        const res = await fetch(url);
        if (!res.ok) throw new Error(`cannot load the knowledge base ${url}: HTTP ${res.status}`);
        const text = await res.text();
        const info = await handle.run((api) => api.loadKb(text));
        if (isInvalid(info)) throw new Error(info.errors.slice(0, 10).join('\n'));
        setBusy({ label: `Matching ${model.plant.name} against the knowledge base…` });
      }
      return handle.run((api) => api.enrich(model, confidence));
    });
    if (!r) return;
    if (isInvalid(r)) return setErrors(r.errors);
    setEnriched(r);
  };

  const hostsShown = report?.summary.hosts.filter((h) => h.scope === 'unicast') ?? [];
  const groups = (report?.summary.hosts.length ?? 0) - hostsShown.length;

  return (
    <div className="modal-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <section className="modal import-dialog" role="dialog" aria-modal="true" aria-label="Import" data-testid="import-dialog">
        <header className="modal-head">
          <h2>Import</h2>
          <button type="button" className="link" onClick={onClose} disabled={!!busy} data-testid="import-close">
            Close
          </button>
        </header>
        <nav className="import-tabs" role="tablist">
          {(
            [
              ['capture', 'Packet capture'],
              ['csv', 'CSV inventory'],
              ['enrich', 'Known CVEs'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-testid={`import-tab-${id}`} onClick={() => setTab(id)} disabled={!!busy}>
              {label}
            </button>
          ))}
        </nav>

        {busy ? (
          <div className="import-busy" role="status" data-testid="import-busy">
            <span>{busy.label}</span>
            {busy.progress ? (
              <>
                <progress max={busy.progress.totalBytes || 1} value={busy.progress.bytes} />
                <span className="muted" data-testid="import-progress">
                  {mib(busy.progress.bytes)} of {mib(busy.progress.totalBytes)}
                  {busy.progress.files > 1 ? ` — file ${busy.progress.fileIndex + 1} of ${busy.progress.files}: ${busy.progress.file}` : ''}
                </span>
              </>
            ) : null}
            <button type="button" onClick={() => handle.cancel()} data-testid="import-cancel">
              Cancel
            </button>
          </div>
        ) : null}
        {notice ? <p className="muted" data-testid="import-notice">{notice}</p> : null}
        {errors?.length ? (
          <div className="import-errors" role="alert" data-testid="import-errors">
            <strong>{errors.length === 1 ? '1 problem' : `${errors.length} problems`}</strong>
            <ul>
              {errors.map((e, i) => (
                <li key={i}>
                  <code>{e}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {tab === 'capture' ? (
          <div className="import-body" data-testid="capture-panel">
            <p className="muted">
              Choose one or more packet captures (.pcap, .pcapng) — or drop them on the app. They are read here in the browser, in slices, on a worker thread: a capture of
              any size is never loaded at once, and nothing leaves this machine.
            </p>
            <label className="file-pick">
              Captures{' '}
              <input
                type="file"
                multiple
                accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
                data-testid="capture-input"
                disabled={!!busy}
                onChange={(e) => {
                  const files = [...(e.target.files ?? [])];
                  e.target.value = '';
                  void readCaptures(files);
                }}
              />
            </label>
            {report ? <CaptureView report={report} hosts={hostsShown} groups={groups} /> : null}
            {report && hostsShown.length > 0 ? (
              <div className="import-actions">
                <label>
                  Name{' '}
                  <input value={twinName} onChange={(e) => setTwinName(e.target.value)} data-testid="capture-twin-name" size={36} />
                </label>
                <button type="button" disabled={!!busy} onClick={() => void createTwin()} data-testid="capture-create">
                  Create a twin from this capture
                </button>
                <button type="button" disabled={!!busy || !model} onClick={() => void mergeIntoPlant()} data-testid="capture-merge" title={model ? `Compare with ${model.plant.name}` : 'No plant loaded'}>
                  Merge into the current plant
                </button>
              </div>
            ) : null}
            {merge ? <MergeView merge={merge} plant={model} busy={!!busy} onLoad={() => void open(merge.text, `${merge.plantId} + ${report?.summary.files.map((f) => f.name).join(', ') ?? 'capture'}`)} /> : null}
          </div>
        ) : null}

        {tab === 'csv' ? (
          <div className="import-body" data-testid="csv-panel">
            <p className="muted">
              An asset inventory (one row per asset) and optionally a connection list (one row per connection), as CSV. Map the columns to the model&apos;s fields, or load a
              mapping file (the one <code>twinpath import csv --mapping</code> takes).
            </p>
            <div className="csv-files">
              <label className="file-pick">
                Assets CSV <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-assets-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void readCsv(f, 'assets'); }} />
              </label>
              <label className="file-pick">
                Connections CSV (optional) <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-connections-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void readCsv(f, 'connections'); }} />
              </label>
              <label className="file-pick">
                Mapping (JSON) <input type="file" accept=".json,application/json" data-testid="csv-mapping-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void loadMapping(f); }} />
              </label>
              <button type="button" onClick={saveMapping} disabled={!assetsCsv && !mappingName} data-testid="csv-mapping-save">
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
              <CsvMappingView title={`Assets: ${assetsCsv.name}`} table={assetsCsv.table} fields={ASSET_FIELDS} required={['id', ...(mappingRest?.assets.defaults?.kind ? [] : ['kind']), ...(mappingRest?.assets.defaults?.zone ? [] : ['zone'])]} columns={assetCols} onChange={setAssetCols} testId="assets" />
            ) : null}
            {connCsv ? (
              <CsvMappingView title={`Connections: ${connCsv.name}`} table={connCsv.table} fields={CONNECTION_FIELDS} required={['from', 'to', ...(mappingRest?.connections?.defaults?.protocol ? [] : ['protocol'])]} columns={connCols} onChange={setConnCols} testId="connections" />
            ) : null}
            <div className="import-actions">
              <button type="button" disabled={!assetsCsv || !!busy} onClick={() => void importCsvFiles()} data-testid="csv-import">
                Import
              </button>
            </div>
          </div>
        ) : null}

        {tab === 'enrich' ? (
          <div className="import-body" data-testid="enrich-panel">
            <p className="muted">
              Matches each asset&apos;s vendor, product and firmware against the bundled knowledge base (CISA ICS advisories, the CISA Known Exploited Vulnerabilities catalog) —
              offline, in this browser. Matches at the chosen confidence or above are attached to the assets; the others are only listed.
            </p>
            <div className="import-actions">
              <label>
                Attach at{' '}
                <select value={confidence} onChange={(e) => setConfidence(e.target.value as Confidence)} data-testid="enrich-confidence" disabled={!!busy}>
                  {[...CONFIDENCES].reverse().map((c) => (
                    <option key={c} value={c}>
                      {c} confidence{c === 'high' ? '' : ' or above'}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!model || !!busy} onClick={() => void enrich()} data-testid="enrich-run">
                Enrich the current plant with known CVEs
              </button>
            </div>
            {enriched ? (
              <EnrichView
                report={enriched}
                busy={!!busy}
                onApply={() => void open(enriched.text, `${enriched.plantId} + CVEs (${enriched.minConfidence} confidence)`)}
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}

function roleText(h: CaptureHost): string {
  return h.roles.length ? h.roles.map((r) => r.role).join(', ') : '—';
}

function CaptureView({ report, hosts, groups }: { report: CaptureReport; hosts: readonly CaptureHost[]; groups: number }) {
  const s = report.summary;
  const skipped = Object.entries(s.counts.skippedBy);
  return (
    <div className="capture-view" data-testid="capture-summary">
      {report.failures.length ? (
        <div className="import-errors" role="alert" data-testid="capture-failures">
          <ul>
            {report.failures.map((f, i) => (
              <li key={i}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p data-testid="capture-summary-text">{report.text}</p>
      <div className="import-stats">
        <span>
          <strong data-testid="capture-files">{num(s.files.length)}</strong> file{s.files.length === 1 ? '' : 's'}
        </span>
        <span>
          <strong data-testid="capture-packets">{num(s.counts.packets)}</strong> packets (<span data-testid="capture-decoded">{num(s.counts.decoded)}</span> decoded,{' '}
          <span data-testid="capture-skipped">{num(s.counts.skipped)}</span> skipped)
        </span>
        <span>
          <strong data-testid="capture-hosts">{num(hosts.length)}</strong> hosts{groups ? ` (+${num(groups)} broadcast/multicast groups)` : ''}
        </span>
        <span>
          <strong data-testid="capture-flows">{num(s.flows.length)}</strong> flows
        </span>
        <span>
          {time(s.firstSeen)} – {time(s.lastSeen)}
        </span>
      </div>
      {skipped.length ? (
        <p className="muted" data-testid="capture-skipped-why">
          Skipped: {skipped.map(([why, n]) => `${num(n)} ${why}`).join('; ')}.
          {s.counts.unreadableBytes ? ` ${num(s.counts.unreadableBytes)} unreadable bytes.` : ''}
        </p>
      ) : null}
      {s.truncated.hosts || s.truncated.flows ? <p className="muted">Tables full: not every host or flow is listed (they were counted).</p> : null}
      <table className="import-table">
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th>Link types</th>
            <th>Size</th>
            <th>Packets</th>
          </tr>
        </thead>
        <tbody>
          {s.files.map((f, i) => (
            <tr key={i}>
              <td>{f.name}</td>
              <td>
                {f.format}
                {f.byteOrder ? ` (${f.byteOrder}${f.resolution ? `, ${f.resolution}` : ''})` : ''}
              </td>
              <td>{f.linkTypes.join(', ') || '—'}</td>
              <td>{mib(f.bytes)}</td>
              <td>
                {num(f.packets)}
                {f.damaged ? <span className="bad"> damaged (see warnings)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.protocols.length ? (
        <p className="chips" data-testid="capture-protocols">
          {s.protocols.map((p) => (
            <span key={p.protocol} className="chip">
              {LABELS[p.protocol]} <span className="muted">{num(p.flows)} flows, {num(p.packets)} pkts</span>
            </span>
          ))}
        </p>
      ) : null}
      {s.warnings.length ? (
        <details className="capture-warnings">
          <summary>{s.warnings.length} warning(s)</summary>
          <ul>
            {s.warnings.slice(0, 100).map((w, i) => (
              <li key={i}>
                <code>{w}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <h3>Hosts ({num(hosts.length)})</h3>
      <div className="import-scroll">
        <table className="import-table" data-testid="capture-hosts-table">
          <thead>
            <tr>
              <th>Address</th>
              <th>MAC</th>
              <th>Sent / received</th>
              <th>Role guess</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {hosts.slice(0, SHOW).map((h) => (
              <tr key={h.key} data-testid="capture-host">
                <td>
                  <code>{h.key}</code>
                </td>
                <td>
                  <code>{h.mac ?? (h.macs.length ? `${h.macs.length} MACs` : '—')}</code>
                </td>
                <td className="nowrap">
                  {num(h.packetsSent)} / {num(h.packetsReceived)}
                </td>
                <td data-testid="capture-role">{roleText(h)}</td>
                <td className="evidence">{h.roles[0]?.evidence.join('; ') ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, hosts.length)} total={hosts.length} />
      <h3>Flows ({num(s.flows.length)})</h3>
      <div className="import-scroll">
        <table className="import-table" data-testid="capture-flows-table">
          <thead>
            <tr>
              <th>Initiator → responder</th>
              <th>Protocol</th>
              <th>Port</th>
              <th>Recognized by</th>
              <th>Packets</th>
              <th>Bytes</th>
              <th>First seen</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {s.flows.slice(0, SHOW).map((f) => (
              <tr key={f.key} data-testid="capture-flow">
                <td>
                  <code>{f.initiator}</code> → <code>{f.responder}</code>
                </td>
                <td>{LABELS[f.protocol]}</td>
                <td>{f.transport === 'l2' ? `ethertype 0x${(f.etherType ?? 0).toString(16)}` : f.port !== undefined ? `${f.transport}/${f.port}` : f.transport}</td>
                <td title={`initiator by ${f.directionBy}`}>{f.recognizedBy}</td>
                <td>{num(f.packets)}</td>
                <td>{num(f.bytes)}</td>
                <td className="nowrap">{time(f.firstSeen)}</td>
                <td className="nowrap">{time(f.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, s.flows.length)} total={s.flows.length} />
    </div>
  );
}

function MergeView({ merge, plant, busy, onLoad }: { merge: MergeReport; plant: PlantModel | undefined; busy: boolean; onLoad: () => void }) {
  const names = useMemo(() => new Map(plant?.assets.map((a) => [a.id, a.name]) ?? []), [plant]);
  const name = (id: string) => names.get(id) ?? id;
  return (
    <div className="merge-view" data-testid="merge-result">
      <h3>Observed against modeled</h3>
      <p>
        {num(merge.hostsMatched)} capture host(s) matched modeled assets by address; {num(merge.newAssets.length)} new asset(s) added (tagged “observed, not modeled”);{' '}
        {num(merge.matched)} modeled connection(s) seen and marked observed.
      </p>
      <div className="merge-lists">
        <div>
          <h4>
            Seen, not modeled (<span data-testid="merge-shadow-count">{num(merge.shadow.total)}</span>)
          </h4>
          <p className="muted">Shadow paths: added as connections (magenta in the graph) so the analysis counts them.</p>
          <ul className="import-list" data-testid="merge-shadow">
            {merge.shadow.items.slice(0, SHOW).map((x) => (
              <li key={x.connection}>
                {name(x.from)} → {name(x.to)} <span className="muted">{LABELS[x.flow.protocol]}{x.flow.port !== undefined ? ` ${x.flow.transport}/${x.flow.port}` : ''}, {num(x.flow.packets)} packets</span>
              </li>
            ))}
          </ul>
          <More shown={Math.min(SHOW, merge.shadow.items.length)} total={merge.shadow.total} />
        </div>
        <div>
          <h4>
            Modeled, never seen (<span data-testid="merge-unseen-count">{num(merge.unseen.total)}</span>)
          </h4>
          <p className="muted">
            {num(merge.unseenCovered)} of them join two assets the capture saw{merge.unseenCovered === 0 && merge.hostsMatched === 0 ? ' (no modeled asset has an address the capture saw)' : ''}. Dashed in the graph.
          </p>
          <ul className="import-list" data-testid="merge-unseen">
            {merge.unseen.items.slice(0, SHOW).map((x) => (
              <li key={x.connection} className={x.covered ? 'covered' : undefined}>
                {name(x.from)} → {name(x.to)} <span className="muted">{x.protocol}{x.port !== undefined ? `/${x.port}` : ''}{x.covered ? ' — both ends seen' : ''}</span>
              </li>
            ))}
          </ul>
          <More shown={Math.min(SHOW, merge.unseen.items.length)} total={merge.unseen.total} />
        </div>
      </div>
      {merge.warnings.length ? (
        <details>
          <summary>{merge.warnings.length} merge warning(s)</summary>
          <ul>
            {merge.warnings.slice(0, 100).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="import-actions">
        <button type="button" disabled={busy} onClick={onLoad} data-testid="merge-load">
          Load the merged plant ({num(merge.assets)} assets, {num(merge.connections)} connections)
        </button>
      </div>
    </div>
  );
}

function CsvMappingView<F extends string>({
  title, table, fields, required, columns, onChange, testId,
}: {
  title: string;
  table: CsvTable;
  fields: readonly F[];
  required: readonly string[];
  columns: Partial<Record<F, string>>;
  onChange: (c: Partial<Record<F, string>>) => void;
  testId: string;
}) {
  return (
    <div className="csv-view" data-testid={`csv-${testId}`}>
      <h3>{title}</h3>
      <div className="import-scroll short">
        <table className="import-table" data-testid={`csv-${testId}-preview`}>
          <thead>
            <tr>
              <th>Row</th>
              {table.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.records.map((r) => (
              <tr key={r.row}>
                <td className="muted">{r.row}</td>
                {table.header.map((_, i) => (
                  <td key={i}>{r.fields[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="csv-mapping">
        {fields.map((f) => {
          const value = columns[f] ?? '';
          const missing = value !== '' && !table.header.includes(value);
          return (
            <label key={f} className={required.includes(f) ? 'required' : undefined}>
              <span>
                {f}
                {required.includes(f) ? ' *' : ''}
              </span>
              <select value={value} data-testid={`map-${testId}-${f}`} onChange={(e) => onChange({ ...columns, [f]: e.target.value })}>
                <option value="">— not mapped —</option>
                {missing ? <option value={value}>{value} (not in this file)</option> : null}
                {table.header.map((h, i) => (
                  <option key={i} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
    </div>
  );
}

function EnrichView({ report, busy, onApply }: { report: EnrichReport; busy: boolean; onApply: () => void }) {
  const s = report.summary;
  const reportedOnly = s.matches - s.attached;
  return (
    <div className="enrich-view" data-testid="enrich-result">
      <p data-testid="enrich-count">
        <strong data-testid="enrich-matches">{num(s.matches)}</strong> matches on {num(s.assetsMatched)} of {num(s.assetsWithVendorAndProduct)} assets naming a vendor and product:{' '}
        <strong data-testid="enrich-attached">{num(s.attached)}</strong> attached at {report.minConfidence} confidence or above ({num(s.attachedKev)} known exploited),{' '}
        <span data-testid="enrich-reported">{num(reportedOnly)}</span> reported only (high {num(s.byConfidence.high)}, medium {num(s.byConfidence.medium)}, low {num(s.byConfidence.low)}).
        {s.notAffected ? ` ${num(s.notAffected)} left out: firmware outside the advisory's range.` : ''}
        {s.updated ? ` ${num(s.updated)} field(s) of CVEs already listed refreshed (KEV, CVSS).` : ''}
      </p>
      <div className="import-actions">
        <button type="button" disabled={busy || (s.attached === 0 && s.updated === 0)} onClick={onApply} data-testid="enrich-apply">
          Apply: load the plant with {num(s.attached)} CVE(s) attached
        </button>
      </div>
      <div className="import-scroll">
        <table className="import-table" data-testid="enrich-table">
          <thead>
            <tr>
              <th>Asset</th>
              <th>CVE</th>
              <th>CVSS</th>
              <th>KEV</th>
              <th>Matched</th>
              <th>Confidence</th>
              <th>Advisory</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {report.matches.items.slice(0, SHOW).map((m, i) => (
              <tr key={i} data-testid="enrich-row" className={m.attached ? 'attached' : undefined} title={m.reason}>
                <td>{m.assetName}</td>
                <td>
                  <code>{m.cve}</code>
                </td>
                <td>{m.cvss ?? '—'}</td>
                <td>{m.kev ? <span className="kev">KEV</span> : ''}</td>
                <td>
                  {m.how}
                  <span className="muted"> “{m.matched}”</span>
                </td>
                <td>{m.confidence}</td>
                <td>{m.advisory}</td>
                <td className="nowrap">{m.attached ? 'attached' : m.alreadyListed ? 'already listed' : 'reported'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, report.matches.items.length)} total={report.matches.total} />
    </div>
  );
}
