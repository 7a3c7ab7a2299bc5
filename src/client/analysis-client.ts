// Main-thread side of the analysis workers: one primary worker that holds the plant, a pool (sized
// from navigator.hardwareConcurrency) for parallel work such as Monte Carlo, cancellation by
// AbortSignal (the worker is terminated and restarted lazily with the plant reloaded), crash
// reporting with restart, and an in-thread fallback when workers cannot start.
import { proxy, wrap, type Remote } from 'comlink';
import { createAnalysisSession, type AnalysisSession, type LoadResult, type Progress } from '../analysis/session';
import { chunkPlan, type SimulationResult } from '../analysis/simulate';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';
import { PARALLEL_MIN_LENGTH } from '../model/parse';
import type { PlantModel } from '../model/schema';

export type WorkerFactory = () => Worker;

export type ClientEvent =
  | { readonly kind: 'worker-crashed'; readonly message: string }
  | { readonly kind: 'worker-restarted' }
  | { readonly kind: 'fallback'; readonly reason: string };

export class CancelledError extends Error {
  constructor() {
    super('the computation was cancelled');
    this.name = 'CancelledError';
  }
}

const START_TIMEOUT_MS = 10_000;

/** The default factory: Vite bundles the worker from this URL pattern. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-analysis' });

type Api = Remote<AnalysisWorkerApi> | AnalysisSession;

interface Slot {
  worker: Worker | undefined;
  api: Remote<AnalysisWorkerApi> | undefined;
  /** Reject the calls in flight when the worker dies or is terminated (comlink would never settle them). */
  readonly fails: Set<(e: Error) => void>;
}

async function startWorker(factory: WorkerFactory, slot: Slot, onCrash: (message: string) => void): Promise<void> {
  const worker = factory();
  const api = wrap<AnalysisWorkerApi>(worker);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'worker failed to start')), { once: true });
    void api.ping().then(() => {
      clearTimeout(timer);
      resolve();
    }, reject);
  }).catch((e: unknown) => {
    worker.terminate();
    throw e;
  });
  worker.addEventListener('error', (e) => {
    const message = e.message || 'worker crashed';
    const error = new Error(`analysis worker crashed: ${message}`);
    for (const fail of [...slot.fails]) fail(error);
    worker.terminate();
    if (slot.worker === worker) {
      slot.worker = undefined;
      slot.api = undefined;
    }
    onCrash(message);
  });
  slot.worker = worker;
  slot.api = api;
}

/** Records per message when the model is copied from the worker (~0.2–0.7 MB, a few ms to decode). */
const MODEL_SLICE = 2000;

export class AnalysisClient {
  private plantText: string | undefined;
  private readonly primary: Slot = { worker: undefined, api: undefined, fails: new Set() };
  private readonly pool: Slot[] = [];
  private poolLoaded = new WeakSet<Slot>();
  private inThread: AnalysisSession | undefined;

  private constructor(
    private readonly factory: WorkerFactory,
    readonly poolSize: number,
    private readonly onEvent: (e: ClientEvent) => void,
    fallbackReason?: string,
  ) {
    if (fallbackReason !== undefined) {
      this.inThread = createAnalysisSession();
      this.fallbackReason = fallbackReason;
    }
  }

  /** Why analysis runs on the main thread, when it does. */
  readonly fallbackReason: string | undefined;

  get mode(): 'worker' | 'main-thread' {
    return this.inThread ? 'main-thread' : 'worker';
  }

  static async connect(options: { factory?: WorkerFactory; poolSize?: number; onEvent?: (e: ClientEvent) => void } = {}): Promise<AnalysisClient> {
    const factory = options.factory ?? defaultWorkerFactory;
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
    const poolSize = options.poolSize ?? Math.max(1, Math.min(8, cores));
    const onEvent = options.onEvent ?? (() => {});
    const probe: Slot = { worker: undefined, api: undefined, fails: new Set() };
    try {
      await startWorker(factory, probe, () => {});
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      onEvent({ kind: 'fallback', reason });
      return new AnalysisClient(factory, 1, onEvent, reason);
    }
    const client = new AnalysisClient(factory, poolSize, onEvent);
    probe.worker!.terminate();
    return client;
  }

  /**
   * Says that a model of about `bytes` is being read for load(): for a large one the worker starts
   * its helper thread now, while this thread still reads the file. Only a hint: nothing waits on it.
   */
  expectLoad(bytes: number): void {
    if (this.inThread || bytes < PARALLEL_MIN_LENGTH) return;
    this.run((api) => (api as Remote<AnalysisWorkerApi>).expectLargeText()).catch(() => {});
  }

  /** Loads model text into the primary worker; a failed load keeps the plant already loaded. */
  async load(text: string, signal?: AbortSignal): Promise<LoadResult> {
    const r = await this.run((api) => api.loadTextSummary(text), signal);
    if (r.kind !== 'ok') return r;
    this.plantText = text;
    this.poolLoaded = new WeakSet();
    return { kind: 'ok', summary: r.summary, model: await this.fetchModel(signal) };
  }

  /**
   * The loaded model, copied from the worker in slices of at most MODEL_SLICE records: each
   * message is decoded in a short task, where one JSON.parse of the text here was one long task
   * (100+ ms for a 5k-asset plant, seconds for 100k).
   */
  private async fetchModel(signal?: AbortSignal): Promise<PlantModel> {
    const model: Record<string, unknown> = {};
    const { generation, fields } = await this.run((api) => api.modelLayout(), signal);
    for (const { key, length } of fields) {
      if (length < 0) {
        model[key] = await this.run((api) => api.modelPart(generation, key), signal);
        continue;
      }
      const records: unknown[] = [];
      for (let start = 0; start < length; start += MODEL_SLICE) {
        const part = (await this.run((api) => api.modelPart(generation, key, start, start + MODEL_SLICE), signal)) as unknown[];
        for (const x of part) records.push(x);
      }
      model[key] = records;
    }
    return model as unknown as PlantModel;
  }

  /** Runs a query on the primary worker (or in this thread). Aborting terminates the worker. */
  run<R>(call: (api: Api) => Promise<R> | R, signal?: AbortSignal): Promise<R> {
    if (this.inThread) return Promise.resolve(call(this.inThread));
    return this.runOn(this.primary, call, signal);
  }

  private async ensure(slot: Slot): Promise<Remote<AnalysisWorkerApi>> {
    if (slot.api) return slot.api;
    await startWorker(this.factory, slot, (message) => this.onEvent({ kind: 'worker-crashed', message }));
    if (this.plantText !== undefined) {
      await slot.api!.loadTextSummary(this.plantText);
      if (slot === this.primary) this.onEvent({ kind: 'worker-restarted' });
      else this.poolLoaded.add(slot);
    }
    return slot.api!;
  }

  private runOn<R>(slot: Slot, call: (api: Api) => Promise<R> | R, signal?: AbortSignal): Promise<R> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        slot.fails.delete(fail);
        f();
      };
      const fail = (e: Error) => settle(() => reject(e));
      const abort = () => {
        // A synchronous computation cannot be interrupted inside the worker: end the worker; the
        // next call starts a new one and reloads the plant.
        slot.worker?.terminate();
        slot.worker = undefined;
        slot.api = undefined;
        fail(new CancelledError());
        // The other calls on that worker end with it.
        const ended = new Error('analysis worker ended: another call on it was cancelled');
        for (const other of [...slot.fails]) other(ended);
      };
      signal?.addEventListener('abort', abort, { once: true });
      void (async () => {
        const api = await this.ensure(slot);
        if (slot !== this.primary && this.plantText !== undefined && !this.poolLoaded.has(slot)) {
          await api.loadTextSummary(this.plantText);
          this.poolLoaded.add(slot);
        }
        if (settled) return undefined as R;
        slot.fails.add(fail);
        return call(api);
      })().then(
        (r) => settle(() => resolve(r)),
        (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
      );
    });
  }

  /** Progress callbacks cross the worker boundary as comlink proxies. */
  progress(fn: Progress): Progress {
    return this.inThread ? fn : proxy(fn);
  }

  /** Monte Carlo split into chunks over the pool; identical results for any pool size. */
  async simulate(samples: number, seed: number, options: { signal?: AbortSignal; onProgress?: Progress } = {}): Promise<SimulationResult> {
    const plan = chunkPlan(samples);
    const lanes = this.inThread ? 1 : Math.min(this.poolSize, plan.length);
    while (this.pool.length < lanes) this.pool.push({ worker: undefined, api: undefined, fails: new Set() });
    // Start (and load) the pool's workers one at a time, then run their chunks in parallel.
    if (!this.inThread) for (let lane = 0; lane < lanes; lane++) await this.runOn(this.pool[lane]!, (api) => api.ping(), options.signal);
    let done = 0;
    const parts = await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const total = new Float64Array(0);
        let sum = total;
        for (let c = lane; c < plan.length; c += lanes) {
          const hits = this.inThread
            ? this.inThread.simulateChunks(samples, seed, [c])
            : await this.runOn(this.pool[lane]!, (api) => (api as Remote<AnalysisWorkerApi>).simulateChunks(samples, seed, [c]), options.signal);
          if (sum.length === 0) sum = new Float64Array(hits.length);
          for (let j = 0; j < hits.length; j++) sum[j]! += hits[j]!;
          done += plan[c]!;
          options.onProgress?.(done, samples);
        }
        return sum;
      }),
    );
    const hits = new Float64Array(parts.find((p) => p.length > 0)?.length ?? 0);
    for (const p of parts) for (let j = 0; j < p.length; j++) hits[j]! += p[j]!;
    return this.run((api) => api.summarizeSimulation(hits, samples, seed), options.signal);
  }

  /** Ends every worker. */
  dispose(): void {
    for (const slot of [this.primary, ...this.pool]) {
      slot.worker?.terminate();
      slot.worker = undefined;
      slot.api = undefined;
    }
  }
}
