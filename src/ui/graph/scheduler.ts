// Runs work given as steps (a generator) in main-thread tasks of a few milliseconds, with a painted
// frame between where a step asks for one: how a 5k-asset plant is drawn with no long task.

/** What a step asks for next: more work in this task if time is left, a new task, or a painted frame first. */
export type Pause = undefined | 'task' | 'frame';

/** Main-thread time a drawing task may take (ms): elements are added and measured until it is spent, the next frame paints them. */
export const DRAW_BUDGET_MS = 10;

/** Runs the steps in tasks of about `budget` ms; the returned function stops them. */
export function runSteps(steps: Iterator<Pause>, budget: number = DRAW_BUDGET_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let stopped = false;
  const cancel = () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    timer = undefined;
    frame = undefined;
  };
  const run = () => {
    cancel();
    if (stopped) return;
    const start = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done || stopped) return;
      if (r.value === 'frame') {
        // The frame paints what was added; a hidden page paints no frames, hence the timer too.
        frame = requestAnimationFrame(() => {
          cancel();
          timer = setTimeout(run, 0);
        });
        timer = setTimeout(run, 100);
        return;
      }
      if (r.value === 'task' || performance.now() - start >= budget) {
        timer = setTimeout(run, 0);
        return;
      }
    }
  };
  timer = setTimeout(run, 0);
  return () => {
    stopped = true;
    cancel();
  };
}
