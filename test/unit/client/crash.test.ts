// AnalysisClient when its worker dies with several calls in flight: every one of them must be
// rejected (comlink never settles a call whose worker is gone). The worker here is a stand-in
// over a MessageChannel whose calls never answer, so the crash is the only way out.
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisClient, CancelledError } from '../../../src/client/analysis-client';
import { never, settleWithin2s, StandInWorker } from './stand-in';

const clients: AnalysisClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

/** A client of one worker at a time, each a stand-in (listed in start order). */
async function standInClient(events: string[] = []): Promise<{ c: AnalysisClient; workers: StandInWorker[] }> {
  const workers: StandInWorker[] = [];
  const c = await AnalysisClient.connect({
    poolSize: 1,
    factory: () => {
      const w = new StandInWorker({ ping: () => 'pong', summary: never, risk: never });
      workers.push(w);
      return w as unknown as Worker;
    },
    onEvent: (e) => events.push(e.kind),
  });
  clients.push(c);
  return { c, workers };
}

describe('AnalysisClient, worker crash', () => {
  it('rejects every call in flight on the crashed worker, then starts a new one', async () => {
    const events: string[] = [];
    const { c, workers } = await standInClient(events);
    expect(c.mode).toBe('worker');
    const first = c.run((api) => api.summary());
    const second = c.run((api) => api.risk());
    await new Promise((r) => setTimeout(r, 20)); // both calls handed to the worker
    const primary = workers[workers.length - 1]!;
    primary.crash('simulated crash');
    const settled = await settleWithin2s([first, second]);
    expect(settled).not.toBe('hung');
    for (const r of settled as PromiseSettledResult<unknown>[]) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason)).toContain('analysis worker crashed: simulated crash');
    }
    expect(primary.terminated).toBe(true);
    expect(events).toEqual(['worker-crashed']);
    // The next call starts a new worker.
    expect(await c.run((api) => api.ping())).toBe('pong');
    expect(workers[workers.length - 1]).not.toBe(primary);
  });

  it('ends the other calls on a worker that a cancellation terminates', async () => {
    const { c, workers } = await standInClient();
    const ctl = new AbortController();
    const cancelled = c.run((api) => api.summary(), ctl.signal);
    const other = c.run((api) => api.risk());
    await new Promise((r) => setTimeout(r, 20));
    ctl.abort();
    const settled = await settleWithin2s([cancelled, other]);
    expect(settled).not.toBe('hung');
    const [a, b] = settled as PromiseSettledResult<unknown>[];
    expect(a!.status === 'rejected' && (a as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError);
    expect(b!.status === 'rejected' && String((b as PromiseRejectedResult).reason)).toContain('analysis worker ended: another call on it was cancelled');
    expect(workers[workers.length - 1]!.terminated).toBe(true);
  });
});
