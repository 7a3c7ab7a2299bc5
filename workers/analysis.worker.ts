// Worker entry point: exposes an analysis session over comlink. No logic of its own.
import { expose, transfer, wrap, type Remote } from 'comlink';
import { blastBuffers } from '../src/analysis/blast';
import { createAnalysisSession } from '../src/analysis/session';
import { parseModelTextParallel } from '../src/model/parse';
import type { AnalysisWorkerApi } from './analysis.api';
import type { ScanWorkerApi } from './scan.worker';

const session = createAnalysisSession();

// Large texts are parsed with two threads: a helper worker scans the connections array while this
// one parses the rest (parseModelTextParallel; any failure of the helper falls back to one thread).
let scanner: { api: Remote<ScanWorkerApi>; failed: Promise<never> } | undefined;
function remoteScan(arrayText: string) {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('no nested workers here'));
  if (!scanner) {
    const worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-scan' });
    // comlink never settles a call whose worker died: an error event ends the wait instead.
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        scanner = undefined;
        reject(new Error(`scan worker failed: ${e.message}`));
      });
    });
    failed.catch(() => {});
    scanner = { api: wrap<ScanWorkerApi>(worker), failed };
  }
  return Promise.race([scanner.api.scan(arrayText), scanner.failed]);
}

const api: AnalysisWorkerApi = {
  ...session,
  async loadTextSummary(text) {
    return session.loadParsedSummary(await parseModelTextParallel(text, remoteScan));
  },
  // The reached columns (1.2 MB on a 100k-asset plant) move to the caller instead of being copied.
  blast(fromIds) {
    const r = session.blast(fromIds);
    return transfer(r, blastBuffers(r));
  },
};
expose(api, self);
