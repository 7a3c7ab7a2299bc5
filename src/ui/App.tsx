// App shell: loads the reference plant, opens or drops other model files through the one
// parser (in the analysis worker), shows errors without touching the loaded plant.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import referencePlantText from '../../models/reference-plant.json?raw';
import type { PlantSummary } from '../analysis/session';
import { formatError, type ModelError } from '../model/errors';
import { MAX_MODEL_BYTES, type PlantModel } from '../model/schema';
import { AnalysisClient } from '../client/analysis-client';
import { AnalysisPanel } from './AnalysisPanel';
import { GraphView } from './GraphView';
import { NO_OVERLAY, type Overlay } from './overlay';
import { LEVEL_LABEL } from './layout';

interface Loaded {
  readonly model: PlantModel;
  readonly summary: PlantSummary;
  readonly source: string;
}

interface LoadFailure {
  readonly source: string;
  readonly errors: readonly ModelError[];
}

export function App() {
  const [client, setClient] = useState<AnalysisClient>();
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<LoadFailure>();
  const [busy, setBusy] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const [plantKey, setPlantKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const loadText = useCallback(
    async (c: AnalysisClient, text: string, source: string) => {
      setBusy(`Loading ${source}…`);
      try {
        const result = await c.load(text);
        if (result.kind === 'ok') {
          setLoaded({ model: result.model, summary: result.summary, source });
          setFailure(undefined);
          setSelected(undefined);
          setOverlay(NO_OVERLAY);
          setPlantKey((k) => k + 1);
        } else {
          setFailure({ source, errors: result.errors });
        }
      } catch (e) {
        setFailure({ source, errors: [{ path: '', message: `analysis worker failed: ${e instanceof Error ? e.message : String(e)}` }] });
      } finally {
        setBusy(undefined);
      }
    },
    [],
  );

  useEffect(() => {
    let cancelled = false;
    void AnalysisClient.connect().then(async (c) => {
      if (cancelled) {
        c.dispose();
        return;
      }
      setClient(c);
      await loadText(c, referencePlantText, 'reference-plant.json');
    });
    return () => {
      cancelled = true;
    };
  }, [loadText]);

  const openFile = useCallback(
    async (file: File) => {
      if (!client) return;
      if (file.size > MAX_MODEL_BYTES) {
        const mib = (n: number) => (n / 1048576).toFixed(1);
        setFailure({ source: file.name, errors: [{ path: '', message: `${file.name} is ${mib(file.size)} MiB; the limit is ${mib(MAX_MODEL_BYTES)} MiB` }] });
        return;
      }
      await loadText(client, await file.text(), file.name);
    },
    [client, loadText],
  );

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFile]);

  const model = loaded?.model;
  const asset = useMemo(() => model?.assets.find((a) => a.id === selected), [model, selected]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> TwinPath
        </div>
        {loaded ? (
          <div className="plant">
            <span className="plant-name" data-testid="plant-name">{loaded.model.plant.name}</span>
            {loaded.model.plant.site ? <span className="muted"> · {loaded.model.plant.site}</span> : null}
            <span className="muted"> · {loaded.source}</span>
          </div>
        ) : (
          <div className="plant muted">No plant loaded</div>
        )}
        <div className="actions">
          <button type="button" onClick={() => fileInput.current?.click()} disabled={!client}>
            Open model…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            data-testid="file-input"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void openFile(f);
            }}
          />
        </div>
      </header>

      {loaded ? (
        <section className="stats" aria-label="Plant summary">
          <Stat label="Assets" value={loaded.summary.assets} testId="asset-count" />
          <Stat label="Zones" value={loaded.summary.zones} testId="zone-count" />
          <Stat label="Connections" value={loaded.summary.connections} testId="connection-count" />
          <Stat label="Entry points" value={loaded.summary.entryPoints} testId="entry-count" />
          <Stat label="Crown jewels" value={loaded.summary.crownJewels} testId="jewel-count" />
          <span className="engine" data-testid="engine-mode">
            {client?.mode === 'worker'
              ? `Analysis in Web Workers (pool of ${client.poolSize})`
              : client
                ? `Analysis on the main thread: workers unavailable (${client.fallbackReason})`
                : ''}
          </span>
        </section>
      ) : null}

      {failure ? (
        <section className="load-errors" role="alert" data-testid="load-errors">
          <div className="load-errors-head">
            <strong>Could not load {failure.source}</strong> — {failure.errors.length} problem{failure.errors.length === 1 ? '' : 's'}.
            {loaded ? <> The plant shown ({loaded.model.plant.name}) is unchanged.</> : null}
            <button type="button" className="link" onClick={() => setFailure(undefined)}>
              Dismiss
            </button>
          </div>
          <ul>
            {failure.errors.map((e, i) => (
              <li key={i}>
                <code>{formatError(e)}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <main className="workspace">
        <GraphView model={model} overlay={overlay} selected={selected} onSelectAsset={setSelected} />
        <aside className="side">
          {client && model ? (
            <AnalysisPanel client={client} model={model} plantKey={plantKey} selected={selected} onOverlay={setOverlay} onSelectAsset={setSelected} />
          ) : null}
          {asset && model ? <AssetPanel model={model} assetId={asset.id} /> : <Legend />}
        </aside>
      </main>

      {busy ? <div className="busy" role="status">{busy}</div> : null}
      {dragging ? <div className="dropzone">Drop a plant model (.json) to open it</div> : null}
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="stat">
      <span className="stat-value" data-testid={testId}>
        {value.toLocaleString('en')}
      </span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Legend() {
  return (
    <div className="legend">
      <h2>Legend</h2>
      <p>
        <span className="swatch entry" /> Entry point (where an attacker starts)
      </p>
      <p>
        <span className="swatch jewel" /> Crown jewel (must not fall)
      </p>
      <p>
        <span className="line network" /> Network connection (arrow: who opens the session)
      </p>
      <p>
        <span className="line trust" /> Credentials or domain trust
      </p>
      <p>
        <span className="line media" /> Removable media or transient laptop
      </p>
      <h2>Purdue levels</h2>
      <ul className="levels">
        {Object.entries(LEVEL_LABEL)
          .sort((a, b) => Number(b[0]) - Number(a[0]))
          .map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
      </ul>
      <p className="muted">Select an asset to see its details. Open or drop another model file to analyze it.</p>
    </div>
  );
}

function AssetPanel({ model, assetId }: { model: PlantModel; assetId: string }) {
  const a = model.assets.find((x) => x.id === assetId)!;
  const zone = model.zones.find((z) => z.id === a.zone)!;
  const out = model.connections.filter((c) => c.from === a.id || (c.direction === 'both' && c.to === a.id));
  const inc = model.connections.filter((c) => c.to === a.id || (c.direction === 'both' && c.from === a.id));
  return (
    <div className="asset-panel" data-testid="asset-panel">
      <h2>{a.name}</h2>
      <dl>
        <dt>Id</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        <dt>Kind</dt>
        <dd>{a.kind}</dd>
        <dt>Zone</dt>
        <dd>
          {zone.name} (L{zone.purdueLevel}
          {zone.slTarget !== undefined ? `, SL-T ${zone.slTarget}` : ''}
          {zone.slAchieved !== undefined ? `, SL-A ${zone.slAchieved}` : ''})
        </dd>
        {a.vendor ? (
          <>
            <dt>Product</dt>
            <dd>
              {a.vendor} {a.product} {a.firmware ? `(${a.firmware})` : ''}
            </dd>
          </>
        ) : null}
        {a.controls?.length ? (
          <>
            <dt>Controls</dt>
            <dd>{a.controls.join(', ')}</dd>
          </>
        ) : null}
        <dt>Patchable</dt>
        <dd>{a.patchable === false ? 'No (next shutdown)' : 'Yes'}</dd>
      </dl>
      {a.vulnerabilities?.length ? (
        <>
          <h3>Vulnerabilities</h3>
          <ul className="vulns">
            {a.vulnerabilities.map((v) => (
              <li key={v.cve}>
                <code>{v.cve}</code> {v.cvss !== undefined ? <span className="cvss">CVSS {v.cvss}</span> : null}{' '}
                {v.kev ? <span className="kev" title="Listed in CISA Known Exploited Vulnerabilities">KEV</span> : null}
                {v.description ? <div className="muted">{v.description}</div> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Connections</h3>
      <p className="muted">
        {out.length} outgoing, {inc.length} incoming
      </p>
    </div>
  );
}
