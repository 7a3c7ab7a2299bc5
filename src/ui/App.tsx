// App shell: loads the reference plant, opens or drops other model files through the one
// parser (in the analysis worker), shows errors without touching the loaded plant.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Neo4jDialog } from './Neo4jDialog';
import { ImportDialog, isCaptureFile } from './ImportDialog';
import referencePlantText from '../../models/reference-plant.json?raw';
import type { PlantSummary } from '../session/analysis-session';
import { formatError, type ModelError } from '../model/errors';
import { MAX_MODEL_BYTES, type PlantModel } from '../model/schema';
import { AnalysisClient } from '../client/analysis-client';
import { decodeUtf8Strict } from '../io/utf8';
import type { ScenarioDiff } from '../analysis/diff';
import { addEdit, applyEdits, EMPTY_SCENARIO, redo, undo, type Scenario, type ScenarioEdit } from '../analysis/scenario';
import { serializeModel } from '../model/serialize';
import { AnalysisPanel } from './AnalysisPanel';
import { AssetPanel } from './AssetPanel';
import { loadLastPlant, loadScenario, saveLastPlant, saveScenario, type SavedPlant } from './scenarioStore';
import { RestoreOffer } from './RestoreOffer';
import { WhatIfPanel } from './WhatIfPanel';
import { GraphView } from './GraphView';
import { ExecutiveView } from './ExecutiveView';
import { NO_OVERLAY, type Overlay } from './overlay';
import { LEVEL_LABEL, type GraphLayout } from '../analysis/layout';

interface Loaded {
  readonly model: PlantModel;
  readonly summary: PlantSummary;
  readonly source: string;
}

interface LoadFailure {
  readonly source: string;
  readonly errors: readonly ModelError[];
}

/**
 * Where a plant being loaded comes from, for the last-open-plant record: a new plant (a file, an
 * import, Neo4j) becomes the last open plant once it loaded; the reference plant clears the
 * record; a restored plant (or the reference plant shown because a restore failed) leaves it.
 */
type Origin = { readonly kind: 'new'; readonly blob?: Blob } | { readonly kind: 'reference' } | { readonly kind: 'keep' };

/** Keeps the plant just loaded as the last open one, after the load and off its critical path. */
function rememberPlant(plant: Omit<SavedPlant, 'text'> & { readonly text: Blob | string } | undefined): void {
  const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 0));
  later(() => {
    // An opened file is kept as that very file; text from an import or Neo4j becomes a Blob here.
    const saved = plant && { ...plant, text: typeof plant.text === 'string' ? new Blob([plant.text], { type: 'application/json' }) : plant.text };
    void saveLastPlant(saved).catch(() => undefined); // no IndexedDB (private mode), or no room: not kept
  });
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
  const [workerNotice, setWorkerNotice] = useState<string>();
  const [layout, setLayout] = useState<{ readonly model: PlantModel; readonly layout: GraphLayout }>();
  const [scenario, setScenario] = useState<Scenario>(EMPTY_SCENARIO);
  const [scenarioModel, setScenarioModel] = useState<PlantModel>();
  const [diff, setDiff] = useState<ScenarioDiff | null>(null);
  const [scenarioSummary, setScenarioSummary] = useState<PlantSummary>();
  const [scenarioProblem, setScenarioProblem] = useState<string>();
  const [neo4jOpen, setNeo4jOpen] = useState(false);
  const [importing, setImporting] = useState<{ readonly captures: readonly File[] }>();
  const [executive, setExecutive] = useState(false);
  const [offer, setOffer] = useState<{ readonly plant: SavedPlant; readonly scenario: Scenario | undefined }>();
  const restoredFor = useRef<string>(undefined);
  const scenarioActive = useRef(false);
  /** The what-if model shown (undefined: the plant as loaded), for putting the workers back to it. */
  const shownScenario = useRef<PlantModel>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);

  const loadText = useCallback(
    /** Loads model text as the plant shown; answers why it failed, or undefined once it is shown. */
    async (c: AnalysisClient, text: string, source: string, origin: Origin = { kind: 'new' }): Promise<LoadFailure | undefined> => {
      setBusy(`Loading ${source}…`);
      let failed: LoadFailure;
      try {
        const result = await c.load(text);
        if (result.kind === 'ok') {
          if (origin.kind === 'reference' || (origin.kind === 'new' && text === referencePlantText)) rememberPlant(undefined);
          else if (origin.kind === 'new') {
            const { id, name } = result.model.plant;
            rememberPlant({ text: origin.blob ?? text, plantId: id, plantName: name, source, openedAt: Date.now() });
          }
          restoredFor.current = undefined; // the worker holds the new plant: no scenario of the old one goes to it
          // Bring back the scenario autosaved for this plant, if any.
          let saved: Scenario | undefined;
          try {
            saved = await loadScenario(result.model.plant.id);
          } catch {
            saved = undefined; // no IndexedDB (private mode): scenarios simply are not kept
          }
          // The new plant, its scenario and its key in one render: a render with the plant and
          // the old key asked the worker for a layout (and drew the plant) twice.
          restoredFor.current = result.model.plant.id;
          scenarioActive.current = false;
          shownScenario.current = undefined;
          setLoaded({ model: result.model, summary: result.summary, source });
          setFailure(undefined);
          setSelected(undefined);
          setOverlay(NO_OVERLAY);
          setScenarioModel(undefined);
          setDiff(null);
          setScenarioProblem(undefined);
          setScenario(saved ?? EMPTY_SCENARIO);
          setPlantKey((k) => k + 1);
          return undefined;
        }
        failed = { source, errors: result.errors };
      } catch (e) {
        failed = { source, errors: [{ path: '', message: `analysis worker failed: ${e instanceof Error ? e.message : String(e)}` }] };
      } finally {
        setBusy(undefined);
      }
      setFailure(failed);
      return failed;
    },
    [],
  );

  useEffect(() => {
    let cancelled = false;
    void AnalysisClient.connect({
      onEvent: (e) => {
        if (e.kind === 'worker-crashed') setWorkerNotice(`The analysis worker crashed (${e.message}); it restarts on the next request, with the plant and scenario shown.`);
        else if (e.kind === 'worker-restarted') setWorkerNotice((n) => (n ? `${n} Restarted.` : n));
      },
    }).then(async (c) => {
      if (cancelled) {
        c.dispose();
        return;
      }
      setClient(c);
      // The last plant open in this browser, when it was not the reference plant, is offered back
      // (nothing loads until the person chooses); otherwise the reference plant loads.
      let last: SavedPlant | undefined;
      let scenario: Scenario | undefined;
      try {
        // Never held up by storage: after two seconds the app starts without the offer.
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('IndexedDB did not answer')), 2000));
        last = await Promise.race([loadLastPlant(), timeout]);
        if (last) scenario = await Promise.race([loadScenario(last.plantId), timeout]);
      } catch {
        /* no IndexedDB (private mode), or it did not answer: nothing is offered */
      }
      if (cancelled) return;
      if (last) setOffer({ plant: last, scenario });
      else await loadText(c, referencePlantText, 'reference-plant.json', { kind: 'reference' });
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
      client.expectLoad(file.size);
      // Strict UTF-8 (as the CLI): bytes that are not text are refused, not turned into U+FFFD.
      const decoded = decodeUtf8Strict(new Uint8Array(await file.arrayBuffer()));
      if (decoded.kind === 'invalid') {
        setFailure({ source: file.name, errors: [{ path: '', message: `${file.name}: ${decoded.reason}` }] });
        return;
      }
      await loadText(client, decoded.text, file.name, { kind: 'new', blob: file });
    },
    [client, loadText],
  );

  /** Model text from the import dialog or Neo4j: a new plant, kept as the last open one once it loaded. */
  const openText = useCallback(
    async (text: string, source: string) => {
      if (client) await loadText(client, text, source);
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
      // Packet captures open the import dialog; anything else is read as a model file.
      const captures = [...(e.dataTransfer?.files ?? [])].filter(isCaptureFile);
      if (captures.length > 0) return setImporting({ captures });
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

  // Apply the scenario's edits to the baseline, make the worker answer about the result, autosave.
  const baseline = loaded?.model;
  useEffect(() => {
    if (!client || !baseline || restoredFor.current !== baseline.plant.id) return;
    let live = true;
    void saveScenario(baseline.plant.id, scenario).catch(() => undefined);
    const applied = scenario.edits.length ? applyEdits(baseline, scenario.edits) : undefined;
    if (applied?.kind === 'invalid') {
      setScenarioProblem(`Edit ${applied.edit + 1} no longer applies: ${applied.errors.map((e) => e.message).join('; ')}`);
      return;
    }
    setScenarioProblem(undefined);
    // Nothing to tell the worker when no scenario was or is active: it holds the baseline already.
    if (!applied && !scenarioActive.current) return;
    scenarioActive.current = applied !== undefined;
    // Through the client, which keeps the scenario for every worker it starts later. A worker that
    // ended meanwhile (a Cancel of another computation, a crash) gets one more try on a new one.
    const apply = () => client.applyScenario(applied ? applied.model : null);
    void apply()
      .catch((e: unknown) => (live ? apply() : Promise.reject(e)))
      .then(
        (r) => {
          if (!live) return;
          if (r.kind === 'invalid') {
            setScenarioProblem(r.errors.map((e) => e.message).join('; '));
            return;
          }
          shownScenario.current = applied?.model;
          setScenarioModel(applied?.model);
          setDiff(r.diff);
          setScenarioSummary(applied ? r.summary : undefined);
          setPlantKey((k) => k + 1);
        },
        (e: unknown) => {
          if (!live) return;
          setScenarioProblem(`The what-if could not be applied: ${e instanceof Error ? e.message : String(e)}`);
          // The workers are put back to what is shown (an earlier edit may have reached them).
          if (client.scenario !== (shownScenario.current ?? null)) void client.applyScenario(shownScenario.current ?? null).catch(() => undefined);
        },
      );
    return () => {
      live = false;
    };
  }, [client, baseline, scenario]);

  const onEdit = useCallback((e: ScenarioEdit) => setScenario((s) => addEdit(s, e)), []);

  // The restore offer's two answers.
  const restoreLast = useCallback(async () => {
    if (!client || !offer) return;
    const { plant } = offer;
    setOffer(undefined);
    setBusy(`Restoring ${plant.plantName}…`);
    let failed: LoadFailure | undefined;
    try {
      failed = await loadText(client, await plant.text.text(), plant.source, { kind: 'keep' });
    } catch (e) {
      failed = { source: plant.source, errors: [{ path: '', message: `the saved plant cannot be read: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    if (!failed) return;
    // A plant that cannot be restored leaves the reference plant shown, the reason why, and the
    // offer for next time.
    await loadText(client, referencePlantText, 'reference-plant.json', { kind: 'keep' });
    setFailure(failed);
  }, [client, offer, loadText]);
  const declineLast = useCallback(async () => {
    if (!client) return;
    setOffer(undefined);
    await loadText(client, referencePlantText, 'reference-plant.json', { kind: 'reference' });
  }, [client, loadText]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement | null)?.tagName === 'INPUT') return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) setScenario(undo);
      else if (k === 'y' || (k === 'z' && e.shiftKey)) setScenario(redo);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const exportModel = useCallback(() => {
    const m = scenarioModel ?? baseline;
    if (!m) return;
    const blob = new Blob([serializeModel(m)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${m.plant.id}${scenarioModel ? `-${scenario.name.replace(/[^\w-]+/g, '_')}` : ''}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, [scenarioModel, baseline, scenario.name]);

  const model = scenarioModel ?? loaded?.model;
  // The counts describe what is shown: the scenario when one is active.
  const shown = scenarioModel && scenarioSummary ? scenarioSummary : loaded?.summary;
  const asset = useMemo(() => model?.assets.find((a) => a.id === selected), [model, selected]);

  // Positions come from the worker, for the plant the worker holds (baseline or scenario).
  useEffect(() => {
    if (!client || plantKey === 0 || !model) return;
    let live = true;
    void client.run((api) => api.layout()).then((l) => live && setLayout({ model, layout: l }), () => undefined);
    return () => {
      live = false;
    };
  }, [client, plantKey, model]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> TwinPath
        </div>
        {loaded ? (
          <div className="plant">
            <span className="plant-name" data-testid="plant-name">{loaded.model.plant.name}</span>
            {scenarioModel ? (
              <span className="scenario-badge" data-testid="scenario-badge">
                what-if: {scenario.name} ({scenario.edits.length} edit{scenario.edits.length === 1 ? '' : 's'})
              </span>
            ) : null}
            {loaded.model.plant.site ? <span className="muted"> · {loaded.model.plant.site}</span> : null}
            <span
              className="muted"
              data-testid="plant-source"
              data-load-threads={loaded.summary.load?.threads}
              title={loaded.summary.load ? `parsed, validated and compiled in ${loaded.summary.load.ms.toLocaleString('en')} ms (${loaded.summary.load.threads === 2 ? 'two threads' : 'one thread'})` : undefined}
            >
              {' '}
              · {loaded.source}
            </span>
          </div>
        ) : (
          <div className="plant muted">No plant loaded</div>
        )}
        <div className="actions">
          <button type="button" data-testid="executive-toggle" onClick={() => setExecutive(true)} disabled={!client || !loaded}>
            Executive view
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={!client}>
            Open model…
          </button>
          <button type="button" onClick={() => setImporting({ captures: [] })} disabled={!client} data-testid="import-button">
            Import…
          </button>
          <button type="button" onClick={() => setNeo4jOpen(true)} disabled={!client} data-testid="neo4j-button">
            Neo4j…
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

      {loaded && shown ? (
        <section className="stats" aria-label="Plant summary">
          <Stat label="Assets" value={shown.assets} testId="asset-count" />
          <Stat label="Zones" value={shown.zones} testId="zone-count" />
          <Stat label="Connections" value={shown.connections} testId="connection-count" />
          <Stat label="Entry points" value={shown.entryPoints} testId="entry-count" />
          <Stat label="Crown jewels" value={shown.crownJewels} testId="jewel-count" />
          <span className="engine" data-testid="engine-mode">
            {client?.mode === 'worker'
              ? `Analysis in Web Workers (pool of ${client.poolSize})`
              : client
                ? `Analysis on the main thread: workers unavailable (${client.fallbackReason})`
                : ''}
          </span>
        </section>
      ) : null}

      {offer && client ? <RestoreOffer plant={offer.plant} scenario={offer.scenario} onRestore={() => void restoreLast()} onReference={() => void declineLast()} /> : null}

      {importing && client ? (
        <ImportDialog model={loaded?.model} captures={importing.captures} onOpen={openText} onClose={() => setImporting(undefined)} />
      ) : null}

      {neo4jOpen && client ? (
        <Neo4jDialog model={loaded?.model} onOpen={openText} onClose={() => setNeo4jOpen(false)} />
      ) : null}

      {workerNotice ? (
        <div className="crash" role="alert" data-testid="worker-notice">
          {workerNotice}{' '}
          <button type="button" className="link" onClick={() => setWorkerNotice(undefined)}>
            Dismiss
          </button>
        </div>
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
        <GraphView model={model} layout={layout && layout.model === model ? layout.layout : undefined} overlay={overlay} selected={selected} onSelectAsset={setSelected} />
        <aside className="side">
          {client && model ? (
            <AnalysisPanel
              client={client}
              model={model}
              plantKey={plantKey}
              selected={selected}
              onOverlay={setOverlay}
              onSelectAsset={setSelected}
              onApplyEdit={onEdit}
              whatIf={
                baseline ? (
                  <WhatIfPanel
                    scenario={scenario}
                    baseline={baseline}
                    diff={diff}
                    problem={scenarioProblem}
                    onRename={(name) => setScenario((s) => ({ ...s, name }))}
                    onUndo={() => setScenario(undo)}
                    onRedo={() => setScenario(redo)}
                    onReset={() => setScenario((s) => ({ ...EMPTY_SCENARIO, name: s.name }))}
                    onExport={exportModel}
                    onAddAsset={(a) => setScenario((s) => addEdit(s, { kind: 'add-asset', asset: a }))}
                  />
                ) : null
              }
            />
          ) : null}
          {asset && model && client ? (
            <AssetPanel key={asset.id} client={client} model={model} plantKey={plantKey} assetId={asset.id} onEdit={onEdit} onSelectAsset={setSelected} />
          ) : (
            <Legend />
          )}
        </aside>
      </main>

      {executive && client && loaded ? (
        <ExecutiveView client={client} plantKey={plantKey} scenarioName={scenarioModel ? scenario.name : undefined} onClose={() => setExecutive(false)} />
      ) : null}
      {busy ? <div className="busy" role="status">{busy}</div> : null}
      {dragging ? <div className="dropzone">Drop a plant model (.json) to open it, or packet captures (.pcap, .pcapng) to import them</div> : null}
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
