// Worker thread for the benchmarks: the Node twin of workers/scan.worker.ts — scans and resolves
// the first part of a connections array (createScanService) and hands the columns back.
import { parentPort } from 'node:worker_threads';
import { createScanService, resolvedPartBuffers, type ConnectionRefs } from '../src/model/connections';

const service = createScanService();
type Message = { kind: 'scan'; token: number; text: string; wholeLength: number } | { kind: 'resolve'; token: number; refs: ConnectionRefs };

parentPort!.on('message', (m: Message) => {
  if (m.kind === 'scan') return service.scan(m.token, m.text, m.wholeLength);
  const part = service.resolve(m.token, m.refs);
  parentPort!.postMessage({ token: m.token, part }, part ? resolvedPartBuffers(part) : []);
});
