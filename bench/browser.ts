// `npm run bench:browser`: opens the generated M plant (10k assets) in the built app in Debian's
// Chromium and reports time to first render, time to analysis results, the worst main-thread long
// task, and frames per second while panning.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { generatePlant } from '../src/model/generate';
import { serializeModel } from '../src/model/serialize';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
const file = join(mkdtempSync(join(tmpdir(), 'twinpath-bench-')), 'plant-M.json');
writeFileSync(file, serializeModel(generatePlant({ assets: 10_000, seed: 1 })));

await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.getByTestId('paths-panel').waitFor({ timeout: 60_000 });
  await page.evaluate(`(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
  })()`);
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('collapsed-note').waitFor({ timeout: 120_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const firstRender = Date.now() - t0;
  await page.waitForFunction(() => document.querySelector('[data-testid="plant-name"]')?.textContent?.includes('10000 assets') && document.querySelector('[data-testid="plant-risk"]')?.textContent?.startsWith('€'), undefined, { timeout: 120_000 });
  const analysis = Date.now() - t0;
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
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
  console.log(`M plant (10,000 assets, 100,000 connections) in Chromium ${(await browser.version())}:`);
  console.log(`  time to first render     ${firstRender} ms`);
  console.log(`  time to analysis results ${analysis} ms`);
  console.log(`  worst main-thread task   ${long.length ? Math.max(...long).toFixed(0) : 0} ms (${long.length} long tasks)`);
  console.log(`  panning                  ${fps.toFixed(0)} frames per second`);
} finally {
  await browser.close();
  await server.close();
}
