// Worker entry point: exposes an analysis session over comlink. No logic of its own.
import { expose, transfer } from 'comlink';
import { blastBuffers } from '../src/analysis/blast';
import { createAnalysisSession } from '../src/analysis/session';
import type { AnalysisWorkerApi } from './analysis.api';

const session = createAnalysisSession();
const api: AnalysisWorkerApi = {
  ...session,
  // The reached columns (1.2 MB on a 100k-asset plant) move to the caller instead of being copied.
  blast(fromIds) {
    const r = session.blast(fromIds);
    return transfer(r, blastBuffers(r));
  },
};
expose(api, self);
