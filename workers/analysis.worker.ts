// Worker entry point: exposes an analysis session over comlink. No logic of its own.
import { expose, transfer, wrap, type Remote } from 'comlink';
import { blastBuffers } from '../src/analysis/blast';
import { prepareContext, type PreparedContext } from '../src/analysis/context';
import { createAnalysisSession } from '../src/session/analysis-session';
import { parseModelTextParallel, PARALLEL_MIN_LENGTH, type RemoteScanner } from '../src/model/parse-parallel';
import type { AnalysisWorkerApi } from './analysis.api';
import type { ScanWorkerApi } from './scan.worker';

const session = createAnalysisSession();

// Large texts are parsed with two threads: a helper worker scans the connections array while this
// one parses the rest (parseModelTextParallel; any failure of the helper falls back to one thread).
let helper: { api: Remote<ScanWorkerApi>; failed: Promise<never> } | undefined;
function scanHelper(): { api: Remote<ScanWorkerApi>; failed: Promise<never> } {
  if (typeof Worker === 'undefined') throw new Error('no nested workers here');
  if (!helper) {
    const worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module', name: 'twinpath-scan' });
    // comlink never settles a call whose worker died: an error event ends the wait instead.
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        helper = undefined;
        reject(new Error(`scan worker failed: ${e.message}`));
      });
    });
    failed.catch(() => {});
    helper = { api: wrap<ScanWorkerApi>(worker), failed };
  }
  return helper;
}
const remote: RemoteScanner = {
  scan: (token, partText, wholeLength) => scanHelper().api.scan(token, partText, wholeLength),
  resolve: (token, refs) => {
    const h = scanHelper();
    return Promise.race([h.api.resolve(token, refs), h.failed]);
  },
};

const api: AnalysisWorkerApi = {
  ...session,
  // The helper's start-up (a module fetched and compiled in a new thread) would otherwise sit on
  // the large load's critical path; started here, it overlaps the main thread's file read.
  expectLargeText() {
    try {
      scanHelper();
    } catch {
      /* no nested workers here: the load takes one thread */
    }
  },
  async loadBlobSummary(file) {
    // The helper's start overlaps the read and the decoding of a large file.
    if (file.size >= PARALLEL_MIN_LENGTH) api.expectLargeText();
    // Read and decoded (strict UTF-8) chunk by chunk: the decoding overlaps the reading (137 MB
    // read whole, then decoded, took ~0.5 s + ~0.45 s in Chromium; #18).
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const parts: string[] = [];
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      reader = file.stream().getReader();
    } catch (e) {
      return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
    }
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        return { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) };
      }
      try {
        parts.push(chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true }));
      } catch {
        void reader.cancel().catch(() => undefined);
        return { kind: 'not-utf8' };
      }
      if (chunk.done) break;
    }
    const text = parts.join('');
    return api.loadTextSummary(text);
  },
  modelBlob() {
    return new Blob(session.modelText(), { type: 'application/json' });
  },
  async loadTextSummary(text) {
    const started = performance.now();
    const stats = { threads: 1 };
    let prepared: PreparedContext | undefined;
    const parsed = await parseModelTextParallel(text, remote, { stats, whileWaiting: (model) => (prepared = prepareContext(model)) });
    const r = session.loadParsedSummary(parsed, prepared);
    return r.kind === 'ok' ? { ...r, summary: { ...r.summary, load: { ms: Math.round(performance.now() - started), threads: stats.threads } } } : r;
  },
  // The reached columns (1.2 MB on a 100k-asset plant) move to the caller instead of being copied.
  blast(fromIds) {
    const r = session.blast(fromIds);
    return transfer(r, blastBuffers(r));
  },
};
expose(api, self);
