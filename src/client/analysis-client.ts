// Main-thread side of the analysis workers: one primary worker that holds the plant, a pool (sized
// from navigator.hardwareConcurrency) for parallel work such as Monte Carlo, cancellation by
// AbortSignal (the worker is terminated and restarted lazily), crash reporting with restart, and an
// in-thread fallback when workers cannot start — all through the one WorkerBridge.
//
// The client owns the state every worker must be in: the plant text and the what-if scenario the
// app shows, as its edits (each worker applies them to the plant it loaded, checking each one).
// They change only through load() and applyScenario() (run() cannot reach the loading methods),
// and every worker started later — after a cancel, after a crash, a pool worker — is brought to
// that state before any query reaches it.
import type { Remote } from 'comlink';
import { createAnalysisSession, type AnalysisSession, type LoadResult, type Progress } from '../session/analysis-session';
import { chunkPlan, type SimulationResult } from '../analysis/simulate';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';
import { PARALLEL_MIN_LENGTH } from '../model/parse-parallel';
import type { PlantModel } from '../model/schema';
import type { ScenarioEdit } from '../analysis/scenario';
import { CancelledError, WorkerBridge, type WorkerFactory } from './worker-bridge';

export { CancelledError, type WorkerFactory };

export type ClientEvent =
  | { readonly kind: 'worker-crashed'; readonly message: string }
  | { readonly kind: 'worker-restarted' }
  | { readonly kind: 'fallback'; readonly reason: string };

/** The default factory: Vite bundles the worker from this URL pattern. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-analysis' });

/** Session methods that change what a worker holds: only the client calls them (load, applyScenario). */
type StateChanging = 'loadTextSummary' | 'loadParsedSummary' | 'applyScenario';

/** What run() hands a query: the session (in a worker or this thread) without its loading methods. */
export type AnalysisApi = Omit<Remote<AnalysisWorkerApi>, StateChanging> | Omit<AnalysisSession, StateChanging>;

type Bridge = WorkerBridge<AnalysisWorkerApi, AnalysisSession>;
type AnyApi = Remote<AnalysisWorkerApi> | AnalysisSession;

export type ScenarioResult = ReturnType<AnalysisSession['applyScenario']>;

/** The state every worker must hold, as the app shows it. */
interface WorkerState {
  readonly text: string;
  /** The what-if edits every query answers about, or null for the plant as loaded. */
  readonly scenario: readonly ScenarioEdit[] | null;
}

/** Records per message when the model is copied from the worker (~0.2–0.7 MB, a few ms to decode). */
const MODEL_SLICE = 2000;

/** A scenario sent while another plant loads: it was written for the plant shown before, and is refused. */
export class PlantLoadingError extends Error {
  constructor() {
    super('a new plant is being loaded: the edit was made on the plant shown before it, and is not applied');
    this.name = 'PlantLoadingError';
  }
}

export class AnalysisClient {
  private state: WorkerState | undefined;
  /** Loads in flight: a scenario sent meanwhile would land on the plant being loaded. */
  private loading = 0;
  /** Counts state changes; synced says which one each worker holds. */
  private version = 0;
  private readonly synced = new WeakMap<Bridge, number>();
  private readonly primary: Bridge;
  private readonly pool: Bridge[] = [];
  private lanes: number;

  private constructor(
    private readonly factory: WorkerFactory,
    poolSize: number,
    private readonly onEvent: (e: ClientEvent) => void,
  ) {
    this.lanes = poolSize;
    this.primary = this.bridge(true);
  }

  /** Workers used for parallel work (1 on the main thread). */
  get poolSize(): number {
    return this.mode === 'worker' ? this.lanes : 1;
  }

  /** Why analysis runs on the main thread, when it does. */
  get fallbackReason(): string | undefined {
    return this.primary.fallbackReason;
  }

  get mode(): 'worker' | 'main-thread' {
    return this.primary.mode;
  }

  static async connect(options: { factory?: WorkerFactory; poolSize?: number; onEvent?: (e: ClientEvent) => void } = {}): Promise<AnalysisClient> {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
    const client = new AnalysisClient(options.factory ?? defaultWorkerFactory, options.poolSize ?? Math.max(1, Math.min(8, cores)), options.onEvent ?? (() => {}));
    await client.primary.start(); // the primary worker, or the in-thread fallback when none can start
    return client;
  }

  private bridge(primary: boolean): Bridge {
    const bridge: Bridge = new WorkerBridge<AnalysisWorkerApi, AnalysisSession>({
      name: 'analysis worker',
      factory: this.factory,
      restore: (api) => this.restore(bridge, api),
      onCrash: (message) => this.onEvent({ kind: 'worker-crashed', message }),
      ...(primary
        ? {
            onRestart: () => this.onEvent({ kind: 'worker-restarted' }),
            fallback: () => createAnalysisSession(),
            onFallback: (reason: string) => this.onEvent({ kind: 'fallback', reason }),
          }
        : {}),
    });
    return bridge;
  }

  /** Brings a worker to the client's state: the plant, then the scenario. */
  private async restore(bridge: Bridge, api: AnyApi): Promise<void> {
    const { state, version } = this;
    if (state) {
      const loaded = await api.loadTextSummary(state.text);
      if (loaded.kind !== 'ok') throw new Error('the plant no longer loads in a new analysis worker');
      if (state.scenario) {
        const applied = await api.applyScenario(state.scenario);
        if (applied.kind !== 'ok') throw new Error('the what-if scenario no longer applies in a new analysis worker');
      }
    }
    this.synced.set(bridge, version);
  }

  /** One call on a bridge, on a worker that holds the client's state. */
  private on<R>(bridge: Bridge, call: (api: AnyApi) => Promise<R> | R, signal?: AbortSignal): Promise<R> {
    return bridge.call(async (api) => {
      // A pool worker restored before the last load or scenario catches up first.
      if (this.synced.get(bridge) !== this.version) await this.restore(bridge, api);
      return call(api);
    }, signal);
  }

  /** The state changed on the primary (which holds it now); the other workers catch up lazily. */
  private changed(state: WorkerState | undefined): void {
    this.state = state;
    this.synced.set(this.primary, ++this.version);
  }

  /** The what-if edits the workers answer about (null: the plant as loaded). */
  get scenario(): readonly ScenarioEdit[] | null {
    return this.state?.scenario ?? null;
  }

  /**
   * Says that a model of about `bytes` is being read for load(): for a large one the worker starts
   * its helper thread now, while this thread still reads the file. Only a hint: nothing waits on it.
   */
  expectLoad(bytes: number): void {
    if (this.mode !== 'worker' || bytes < PARALLEL_MIN_LENGTH) return;
    this.on(this.primary, (api) => (api as Remote<AnalysisWorkerApi>).expectLargeText()).catch(() => {});
  }

  /**
   * Loads model text into the primary worker; a failed load keeps the plant (and scenario) loaded
   * — in the workers too: if the copy of the new model fails (a cancel, a crash), the workers are
   * put back to the plant and scenario the app still shows before they answer again.
   */
  async load(text: string, signal?: AbortSignal): Promise<LoadResult> {
    this.loading++;
    try {
      const previous = this.state;
      const r = await this.on(this.primary, (api) => api.loadTextSummary(text), signal);
      if (r.kind !== 'ok') return r;
      this.changed({ text, scenario: null });
      try {
        return { kind: 'ok', summary: r.summary, model: await this.fetchModel(signal) };
      } catch (e) {
        // The primary holds the new plant: a new version makes every worker restore `previous`
        // before its next call.
        this.state = previous;
        this.version++;
        throw e;
      }
    } finally {
      this.loading--;
    }
  }

  /**
   * Makes the plant as loaded with a what-if scenario's edits the plant every query answers about
   * (null or no edits: back to the plant as loaded), in the primary worker now and in every worker
   * started later; answers its diff against the baseline. An edit refused (the answer names it),
   * or a call that fails, changes nothing.
   */
  async applyScenario(edits: readonly ScenarioEdit[] | null, signal?: AbortSignal): Promise<ScenarioResult> {
    // Edits are written for the plant shown; while another loads they would land on that one.
    if (this.loading > 0) throw new PlantLoadingError();
    const r = await this.on(this.primary, (api) => api.applyScenario(edits), signal);
    if (r.kind === 'ok' && this.state) this.changed({ text: this.state.text, scenario: edits?.length ? edits : null });
    return r;
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
  run<R>(call: (api: AnalysisApi) => Promise<R> | R, signal?: AbortSignal): Promise<R> {
    return this.on(this.primary, call, signal);
  }

  /** Progress callbacks cross the worker boundary as comlink proxies. */
  progress(fn: Progress): Progress {
    return this.primary.progress(fn);
  }

  /** Monte Carlo split into chunks over the pool; identical results for any pool size. */
  async simulate(samples: number, seed: number, options: { signal?: AbortSignal; onProgress?: Progress } = {}): Promise<SimulationResult> {
    const plan = chunkPlan(samples);
    const inThread = this.mode === 'main-thread';
    const lanes = inThread ? 1 : Math.min(this.poolSize, plan.length);
    while (this.pool.length < lanes) this.pool.push(this.bridge(false));
    const lane = (i: number): Bridge => (inThread ? this.primary : this.pool[i]!);
    // Start (and restore) the pool's workers one at a time, then run their chunks in parallel.
    if (!inThread) for (let i = 0; i < lanes; i++) await this.on(lane(i), (api) => api.ping(), options.signal);
    let done = 0;
    const parts = await Promise.all(
      Array.from({ length: lanes }, async (_, i) => {
        let sum = new Float64Array(0);
        for (let c = i; c < plan.length; c += lanes) {
          const hits = await this.on(lane(i), (api) => api.simulateChunks(samples, seed, [c]), options.signal);
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
    for (const bridge of [this.primary, ...this.pool]) bridge.dispose();
  }
}
