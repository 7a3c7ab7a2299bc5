// Helper worker of the analysis worker: scans the connections array of a large model text into
// columns and resolves them (createScanService in src/model/connections.ts) while the analysis
// worker parses the rest. No logic of its own.
import { expose, transfer } from 'comlink';
import { connectionBuffers, createScanService, type ConnectionColumns, type ConnectionRefs } from '../src/model/connections';

const service = createScanService();
const api = {
  scan(token: number, arrayText: string): void {
    service.scan(token, arrayText);
  },
  resolve(token: number, refs: ConnectionRefs, checkIds: boolean): ConnectionColumns | undefined {
    const cols = service.resolve(token, refs, checkIds);
    return cols ? transfer(cols, connectionBuffers(cols)) : undefined;
  },
};
export type ScanWorkerApi = typeof api;
expose(api, self);
