// Main-thread side of the analysis workers: one primary worker that holds the plant, a pool (sized
// from navigator.hardwareConcurrency) for parallel work such as Monte Carlo, cancellation by
// AbortSignal (the worker is terminated and restarted lazily), crash reporting with restart, and an
// in-thread fallback when workers cannot start — all through the one WorkerBridge.
//
// The client owns the state every worker must be in: the plant's source (its text, or the file it
// is read from — a Blob, held outside the page's heap) and the what-if scenario the app shows, as
// its edits (each worker applies them to the plant it loaded, checking each one).
// They change only through load() and applyScenario() (run() cannot reach the loading methods),
// and every worker started later — after a cancel, after a crash, a pool worker — is brought to
// that state before any query reaches it.
//
// The main thread holds only what it draws: a load answers the plant's outline and its asset
// directory (session/plant-view.ts), never the model; the model itself is copied over on demand
// (fullModel) for the few tools that need all of it (an import merging into the plant, a Neo4j save).
import type { Remote } from 'comlink';
import { createAnalysisSession, type AnalysisSession, type Progress } from '../session/analysis-session';
import type { PlantSummary } from '../session/analysis-session';
import type { PlanShown, Which } from '../session/plant-queries';
import type { StepShown } from '../session/lists';
import type { PlantOutline } from '../session/plant-view';
import type { ModelError } from '../model/errors';

import type { PlanOptions } from '../analysis/remediation';
import { readModelBlob, unreadable, type BlobText } from './read-blob';
import { AssetDirectory } from './asset-directory';
import { chunkPlan, type SimulationResult } from '../analysis/simulate';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';
import { PARALLEL_MIN_LENGTH } from '../model/parse-parallel';
import type { AttackerProfile, PlantModel } from '../model/schema';
import type { ScenarioEdit } from '../analysis/scenario';
import { CancelledError, WorkerBridge, type WorkerFactory } from './worker-bridge';

export { CancelledError, type WorkerFactory };
export { AssetDirectory } from './asset-directory';

/** What the main thread holds of the plant shown: its outline and its asset directory. */
export interface ShownPlant {
  readonly outline: PlantOutline;
  readonly directory: AssetDirectory;
}

export type LoadResult = { readonly kind: 'ok'; readonly summary: PlantSummary; readonly plant: ShownPlant } | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

/** A plant's source: its text, or a file (a Blob) the worker reads itself. */
export type PlantSource = string | Blob;

export type ClientEvent =
  | { readonly kind: 'worker-crashed'; readonly message: string }
  | { readonly kind: 'worker-restarted' }
  | { readonly kind: 'fallback'; readonly reason: string };

/** The default factory: Vite bundles the worker from this URL pattern. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-analysis' });

/** Session methods that change what a worker holds: only the client calls them (load, applyScenario). */
type StateChanging = 'loadTextSummary' | 'loadParsedSummary' | 'applyScenario' | 'loadBlobSummary' | 'setProfile';

/** What run() hands a query: the session (in a worker or this thread) without its loading methods. */
export type AnalysisApi = Omit<Remote<AnalysisWorkerApi>, StateChanging> | Omit<AnalysisSession, StateChanging>;

type Bridge = WorkerBridge<AnalysisWorkerApi, AnalysisSession>;
type AnyApi = Remote<AnalysisWorkerApi> | AnalysisSession;

export type ScenarioResult = ReturnType<AnalysisSession['applyScenario']>;

/** The state every worker must hold, as the app shows it. */
interface WorkerState {
  readonly source: PlantSource;
  /** The what-if edits every query answers about, or null for the plant as loaded. */
  readonly scenario: readonly ScenarioEdit[] | null;
  /** The attacker every query analyses as (null: none). */
  readonly profile: AttackerProfile | null;
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
      const loaded = await this.loadInto(api, state.source);
      if (loaded.kind !== 'ok') throw new Error('the plant no longer loads in a new analysis worker');
      // Always told (null too): a session keeps its profile across loads.
      await api.setProfile(state.profile);
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
   * Loads a plant into a worker: text as it is; a file is read (as strict UTF-8) by the worker
   * itself — or here, when the analysis runs on this thread.
   */
  private async loadInto(api: AnyApi, source: PlantSource): Promise<Awaited<ReturnType<AnalysisSession['loadTextSummary']>>> {
    if (typeof source === 'string') return api.loadTextSummary(source);
    if (this.mode === 'worker') {
      const r = await (api as Remote<AnalysisWorkerApi>).loadBlobSummary(source);
      if (r.kind === 'unreadable') return unreadable(source, r.reason);
      // Not UTF-8: read here once more, for the byte, line and column of the first bad byte (a refused file only).
      if (r.kind === 'not-utf8') return readModelBlob(source) as Promise<Extract<BlobText, { kind: 'invalid' }>>;
      return r;
    }
    const read = await readModelBlob(source);
    return read.kind === 'text' ? api.loadTextSummary(read.text) : read;
  }

  /**
   * Loads a plant (model text, or a file the worker reads) into the primary worker and answers what
   * the main thread holds of it (outline, asset directory); a failed load keeps the plant (and
   * scenario) loaded — in the workers too: if the answer cannot be had (a cancel, a crash), the
   * workers are put back to the plant and scenario the app still shows before they answer again.
   */
  async load(source: PlantSource, signal?: AbortSignal): Promise<LoadResult> {
    this.loading++;
    try {
      const previous = this.state;
      const r = await this.on(this.primary, (api) => this.loadInto(api, source), signal);
      if (r.kind !== 'ok') return r;
      // A new plant is analysed as the attacker chosen for the last one (a session keeps its profile across loads).
      this.changed({ source, scenario: null, profile: previous?.profile ?? null });
      try {
        const shown = await this.run((api) => api.shown(), signal);
        const directory = await AssetDirectory.build(shown.directory, shown.outline.zones);
        if (signal?.aborted) throw new CancelledError();
        return { kind: 'ok', summary: r.summary, plant: { outline: shown.outline, directory } };
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
    if (r.kind === 'ok' && this.state) this.changed({ ...this.state, scenario: edits?.length ? edits : null });
    return r;
  }

  /** The attacker every query analyses as (null: none). */
  get profile(): AttackerProfile | null {
    return this.state?.profile ?? null;
  }

  /**
   * Analyses every later query as this attacker (null: none), in the primary worker now and in
   * every worker started later; the plant and the scenario stay. Answers are computed anew.
   */
  async setProfile(profile: AttackerProfile | null, signal?: AbortSignal): Promise<void> {
    if (this.loading > 0) throw new PlantLoadingError();
    const r = await this.on(this.primary, (api) => api.setProfile(profile), signal);
    if (r.kind !== 'ok') throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    if (this.state) this.changed({ ...this.state, profile });
  }

  /**
   * The whole plant (`of`: the scenario when one is active, or the baseline), copied from the worker in slices of at
   * most MODEL_SLICE records — only for the tools that need every record (an import merging into
   * the plant, a Neo4j save); each message is decoded in a short task.
   */
  async fullModel(of: Which = 'shown', signal?: AbortSignal): Promise<PlantModel> {
    const model: Record<string, unknown> = {};
    const { token, fields } = await this.run((api) => api.modelLayout(of), signal);
    for (const { key, length } of fields) {
      if (length < 0) {
        model[key] = await this.run((api) => api.modelPart(of, token, key), signal);
        continue;
      }
      const records: unknown[] = [];
      for (let start = 0; start < length; start += MODEL_SLICE) {
        const part = (await this.run((api) => api.modelPart(of, token, key, start, start + MODEL_SLICE), signal)) as unknown[];
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

  /** Any callback a query calls back with (progress, a step decided) crosses the worker boundary as a comlink proxy. */
  callback<F extends (...args: never[]) => unknown>(fn: F): F {
    return this.primary.progress(fn);
  }

  /**
   * The greedy remediation plan with its steps in words; `onStep` hears of each step as soon as
   * the worker decides it, so the first steps can be shown while the rest are searched.
   */
  remediate(options: Pick<PlanOptions, 'budget' | 'maxSteps' | 'rank'>, { signal, onProgress, onStep }: { signal?: AbortSignal; onProgress?: Progress; onStep?: (s: StepShown) => void } = {}): Promise<PlanShown> {
    const progress = onProgress && this.callback(onProgress);
    const step = onStep && this.callback(onStep);
    return this.run((api) => api.remediationSteps(options, progress, step), signal);
  }

  /** The plant shown (the scenario when one is active) as a JSON file, written in the worker. */
  async exportModel(signal?: AbortSignal): Promise<Blob> {
    if (this.mode === 'worker') return this.run((api) => (api as Remote<AnalysisWorkerApi>).modelBlob(), signal);
    return new Blob(await this.run((api) => api.modelText(), signal), { type: 'application/json' });
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

