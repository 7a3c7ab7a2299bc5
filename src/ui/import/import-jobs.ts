// The import dialog's status while it works: one worker job at a time with its busy line (and a
// capture read's progress), its errors or the note that it was cancelled. A job superseded by a
// newer one (a new drop) leaves the status to the newer one. Framework-free: useImportJobs holds
// the status in React state.
import { CancelledError } from '../../client/import-client';
import type { CaptureProgress } from '../../session/import-session';

export interface Busy {
  readonly label: string;
  readonly progress?: CaptureProgress;
}

export interface JobStatus {
  readonly busy: Busy | undefined;
  readonly errors: readonly string[] | undefined;
  readonly notice: string | undefined;
}

export const IDLE: JobStatus = { busy: undefined, errors: undefined, notice: undefined };

export class JobRunner {
  private generation = 0;

  constructor(private readonly update: (f: (s: JobStatus) => JobStatus) => void) {}

  /** Runs `f` as the current job: undefined when it failed (errors shown), was cancelled (noted) or was superseded. */
  async run<R>(label: string, f: () => Promise<R>): Promise<R | undefined> {
    const mine = ++this.generation;
    this.update(() => ({ busy: { label }, errors: undefined, notice: undefined }));
    try {
      const r = await f();
      return mine === this.generation ? r : undefined;
    } catch (e) {
      if (mine !== this.generation) return undefined;
      if (e instanceof CancelledError) this.update((s) => ({ ...s, notice: `${label.replace(/…$/, '')}: cancelled.` }));
      else this.fail([e instanceof Error ? e.message : String(e)]);
      return undefined;
    } finally {
      if (mine === this.generation) this.busy(undefined);
    }
  }

  /** The busy line (a label, a progress bar) or none. */
  busy(busy: Busy | undefined): void {
    this.update((s) => ({ ...s, busy }));
  }

  /** Problems to list (none: the list is cleared). */
  fail(errors: readonly string[] | undefined): void {
    this.update((s) => ({ ...s, errors }));
  }
}

/**
 * Whether a capture read's progress is worth a render: about every 1% of the bytes, and the end.
 * `last`: the bytes shown last.
 */
export function progressWorthShowing(p: CaptureProgress, last: number): boolean {
  return p.bytes === p.totalBytes || p.bytes - last >= p.totalBytes / 100;
}
