// `npm run bench:browser [-- --sizes M,L]`: opens generated plants in the built app in Debian's
// Chromium (headless) and reports, per plant: time to first render, time to analysis results (both
// from the file being chosen in the app's file input), the worst main-thread long task, frames per
// second while panning, and memory after the load (see bench/cdp-heap.ts): the analysis worker's
// (with the reference plant before, and with the chosen plant after) and the main thread's.
// `--sizes` takes M (10k assets, 100k connections, 13 MiB of JSON; the default) and L (100k assets,
// 1M connections, 136 MiB = 143 MB of JSON; opt-in: about a minute and a half on this two-core
// machine). Each plant is opened in a fresh page, by the app's file input. The worker's memory is
// taken after the analysis is shown, so it also holds what layout, risk and paths left behind
// (bench/run.ts measures a Node worker thread right after the load). On the main thread the
// "external strings" are essentially the plant's text, which Blink hands to V8 as an external
// string and the analysis client keeps for restarting workers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { generatePlant } from '../src/model/generate';
import { serializeModel } from '../src/model/serialize';
import { pageHeap, workerHeap, type HeapUsage } from './cdp-heap';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
/** The name src/client/analysis-client.ts gives the primary analysis worker (its DevTools title). */
const ANALYSIS_WORKER = 'twinpath-analysis';
const SIZES = { M: { assets: 10_000, timeoutMs: 120_000 }, L: { assets: 100_000, timeoutMs: 900_000 } } as const;
type Size = keyof typeof SIZES;

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const sizes = (sizesArg ?? 'M').split(',') as Size[];
for (const s of sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s}: use --sizes M, L or M,L`);

const dir = mkdtempSync(join(tmpdir(), 'twinpath-bench-'));

/** Writes the generated plant to a file; the model and its text are not kept. */
function writePlant(size: Size): { file: string; connections: number; mb: number } {
  const model = generatePlant({ assets: SIZES[size].assets, seed: 1 });
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

async function benchSize(browser: Browser, url: string, size: Size): Promise<void> {
  const { assets, timeoutMs } = SIZES[size];
  const plant = writePlant(size);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    const failed = appFailure(page, timeoutMs);
    await page.goto(url);
    await Promise.race([page.getByTestId('paths-panel').waitFor({ timeout: 60_000 }), failed]);
    const workerBefore = await workerHeap(browser, ANALYSIS_WORKER);
    // The risk of the plant shown before: the new plant's name appears a little before its own risk.
    const riskBefore = await page.getByTestId('plant-risk').textContent();
    await page.evaluate(`(() => {
      window.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
    })()`);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(plant.file);
    await Promise.race([page.getByTestId('collapsed-note').waitFor({ timeout: timeoutMs }), failed]);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstRender = Date.now() - t0;
    await Promise.race([
      page.waitForFunction(
        ([name, before]) => {
          const risk = document.querySelector('[data-testid="plant-risk"]')?.textContent;
          return document.querySelector('[data-testid="plant-name"]')?.textContent?.includes(name) && risk?.startsWith('€') && risk !== before;
        },
        [`${assets} assets`, riskBefore] as const,
        { timeout: timeoutMs },
      ),
      failed,
    ]);
    const analysis = Date.now() - t0;
    // The analysis worker's own figure: text received → validated model, plant graph, attack graph and summary.
    const workerLoad = await page.getByTestId('plant-source').getAttribute('title');
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    const worker = await workerHeap(browser, ANALYSIS_WORKER);
    const main = await pageHeap(page);
    // Frames per second while panning: drag across the graph for two seconds.
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
    for (let i = 0; Date.now() - panStart < 2000; i++) {
      await page.mouse.move(box.x + box.width / 2 + 150 * Math.sin(i / 10), box.y + box.height / 2 + 100 * Math.cos(i / 10));
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __counting: boolean };
      w.__counting = false;
      return w.__frames;
    });
    const fps = frames / ((Date.now() - panStart) / 1000);
    console.log(`${size} plant (${assets.toLocaleString('en')} assets, ${plant.connections.toLocaleString('en')} connections, ${plant.mb.toFixed(0)} MB of JSON) in Chromium ${browser.version()}:`);
    console.log(`  time to first render     ${firstRender} ms`);
    console.log(`  time to analysis results ${analysis} ms`);
    console.log(`  in the analysis worker   ${workerLoad ?? 'no load figure shown'}`);
    console.log(`  worst main-thread task   ${long.length ? Math.max(...long).toFixed(0) : 0} ms (${long.length} long tasks)`);
    console.log(`  panning                  ${fps.toFixed(0)} frames per second`);
    console.log(`  memory after a full GC, via CDP Runtime.getHeapUsage (MB = 2^20 bytes):`);
    const rows: [string, string][] = [
      ['analysis worker, reference plant', memoryLine(workerBefore)],
      [`analysis worker, ${size} plant`, memoryLine(worker)],
      [`main thread, ${size} plant`, `${memoryLine(main)}; Blink heap ${mb(main.embedderHeap)} MB`],
    ];
    for (const [label, value] of rows) console.log(`    ${label.padEnd(34)}${value}`);
  } finally {
    await page.close();
    rmSync(plant.file);
  }
}

await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
});
try {
  for (const size of sizes) await benchSize(browser, url, size);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
