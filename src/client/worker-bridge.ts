// One bridge from the main thread to one kind of Web Worker, for every worker the app runs (the
// analysis workers and the import worker). It starts the worker and trusts it only once it answers
// a ping (within a start timeout); it rejects every call in flight when the worker crashes or is
// terminated (comlink alone never settles a call whose worker is gone); cancel() terminates the
// worker, and the next call starts a new one lazily, brought back to the caller's state by the
// restore hook before any call reaches it; when no worker can start at all, calls run on an
// in-thread implementation created only then.
import { proxy, wrap, type Remote } from 'comlink';

export class CancelledError extends Error {
  constructor() {
    super('the computation was cancelled');
    this.name = 'CancelledError';
  }
}

export type WorkerFactory = () => Worker;

/** What the bridge needs of a worker's API: a liveness check. */
export interface Pingable {
  ping(): unknown;
}

export interface WorkerBridgeOptions<W extends Pingable, L> {
  /** How messages name the worker: "analysis worker", "import worker". */
  readonly name: string;
  readonly factory: WorkerFactory;
  /** How long a new worker has to answer its first ping. */
  readonly startTimeoutMs?: number;
  /**
   * Brings a newly started worker (the first one and every restart) to the state its caller holds;
   * it runs after the ping and before any call reaches the worker. A failure fails the start.
   */
  readonly restore?: (api: Remote<W>) => Promise<void>;
  /** A worker died (its error event); every call in flight on it has been rejected. */
  readonly onCrash?: (message: string) => void;
  /** A worker started again (after a crash or a cancel) and was restored. */
  readonly onRestart?: () => void;
  /**
   * The in-thread implementation, created when the first worker cannot start (never otherwise);
   * without it such a start failure rejects the calls waiting for it.
   */
  readonly fallback?: () => L | Promise<L>;
  readonly onFallback?: (reason: string) => void;
}

export const DEFAULT_START_TIMEOUT_MS = 10_000;

/** One worker started by the bridge. */
interface Launch<W> {
  worker: Worker | undefined;
  /** The worker's API once it answered its ping and was restored (or the in-thread fallback). */
  ready: Promise<Remote<W> | undefined>;
  /** Ends the start (the worker died or was terminated while starting). */
  abort: (e: Error) => void;
}

/** A fallback signal that this launch ended the bridge's worker mode. */
const FELL_BACK = undefined;

export class WorkerBridge<W extends Pingable, L = W> {
  private current: Launch<W> | undefined;
  private local: L | undefined;
  private reason: string | undefined;
  /** A worker has been ready once: later starts are restarts, and never fall back. */
  private everReady = false;
  private readonly inFlight = new Set<(e: Error) => void>();
  private readonly timeoutMs: number;

  constructor(private readonly options: WorkerBridgeOptions<W, L>) {
    this.timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  }

  /** 'main-thread' once workers could not start and the fallback took over. */
  get mode(): 'worker' | 'main-thread' {
    return this.local !== undefined ? 'main-thread' : 'worker';
  }

  /** Why calls run on the main thread, when they do. */
  get fallbackReason(): string | undefined {
    return this.reason;
  }

  /** The worker as it is now, if one runs (for tests and diagnostics). */
  get worker(): Worker | undefined {
    return this.current?.worker;
  }

  /** Calls in flight (started and not yet settled). */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Starts a worker now (or the fallback) instead of with the first call. */
  async start(): Promise<void> {
    await this.ensure();
  }

  /** Progress callbacks cross the worker boundary as comlink proxies (in this thread, as they are). */
  progress<F extends (...args: never[]) => unknown>(fn: F): F {
    return this.local !== undefined ? fn : proxy(fn);
  }

  /**
   * Runs one call on the worker (started, and restored, first if none runs). Aborting `signal`
   * terminates the worker: this call is rejected with CancelledError, the others in flight on it
   * with an error saying so.
   */
  call<R>(f: (api: Remote<W> | L) => Promise<R> | R, signal?: AbortSignal): Promise<R> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        this.inFlight.delete(fail);
        done();
      };
      const fail = (e: Error) => settle(() => reject(e));
      const abort = () => {
        // A synchronous computation cannot be interrupted inside the worker: end the worker.
        settle(() => reject(new CancelledError()));
        if (this.local === undefined) this.end(new Error(`${this.options.name} ended: another call on it was cancelled`));
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.inFlight.add(fail);
      void this.ensure()
        .then((api) => (settled ? (undefined as R) : f(api)))
        .then(
          (r) => settle(() => resolve(r)),
          (e: unknown) => fail(e instanceof Error ? e : new Error(String(e))),
        );
    });
  }

  /** Ends the computations in flight: the worker is terminated, every call rejected as cancelled. */
  cancel(): void {
    if (this.local !== undefined) {
      // Nothing to terminate in this thread: the calls are let go (their late answers are dropped).
      this.rejectAll(new CancelledError());
      return;
    }
    this.end(new CancelledError());
  }

  /** Ends the worker for good (the calls in flight are rejected as cancelled); a later call starts a new one. */
  dispose(): void {
    this.end(new CancelledError());
  }

  private rejectAll(e: Error): void {
    for (const fail of [...this.inFlight]) fail(e);
  }

  /** Terminates the worker (if any) and rejects every call in flight with `e`. */
  private end(e: Error): void {
    const launch = this.current;
    this.current = undefined;
    if (launch) {
      launch.worker?.terminate();
      launch.abort(e);
    }
    this.rejectAll(e);
  }

  private async ensure(): Promise<Remote<W> | L> {
    for (;;) {
      if (this.local !== undefined) return this.local;
      const api = await (this.current ?? this.launch()).ready;
      if (api !== FELL_BACK) return api;
    }
  }

  private launch(): Launch<W> {
    let abort!: (e: Error) => void;
    const aborted = new Promise<never>((_, reject) => (abort = reject));
    aborted.catch(() => {});
    const launch: Launch<W> = { worker: undefined, ready: undefined!, abort };
    this.current = launch; // before the start runs: a factory that throws ends this launch
    const restart = this.everReady;
    launch.ready = (async () => {
      let started = false;
      try {
        const worker = this.options.factory();
        launch.worker = worker;
        worker.addEventListener('error', (e) => {
          const message = (e as ErrorEvent).message || (started ? 'worker crashed' : 'worker failed to start');
          if (started) this.crashed(launch, message);
          else abort(new Error(message));
        });
        const api = wrap<W>(worker);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.options.name} did not answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
        });
        try {
          await Promise.race([api.ping(), timeout, aborted]);
        } finally {
          clearTimeout(timer);
        }
        started = true;
        this.everReady = true;
        if (this.options.restore) await Promise.race([this.options.restore(api), aborted]);
        if (restart) this.options.onRestart?.();
        return api;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        if (this.current !== launch) throw error; // cancelled, crashed or disposed meanwhile
        this.current = undefined;
        launch.worker?.terminate();
        if (!started && !this.everReady && this.options.fallback) {
          // No worker can start here: the in-thread implementation takes over for good.
          this.reason = error.message;
          this.local = await this.options.fallback();
          this.options.onFallback?.(error.message);
          return FELL_BACK;
        }
        throw error;
      }
    })();
    launch.ready.catch(() => {});
    return launch;
  }

  /** The worker died: every call in flight is rejected, the next call starts a new worker. */
  private crashed(launch: Launch<W>, message: string): void {
    if (this.current !== launch) return; // a worker already ended (terminated, or reported)
    this.end(new Error(`${this.options.name} crashed: ${message}`));
    this.options.onCrash?.(message);
  }
}
