// The one WorkerBridge behind the analysis and import clients, over stand-in workers: a crash or
// a cancel rejects every call in flight (not only the last one), the next call starts a new worker
// and the restore hook brings it back before any call reaches it; the start is trusted only after
// a ping within the start timeout; when no worker can start, the in-thread fallback takes over.
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, WorkerBridge, type WorkerBridgeOptions } from '../../../src/client/worker-bridge';
import { delivered, never, settleWithin2s, StandInWorker } from './stand-in';

interface Api {
  ping(): string;
  setup(): void;
  echo(x: number): number;
  slow(): Promise<never>;
}

const bridges: WorkerBridge<Api>[] = [];
afterEach(() => bridges.splice(0).forEach((b) => b.dispose()));

/**
 * A bridge over stand-in workers numbered from 1, each logging `<n>:<method>` in one log; the
 * restore hook calls setup(). `ping` can be replaced to make workers that never answer.
 */
function standIns(options: Partial<WorkerBridgeOptions<Api, Api>> & { ping?: () => unknown } = {}) {
  const log: string[] = [];
  const workers: StandInWorker[] = [];
  const events: string[] = [];
  const bridge = new WorkerBridge<Api>({
    name: 'test worker',
    factory: () => {
      const n = workers.length + 1;
      const note = (m: string) => log.push(`${n}:${m}`);
      const w = new StandInWorker({
        ping: options.ping ?? (() => (note('ping'), 'pong')),
        setup: () => note('setup'),
        echo: (x: number) => (note('echo'), x),
        slow: () => (note('slow'), never()),
      });
      workers.push(w);
      return w as unknown as Worker;
    },
    restore: async (api) => {
      await api.setup();
    },
    onCrash: (m) => events.push(`crash: ${m}`),
    onRestart: () => events.push('restart'),
    ...options,
  });
  bridges.push(bridge);
  return { bridge, log, workers, events };
}

function rejections(settled: PromiseSettledResult<unknown>[] | 'hung'): unknown[] {
  expect(settled).not.toBe('hung');
  return (settled as PromiseSettledResult<unknown>[]).map((r) => (r.status === 'rejected' ? r.reason : `fulfilled: ${String(r.value)}`));
}

describe('WorkerBridge', () => {
  it('starts a worker on the first call, pings it and restores it before the call', async () => {
    const { bridge, log, events } = standIns();
    expect(await bridge.call((api) => api.echo(7))).toBe(7);
    expect(log).toEqual(['1:ping', '1:setup', '1:echo']);
    expect(events).toEqual([]); // a first start is no restart
    expect(bridge.mode).toBe('worker');
  });

  it('rejects both calls in flight when the worker crashes; the next call starts a new one, restored first', async () => {
    const { bridge, log, workers, events } = standIns();
    const first = bridge.call((api) => api.slow());
    const second = bridge.call((api) => api.slow());
    await delivered();
    expect(log).toEqual(['1:ping', '1:setup', '1:slow', '1:slow']);
    workers[0]!.crash('Uncaught RangeError: Array buffer allocation failed');
    for (const e of rejections(await settleWithin2s([first, second]))) expect(String(e)).toBe('Error: test worker crashed: Uncaught RangeError: Array buffer allocation failed');
    expect(workers[0]!.terminated).toBe(true);
    expect(bridge.pending).toBe(0);
    expect(events).toEqual(['crash: Uncaught RangeError: Array buffer allocation failed']);
    expect(await bridge.call((api) => api.echo(1))).toBe(1);
    expect(workers).toHaveLength(2);
    expect(log.slice(4)).toEqual(['2:ping', '2:setup', '2:echo']);
    expect(events.at(-1)).toBe('restart');
  });

  it('cancel rejects every call in flight as cancelled; the next call restarts the worker and the restore hook runs first', async () => {
    const { bridge, log, workers, events } = standIns();
    const calls = [bridge.call((api) => api.slow()), bridge.call((api) => api.slow()), bridge.call((api) => api.slow())];
    await delivered();
    bridge.cancel();
    for (const e of rejections(await settleWithin2s(calls))) expect(e).toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    expect(events).toEqual([]); // a cancel is no crash
    expect(await bridge.call((api) => api.echo(4))).toBe(4);
    expect(log.filter((l) => l.startsWith('2:'))).toEqual(['2:ping', '2:setup', '2:echo']);
    expect(events).toEqual(['restart']);
  });

  it('an aborted call is cancelled and ends the other calls on its worker', async () => {
    const { bridge, workers } = standIns();
    const ctl = new AbortController();
    const aborted = bridge.call((api) => api.slow(), ctl.signal);
    const other = bridge.call((api) => api.slow());
    await delivered();
    ctl.abort();
    const [a, b] = rejections(await settleWithin2s([aborted, other]));
    expect(a).toBeInstanceOf(CancelledError);
    expect(String(b)).toBe('Error: test worker ended: another call on it was cancelled');
    expect(workers[0]!.terminated).toBe(true);
    await expect(bridge.call((api) => api.echo(1), ctl.signal)).rejects.toBeInstanceOf(CancelledError); // already aborted: not even started
    expect(workers).toHaveLength(1);
  });

  it('a cancel while the worker is still starting rejects the waiting calls, and the half-started worker is ended', async () => {
    let answer: (() => void) | undefined;
    const { bridge, workers, log } = standIns({ ping: () => new Promise<string>((r) => (answer = () => r('pong'))) });
    const waiting = bridge.call((api) => api.echo(1));
    await delivered();
    bridge.cancel();
    const [e] = rejections(await settleWithin2s([waiting]));
    expect(e).toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    answer?.();
    await delivered();
    expect(log).toEqual([]); // nothing ran on it
  });

  it('rejects the waiting calls when the worker dies while being restored', async () => {
    const { bridge, workers } = standIns({
      restore: async () => {
        workers.at(-1)!.crash('out of memory');
        await never();
      },
    });
    const [e] = rejections(await settleWithin2s([bridge.call((api) => api.echo(1))]));
    expect(String(e)).toBe('Error: test worker crashed: out of memory');
  });

  it('dispose rejects every call in flight', async () => {
    const { bridge, workers } = standIns();
    const calls = [bridge.call((api) => api.slow()), bridge.call((api) => api.slow())];
    await delivered();
    bridge.dispose();
    for (const e of rejections(await settleWithin2s(calls))) expect(e).toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('does not trust a worker that does not answer its ping within the start timeout', async () => {
    const { bridge, workers } = standIns({ ping: never, startTimeoutMs: 100 });
    const [e] = rejections(await settleWithin2s([bridge.call((api) => api.echo(1))]));
    expect(String(e)).toBe('Error: test worker did not answer within 0.1 s');
    expect(workers[0]!.terminated).toBe(true);
    expect(bridge.mode).toBe('worker'); // no fallback given
  });

  it('falls back to the in-thread implementation when no worker can start, created only then', async () => {
    let created = 0;
    const local: Api = { ping: () => 'pong', setup: () => {}, echo: (x) => x * 10, slow: never };
    const reasons: string[] = [];
    const { bridge, workers } = standIns({
      factory: () => {
        const w = new StandInWorker({ ping: never });
        workers.push(w);
        queueMicrotask(() => w.crash('SyntaxError: Unexpected token in worker script'));
        return w as unknown as Worker;
      },
      fallback: () => (created++, local),
      onFallback: (r) => reasons.push(r),
    });
    expect(created).toBe(0);
    await bridge.start();
    expect(bridge.mode).toBe('main-thread');
    expect(bridge.fallbackReason).toBe('SyntaxError: Unexpected token in worker script');
    expect(reasons).toEqual(['SyntaxError: Unexpected token in worker script']);
    expect(await bridge.call((api) => api.echo(2))).toBe(20);
    const f = () => 1;
    expect(bridge.progress(f)).toBe(f);
    expect(created).toBe(1);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('falls back when the factory itself throws (no Worker here)', async () => {
    const local: Api = { ping: () => 'pong', setup: () => {}, echo: (x) => x + 1, slow: never };
    const { bridge } = standIns({
      factory: () => {
        throw new ReferenceError('Worker is not defined');
      },
      fallback: () => local,
    });
    expect(await bridge.call((api) => api.echo(1))).toBe(2);
    expect(bridge.fallbackReason).toBe('Worker is not defined');
  });

  it('never falls back once a worker ran: a restart that fails is an error', async () => {
    let starts = 0;
    const local: Api = { ping: () => 'pong', setup: () => {}, echo: (x) => x, slow: never };
    const { bridge, workers } = standIns({
      factory: () => {
        const first = ++starts === 1;
        const w = new StandInWorker({ ping: first ? () => 'pong' : never, setup: () => {}, echo: (x: number) => x, slow: never });
        workers.push(w);
        if (!first) queueMicrotask(() => w.crash('cannot start again'));
        return w as unknown as Worker;
      },
      fallback: () => local,
    });
    expect(await bridge.call((api) => api.echo(1))).toBe(1);
    bridge.cancel();
    await expect(bridge.call((api) => api.echo(2))).rejects.toThrow('cannot start again');
    expect(bridge.mode).toBe('worker');
  });
});
