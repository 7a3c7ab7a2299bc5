// Worker entry point: exposes an analysis session over comlink. No logic of its own.
import { expose } from 'comlink';
import { createAnalysisSession } from '../src/analysis/session';

const api = createAnalysisSession();
expose(api, self);

/** The worker's API type, derived from the object it exposes. */
export type AnalysisWorkerApi = typeof api;
