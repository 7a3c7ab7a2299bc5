// Worker thread for the benchmarks: the Node twin of workers/scan.worker.ts — scans and resolves a
// connections array (createScanService) and hands the column buffers back.
import { parentPort } from 'node:worker_threads';
import { connectionBuffers, createScanService, type ConnectionRefs } from '../src/model/connections';

const service = createScanService();
type Message = { kind: 'scan'; token: number; text: string } | { kind: 'resolve'; token: number; refs: ConnectionRefs; checkIds: boolean };

parentPort!.on('message', (m: Message) => {
  if (m.kind === 'scan') return service.scan(m.token, m.text);
  const cols = service.resolve(m.token, m.refs, m.checkIds);
  parentPort!.postMessage({ token: m.token, cols }, cols ? connectionBuffers(cols) : []);
});
