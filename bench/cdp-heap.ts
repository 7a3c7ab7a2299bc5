// Memory of a page's main thread or of a dedicated worker in Chromium, read over the Chrome DevTools
// Protocol after forced full collections: `HeapProfiler.collectGarbage` twice, then
// `Runtime.getHeapUsage` on that thread's own V8 isolate.
import type { Browser, Page } from 'playwright-core';

export interface HeapUsage {
  /** `usedSize`: bytes of live objects on the V8 heap (pointer-compressed in Chromium). */
  readonly jsHeap: number;
  /**
   * `backingStorageSize`: bytes of ArrayBuffer backing stores (the typed arrays) and of external
   * strings (strings whose characters Blink holds outside the V8 heap), neither counted in `jsHeap`.
   */
  readonly backingStorage: number;
  /** `embedderHeapUsedSize`: bytes of Blink's own garbage-collected C++ heap (DOM and the like). */
  readonly embedderHeap: number;
}

type Send = (method: string, params?: object) => Promise<unknown>;

async function collectThenMeasure(send: Send): Promise<HeapUsage> {
  // ArrayBuffer backing stores are freed by a sweeper that runs after the collection: collect, let
  // it finish, collect again, so the load's garbage buffers are not counted.
  for (let i = 0; i < 2; i++) {
    await send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 500));
  }
  const u = (await send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };
  if (u.backingStorageSize === undefined) throw new Error('this Chromium does not report backingStorageSize: the typed arrays would go uncounted');
  return { jsHeap: u.usedSize, backingStorage: u.backingStorageSize, embedderHeap: u.embedderHeapUsedSize ?? 0 };
}

/** The page's main thread (its isolate holds every frame of the page; the bench pages have one). */
export async function pageHeap(page: Page): Promise<HeapUsage> {
  const session = await page.context().newCDPSession(page);
  try {
    return await collectThenMeasure((method, params) => session.send(method as 'Runtime.getHeapUsage', params as never));
  } finally {
    await session.detach();
  }
}

/**
 * The one dedicated worker created with `new Worker(url, { name })`: its DevTools target's title is
 * that name. Playwright's CDPSession cannot address the child session of a flattened attach, so
 * the worker is attached unflattened and its protocol messages travel inside the browser session's
 * Target.sendMessageToTarget / Target.receivedMessageFromTarget.
 */
export async function workerHeap(browser: Browser, name: string): Promise<HeapUsage> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'worker' && t.title === name);
    if (workers.length !== 1) throw new Error(`expected one worker named ${name}, found ${workers.length}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: workers[0]!.targetId, flatten: false });
    const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      const call = m.id === undefined ? undefined : pending.get(m.id);
      if (!call) return; // an event
      pending.delete(m.id!);
      if (m.error) call.reject(new Error(`worker ${name}: ${m.error.message}`));
      else call.resolve(m.result);
    });
    let lastId = 0;
    const send: Send = (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++lastId;
        pending.set(id, { resolve, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    try {
      return await collectThenMeasure(send);
    } finally {
      await cdp.send('Target.detachFromTarget', { sessionId });
    }
  } finally {
    await cdp.detach();
  }
}
