// Progress of long CLI work (generate, a large capture, a Neo4j push, remediate, simulate) on
// stderr — only when stderr is a terminal: one line redrawn in place (`\r` and erase-line), cleared
// when the work ends. When stderr is a file or a pipe (CI logs, scripts) nothing is written at all.
// Labels may hold file paths and other input: they go through show(), like every other text.
import { show, type Io } from './terminal';

export interface Progress {
  /** A step whose end cannot be counted (or that blocks until done): its name alone. */
  phase(label: string): void;
  /** `done` of `total` (`unit`: what is counted), under the current phase; drawn at most every 100 ms. */
  update(done: number, total: number | undefined, unit?: string): void;
  /** Clears the line; the next output starts on a clean line. */
  done(): void;
}

/** Redraws at most this often (ms); the first and the last draw always happen. */
const INTERVAL = 100;
const BAR = 24;

const NONE: Progress = { phase() {}, update() {}, done() {} };

/** The bar's text: label, bar, percentage and counts, cut to `width` columns. */
export function progressLine(label: string, done: number, total: number | undefined, unit: string, width: number): string {
  const count = (n: number) => Math.round(n).toLocaleString('en');
  let text: string;
  if (total !== undefined && total > 0) {
    const f = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(f * BAR);
    text = `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${Math.floor(f * 100)}% ${count(done)}/${count(total)}${unit ? ` ${unit}` : ''}`;
  } else text = done > 0 ? `${label}… ${count(done)}${unit ? ` ${unit}` : ''}` : `${label}…`;
  return [...text].slice(0, Math.max(10, width - 1)).join('');
}

/**
 * Progress over the CLI's Io: drawn when its stderr is a terminal, otherwise a no-op. `now` is
 * the clock (tests give their own).
 */
export function progressFor(io: Io, now: () => number = () => Date.now()): Progress {
  const width = io.errColumns();
  if (width === undefined) return NONE;
  let label = '';
  let last = -Infinity;
  let shown = false;
  let ended = false;
  const draw = (text: string) => {
    io.rawErr(`\r\x1b[2K${text}`);
    shown = true;
  };
  return {
    phase(l) {
      label = show(l);
      last = now();
      ended = false;
      draw(progressLine(label, 0, undefined, '', width));
    },
    update(done, total, unit = '') {
      const t = now();
      const finished = total !== undefined && done >= total;
      if (finished ? ended : t - last < INTERVAL) return;
      ended = finished;
      last = t;
      draw(progressLine(label, done, total, show(unit), width));
    },
    done() {
      if (shown) io.rawErr('\r\x1b[2K');
      shown = false;
    },
  };
}
