// Worker entry point: exposes an analysis session over comlink. No logic of its own.
import { expose } from 'comlink';
import { createAnalysisSession } from '../src/analysis/session';
import type { AnalysisWorkerApi } from './analysis.api';

const api: AnalysisWorkerApi = createAnalysisSession();
expose(api, self);
