// `npm run screenshots`: the pictures of the graph's views in docs/screenshots/ (1600 × 1000), taken
// in Debian's Chromium from the built app — the reference plant as a newcomer first sees it, a
// selected attack path, the chokepoints mode, the blast radius with its colour scale, a tooltip,
// water treatment, a twin made from a packet capture, the generated 5k plant as zone tiles, the
// generated 10k plant as zone groups (and one opened), and the executive graph export. The app is
// built into a temporary folder (never dist/, which the browser tests serve) and served on a free
// port. `--out DIR` writes elsewhere.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { generatePlant } from '../src/model/generate';
import { serializeModel } from '../src/model/serialize';
import { graphDrawn, twinFromCapture } from '../test/e2e/graph-steps';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'docs/screenshots';
const VIEWPORT = { width: 1600, height: 1000 };

const work = mkdtempSync(join(tmpdir(), 'twinpath-screenshots-'));

/** Waits for the graph to be drawn (the given scene) and its page layers to follow. */
async function drawn(page: Page, scene: 'plant' | 'chokepoints' = 'plant'): Promise<void> {
  await graphDrawn(page, scene);
  await settle(page);
}

/** Lets an animation (300 ms) end and two frames paint. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(500);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function take(page: Page, name: string): Promise<void> {
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
}

async function openPlant(page: Page, file: string, name: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction((n) => document.querySelector('[data-testid="plant-name"]')?.textContent?.includes(n), name, { timeout: 120_000 });
  await page.getByTestId('paths-panel').waitFor({ timeout: 120_000 });
  await drawn(page);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const outDir = join(work, 'dist');
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    await page.getByTestId('paths-panel').waitFor({ timeout: 60_000 });
    await drawn(page);
    // The plant view marks the cut once the chokepoints are in.
    await page.locator('[data-testid="graph-label"].cut').first().waitFor({ timeout: 60_000 });
    await settle(page);
    await take(page, '01-plant');

    // The supplier's path to the furnace SIS (or the first path) selected and framed.
    const items = page.getByTestId('path-item');
    const supplier = items.filter({ hasText: 'Tier-2 supplier' }).filter({ hasText: 'SIS' });
    await ((await supplier.count()) ? supplier.first() : items.first()).click();
    await settle(page);
    await take(page, '02-attack-path');
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-chokepoints').click();
    await drawn(page, 'chokepoints');
    await take(page, '03-chokepoints');

    await page.getByTestId('tab-blast').click();
    await page.getByTestId('blast-panel').getByText('assets reachable').waitFor({ timeout: 60_000 });
    await drawn(page);
    await settle(page);
    await take(page, '04-blast-radius');

    // A tooltip: the pointer on the OT domain controller (its name is on the graph).
    await page.getByTestId('tab-paths').click();
    await drawn(page);
    const label = page.locator('[data-testid="graph-label"][data-asset="ot-dc"]');
    if (await label.count()) {
      const stage = (await page.locator('.pg-stage').boundingBox())!;
      await page.mouse.move(stage.x + Number(await label.getAttribute('data-node-x')), stage.y + Number(await label.getAttribute('data-node-y')));
      await page.getByRole('tooltip').waitFor({ state: 'visible', timeout: 5_000 });
      await settle(page);
      await take(page, '05-tooltip');
      await page.mouse.move(5, 5);
    }

    await openPlant(page, 'models/water-treatment.json', 'Lakeside');
    await take(page, '06-water-treatment');

    // A twin made from a capture: an HMI polling 13 PLCs, drawn as a star.
    await twinFromCapture(page, 'test/fixtures/pcaps/ModbusTCP.pcap', 'Observed network (ModbusTCP.pcap)');
    await settle(page);
    await take(page, '07-capture-twin');

    const gen = join(work, 'gen-5000.json');
    writeFileSync(gen, serializeModel(generatePlant({ assets: 5000, seed: 5 })));
    await openPlant(page, gen, '5000 assets');
    await page.locator('[data-testid="graph-label"].cut').first().waitFor({ timeout: 120_000 });
    await settle(page);
    await take(page, '08-generated-5k');

    // A plant with many zones: the generated 10k plant, a site's zones of one level as one tile;
    // one such tile (a site's basic-control zones) opened in place.
    const gen10k = join(work, 'gen-10000.json');
    writeFileSync(gen10k, serializeModel(generatePlant({ assets: 10_000, seed: 1 })));
    await openPlant(page, gen10k, '10000 assets');
    await page.locator('[data-testid="graph-label"].cut').first().waitFor({ timeout: 120_000 });
    await settle(page);
    await take(page, '10-generated-10k-groups');
    const group = page.locator('[data-testid="graph-label"][data-zone$="/L1"]').first();
    if (await group.count()) {
      const zone = (await group.getAttribute('data-zone'))!;
      const stage = (await page.locator('.pg-stage').boundingBox())!;
      await page.mouse.click(stage.x + Number(await group.getAttribute('data-node-x')), stage.y + Number(await group.getAttribute('data-node-y')));
      await page.locator(`.pg-zone-title[data-zone="${zone}"]`).waitFor({ timeout: 60_000 });
      await drawn(page);
      await take(page, '11-generated-10k-group-opened');
    }

    // The executive graph export (the chokepoints view, the breach path numbered), as a PNG of its SVG.
    await openPlant(page, 'models/reference-plant.json', 'Regensburg');
    await page.getByTestId('executive-toggle').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-svg').click()]);
    const svgFile = join(work, 'graph.svg');
    await download.saveAs(svgFile);
    const svg = readFileSync(svgFile, 'utf8');
    const shotPage = await browser.newPage({ viewport: VIEWPORT });
    // The whole picture scaled into the frame.
    const fitted = svg.replace(/ width="\d+" height="\d+"/, ' width="100%" height="100%"');
    await shotPage.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff"><div style="width:${VIEWPORT.width}px;height:${VIEWPORT.height}px">${fitted}</div></body></html>`);
    await take(shotPage, '09-executive-graph');
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
