// App shell: the plant shown, its what-if scenario and the panels over them. The work is done by
// hooks (src/ui/hooks/): the analysis client, loading plants through the one parser in the worker
// (files, drops, imports, Neo4j, the restore offer), the scenario kept in the workers and
// autosaved, undo keys, the layout. This file only wires them and renders.
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import referencePlantText from '../../models/reference-plant.json?raw';
import { describeEdit } from '../analysis/scenario';
import { serializeModel } from '../model/serialize';
import { AnalysisPanel } from './AnalysisPanel';
import { AssetPanel } from './AssetPanel';
import { downloadBlob, exportFileName } from './download';
import { ExecutiveView } from './ExecutiveView';
import { GraphView } from './GraphView';
import type { Loaded } from './hooks/plant-loading';
import { useAnalysisClient } from './hooks/useAnalysisClient';
import { useFileDrop } from './hooks/useFileDrop';
import { useLayout } from './hooks/useLayout';
import { usePlantLoader } from './hooks/usePlantLoader';
import { useScenario, useScenarioSync } from './hooks/useScenario';
import { useUndoKeys } from './hooks/useUndoKeys';
import { ImportDialog } from './ImportDialog';
import { InventoryView } from './inventory/InventoryView';
import { Legend } from './Legend';
import { LoadErrors } from './LoadErrors';
import { Neo4jDialog } from './Neo4jDialog';
import { NO_OVERLAY, type Overlay } from './overlay';
import { RestoreOffer } from './RestoreOffer';
import { DiffStrip } from './scenarios/DiffStrip';
import { OpenMenu } from './scenarios/RecentPlants';
import type { ScenarioSet } from './scenarios/scenario-set';
import { WhatIfPanel } from './WhatIfPanel';

export function App() {
  const { client, notice, dismissNotice } = useAnalysisClient();
  /** Changes whenever the plant the workers answer for changes (a load, a scenario): panels ask again. */
  const [plantKey, bumpPlantKey] = useReducer((k: number) => k + 1, 0);
  const [selected, setSelected] = useState<string>();
  const [overlay, setOverlay] = useState<Overlay>(NO_OVERLAY);
  const [neo4jOpen, setNeo4jOpen] = useState(false);
  const [importing, setImporting] = useState<{ readonly captures: readonly File[] }>();
  const [executive, setExecutive] = useState(false);
  const [inventory, setInventory] = useState(false);
  /** Counts plants shown (loads, not scenario edits): the analysis panel opens each on Attack paths. */
  const [plantShown, bumpPlantShown] = useReducer((k: number) => k + 1, 0);
  const fileInput = useRef<HTMLInputElement>(null);

  const edits = useScenario();
  const { install, detach } = edits;
  const onShown = useCallback(
    (plant: Loaded, saved: ScenarioSet | undefined) => {
      install(plant.model.plant.id, saved);
      setSelected(undefined);
      setOverlay(NO_OVERLAY);
      bumpPlantKey();
      bumpPlantShown();
    },
    [install],
  );
  const loaderEvents = useMemo(() => ({ onWorkerPlant: detach, onShown }), [detach, onShown]);
  const { loaded, failure, busy, offer, recent, openFile, openText, openRecent, openReference, restoreLast, declineLast, dismissFailure } = usePlantLoader(client, referencePlantText, loaderEvents);
  const baseline = loaded?.model;
  const { scenario } = edits;
  const { view, problem } = useScenarioSync(client, baseline, edits.plantId, scenario.edits, bumpPlantKey);

  useUndoKeys(edits.undo, edits.redo);
  const openCaptures = useCallback((captures: readonly File[]) => setImporting({ captures }), []);
  const openDropped = useCallback((file: File) => void openFile(file), [openFile]);
  const dragging = useFileDrop(openCaptures, openDropped);

  const model = view.model ?? baseline;
  // The counts describe what is shown: the scenario when one is active.
  const shown = view.model && view.summary ? view.summary : loaded?.summary;
  const asset = useMemo(() => model?.assets.find((a) => a.id === selected), [model, selected]);
  const layout = useLayout(client, plantKey, model);

  const exportModel = useCallback(() => {
    if (!model) return;
    downloadBlob(new Blob([serializeModel(model)], { type: 'application/json' }), exportFileName(model.plant.id, view.model ? scenario.name : undefined));
  }, [model, view.model, scenario.name]);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> TwinPath
        </h1>
        {loaded ? (
          <div className="plant">
            <span className="plant-name" data-testid="plant-name">{loaded.model.plant.name}</span>
            {view.model ? (
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
          <button type="button" data-testid="inventory-toggle" aria-pressed={inventory} onClick={() => setInventory((v) => !v)} disabled={!client || !loaded}>
            Inventory
          </button>
          <button type="button" data-testid="executive-toggle" onClick={() => setExecutive(true)} disabled={!client || !loaded}>
            Executive view
          </button>
          <OpenMenu
            plants={recent}
            current={loaded?.model.plant.id}
            disabled={!client}
            onOpenFile={() => fileInput.current?.click()}
            onOpen={(p) => void openRecent(p)}
            onReference={() => void openReference()}
          />
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

      {offer && client ? <RestoreOffer plant={offer.plant} scenario={offer.scenario} recent={recent} onOpenRecent={(p) => void openRecent(p)} onRestore={() => void restoreLast()} onReference={() => void declineLast()} /> : null}

      {importing && client ? <ImportDialog model={baseline} captures={importing.captures} onOpen={openText} onClose={() => setImporting(undefined)} /> : null}

      {neo4jOpen && client ? <Neo4jDialog model={baseline} onOpen={openText} onClose={() => setNeo4jOpen(false)} /> : null}

      {notice ? (
        <div className="crash" role="alert" data-testid="worker-notice">
          {notice}{' '}
          <button type="button" className="link" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      ) : null}

      {failure ? <LoadErrors failure={failure} shownPlant={loaded?.model.plant.name} onDismiss={dismissFailure} /> : null}

      <main className="workspace">
        <div className="workspace-main">
          <GraphView model={model} layout={layout} overlay={overlay} selected={selected} onSelectAsset={setSelected} />
          {inventory && client && model ? (
            <InventoryView
              client={client}
              plantKey={plantKey}
              plantId={model.plant.id}
              scenarioName={view.model ? scenario.name : undefined}
              selected={selected}
              onSelectAsset={setSelected}
              onClose={() => setInventory(false)}
            />
          ) : null}
        </div>
        <aside className="side">
          {client && model ? (
            <AnalysisPanel
              client={client}
              model={model}
              plantKey={plantKey}
              plantShown={plantShown}
              selected={selected}
              onOverlay={setOverlay}
              onSelectAsset={setSelected}
              onApplyEdit={edits.edit}
              whatIf={
                baseline ? (
                  <WhatIfPanel client={client} plantKey={plantKey} baseline={baseline} edits={edits} view={view} problem={problem} onExport={exportModel} />
                ) : null
              }
            />
          ) : null}
          {asset && model && client ? (
            <AssetPanel
              key={asset.id}
              client={client}
              model={model}
              plantKey={plantKey}
              assetId={asset.id}
              onEdit={edits.edit}
              onSelectAsset={setSelected}
              diffStrip={view.diff ? <DiffStrip scenarioName={scenario.name} diff={view.diff} reading={view.reading} lastEdit={scenario.edits.length ? describeEdit(scenario.edits[scenario.edits.length - 1]!, model, baseline) : undefined} /> : null}
            />
          ) : (
            <Legend />
          )}
        </aside>
      </main>

      {executive && client && loaded ? (
        <ExecutiveView client={client} plantKey={plantKey} scenarioName={view.model ? scenario.name : undefined} onClose={() => setExecutive(false)} />
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
