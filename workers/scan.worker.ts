// Helper worker of the analysis worker: scans the first part of a large model's connections array
// into columns and resolves them (createScanService in src/model/connections.ts) while the
// analysis worker parses the rest. No logic of its own.
import { expose, transfer } from 'comlink';
import { createScanService, resolvedPartBuffers, type ConnectionRefs, type ResolvedPart } from '../src/model/connections';

const service = createScanService();
const api = {
  scan(token: number, partText: string, wholeLength: number): void {
    service.scan(token, partText, wholeLength);
  },
  resolve(token: number, refs: ConnectionRefs): ResolvedPart | undefined {
    const part = service.resolve(token, refs);
    return part ? transfer(part, resolvedPartBuffers(part)) : undefined;
  },
};
export type ScanWorkerApi = typeof api;
expose(api, self);
