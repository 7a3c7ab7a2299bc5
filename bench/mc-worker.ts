// Worker thread for the benchmarks: holds a plant like the app's analysis worker and runs Monte Carlo
// chunks on request.
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { createAnalysisSession } from '../src/analysis/session';

const session = createAnalysisSession();
parentPort!.on('message', (m: { kind: 'load'; text: string; reportHeap?: boolean } | { kind: 'run'; samples: number; seed: number; chunks: number[] }) => {
  if (m.kind === 'load') {
    const r = session.loadTextSummary(m.text);
    if (r.kind !== 'ok') throw new Error('invalid plant');
    if (m.reportHeap) {
      (globalThis as { gc?: () => void }).gc?.();
      parentPort!.postMessage(getHeapStatistics().used_heap_size / 2 ** 20);
    } else parentPort!.postMessage('loaded');
  } else {
    parentPort!.postMessage(session.simulateChunks(m.samples, m.seed, m.chunks));
  }
});
