// Connects the UI to an analysis session in a Web Worker (comlink), falling back to an
// in-thread session when workers cannot start, and saying which one it got.
import { wrap, type Remote } from 'comlink';
import { createAnalysisSession, type AnalysisSession } from '../analysis/session';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';

/** Same calls either way; worker calls are async, so the UI always awaits. */
export type AnalysisClient =
  | { readonly kind: 'worker'; readonly api: Remote<AnalysisWorkerApi>; readonly worker: Worker }
  | { readonly kind: 'main-thread'; readonly api: AnalysisSession; readonly reason: string };

const START_TIMEOUT_MS = 10_000;

export async function connectAnalysis(): Promise<AnalysisClient> {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-analysis' });
    const api = wrap<AnalysisWorkerApi>(worker);
    const failed = new Promise<never>((_, reject) => {
      worker!.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed to start')), { once: true });
      setTimeout(() => reject(new Error(`worker did not answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    });
    await Promise.race([api.ping(), failed]);
    return { kind: 'worker', api, worker };
  } catch (e) {
    worker?.terminate();
    return { kind: 'main-thread', api: createAnalysisSession(), reason: e instanceof Error ? e.message : String(e) };
  }
}
