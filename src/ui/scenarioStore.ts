// What the app keeps in IndexedDB so that a reload — or a tab that crashed — finds its work again:
// the what-if scenario autosaved per plant id (and the other named scenarios kept beside it), the
// last plant that was open (its text as a Blob, with its name, where it came from and when), so
// that a plant that came from a file, an import or Neo4j can be offered back instead of the
// reference plant, and the plants opened recently, to open again from a list.
import type { Scenario } from '../analysis/scenario';
import { readShelf } from './scenarios/scenario-set';

const DB = 'twinpath';
const SCENARIOS = 'scenarios';
const PLANTS = 'plants';
/** The named scenarios kept beside the active one, per plant id. */
const SHELVES = 'shelves';
/** Plants opened recently, per plant id. */
const RECENT = 'recent';
/** Version 2 added the plants store; version 3 the shelves and recent stores. */
const VERSION = 3;
/** The key of the last open plant in the plants store. */
const LAST = 'last';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(SCENARIOS)) db.createObjectStore(SCENARIOS);
      if (!db.objectStoreNames.contains(PLANTS)) db.createObjectStore(PLANTS);
      if (!db.objectStoreNames.contains(SHELVES)) db.createObjectStore(SHELVES);
      if (!db.objectStoreNames.contains(RECENT)) db.createObjectStore(RECENT);
    };
    req.onsuccess = () => {
      // A newer version opened in another tab closes this connection instead of waiting on it.
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
    // Another tab holds an older version open: give up rather than wait (the app starts without).
    req.onblocked = () => reject(new Error('IndexedDB is held by another tab of an older version'));
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = f(tx.objectStore(store));
      let result: T;
      req.onsuccess = () => {
        result = req.result;
      };
      // A write counts once it is committed (a Blob of a large plant is written to disk).
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB request failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function saveScenario(plantId: string, s: Scenario): Promise<void> {
  await run(SCENARIOS, 'readwrite', (store) => store.put(s, plantId));
}

/** The named scenarios kept beside the active one (an empty list forgets them). */
export async function saveShelf(plantId: string, shelf: readonly Scenario[]): Promise<void> {
  if (shelf.length) await run(SHELVES, 'readwrite', (store) => store.put(shelf, plantId));
  else await run(SHELVES, 'readwrite', (store) => store.delete(plantId));
}

export async function loadShelf(plantId: string): Promise<Scenario[]> {
  return readShelf(await run(SHELVES, 'readonly', (store) => store.get(plantId)));
}

export async function loadScenario(plantId: string): Promise<Scenario | undefined> {
  const s = (await run(SCENARIOS, 'readonly', (store) => store.get(plantId))) as Scenario | undefined;
  return s && Array.isArray(s.edits) && Array.isArray(s.undone) && typeof s.name === 'string' ? s : undefined;
}

/** The last plant that was open, when it was not the reference plant. */
export interface SavedPlant {
  /** The model text, as loaded (an opened file is kept as that very file). */
  readonly text: Blob;
  readonly plantId: string;
  readonly plantName: string;
  /** Where it came from, as the header shows it: a file name, "capture: …", "neo4j: …". */
  readonly source: string;
  /** When it was opened (ms since the epoch). */
  readonly openedAt: number;
}

const isSavedPlant = (p: unknown): p is SavedPlant => {
  const x = p as Partial<SavedPlant> | null;
  return !!x && x.text instanceof Blob && typeof x.plantId === 'string' && typeof x.plantName === 'string' && typeof x.source === 'string' && typeof x.openedAt === 'number';
};

/** Keeps `plant` as the last open plant; undefined: the reference plant is the last one. */
export async function saveLastPlant(plant: SavedPlant | undefined): Promise<void> {
  if (plant) await run(PLANTS, 'readwrite', (store) => store.put(plant, LAST));
  else await run(PLANTS, 'readwrite', (store) => store.delete(LAST));
}

export async function loadLastPlant(): Promise<SavedPlant | undefined> {
  const p: unknown = await run(PLANTS, 'readonly', (store) => store.get(LAST));
  return isSavedPlant(p) ? p : undefined;
}

/** Most plants listed as recent. */
export const MAX_RECENT = 8;
/** A plant's text above this is not kept among the recent ones (the last open plant is kept at any size). */
export const MAX_RECENT_BYTES = 64 * 1024 * 1024;

/** Keeps `plant` among the recent ones (replacing an earlier entry of the same plant id); the oldest beyond MAX_RECENT go. */
export async function saveRecentPlant(plant: SavedPlant): Promise<void> {
  if (plant.text.size > MAX_RECENT_BYTES) return;
  await run(RECENT, 'readwrite', (store) => store.put(plant, plant.plantId));
  const all = await listRecentPlants();
  for (const old of all.slice(MAX_RECENT)) await run(RECENT, 'readwrite', (store) => store.delete(old.plantId));
}

/** The recent plants, the last opened first. */
export async function listRecentPlants(): Promise<SavedPlant[]> {
  const all = (await run(RECENT, 'readonly', (store) => store.getAll())) as unknown[];
  return all.filter(isSavedPlant).sort((a, b) => b.openedAt - a.openedAt);
}
