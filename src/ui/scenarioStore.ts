// Autosave of what-if scenarios in IndexedDB, one per plant id, so edits survive a reload.
import type { Scenario } from '../analysis/scenario';

const DB = 'twinpath';
const STORE = 'scenarios';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = f(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export async function saveScenario(plantId: string, s: Scenario): Promise<void> {
  await run('readwrite', (store) => store.put(s, plantId));
}

export async function loadScenario(plantId: string): Promise<Scenario | undefined> {
  const s = (await run('readonly', (store) => store.get(plantId))) as Scenario | undefined;
  return s && Array.isArray(s.edits) && Array.isArray(s.undone) && typeof s.name === 'string' ? s : undefined;
}
