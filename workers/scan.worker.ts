// Helper worker of the analysis worker: scans the connections array of a large model text into
// columns (src/model/connections.ts) while the analysis worker parses the rest. No logic of its own.
import { expose, transfer } from 'comlink';
import { scanConnections, scannedBuffers, type ScannedConnections } from '../src/model/connections';

const api = {
  scan(arrayText: string): ScannedConnections | undefined {
    const s = scanConnections(arrayText, 0);
    return s ? transfer(s, scannedBuffers(s)) : undefined;
  },
};
export type ScanWorkerApi = typeof api;
expose(api, self);
