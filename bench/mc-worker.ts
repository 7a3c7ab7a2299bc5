// Worker thread for the benchmarks: holds a plant like the app's analysis worker and runs Monte Carlo
// chunks on request.
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAnalysisSession } from '../src/session/analysis-session';

const session = createAnalysisSession();
type Message =
  | { kind: 'load'; text: string }
  | { kind: 'memory' }
  | { kind: 'run'; samples: number; seed: number; chunks: number[] };

async function memory(): Promise<{ heapMb: number; externalMb: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // ArrayBuffer backing stores are freed by a sweeper that runs after the collection: collect,
  // let it finish, collect again, so garbage typed arrays of the load are not counted.
  gc();
  await new Promise((r) => setTimeout(r, 500));
  gc();
  await new Promise((r) => setTimeout(r, 500));
  const h = getHeapStatistics();
  return { heapMb: h.used_heap_size / 2 ** 20, externalMb: h.external_memory / 2 ** 20 };
}

parentPort!.on('message', (m: Message) => {
  if (m.kind === 'load') {
    const r = session.loadTextSummary(m.text);
    if (r.kind !== 'ok') throw new Error('invalid plant');
    parentPort!.postMessage('loaded');
  } else if (m.kind === 'memory') {
    // Asked in a later message, so the load message (and its text, which the app's worker does not
    // keep either) is no longer reachable; after a full collection. The plant graph and attack
    // graph are typed arrays: their buffers are V8 external memory, counted here too.
    void memory().then((mem) => parentPort!.postMessage(mem));
  } else {
    parentPort!.postMessage(session.simulateChunks(m.samples, m.seed, m.chunks));
  }
});
