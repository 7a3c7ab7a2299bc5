// Loading plants into the workspace: the start (the restore offer, or the reference plant), files
// opened or dropped, model text from an import or Neo4j, the offer's two answers, and the plants
// opened recently, to open again. Every model enters through the analysis worker's load — the one
// validation — and a failed load leaves the plant shown as it was, with the reasons in the
// load-error panel.
import { useCallback, useEffect, useState } from 'react';
import { EMPTY_SCENARIO, type Scenario } from '../../analysis/scenario';
import type { AnalysisClient } from '../../client/analysis-client';
import { listRecentPlants, loadLastPlant, loadScenario, loadShelf, saveLastPlant, saveRecentPlant, type SavedPlant } from '../scenarioStore';
import type { ScenarioSet } from '../scenarios/scenario-set';
import { lastPlantChange, refusedFile, unreadableSavedPlant, withTimeout, workerFailure, type LoadFailure, type Loaded, type Origin, type PlantToKeep } from './plant-loading';

const REFERENCE_SOURCE = 'reference-plant.json';
/** How long the start waits on IndexedDB for the last plant before it goes on without the offer. */
const STORAGE_WAIT_MS = 2000;

export interface PlantLoaderEvents {
  /** The worker holds another plant now (not shown yet): no scenario of the old one may reach it. */
  readonly onWorkerPlant: () => void;
  /** The new plant is shown, with the scenarios autosaved for it (if any). Called in the same render batch. */
  readonly onShown: (loaded: Loaded, saved: ScenarioSet | undefined) => void;
}

/** The last open plant and its scenario, offered back at the start. */
export interface RestoreOfferState {
  readonly plant: SavedPlant;
  readonly scenario: Scenario | undefined;
}

export interface PlantLoader {
  readonly loaded: Loaded | undefined;
  readonly failure: LoadFailure | undefined;
  readonly busy: string | undefined;
  readonly offer: RestoreOfferState | undefined;
  /** Plants opened recently in this browser, the last opened first. */
  readonly recent: readonly SavedPlant[];
  openFile(file: File): Promise<void>;
  /** Opens a recent plant again (it becomes the last open one), with its scenarios. */
  openRecent(plant: SavedPlant): Promise<void>;
  /** Opens the reference plant (the last open plant is forgotten, as when the offer is declined). */
  openReference(): Promise<void>;
  /** Model text from an import or Neo4j: a new plant, kept as the last open one once it loaded. */
  openText(text: string, source: string): Promise<void>;
  restoreLast(): Promise<void>;
  declineLast(): Promise<void>;
  dismissFailure(): void;
}

/**
 * Keeps the plant just loaded as the last open one — and among the recent ones — after the load
 * and off its critical path; `done` hears when both are written.
 */
function rememberPlant(plant: PlantToKeep | undefined, done: () => void): void {
  const later = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 0));
  later(() => {
    // An opened file is kept as that very file; text from an import or Neo4j becomes a Blob here.
    const saved = plant && { ...plant, text: typeof plant.text === 'string' ? new Blob([plant.text], { type: 'application/json' }) : plant.text };
    // No IndexedDB (private mode), or no room: not kept.
    void Promise.all([saveLastPlant(saved).catch(() => undefined), saved ? saveRecentPlant(saved).catch(() => undefined) : undefined]).then(done);
  });
}

async function savedScenarios(plantId: string): Promise<ScenarioSet | undefined> {
  try {
    const [active, shelf] = await Promise.all([loadScenario(plantId), loadShelf(plantId)]);
    return active || shelf.length ? { active: active ?? EMPTY_SCENARIO, shelf } : undefined;
  } catch {
    return undefined; // no IndexedDB (private mode): scenarios simply are not kept
  }
}

async function recentPlants(): Promise<SavedPlant[]> {
  try {
    return await listRecentPlants();
  } catch {
    return []; // no IndexedDB: no list
  }
}

export function usePlantLoader(client: AnalysisClient | undefined, referenceText: string, events: PlantLoaderEvents): PlantLoader {
  const [loaded, setLoaded] = useState<Loaded>();
  const [failure, setFailure] = useState<LoadFailure>();
  const [busy, setBusy] = useState<string>();
  const [offer, setOffer] = useState<RestoreOfferState>();
  const [recent, setRecent] = useState<readonly SavedPlant[]>([]);
  const { onWorkerPlant, onShown } = events;
  const refreshRecent = useCallback(() => void recentPlants().then(setRecent), []);

  /** Loads model text or a model file (read by the worker) as the plant shown; answers why it failed, or undefined once it is shown. */
  const load = useCallback(
    async (c: AnalysisClient, text: string | Blob, source: string, origin: Origin = { kind: 'new' }): Promise<LoadFailure | undefined> => {
      setBusy(`Loading ${source}…`);
      let failed: LoadFailure;
      try {
        const result = await c.load(text);
        if (result.kind === 'ok') {
          const { plant } = result.plant.outline;
          const change = lastPlantChange(origin, typeof text === 'string' ? text : undefined, referenceText, plant, source, Date.now());
          if (change.kind !== 'keep') rememberPlant(change.kind === 'remember' ? change.plant : undefined, refreshRecent);
          onWorkerPlant();
          // The new plant and its scenario in one render: a render with the plant and the old key
          // asked the worker for a layout (and drew the plant) twice.
          const saved = await savedScenarios(plant.id);
          const shown: Loaded = { plant: result.plant, summary: result.summary, source };
          setFailure(undefined);
          setLoaded(shown);
          onShown(shown, saved);
          return undefined;
        }
        failed = { source, errors: result.errors };
      } catch (e) {
        failed = workerFailure(source, e);
      } finally {
        setBusy(undefined);
      }
      setFailure(failed);
      return failed;
    },
    [referenceText, onWorkerPlant, onShown, refreshRecent],
  );

  // The start: the last plant open in this browser, when it was not the reference plant, is
  // offered back (nothing loads until the person chooses); otherwise the reference plant loads.
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    refreshRecent();
    void (async () => {
      let last: SavedPlant | undefined;
      let scenario: Scenario | undefined;
      try {
        // Never held up by storage: after two seconds the app starts without the offer.
        last = await withTimeout(loadLastPlant(), STORAGE_WAIT_MS, 'IndexedDB');
        if (last) scenario = await withTimeout(loadScenario(last.plantId), STORAGE_WAIT_MS, 'IndexedDB');
      } catch {
        /* no IndexedDB (private mode), or it did not answer: nothing is offered */
      }
      if (cancelled) return;
      if (last) setOffer({ plant: last, scenario });
      else await load(client, referenceText, REFERENCE_SOURCE, { kind: 'reference' });
    })();
    return () => {
      cancelled = true;
    };
    // Once per client: a new `load` (new callbacks) must not start the app again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);

  const openFile = useCallback(
    async (file: File) => {
      if (!client) return;
      const refused = refusedFile(file);
      if (refused) return setFailure(refused);
      await load(client, file, file.name, { kind: 'new', blob: file });
    },
    [client, load],
  );

  const openText = useCallback(
    async (text: string, source: string) => {
      if (client) await load(client, text, source);
    },
    [client, load],
  );

  const restoreLast = useCallback(async () => {
    if (!client || !offer) return;
    const { plant } = offer;
    setOffer(undefined);
    setBusy(`Restoring ${plant.plantName}…`);
    let failed: LoadFailure | undefined;
    try {
      failed = await load(client, plant.text, plant.source, { kind: 'keep' });
    } catch (e) {
      failed = unreadableSavedPlant(plant.source, e);
    }
    if (!failed) return;
    // A plant that cannot be restored leaves the reference plant shown, the reason why, and the
    // offer for next time.
    await load(client, referenceText, REFERENCE_SOURCE, { kind: 'keep' });
    setFailure(failed);
  }, [client, offer, load, referenceText]);

  const declineLast = useCallback(async () => {
    if (!client) return;
    setOffer(undefined);
    await load(client, referenceText, REFERENCE_SOURCE, { kind: 'reference' });
  }, [client, load, referenceText]);

  const openRecent = useCallback(
    async (plant: SavedPlant) => {
      if (!client) return;
      setOffer(undefined);
      await load(client, plant.text, plant.source, { kind: 'new', blob: plant.text });
    },
    [client, load],
  );

  const dismissFailure = useCallback(() => setFailure(undefined), []);

  return { loaded, failure, busy, offer, recent, openFile, openText, openRecent, openReference: declineLast, restoreLast, declineLast, dismissFailure };
}
