// `npm run bench [-- --json] [-- --sizes S,M,L] [-- --runs N] [-- --former]`
// Benchmarks of the engine on generated plants S (1k assets), M (10k), L (100k, ~1M connections):
// medians of several runs, against graphology's own BFS and Dijkstra on the same attack graph, and
// against a minimal typed-array CSR BFS written here as the practical limit. Not a test: it prints
// figures and the targets they meet or miss (see BENCHMARKS.md).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { MultiDirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { bfsFromNode } from 'graphology-traversal';
import { attackPaths } from '../src/analysis/attack-paths';
import { attackGraphBuffers, deriveAttackGraph } from '../src/analysis/attack-graph';
import { blastRadius } from '../src/analysis/blast';
import { dominatorsOfJewels, minimumVertexCut } from '../src/analysis/chokepoints';
import { findings } from '../src/analysis/findings';
import { buildContext, prepareContext, type PlantContext, type PreparedContext } from '../src/analysis/context';
import { reachFrom } from '../src/analysis/reach';
import { remediationPlan } from '../src/analysis/remediation';
import { riskReport } from '../src/analysis/risk';
import { shortestTree } from '../src/analysis/paths';
import { chunkPlan } from '../src/analysis/simulate';
import { compactBuffers, compileModel } from '../src/model/compact';
import { generatePlant } from '../src/model/generate';
import { connectionColumns, connectionRefs, type ResolvedPart } from '../src/model/connections';
import { parseModelText } from '../src/model/parse';
import { parseModelTextParallel, type RemoteScanner } from '../src/model/parse-parallel';
import { serializeModel } from '../src/model/serialize';
import { referenceFindings } from '../test/helpers/findings-reference';
import { referenceRemediationPlan } from '../test/helpers/remediation-reference';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = { S: 1_000, M: 10_000, L: 100_000 } as const;
type Size = keyof typeof SIZES;
const sizes = (option('sizes') ?? 'S,M,L').split(',') as Size[];
const defaultRuns: Record<Size, number> = { S: 7, M: 5, L: 3 };

interface Row {
  size: Size;
  op: string;
  engineMs: number;
  graphologyMs?: number;
  limitMs?: number;
  note?: string;
}
const rows: Row[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function time<T>(runs: number, f: () => T): { ms: number; result: T } {
  let result!: T;
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = f();
    ts.push(performance.now() - t);
  }
  return { ms: median(ts), result };
}

async function timeAsync<T>(runs: number, f: () => Promise<T>): Promise<{ ms: number; result: T; all: number[] }> {
  let result!: T;
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await f();
    ts.push(performance.now() - t);
  }
  return { ms: median(ts), result, all: ts };
}

const runsNote = (ts: number[]) => ts.map((t) => t.toFixed(0)).join(', ');

/**
 * The app's analysis worker parses large texts with a helper worker that scans the connections
 * (workers/scan.worker.ts); this is the same helper as a worker thread, started before timing as
 * the app starts its helper with the first large load.
 */
function scanThread(): { remote: RemoteScanner; close: () => Promise<number> } {
  const w = new Worker(new URL('./scan-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 8192 } });
  const waiting = new Map<number, (part: ResolvedPart | undefined) => void>();
  w.on('message', (m: { token: number; part: ResolvedPart | undefined }) => {
    waiting.get(m.token)?.(m.part);
    waiting.delete(m.token);
  });
  return {
    remote: {
      scan: (token, text, wholeLength) => w.postMessage({ kind: 'scan', token, text, wholeLength }),
      resolve: (token, refs) =>
        new Promise((resolve) => {
          waiting.set(token, resolve);
          w.postMessage({ kind: 'resolve', token, refs });
        }),
    },
    close: () => w.terminate(),
  };
}

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

/** The practical limit: a plain CSR breadth-first search, nothing else. */
function rawCsrBfs(offsets: Int32Array, targets: Int32Array, n: number, sources: readonly number[]): number {
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = targets[e]!;
      if (!seen[w]) {
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
  }
  return tail;
}

/** Round trip to a worker thread with the buffers transferred (not copied). */
async function transferToWorker(ctx: PlantContext): Promise<number> {
  const worker = new Worker('const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(Object.keys(m).length));', { eval: true });
  await new Promise((r) => worker.once('online', r));
  const g = compileModel(ctx.model);
  const ag = deriveAttackGraph(g);
  const t = performance.now();
  worker.postMessage({ g, ag }, [...compactBuffers(g), ...attackGraphBuffers(ag)]);
  await new Promise((r) => worker.once('message', r));
  const ms = performance.now() - t;
  await worker.terminate();
  return ms;
}

/** Monte Carlo samples over a pool of worker threads (the same chunks as the app's pool). */
async function monteCarloPool(text: string, samples: number, poolSize: number): Promise<number> {
  const plan = chunkPlan(samples);
  const workers = await Promise.all(
    Array.from({ length: poolSize }, async () => {
      const w = new Worker(new URL('./mc-worker.mjs', import.meta.url));
      w.postMessage({ kind: 'load', text });
      await new Promise((r) => w.once('message', r));
      return w;
    }),
  );
  const t = performance.now();
  await Promise.all(
    workers.map(async (w, lane) => {
      const chunks = plan.map((_, c) => c).filter((c) => c % poolSize === lane);
      w.postMessage({ kind: 'run', samples, seed: 1, chunks });
      await new Promise((r) => w.once('message', r));
    }),
  );
  const ms = performance.now() - t;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

/** Heap of a worker thread holding the loaded plant, as the app's analysis worker does. */
async function workerMemoryMb(text: string): Promise<{ heapMb: number; externalMb: number }> {
  const w = new Worker(new URL('./mc-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 8192 } });
  w.postMessage({ kind: 'load', text });
  await new Promise((r) => w.once('message', r));
  w.postMessage({ kind: 'memory' });
  const mem = (await new Promise((r) => w.once('message', r))) as { heapMb: number; externalMb: number };
  await w.terminate();
  return mem;
}

/** A full collection of this process's heap (the flag is set at run time, as in mc-worker.ts). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function generatedText(assets: number): { text: string; connectionCount: number } {
  const model = generatePlant({ assets, seed: 1 });
  return { text: serializeModel(model), connectionCount: model.connections.length };
}

async function benchSize(size: Size): Promise<void> {
  const runs = Number(option('runs') ?? defaultRuns[size]);
  log(`\n== ${size}: ${SIZES[size].toLocaleString('en')} assets (runs: median of ${runs})`);
  // Only the text is kept: the generated objects (1M connection records on L) are the generator's,
  // not something the app's worker holds, and every collection would have to mark them.
  const { text, connectionCount } = generatedText(SIZES[size]);
  log(`   ${connectionCount.toLocaleString('en')} connections, ${(text.length / 1048576).toFixed(0)} MB of JSON`);
  const add = (op: string, engineMs: number, extra: Partial<Row> = {}) => {
    rows.push({ size, op, engineMs, ...extra });
    const parts = [`${op.padEnd(22)} ${engineMs.toFixed(1).padStart(10)} ${op.endsWith('-MB') ? 'MB' : 'ms'}`];
    if (extra.limitMs !== undefined) parts.push(`limit ${extra.limitMs.toFixed(1)} ms (×${(engineMs / extra.limitMs).toFixed(2)})`);
    if (extra.graphologyMs !== undefined) parts.push(`graphology ${extra.graphologyMs.toFixed(1)} ms (engine ${(extra.graphologyMs / engineMs).toFixed(1)}× faster)`);
    if (extra.note) parts.push(extra.note);
    log(`   ${parts.join('   ')}`);
  };

  // Start from a settled heap, as the app's worker does: the generator's garbage (over 1 GB on L)
  // would otherwise be collected during the timed load, by V8 threads that share the two cores.
  collectGarbage();
  const scanner = scanThread();
  scanner.remote.scan(0, '[', 1);
  await scanner.remote.resolve(0, connectionRefs({})); // the thread started and answering (its scan code is not warmed)
  const load = await timeAsync(Math.min(runs, 3), () => parseModelTextParallel(text, scanner.remote));
  if (load.result.kind !== 'ok') throw new Error('generated plant is invalid');
  if (!connectionColumns(load.result.model)) throw new Error('the columnar parse declined the generated plant');
  const oneThread = time(Math.min(runs, 3), () => parseModelText(text));
  add('load+validate', load.ms, { note: `(two threads; runs ${runsNote(load.all)} ms; one thread: ${oneThread.ms.toFixed(0)} ms)` });
  const parsed = load.result.model;
  const compile = time(Math.min(runs, 3), () => buildContext(parsed));
  add('compile', compile.ms, { note: `(plant graph + attack graph: ${compile.result.attack.edgeCount.toLocaleString('en')} attack edges)` });
  // The pipeline as the worker runs it, end to end: text → validated model → plant context.
  collectGarbage();
  const pipeline = await timeAsync(Math.max(runs, 5), async () => {
    let prepared: PreparedContext | undefined;
    const r = await parseModelTextParallel(text, scanner.remote, { whileWaiting: (model) => (prepared = prepareContext(model)) });
    if (r.kind !== 'ok') throw new Error('generated plant is invalid');
    return buildContext(r.model, prepared).attack.edgeCount;
  });
  await scanner.close();
  add('load+validate+compile', pipeline.ms, { note: `(text to plant context in one go; runs ${runsNote(pipeline.all)} ms)` });
  if (flag('load-only')) return;
  const ctx = compile.result;
  const transfers: number[] = [];
  for (let i = 0; i < 3; i++) transfers.push(await transferToWorker(ctx)); // one at a time: no other work on this thread
  add('transfer', median(transfers));

  // The same attack graph in graphology, for its BFS and Dijkstra.
  const gg = new MultiDirectedGraph();
  for (const id of ctx.ids) gg.addNode(id);
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    gg.addEdge(ctx.ids[ctx.attack.edgeSource[e]!]!, ctx.ids[ctx.attack.edgeTarget[e]!]!, { w: ctx.attack.weight[e]! });
  }
  const source = ctx.entries[0]!;
  const sourceId = ctx.ids[source]!;
  const bfsEngine = time(runs, () => reachFrom(ctx.attack, [source]).reached);
  const bfsLimit = time(runs, () => rawCsrBfs(ctx.attack.offsets, ctx.attack.edgeTarget, n(ctx), [source]));
  const bfsGraphology = time(Math.min(runs, 3), () => {
    let count = 0;
    bfsFromNode(gg, sourceId, () => {
      count++;
    });
    return count;
  });
  if (bfsEngine.result !== bfsLimit.result || bfsGraphology.result !== bfsEngine.result) {
    throw new Error(`BFS disagree: engine ${bfsEngine.result}, limit ${bfsLimit.result}, graphology ${bfsGraphology.result}`);
  }
  add('bfs', bfsEngine.ms, { limitMs: bfsLimit.ms, graphologyMs: bfsGraphology.ms });
  const dijEngine = time(runs, () => shortestTree(ctx.attack, [source]));
  const dijGraphology = time(Math.min(runs, 3), () => dijkstra.singleSource(gg, sourceId, 'w'));
  add('dijkstra', dijEngine.ms, { graphologyMs: dijGraphology.ms });

  add('blast', time(runs, () => blastRadius(ctx, [sourceId])).ms);
  add('paths', time(runs, () => attackPaths(ctx)).ms, { note: `(${ctx.entries.length} entries × ${ctx.jewels.length} jewels)` });
  const best = attackPaths(ctx, { from: [sourceId] })[0]!;
  add('paths-k10', time(runs, () => attackPaths(ctx, { from: [sourceId], to: [best.to], k: 10 })).ms);
  const dom = time(runs, () => dominatorsOfJewels(ctx)).ms;
  const cut = time(runs, () => minimumVertexCut(ctx)).ms;
  add('dominators', dom);
  add('mincut', cut);
  add('dominators+mincut', dom + cut);
  add('risk', time(runs, () => riskReport(ctx)).ms);
  // The 10-step plan of the loaded plant, as the analysis session runs it (from the plant context:
  // the compile is the load's); the first step's time is when onStep hands it over.
  const firstSteps: number[] = [];
  const plans: { steps: number; evaluated: number; candidates: number }[] = [];
  const remediation = time(3, () => {
    const t = performance.now();
    let evaluated = 0;
    let candidates = 0;
    const plan = remediationPlan(ctx.model, {
      maxSteps: 10, context: ctx,
      onStep: (_, i) => i === 0 && firstSteps.push(performance.now() - t),
      onWork: (_, w) => ((evaluated += w.evaluated), (candidates += w.candidates)),
    });
    plans.push({ steps: plan.steps.length, evaluated, candidates });
    return plan;
  });
  add('remediation-top10', remediation.ms, {
    note: `(${plans[0]!.steps} steps; first step after ${median(firstSteps).toFixed(0)} ms; ${plans[0]!.evaluated} of ${plans[0]!.candidates} candidates evaluated exactly)`,
  });
  const found = time(runs, () => findings(ctx.model));
  add('findings', found.ms, { note: `(${found.result.length.toLocaleString('en')} findings)` });
  if (flag('former')) {
    // The implementations before #18, kept in test/helpers as oracles, timed in the same run (once:
    // the former plan takes minutes on L, so only its first step there, as the bench used to).
    const steps = size === 'L' ? 1 : 10;
    add(`former-remediation-top${steps}`, time(1, () => referenceRemediationPlan(ctx.model, { maxSteps: steps })).ms, { note: '(test/helpers/remediation-reference.ts)' });
    add('former-findings', time(1, () => referenceFindings(ctx.model)).ms, { note: '(test/helpers/findings-reference.ts)' });
  }
  if (size === 'M') {
    const pool = Math.max(1, os.availableParallelism());
    add('montecarlo-10k', median([await monteCarloPool(text, 10_000, pool), await monteCarloPool(text, 10_000, pool)]), { note: `(pool of ${pool} worker threads)` });
  }
  if (size === 'L') {
    const mem = await workerMemoryMb(text);
    add('worker-heap-MB', mem.heapMb + mem.externalMb, {
      note: `(worker holding the loaded L plant after a full GC: JS heap ${mem.heapMb.toFixed(0)} MB + typed arrays ${mem.externalMb.toFixed(0)} MB, in MB)`,
    });
  }
}

function n(ctx: PlantContext): number {
  return ctx.attack.nodeCount;
}

const TARGETS: { size: Size; op: string; check: (r: Row) => boolean; text: string }[] = [
  { size: 'L', op: 'bfs', check: (r) => r.engineMs <= 1.5 * r.limitMs!, text: 'engine traversal within 1.5× of the raw CSR BFS' },
  { size: 'L', op: 'bfs', check: (r) => r.graphologyMs! >= 20 * r.engineMs, text: '≥ 20× faster than graphology BFS' },
  { size: 'L', op: 'dijkstra', check: (r) => r.graphologyMs! >= 8 * r.engineMs, text: '≥ 8× faster than graphology Dijkstra' },
  { size: 'L', op: 'load+validate+compile', check: (r) => r.engineMs < 3000, text: 'L: load + validate + compile < 3 s' },
  { size: 'L', op: 'blast', check: (r) => r.engineMs < 100, text: 'L: blast radius < 100 ms' },
  { size: 'L', op: 'paths-k10', check: (r) => r.engineMs < 1000, text: 'L: top-10 paths < 1 s' },
  { size: 'L', op: 'dominators+mincut', check: (r) => r.engineMs < 2000, text: 'L: dominators + min cut < 2 s' },
  { size: 'M', op: 'montecarlo-10k', check: (r) => r.engineMs < 5000, text: 'M: Monte Carlo 10k samples < 5 s with the worker pool' },
  { size: 'M', op: 'remediation-top10', check: (r) => r.engineMs <= 1000, text: 'M: remediation, the 10-step plan ≤ 1 s' },
  { size: 'L', op: 'remediation-top10', check: (r) => r.engineMs <= 10_000, text: 'L: remediation, the 10-step plan ≤ 10 s' },
  { size: 'L', op: 'findings', check: (r) => r.engineMs <= 2000, text: 'L: 62443 findings ≤ 2 s' },
  { size: 'L', op: 'worker-heap-MB', check: (r) => r.engineMs < 200, text: 'L: the graph in the worker < 200 MB' },
];

log(`TwinPath benchmarks — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
for (const s of sizes) await benchSize(s);
log('\n== Targets');
for (const t of TARGETS) {
  const r = rows.find((x) => x.size === t.size && x.op === t.op);
  log(`   ${r ? (t.check(r) ? 'MET   ' : 'MISSED') : 'n/a   '} ${t.text}${r ? ` (${r.engineMs.toFixed(1)}${t.op === 'worker-heap-MB' ? ' MB' : ' ms'})` : ''}`);
}
if (flag('json')) {
  writeFileSync('bench-results.json', `${JSON.stringify(rows, null, 2)}\n`);
  log('\nwrote bench-results.json');
}
