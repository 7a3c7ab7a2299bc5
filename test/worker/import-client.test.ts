// The import dialog's client over the real import worker (through the one WorkerBridge): a capture
// read with progress, a cancel that ends the worker (the read in flight is rejected as cancelled,
// what the worker held is gone) and a next call that starts a new one.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CancelledError, ImportClient } from '../../src/client/import-client';
import type { CaptureProgress } from '../../src/session/import-session';

const bytes = new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'));
const client = new ImportClient();
afterAll(() => client.dispose());

describe('ImportClient over the import worker', () => {
  it('reads a capture with progress and builds the twin', async () => {
    const progress: CaptureProgress[] = [];
    const onProgress = client.progress((p: CaptureProgress) => void progress.push(p));
    const r = await client.run((api) => api.readCaptures([{ name: 'ModbusTCP.pcap', data: new Blob([bytes]) }], onProgress));
    expect(r.devices).toBe(14);
    expect(client.mode).toBe('worker');
    const twin = await client.run((api) => api.captureModel({ name: 'Observed' }));
    expect('text' in twin && twin.plantName).toBe('Observed');
  });

  it('cancel rejects the calls in flight as cancelled; the next call runs on a new worker', async () => {
    const reads = [1, 2].map(() => client.run((api) => api.readCaptures([{ name: 'ModbusTCP.pcap', data: new Blob([bytes]) }])));
    client.cancel();
    for (const r of await Promise.allSettled(reads)) expect(r.status === 'rejected' && r.reason).toBeInstanceOf(CancelledError);
    // The new worker holds no capture: what the old one read went with it.
    await expect(client.run((api) => api.captureModel())).rejects.toThrow(/no capture has been read/);
    expect(await client.run((api) => api.ping())).toBe('pong');
  });
});
