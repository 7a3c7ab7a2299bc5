// The plant graph read as a person reads it, in real Chromium, on the reference plant, water
// treatment, a twin imported from a capture (an HMI polling 13 PLCs), the generated 5k plant and
// the 10k plant drawn as zone groups:
// Purdue band labels inside the graph, a wheel notch zooms 10–25 %, Zoom in / Zoom out / Fit,
// a selected path framed with its names shown, a tooltip on hover, the keyboard (Tab in, arrows,
// Enter), the chokepoints mode with its ranked cut and headline, and not one console warning.
// Expected figures come from the same pure functions run here in Node.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attackPaths } from '../../src/analysis/attack-paths';
import { chokepoints } from '../../src/analysis/chokepoints';
import { chokepointView, type ChokepointView } from '../../src/analysis/chokepoint-view';
import { buildContext } from '../../src/analysis/context';
import { COLLAPSE_ABOVE_ASSETS, graphLayout, LEVEL_LABEL } from '../../src/analysis/layout';
import { captureToModel, importCaptureBytes } from '../../src/import/pcap/index';
import { generatePlant } from '../../src/model/generate';
import type { PlantModel } from '../../src/model/schema';
import { serializeModel } from '../../src/model/serialize';
import { chokepointHeadline } from '../../src/report/svg';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './browser';
import { graphDrawn, twinFromCapture } from './graph-steps';

const baseUrl = inject('baseUrl');
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as PlantModel;

let browser: Browser;
let page: Page;
/** Console warnings and errors, page errors: the graph must cause none. */
const complaints: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') complaints.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => complaints.push(`pageerror: ${e.message}`));
  await page.goto(baseUrl);
  await page.getByTestId('plant-name').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
});

const graph = () => page.getByTestId('graph-view');
const stage = async () => (await page.locator('.pg-stage').boundingBox())!;
const zoom = async () => Number(await graph().getAttribute('data-zoom'));

async function drawn(scene: 'plant' | 'chokepoints' = 'plant'): Promise<void> {
  await graphDrawn(page, scene);
  await page.waitForTimeout(150);
}

/** Waits for an animation (300 ms) to end and the zoom to stop changing, and returns it. */
async function settledZoom(): Promise<number> {
  await page.waitForTimeout(400);
  let last = await zoom();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const z = await zoom();
    if (z === last) break;
    last = z;
  }
  // The labels follow in the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return last;
}

/** Whether an element's box lies inside the graph stage (and is on screen). */
async function insideStage(selector: string): Promise<{ text: string; inside: boolean }[]> {
  const s = await stage();
  return page.$$eval(
    selector,
    (els, st) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const inside = r.width > 0 && r.height > 0 && r.left >= st.x - 0.5 && r.top >= st.y - 0.5 && r.right <= st.x + st.width + 0.5 && r.bottom <= st.y + st.height + 0.5 && !(el as HTMLElement).hidden;
        return { text: (el.textContent ?? '').trim(), inside };
      }),
    s,
  );
}

function levelsOf(model: PlantModel): number[] {
  const used = new Set(model.assets.map((a) => a.zone));
  return [...new Set(model.zones.filter((z) => used.has(z.id)).map((z) => z.purdueLevel))].sort((a, b) => b - a);
}

function bandLabelsShown(model: PlantModel) {
  it('labels every Purdue band of the plant inside the graph, top (L5) to bottom (L0)', async () => {
    const labels = await insideStage('[data-testid="band-label"]:not([hidden])');
    expect(labels.map((l) => l.text.replace(/\s+/g, ' '))).toEqual(levelsOf(model).map((l) => LEVEL_LABEL[String(l)]));
    expect(labels.every((l) => l.inside)).toBe(true);
  });
}

function zooms() {
  it('zooms 10–25 % per wheel notch, about the pointer; Zoom in, Zoom out and Fit work', async () => {
    const fitted = await settledZoom();
    const s = await stage();
    await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
    await page.mouse.wheel(0, -100);
    const zin = await settledZoom();
    expect(zin / fitted).toBeGreaterThanOrEqual(1.1);
    expect(zin / fitted).toBeLessThanOrEqual(1.25);
    await page.mouse.wheel(0, 100);
    const zout = await settledZoom();
    expect(zin / zout).toBeGreaterThanOrEqual(1.1);
    expect(zin / zout).toBeLessThanOrEqual(1.25);
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    const bin = await settledZoom();
    expect(bin / zout).toBeCloseTo(1.25, 2);
    await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
    await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
    const bout = await settledZoom();
    expect(bin / bout).toBeCloseTo(1.25 * 1.25, 2);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    expect(await settledZoom()).toBeCloseTo(fitted, 3);
  });
}

function hovers() {
  it('hovering an asset shows its tooltip with name, kind and level', async () => {
    const label = page.locator('[data-testid="graph-label"].entry, [data-testid="graph-label"].jewel, [data-testid="graph-label"]').first();
    const x = Number(await label.getAttribute('data-node-x'));
    const y = Number(await label.getAttribute('data-node-y'));
    const name = (await label.locator('.text').textContent())!.replace(/…$/, '');
    const s = await stage();
    await page.mouse.move(s.x + x, s.y + y);
    const tip = page.getByRole('tooltip');
    await tip.waitFor({ state: 'visible', timeout: 5_000 });
    const text = (await tip.textContent()) ?? '';
    expect(text).toContain(name.slice(0, 8));
    expect(text).toMatch(/L\d(\.5)? /);
    await page.mouse.move(s.x + 5, s.y + s.height - 5);
    await tip.waitFor({ state: 'hidden', timeout: 5_000 });
  });
}

function framesPath(model: PlantModel) {
  it('selecting a path frames all its nodes, every step named and numbered inside the graph', async () => {
    const ctx = buildContext(model);
    const paths = attackPaths(ctx);
    expect(paths.length).toBeGreaterThan(0);
    await page.getByTestId('tab-paths').click();
    const item = page.getByTestId('path-item').first();
    await item.click();
    await page.waitForTimeout(200);
    await settledZoom();
    await page.waitForTimeout(150);
    const labels = await page.$$eval('[data-testid="graph-label"].path', (els) => els.map((el) => ({ asset: el.getAttribute('data-asset'), zone: el.getAttribute('data-zone'), badge: el.querySelector('.badge')?.textContent ?? '' })));
    const collapsed = model.assets.length > COLLAPSE_ABOVE_ASSETS;
    const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
    const stops = (nodes: readonly string[]) => (collapsed ? nodes.map((n) => zoneOf.get(n)!).filter((z, i, all) => i === 0 || all[i - 1] !== z) : [...nodes]);
    const shown = labels.map((l) => (collapsed ? l.zone : l.asset));
    const match = paths.find((p) => stops(p.nodes).length === shown.length && stops(p.nodes).every((n) => shown.includes(n)));
    expect(match, `path labels ${shown.join(', ')}`).toBeDefined();
    expect(labels.map((l) => Number(l.badge)).sort((a, b) => a - b)).toEqual(shown.map((_, i) => i));
    const inside = await insideStage('[data-testid="graph-label"].path');
    expect(inside.every((l) => l.inside && l.text.length > 1)).toBe(true);
    // Esc clears the path: the whole plant again.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    expect(await page.locator('[data-testid="graph-label"].path').count()).toBe(0);
  });
}

function keyboard() {
  it('takes the keyboard: Tab into the graph, arrows move a visible focus between assets, Enter selects', async () => {
    await page.getByTestId('asset-search').focus();
    for (let i = 0; i < 8 && !(await graph().evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await graph().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    const ring = page.locator('.pg-focus-ring');
    await ring.waitFor({ state: 'visible', timeout: 5_000 });
    const first = (await page.getByRole('tooltip').textContent()) ?? '';
    expect(first.length).toBeGreaterThan(3);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(400);
    const second = (await page.getByRole('tooltip').textContent()) ?? '';
    expect(second).not.toBe(first);
    await page.keyboard.press('Enter');
    const selected = page.locator('[data-testid="graph-label"].selected');
    await selected.waitFor({ timeout: 5_000 });
    expect(second).toContain(((await selected.locator('.text').textContent()) ?? '').replace(/…$/, '').slice(0, 8));
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    expect(await ring.isVisible()).toBe(false);
  });
}

function chokepointsMode(model: PlantModel, name: string) {
  it('chokepoints mode draws only the assets on attack paths, the cut ranked, and the headline', async () => {
    const ctx = buildContext(model);
    const view: ChokepointView = chokepointView(ctx, chokepoints(ctx));
    await page.getByTestId('tab-chokepoints').click();
    await drawn('chokepoints');
    expect(await page.getByTestId('chokepoints-headline').textContent()).toContain(chokepointHeadline(view.headline));
    const ranks = await page.$$eval('[data-testid="graph-label"].cut .badge', (els) => els.map((e) => Number(e.textContent)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(view.cut.map((c) => c.rank));
    expect(await page.getByTestId('cut-rank').count()).toBe(view.cut.length);
    const inside = await insideStage('[data-testid="graph-label"].cut');
    expect(inside.every((l) => l.inside)).toBe(true);
    await shot(page, `71-graph-chokepoints-${name}`);
    await page.getByTestId('tab-paths').click();
    await drawn('plant');
  });
}

/** What every plant is checked for; `paths`: the plant has attack paths to frame. */
function readsAsAGraph(model: PlantModel, name: string, { paths = true, keys = false }: { paths?: boolean; keys?: boolean } = {}) {
  bandLabelsShown(model);
  zooms();
  hovers();
  if (paths) framesPath(model);
  if (keys) keyboard();
  if (paths) chokepointsMode(model, name);
}

function noWarnings() {
  it('not one console warning or error', () => {
    expect(complaints).toEqual([]);
  });
}

describe('reference plant', () => {
  const model = read('models/reference-plant.json');
  it('draws the plant', async () => {
    await page.getByTestId('paths-panel').waitFor({ timeout: 60_000 });
    await drawn();
    // The cut arrives with the chokepoints: the plant view marks it ranked.
    await page.locator('[data-testid="graph-label"].cut').first().waitFor({ timeout: 60_000 });
    await shot(page, '70-graph-reference');
  });
  readsAsAGraph(model, 'reference', { keys: true });
  noWarnings();
});

describe('water treatment', () => {
  const model = read('models/water-treatment.json');
  it('draws the plant', async () => {
    await page.getByTestId('file-input').setInputFiles('models/water-treatment.json');
    await page.waitForFunction((n) => document.querySelector('[data-testid="plant-name"]')?.textContent === n, model.plant.name, { timeout: 60_000 });
    await page.getByTestId('paths-panel').waitFor({ timeout: 60_000 });
    await drawn();
    await shot(page, '72-graph-water');
  });
  readsAsAGraph(model, 'water');
  noWarnings();
});

describe('a twin imported from a capture: an HMI polling 13 PLCs', () => {
  const twin = captureToModel(importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'))), { name: 'Observed network (ModbusTCP.pcap)' });
  it('draws the capture as a star: the HMI above the PLCs it polls, every name shown', async () => {
    await twinFromCapture(page, 'test/fixtures/pcaps/ModbusTCP.pcap', twin.plant.name);
    await page.waitForTimeout(150);
    const nodes = await page.$$eval('[data-testid="graph-label"]', (els) => els.map((el) => ({ asset: el.getAttribute('data-asset')!, y: Number(el.getAttribute('data-node-y')) })));
    expect(nodes.map((n) => n.asset).sort()).toEqual(twin.assets.map((a) => a.id).sort());
    const hmi = twin.assets.find((a) => a.kind === 'hmi')!.id;
    const hy = nodes.find((n) => n.asset === hmi)!.y;
    for (const n of nodes.filter((x) => x.asset !== hmi)) expect(n.y).toBeGreaterThan(hy);
    await shot(page, '73-graph-capture');
  });
  readsAsAGraph(twin, 'capture', { paths: false, keys: true });
  it('has no entry point or crown jewel, so no path; chokepoints mode says there is nothing to cut', async () => {
    const ctx = buildContext(twin);
    const view = chokepointView(ctx, chokepoints(ctx));
    expect(view.headline.kind).toBe('nothing-to-cut');
    await page.getByTestId('tab-chokepoints').click();
    await drawn('chokepoints');
    expect(await page.getByTestId('chokepoints-headline').textContent()).toContain(chokepointHeadline(view.headline));
    await page.getByTestId('tab-paths').click();
    await drawn('plant');
  });
  noWarnings();
});

describe('the generated 5k plant (zone tiles)', () => {
  const model = generatePlant({ assets: 5000, seed: 5 });
  it('draws one tile per zone with its name and asset count', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'twinpath-graph-5k-')), 'gen-5000.json');
    writeFileSync(file, serializeModel(model));
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid="plant-name"]')?.textContent?.includes('5000 assets'), undefined, { timeout: 120_000 });
    await page.getByTestId('paths-panel').waitFor({ timeout: 120_000 });
    await drawn();
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await settledZoom();
    await page.waitForTimeout(200);
    const tiles = await page.$$eval('[data-testid="graph-label"][data-zone]', (els) => els.map((el) => el.textContent ?? ''));
    expect(tiles.length).toBeGreaterThan(5);
    for (const t of tiles) expect(t).toMatch(/ · [\d,]+ assets?$/);
    expect(await page.getByTestId('minimap').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await settledZoom();
    await shot(page, '74-graph-5k');
  });
  readsAsAGraph(model, '5k');
  it('opens a zone tile in place with a click: its assets named inside, the rest still tiles; Esc closes it', async () => {
    const tile = page.locator('[data-testid="graph-label"][data-zone]:not([data-asset])').first();
    const zone = (await tile.getAttribute('data-zone'))!;
    const members = model.assets.filter((a) => a.zone === zone).map((a) => a.id).sort();
    const s = await stage();
    await page.mouse.click(s.x + Number(await tile.getAttribute('data-node-x')), s.y + Number(await tile.getAttribute('data-node-y')));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-label"][data-asset]').length >= n, members.length, { timeout: 30_000 });
    await settledZoom();
    const named = await page.$$eval('[data-testid="graph-label"][data-asset]', (els) => els.map((e) => e.getAttribute('data-asset')!));
    expect([...named].sort()).toEqual(members);
    expect(await page.locator(`.pg-zone-title[data-zone="${zone}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid="graph-label"][data-zone]:not([data-asset])').count()).toBeGreaterThan(0);
    await shot(page, '75-graph-5k-zone-opened');
    await graph().focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-label"][data-asset]').length === 0, undefined, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await settledZoom();
  });
  noWarnings();
});

describe('the generated 10k plant (zone groups)', () => {
  const model = generatePlant({ assets: 10_000, seed: 1 });
  const layout = graphLayout(model);
  const groups = layout.groups ?? [];
  const tileLabels = () => page.$$eval('[data-testid="graph-label"][data-zone]:not([data-asset])', (els) => els.map((el) => ({ zone: el.getAttribute('data-zone')!, text: el.textContent ?? '' })));
  const clickLabelled = async (zone: string) => {
    const label = page.locator(`[data-testid="graph-label"][data-zone="${zone}"]:not([data-asset])`).first();
    const s = await stage();
    await page.mouse.click(s.x + Number(await label.getAttribute('data-node-x')), s.y + Number(await label.getAttribute('data-node-y')));
  };

  it('draws one tile per site and level for the cells\' zones, labelled with the site, its zones and assets', async () => {
    expect(groups.length).toBe(30); // 10 sites × (L2, L1, L0)
    const file = join(mkdtempSync(join(tmpdir(), 'twinpath-graph-10k-')), 'gen-10000.json');
    writeFileSync(file, serializeModel(model));
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid="plant-name"]')?.textContent?.includes('10000 assets'), undefined, { timeout: 120_000 });
    await page.getByTestId('paths-panel').waitFor({ timeout: 120_000 });
    await drawn();
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await settledZoom();
    const labels = await tileLabels();
    const grouped = labels.filter((l) => groups.some((g) => g.id === l.zone));
    expect(grouped.length).toBeGreaterThan(3);
    for (const l of grouped) {
      const g = groups.find((x) => x.id === l.zone)!;
      const assets = model.assets.filter((a) => g.zones.includes(a.zone)).length;
      expect(l.text).toBe(`${g.site} · ${g.zones.length} zones · ${assets.toLocaleString('en')} assets`);
    }
    expect(await page.getByTestId('collapsed-note').textContent()).toContain('one per site and level');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await settledZoom();
    await shot(page, '76-graph-10k-groups');
  });

  it("opens a group in place into its zones' tiles, a zone of it into its assets; Esc closes the zone, then the group", async () => {
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
    await settledZoom();
    const shown = new Set((await tileLabels()).map((l) => l.zone));
    const group = groups.find((g) => g.level === 1 && shown.has(g.id))!;
    await clickLabelled(group.id);
    // Its zones' tiles, named, in a box titled with the group's name; the other groups stay tiles.
    await page.locator(`.pg-zone-title[data-zone="${group.id}"]`).waitFor({ timeout: 30_000 });
    // Drawn to its last edge with the group open (the page says so, as for a zone opened).
    await drawn();
    await settledZoom();
    await shot(page, '77-graph-10k-group-opened');
    const open = await tileLabels();
    expect(open.filter((l) => group.zones.includes(l.zone)).length).toBeGreaterThan(3);
    expect(open.some((l) => l.zone === group.id)).toBe(false);
    expect(open.some((l) => groups.some((g) => g.id === l.zone))).toBe(true);
    const zone = open.find((l) => group.zones.includes(l.zone))!.zone;
    const members = model.assets.filter((a) => a.zone === zone).map((a) => a.id).sort();
    await clickLabelled(zone);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-label"][data-asset]').length >= n, members.length, { timeout: 30_000 });
    await settledZoom();
    const named = await page.$$eval('[data-testid="graph-label"][data-asset]', (els) => els.map((e) => e.getAttribute('data-asset')!));
    expect([...named].sort()).toEqual(members);
    await shot(page, '78-graph-10k-zone-in-group');
    await graph().focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-label"][data-asset]').length === 0, undefined, { timeout: 30_000 });
    // The group stays open, its zone a tile again.
    await page.locator(`[data-testid="graph-label"][data-zone="${zone}"]:not([data-asset])`).waitFor({ timeout: 30_000 });
    expect(await page.locator(`.pg-zone-title[data-zone="${group.id}"]`).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.waitForFunction((id) => !document.querySelector(`.pg-zone-title[data-zone="${id}"]`), group.id, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await settledZoom();
  });
  noWarnings();
});
