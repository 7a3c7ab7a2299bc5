// The sliced runner (src/ui/graph/scheduler.ts) on fake timers: steps run in tasks of about the
// budget, a step ends its task early on 'task', waits for a painted frame on 'frame' (or 100 ms on
// a hidden page, which paints none), and nothing runs once stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSteps, type Pause } from '../../../src/ui/graph/scheduler';

/** Main-thread time in the test's hands: each step spends what it is told. */
let now = 0;
/** Frames: requestAnimationFrame callbacks wait here until a test paints. */
let frames: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  now = 0;
  frames = [];
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(() => cb(now)));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Steps that log their number, spend `ms` each and then ask for `pauses[i]`. */
function* steps(count: number, ms: number, log: number[], pauses: Record<number, Pause> = {}): Generator<Pause> {
  for (let i = 0; i < count; i++) {
    now += ms;
    log.push(i);
    yield pauses[i];
  }
}

/** Runs the next task (the next due timer). */
const task = () => vi.advanceTimersToNextTimer();

describe('runSteps', () => {
  it('starts in a task of its own and fills each task up to the budget', () => {
    const log: number[] = [];
    runSteps(steps(10, 3, log), 10);
    expect(log).toEqual([]);
    task();
    expect(log).toEqual([0, 1, 2, 3]); // 3, 6, 9 ms: time left; 12 ms: the task ends
    task();
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    task();
    expect(log).toHaveLength(10);
    task();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a step that asks for a new task ends its task', () => {
    const log: number[] = [];
    runSteps(steps(4, 0, log, { 1: 'task' }), 10);
    task();
    expect(log).toEqual([0, 1]);
    task();
    expect(log).toEqual([0, 1, 2, 3]);
  });

  it('a step that asks for a frame waits until one is painted', () => {
    const log: number[] = [];
    runSteps(steps(4, 0, log, { 0: 'frame' }), 10);
    task();
    expect(log).toEqual([0]);
    vi.advanceTimersByTime(50);
    expect(log).toEqual([0]);
    frames.shift()!();
    expect(log).toEqual([0]); // the next task, after the frame
    task();
    expect(log).toEqual([0, 1, 2, 3]);
    vi.advanceTimersByTime(200); // the hidden-page timer was cancelled with the frame
    expect(log).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('on a page that paints no frames, goes on after 100 ms', () => {
    const log: number[] = [];
    runSteps(steps(3, 0, log, { 0: 'frame' }), 10);
    task();
    vi.advanceTimersByTime(99);
    expect(log).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([0, 1, 2]);
  });

  it('runs nothing more once stopped, between tasks or during a step', () => {
    const log: number[] = [];
    const stop = runSteps(steps(10, 3, log), 10);
    task();
    stop();
    vi.runAllTimers();
    expect(log).toEqual([0, 1, 2, 3]);

    const log2: number[] = [];
    let stop2 = () => {};
    function* stopping(): Generator<Pause> {
      log2.push(0);
      yield;
      stop2();
      log2.push(1);
      yield;
      log2.push(2);
      yield;
    }
    stop2 = runSteps(stopping(), 10);
    vi.runAllTimers();
    expect(log2).toEqual([0, 1]);
  });
});
