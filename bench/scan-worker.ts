// Worker thread for the benchmarks: the Node twin of workers/scan.worker.ts — scans a connections
// array into columns and hands the buffers back.
import { parentPort } from 'node:worker_threads';
import { scanConnections, scannedBuffers } from '../src/model/connections';

parentPort!.on('message', (arrayText: string) => {
  const s = scanConnections(arrayText, 0);
  parentPort!.postMessage(s, s ? scannedBuffers(s) : []);
});
