// Main-thread side of the import worker (workers/import.worker.ts), for the import dialog: started
// on first use through the one WorkerBridge (readiness ping, start timeout, every call in flight
// rejected on a crash or a cancel); cancel() terminates it and the next call starts a new one —
// what the old one held (a capture read, the knowledge base) is gone with it, and the dialog asks
// again for what it needs. When workers cannot start, the import session runs in this thread.
import type { Remote } from 'comlink';
import type { ImportSession } from '../session/import-session';
import type { ImportWorkerApi } from '../../workers/import.api';
import { CancelledError, WorkerBridge, type WorkerFactory } from './worker-bridge';

export { CancelledError };

export const defaultImportWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-import' });

/** What a call is handed: the import session in the worker, or in this thread. */
export type ImportApi = Remote<ImportWorkerApi> | ImportSession;

export class ImportClient {
  private readonly bridge: WorkerBridge<ImportWorkerApi, ImportSession>;

  constructor(options: { factory?: WorkerFactory; startTimeoutMs?: number } = {}) {
    this.bridge = new WorkerBridge<ImportWorkerApi, ImportSession>({
      name: 'import worker',
      factory: options.factory ?? defaultImportWorkerFactory,
      ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
      // The import session is loaded into this thread only if no worker can start.
      fallback: async () => (await import('../session/import-session')).createImportSession(),
    });
  }

  get mode(): 'worker' | 'main-thread' {
    return this.bridge.mode;
  }

  run<R>(call: (api: ImportApi) => Promise<R> | R): Promise<R> {
    return this.bridge.call(call);
  }

  /** Progress callbacks cross the worker boundary as comlink proxies. */
  progress<F extends (...args: never[]) => unknown>(fn: F): F {
    return this.bridge.progress(fn);
  }

  /** Ends the computations in flight (the worker is terminated; they are rejected as cancelled). */
  cancel(): void {
    this.bridge.cancel();
  }

  /** Ends the worker (the dialog closes); computations in flight are cancelled. */
  dispose(): void {
    this.bridge.dispose();
  }
}
