// `npm run bench:browser [-- --sizes 5k,M,L]`: opens generated plants in the built app in Debian's
// Chromium (headless) and measures, per plant, every row of issue #18's table, printing each with its
// target and MET or MISSED (bench/targets.ts):
// - from the file being chosen in the app's file input: time to first render (the zone view's first
//   picture), risk and paths shown (the new plant's risk and its first path), graph drawn (the zone
//   view's last edge: data-drawn), the worst main-thread long task meanwhile and their count;
// - panning the zone view for 2 s on an idle machine (the former figure), then for 3 s with one core
//   kept busy by a Node worker thread spinning in a loop (bench/busy-core.ts): frames per second and
//   the worst long task during that pan;
// - the tabs, each from its click to its answer shown: Blast radius (the reach count), Chokepoints
//   (the headline; the cut drawn on the graph is printed beside), 62443 findings (the first row of
//   the list), Remediation (the first streamed step, then 10 steps or the whole plan when it has
//   fewer), and the worst long task over all the switches;
// - on the 5k plant only (the issue's rows for it): the whole remediation plan, and the plan's first
//   step applied to a what-if scenario until the plant risk shows the scenario's (and its long tasks);
// - search: "historian" typed into the header's find box and Enter, until the found asset's panel shows;
// - memory after full collections (bench/cdp-heap.ts): the analysis worker's (with the reference plant
//   before, and with the chosen plant after the load) and the main thread's, after the load and after
//   all of the above; the heap row is the main thread's JS heap, the larger of the two.
// Long tasks over 100 ms are attributed with the Long Animation Frames API (the frame's longest
// scripts, as positions in the built bundle). The load average and the cores are printed first.
// `--sizes` takes 5k (5k assets, 50k connections, 7 MB), M (10k assets, 100k connections, 13 MiB of
// JSON; the default) and L (100k assets, 1M connections, 136 MiB = 143 MB of JSON; opt-in: a few
// minutes on this two-core machine), all `generatePlant({ assets, seed: 1 })`. Each plant is opened
// in a fresh page, by the app's file input. The worker's memory is taken after the analysis is
// shown, so it also holds what layout, risk and paths left behind (bench/run.ts measures a Node
// worker thread right after the load).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { generatePlant } from '../src/model/generate';
import { serializeModel } from '../src/model/serialize';
import { busyCore } from './busy-core';
import { pageHeap, workerHeap, type HeapUsage } from './cdp-heap';
import { originalPosition } from './source-position';
import { TARGETS, verdictLine, type TargetName } from './targets';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
/** The name src/client/analysis-client.ts gives the primary analysis worker (its DevTools title). */
const ANALYSIS_WORKER = 'twinpath-analysis';
const SIZES = {
  '5k': { assets: 5_000, seed: 1, timeoutMs: 120_000 },
  M: { assets: 10_000, seed: 1, timeoutMs: 120_000 },
  L: { assets: 100_000, seed: 1, timeoutMs: 900_000 },
} as const;
type Size = keyof typeof SIZES;

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const sizes = (sizesArg ?? 'M').split(',') as Size[];
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s}: use --sizes 5k, M, L or a list such as 5k,M,L`);

const dir = mkdtempSync(join(tmpdir(), 'twinpath-bench-'));

/** A full collection of this process's heap (V8's gc(), exposed for the call). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Writes the generated plant to a file; the model and its text are not kept. */
function writePlant(size: Size): { file: string; connections: number; mb: number } {
  const model = generatePlant({ assets: SIZES[size].assets, seed: SIZES[size].seed });
  const text = serializeModel(model);
  const file = join(dir, `plant-${size}.json`);
  writeFileSync(file, text);
  return { file, connections: model.connections.length, mb: text.length / 2 ** 20 };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const memoryLine = (u: HeapUsage) =>
  `JS heap ${mb(u.jsHeap)} MB + typed arrays (and external strings) ${mb(u.backingStorage)} MB = ${mb(u.jsHeap + u.backingStorage)} MB`;

/** Rejects when the app reports a failed load or a crashed worker, or the renderer crashes. */
function appFailure(page: Page, timeout: number): Promise<never> {
  const failure = new Promise<never>((_, reject) => {
    page.once('crash', () => reject(new Error('the renderer crashed (out of memory?)')));
    const shown = page.locator('[data-testid="worker-notice"], [data-testid="load-errors"]').first();
    void shown.waitFor({ timeout }).then(
      async () => reject(new Error(`the app reported: ${(await shown.textContent())?.trim()}`)),
      () => undefined, // timed out or the page closed: the bench itself has finished or failed
    );
  });
  failure.catch(() => undefined);
  return failure;
}

/**
 * Long tasks and long animation frames on the page's main thread, from now on: `window.__long`
 * holds each long task's start and duration; `window.__loaf` each long animation frame's start,
 * duration and its longest scripts (where the time went: the invoker, the function and the source
 * position in the built bundle).
 */
const OBSERVE = `(() => {
  window.__long = [];
  window.__loaf = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => {
      if (e.duration < 100) return;
      const scripts = (e.scripts || []).slice().sort((a, b) => b.duration - a.duration).slice(0, 3)
        .map((s) => [Math.round(s.duration), s.invokerType + ' ' + s.invoker, String(s.sourceURL).split('/').pop(), s.sourceCharPosition]);
      window.__loaf.push([e.startTime, e.duration, Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts]);
    })).observe({ type: 'long-animation-frame' });
  } catch { /* no long-animation-frame in this browser */ }
})()`;

interface Tasks {
  readonly worst: number;
  readonly count: number;
  /** The long animation frame around the worst task: what ran in it. */
  readonly why: string;
}

const now = (page: Page) => page.evaluate(() => performance.now());

type Script = [duration: number, invoker: string, file: string, position: number];
type Frame = [start: number, duration: number, styleAndLayout: number, scripts: Script[]];
const DIST_ASSETS = join(process.cwd(), 'dist', 'assets');

/** A frame's scripts in words: their time, what invoked them and the source line they were built from. */
function frameText([, duration, layout, scripts]: Frame): string {
  const named = scripts.map(([d, invoker, file, pos]) => `${d} ms ${invoker} in ${originalPosition(DIST_ASSETS, file, pos) ?? `${file}:${pos}`}`);
  return `frame ${duration.toFixed(0)} ms (style and layout ${layout} ms): ${named.join('; ') || 'no script named'}`;
}

/** The long tasks that started at or after `since` (page time) and before `until`, once the observers have reported. */
async function tasksSince(page: Page, since: number, until = Infinity): Promise<Tasks> {
  await page.waitForTimeout(200);
  const [long, loaf] = (await page.evaluate('[window.__long, window.__loaf]')) as [[number, number][], Frame[]];
  const mine = long.filter(([t]) => t >= since && t < until);
  if (!mine.length) return { worst: 0, count: 0, why: '' };
  const [start, worst] = mine.reduce((a, b) => (b[1] > a[1] ? b : a));
  // The frame that overlaps the task most (a frame's start is its first task's start).
  const overlap = ([t, d]: Frame) => Math.min(t + d, start + worst) - Math.max(t, start);
  const frame = loaf.filter((f) => overlap(f) > 0).reduce<Frame | undefined>((a, b) => (!a || overlap(b) > overlap(a) ? b : a), undefined);
  // Without a frame around the task, the window's longest frame (the task ran outside a frame's
  // script attribution, e.g. garbage collection or work the API does not attribute).
  const longest = loaf.filter(([t]) => t >= since && t < until).reduce<Frame | undefined>((a, b) => (!a || b[1] > a[1] ? b : a), undefined);
  const why = frame ? frameText(frame) : longest ? `no frame around it; the longest frame meanwhile: ${frameText(longest)}` : 'no long animation frame reported';
  return { worst, count: mine.length, why };
}

/** Drags across the graph for `ms` and answers the frames per second counted meanwhile. */
async function pan(page: Page, ms: number): Promise<number> {
  const box = (await page.getByTestId('graph-view').boundingBox())!;
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const panStart = Date.now();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; Date.now() - panStart < ms; i++) {
    await page.mouse.move(box.x + box.width / 2 + 150 * Math.sin(i / 10), box.y + box.height / 2 + 100 * Math.cos(i / 10));
  }
  await page.mouse.up();
  const frames = (await page.evaluate('(() => { window.__counting = false; return window.__frames; })()')) as number;
  return frames / ((Date.now() - panStart) / 1000);
}

/** Clicks a tab and answers the milliseconds until `ready` holds in the page. */
async function openTab(page: Page, tab: string, ready: string, timeout: number): Promise<number> {
  const t0 = Date.now();
  await page.getByTestId(`tab-${tab}`).click();
  await page.waitForFunction(ready, undefined, { timeout, polling: 'raf' });
  return Date.now() - t0;
}

const q = (testId: string) => `document.querySelector('[data-testid="${testId}"]')`;

async function benchSize(browser: Browser, url: string, size: Size, plant: ReturnType<typeof writePlant>): Promise<void> {
  const { assets, seed, timeoutMs } = SIZES[size];
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const rows: string[] = [];
  const row = (name: TargetName, figure: number | undefined, note = '') => rows.push(verdictLine(TARGETS[name], figure, note));
  const why: string[] = [];
  const explain = (what: string, t: Tasks) => {
    if (t.worst > TARGETS.loadTask.limit) why.push(`    ${what}, worst task ${t.worst.toFixed(0)} ms: ${t.why}`);
  };
  try {
    const failed = appFailure(page, timeoutMs);
    await page.goto(url);
    await Promise.race([page.getByTestId('paths-panel').waitFor({ timeout: 60_000 }), failed]);
    // The reference plant's drawing is the app's start-up, not this plant's load: let it finish.
    await page.waitForSelector('[data-testid="graph-view"][data-drawn="true"]', { timeout: 60_000 });
    const workerBefore = await workerHeap(browser, ANALYSIS_WORKER);
    // The risk of the plant shown before: the new plant's name appears a little before its own risk.
    const riskBefore = await page.getByTestId('plant-risk').textContent();
    await page.evaluate(OBSERVE);
    const loadSince = await now(page);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(plant.file);
    await Promise.race([page.getByTestId('collapsed-note').waitFor({ timeout: timeoutMs }), failed]);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstRender = Date.now() - t0;
    await Promise.race([
      page.waitForFunction(
        ([name, before]) => {
          const risk = document.querySelector('[data-testid="plant-risk"]')?.textContent;
          return (
            document.querySelector('[data-testid="plant-name"]')?.textContent?.includes(name) &&
            risk?.startsWith('€') &&
            risk !== before &&
            document.querySelector('[data-testid="paths-panel"] [data-testid="path-item"]')
          );
        },
        [`${assets} assets`, riskBefore] as const,
        { timeout: timeoutMs },
      ),
      failed,
    ]);
    const analysis = Date.now() - t0;
    // Drawn to its last edge (the collapsed note is up, so this is the new plant's scene).
    await Promise.race([page.waitForSelector('[data-testid="graph-view"][data-drawn="true"]', { timeout: timeoutMs }), failed]);
    const drawn = Date.now() - t0;
    const renderer = await page.getByTestId('graph-view').getAttribute('data-renderer');
    const webgl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
    await page.waitForTimeout(300);
    const loadTasks = await tasksSince(page, loadSince);
    explain('loading', loadTasks);
    // The analysis worker's own figure: text received → validated model, plant graph, attack graph and summary.
    const workerLoad = await page.getByTestId('plant-source').getAttribute('title');
    const worker = await workerHeap(browser, ANALYSIS_WORKER);
    const main = await pageHeap(page);
    row('analysis', analysis);
    row('drawn', drawn);
    row('loadTask', loadTasks.worst, `(${loadTasks.count} long tasks)`);

    // Panning: idle (the former figure), then with one core kept busy by a spinning Node thread.
    const fps = await pan(page, 2000);
    const busy = await busyCore();
    let busyFps: number;
    let busyTasks: Tasks;
    try {
      const since = await now(page);
      busyFps = await pan(page, 3000);
      busyTasks = await tasksSince(page, since);
    } finally {
      await busy.stop();
    }
    explain('panning with a busy CPU', busyTasks);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(300);

    // The tabs, each from the click to its answer shown.
    const tabSince = await now(page);
    const tabTimeout = Math.max(timeoutMs, 300_000);
    const marks: [string, number][] = [['blast', tabSince]];
    const mark = async (tab: string) => marks.push([tab, await now(page)]);
    const blast = await openTab(page, 'blast', `${q('blast-panel')}?.textContent?.includes('assets reachable')`, tabTimeout);
    await mark('chokepoints');
    const c0 = Date.now();
    const choke = await openTab(page, 'chokepoints', `${q('chokepoints-summary')}?.textContent?.trim()`, tabTimeout);
    await page.waitForSelector('[data-testid="graph-view"][data-drawn="true"][data-scene="chokepoints"]', { timeout: tabTimeout });
    const chokeScene = Date.now() - c0;
    await mark('findings');
    const findings = await openTab(page, 'findings', `${q('findings-count')} && (${q('finding')} || ${q('findings-count')}.textContent.startsWith('0 '))`, tabTimeout);
    const findingsCount = (await page.getByTestId('findings-count').textContent())?.split(' finding')[0];
    await mark('remediation');
    const r0 = Date.now();
    const remFirst = await openTab(page, 'remediation', `${q('plan-step-early')} || ${q('plan-step')} || ${q('remediation-panel')}`, tabTimeout);
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="plan-step-early"], [data-testid="plan-step"]').length >= 10 || ${q('remediation-panel')}`,
      undefined,
      { timeout: tabTimeout, polling: 'raf' },
    );
    const remTen = Date.now() - r0;
    await page.getByTestId('remediation-panel').waitFor({ timeout: tabTimeout });
    const remWhole = Date.now() - r0;
    const steps = await page.getByTestId('plan-step').count();
    await mark('back to paths');
    await page.getByTestId('tab-paths').click();
    await page.getByTestId('paths-panel').waitFor({ timeout: tabTimeout });
    const tabTasks = await tasksSince(page, tabSince);
    // Per tab: from its click to the next tab's click.
    const perTab: string[] = [];
    for (const [i, [tab, from]] of marks.entries()) {
      const t = await tasksSince(page, from, marks[i + 1]?.[1] ?? Infinity);
      perTab.push(`${tab} ${t.worst.toFixed(0)}`);
      explain(`opening ${tab}`, t);
    }
    row('blast', blast);
    row('chokepoints', choke);
    row('findings', findings, `(${findingsCount} findings)`);
    row('remediationFirst', remFirst);
    row('remediationTen', remTen, `(${Math.min(steps, 10)} steps)`);
    if (size === '5k') row('remediationSmall', remWhole, `(${steps} steps)`);
    row('tabTask', tabTasks.worst, `(${tabTasks.count} long tasks; worst per tab, ms: ${perTab.join(', ')})`);
    row('busyPanFps', busyFps, `(idle: ${fps.toFixed(0)} fps)`);
    row('busyPanTask', busyTasks.worst, `(${busyTasks.count} long tasks)`);

    // A what-if step: the plan's first step applied, until the plant risk shows the scenario's.
    let whatIf: number | undefined;
    let whatIfTasks: Tasks | undefined;
    if (size === '5k') {
      await page.getByTestId('tab-remediation').click();
      await page.getByTestId('remediation-panel').waitFor({ timeout: tabTimeout });
      const risk = await page.getByTestId('plant-risk').textContent();
      const since = await now(page);
      const w0 = Date.now();
      await page.getByTestId('apply-step').first().click();
      await page.waitForFunction(
        (before) => {
          const r = document.querySelector('[data-testid="plant-risk"]')?.textContent;
          return document.querySelector('[data-testid="scenario-badge"]') && r?.startsWith('€') && r !== before;
        },
        risk,
        { timeout: tabTimeout, polling: 'raf' },
      );
      whatIf = Date.now() - w0;
      await page.waitForTimeout(300);
      whatIfTasks = await tasksSince(page, since);
      explain('applying the what-if step', whatIfTasks);
      row('whatIf', whatIf);
      row('whatIfTask', whatIfTasks.worst, `(${whatIfTasks.count} long tasks)`);
    }

    // Search: typing "historian" in the find box, Enter, until the found asset's panel shows.
    const s0 = Date.now();
    await page.getByTestId('asset-search').fill('historian');
    await page.getByTestId('asset-search').press('Enter');
    await page.waitForFunction(`${q('asset-panel')}?.querySelector('h2')?.textContent?.toLowerCase().includes('historian')`, undefined, {
      timeout: 60_000,
      polling: 'raf',
    });
    const search = Date.now() - s0;
    row('search', search);

    // The page's heap after all of the above (the larger of this and the one after the load is the row).
    const mainEnd = await pageHeap(page);
    row('heap', Math.max(main.jsHeap, mainEnd.jsHeap) / 2 ** 20, `(after the load ${mb(main.jsHeap)}, after the tabs ${mb(mainEnd.jsHeap)}; + typed arrays ${mb(mainEnd.backingStorage)})`);

    console.log(`${size} plant (${assets.toLocaleString('en')} assets, ${plant.connections.toLocaleString('en')} connections, seed ${seed}, ${plant.mb.toFixed(0)} MB of JSON) in Chromium ${browser.version()}:`);
    console.log(`  time to first render     ${firstRender} ms`);
    console.log(`  time to analysis results ${analysis} ms`);
    console.log(`  in the analysis worker   ${workerLoad ?? 'no load figure shown'}`);
    console.log(`  zone view drawn with     the ${renderer} renderer (WebGL 2 in this browser: ${webgl ? 'yes' : 'no'})`);
    console.log(`  panning, idle            ${fps.toFixed(0)} frames per second (the first pan after the load)`);
    console.log(`  chokepoint scene drawn   ${chokeScene} ms after the tab's click (the cut drawn on the graph)`);
    console.log(`  remediation, whole plan  ${remWhole} ms (${steps} steps)`);
    console.log(`  memory after a full GC, via CDP Runtime.getHeapUsage (MB = 2^20 bytes):`);
    const memory: [string, string][] = [
      ['analysis worker, reference plant', memoryLine(workerBefore)],
      [`analysis worker, ${size} plant`, memoryLine(worker)],
      [`main thread, ${size} plant`, `${memoryLine(main)}; Blink heap ${mb(main.embedderHeap)} MB`],
      [`main thread, after tabs and search`, `${memoryLine(mainEnd)}; Blink heap ${mb(mainEnd.embedderHeap)} MB`],
    ];
    for (const [label, value] of memory) console.log(`    ${label.padEnd(36)}${value}`);
    console.log(`  issue #18's rows (panning busy: one core kept busy by a Node worker thread spinning in a loop for the whole pan):`);
    for (const r of rows) console.log(r);
    if (why.length) {
      console.log('  the worst long tasks above 100 ms, with the long animation frame that overlaps each most (its longest scripts, by source line):');
      for (const w of why) console.log(w);
    }
  } finally {
    await page.close();
    rmSync(plant.file);
  }
}

console.log(`load average at the start: ${readFileSync('/proc/loadavg', 'utf8').trim()} (${cpus().length} cores: ${cpus()[0]?.model ?? '?'})`);
// With source maps: the long tasks' scripts are told by source file and line (bench/source-position.ts).
await build({ logLevel: 'warn', build: { sourcemap: true } });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
});
// Every plant is generated and written before the first is timed, and this process's garbage
// collected: generating the 100k-asset plant (about a GB of garbage) just before its load left
// Node's collector running on the two cores while the browser loaded it (the load measured 3.6–4.0 s
// against 2.0–2.4 s without; #18).
const plants = new Map(sizes.map((size) => [size, writePlant(size)] as const));
collectGarbage();
try {
  for (const size of sizes) await benchSize(browser, url, size, plants.get(size)!);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
