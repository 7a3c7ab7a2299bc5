// A busy CPU for the bench's "panning with a busy CPU" row: one Node worker thread spinning in a
// plain loop (no I/O, no allocation) takes one of the machine's cores for as long as it runs —
// the way a user's laptop has a build, a video call or another tab busy beside the app. The
// loop is stopped with `terminate()`, which interrupts running JavaScript.
import { Worker } from 'node:worker_threads';

export interface BusyCore {
  /** Stops the loop; resolves once the thread has exited. */
  stop(): Promise<void>;
}

/** Starts the spinning thread and resolves once it is spinning. */
export async function busyCore(): Promise<BusyCore> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.postMessage('spinning');
     let x = 0;
     for (;;) x = (x * 1103515245 + 12345) | 0;`,
    { eval: true },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    async stop() {
      await worker.terminate();
    },
  };
}
