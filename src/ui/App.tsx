// App shell: the plant shown, its what-if scenario and the panels over them. The work is done by
// hooks (src/ui/hooks/): the analysis client, loading plants through the one parser in the worker
// (files, drops, imports, Neo4j, the restore offer), the scenario kept in the workers and
// autosaved, undo keys, the graph's picture. This file only wires them and renders. The plant
// itself stays in the analysis worker: this thread holds its outline and asset directory, and
// asks for what it shows.
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import referencePlantText from '../../models/reference-plant.json?raw';
import { AnalysisPanel } from './AnalysisPanel';
import { AssetPanel } from './AssetPanel';
import { downloadBlob, exportFileName } from './download';
import { ExecutiveView } from './ExecutiveView';
import { GraphView } from './GraphView';
import type { Loaded } from './hooks/plant-loading';
import { useAnalysisClient } from './hooks/useAnalysisClient';
import { useFileDrop } from './hooks/useFileDrop';
import { editTexts } from './hooks/scenario-sync';
import { useFullModel } from './hooks/useFullModel';
import { usePicture } from './hooks/usePicture';
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
import type { AttackerProfile } from '../model/schema';

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
  /** The attacker every figure is computed as (null: none); the workers hold it with the plant. */
  const [profile, setProfile] = useState<AttackerProfile | null>(null);
  const [profileProblem, setProfileProblem] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const edits = useScenario();
  const { install, detach } = edits;
  const onShown = useCallback(
    (plant: Loaded, saved: ScenarioSet | undefined) => {
      install(plant.plant.outline.plant.id, saved);
      setSelected(undefined);
      setOverlay(NO_OVERLAY);
      bumpPlantKey();
      bumpPlantShown();
    },
    [install],
  );
  const loaderEvents = useMemo(() => ({ onWorkerPlant: detach, onShown }), [detach, onShown]);
  const { loaded, failure, busy, offer, recent, openFile, openText, openRecent, openReference, restoreLast, declineLast, dismissFailure } = usePlantLoader(client, referencePlantText, loaderEvents);
  const baseline = loaded?.plant;
  const { scenario } = edits;
  const { view, problem } = useScenarioSync(client, baseline, edits.plantId, scenario.edits, bumpPlantKey);

  useUndoKeys(edits.undo, edits.redo);
  const openCaptures = useCallback((captures: readonly File[]) => setImporting({ captures }), []);
  const openDropped = useCallback((file: File) => void openFile(file), [openFile]);
  const dragging = useFileDrop(openCaptures, openDropped);

  // The plant shown: the scenario when one is active.
  const plant = view.plant ?? baseline;
  const outline = plant?.outline;
  // The counts describe what is shown: the scenario when one is active.
  const shown = view.plant && view.summary ? view.summary : loaded?.summary;
  const asset = selected !== undefined && plant?.directory.has(selected) ? selected : undefined;
  const picture = usePicture(client, plantKey);
  // The import and Neo4j dialogs merge into or save the plant as loaded: all of it, copied while one is open.
  const fullBaseline = useFullModel(client, loaded, !!importing || neo4jOpen);

  const exportModel = useCallback(() => {
    if (!client || !outline) return;
    const name = exportFileName(outline.plant.id, view.plant ? scenario.name : undefined);
    void client.exportModel().then((blob) => downloadBlob(blob, name), () => undefined);
  }, [client, outline, view.plant, scenario.name]);
  const chooseProfile = useCallback(
    (next: AttackerProfile | null) => {
      if (!client) return;
      setProfileProblem(undefined);
      void client.setProfile(next).then(
        () => {
          setProfile(next);
          bumpPlantKey();
        },
        (e: unknown) => setProfileProblem(`The attacker profile could not be changed: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
    [client],
  );
  const find = useCallback(async (text: string) => (client ? (await client.run((api) => api.searchAssets(text, undefined, 1)))[0]?.id : undefined), [client]);
  const groupLinks = useCallback((group: string) => (client ? client.run((api) => api.groupLinks(group)) : Promise.reject(new Error('no analysis client'))), [client]);
  const zoneRecords = useCallback((zone: string) => (client ? client.run((api) => api.zoneRecords(zone)) : Promise.reject(new Error('no analysis client'))), [client]);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> TwinPath
        </h1>
        {loaded ? (
          <div className="plant">
            <span className="plant-name" data-testid="plant-name">{loaded.plant.outline.plant.name}</span>
            {view.plant ? (
              <span className="scenario-badge" data-testid="scenario-badge">
                what-if: {scenario.name} ({scenario.edits.length} edit{scenario.edits.length === 1 ? '' : 's'})
              </span>
            ) : null}
            {loaded.plant.outline.plant.site ? <span className="muted"> · {loaded.plant.outline.plant.site}</span> : null}
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
            current={loaded?.plant.outline.plant.id}
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

      {importing && client ? <ImportDialog model={fullBaseline} captures={importing.captures} onOpen={openText} onClose={() => setImporting(undefined)} /> : null}

      {neo4jOpen && client ? <Neo4jDialog model={fullBaseline} onOpen={openText} onClose={() => setNeo4jOpen(false)} /> : null}

      {notice ? (
        <div className="crash" role="alert" data-testid="worker-notice">
          {notice}{' '}
          <button type="button" className="link" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      ) : null}

      {profileProblem ? (
        <div className="crash" role="alert" data-testid="profile-problem">
          {profileProblem}{' '}
          <button type="button" className="link" onClick={() => setProfileProblem(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {failure ? <LoadErrors failure={failure} shownPlant={loaded?.plant.outline.plant.name} onDismiss={dismissFailure} /> : null}

      <main className="workspace">
        <div className="workspace-main">
          <GraphView
            outline={outline}
            directory={plant?.directory}
            picture={picture}
            overlay={overlay}
            selected={selected}
            onSelectAsset={setSelected}
            find={find}
            zoneRecords={zoneRecords}
            groupLinks={groupLinks}
          />
          {inventory && client && outline ? (
            <InventoryView
              client={client}
              plantKey={plantKey}
              plantId={outline.plant.id}
              scenarioName={view.plant ? scenario.name : undefined}
              selected={selected}
              onSelectAsset={setSelected}
              onClose={() => setInventory(false)}
            />
          ) : null}
        </div>
        <aside className="side">
          {client && plant ? (
            <AnalysisPanel
              client={client}
              plant={plant}
              plantKey={plantKey}
              plantShown={plantShown}
              selected={selected}
              onOverlay={setOverlay}
              onSelectAsset={setSelected}
              onApplyEdit={edits.edit}
              profile={profile}
              onProfile={chooseProfile}
              whatIf={
                baseline ? (
                  <WhatIfPanel client={client} plantKey={plantKey} baseline={baseline} edits={edits} view={view} problem={problem} onExport={exportModel} />
                ) : null
              }
            />
          ) : null}
          {asset && plant && client ? (
            <AssetPanel
              key={asset}
              client={client}
              plant={plant}
              pictured={picture?.kind === 'assets' ? picture.model : undefined}
              plantKey={plantKey}
              assetId={asset}
              onEdit={edits.edit}
              onSelectAsset={setSelected}
              diffStrip={view.diff ? <DiffStrip scenarioName={scenario.name} diff={view.diff} reading={view.reading} lastEdit={scenario.edits.length ? editTexts(view, scenario.edits.slice(-1))[0] : undefined} /> : null}
            />
          ) : (
            <Legend />
          )}
        </aside>
      </main>

      {executive && client && loaded ? (
        <ExecutiveView client={client} plantKey={plantKey} scenarioName={view.plant ? scenario.name : undefined} onClose={() => setExecutive(false)} />
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
