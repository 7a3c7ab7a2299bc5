// The app in real Chromium: the reference plant loads by default, a bad file shows path-named
// errors and leaves the plant untouched, and a good file opens by drag-and-drop.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as { plant: { name: string }; assets: unknown[]; connections: unknown[] };
const water = readFileSync('models/water-treatment.json', 'utf8');

const app = useApp(baseUrl);

async function text(testId: string): Promise<string> {
  return (await app.page.getByTestId(testId).textContent()) ?? '';
}

describe('app shell', () => {
  it('shows the reference plant with its counts, analyzed in a worker', async () => {
    await app.page.getByTestId('plant-name').waitFor({ timeout: 30_000 });
    expect(await text('plant-name')).toBe(reference.plant.name);
    expect(await text('asset-count')).toBe(reference.assets.length.toLocaleString('en'));
    expect(await text('connection-count')).toBe(reference.connections.length.toLocaleString('en'));
    expect(await text('engine-mode')).toMatch(/^Analysis in Web Workers \(pool of \d+\)$/);
    // cytoscape drew into its canvas: the graph container holds canvases with a real size.
    const canvases = await app.page.locator('[data-testid="graph-view"] canvas').count();
    expect(canvases).toBeGreaterThan(0);
    await shot(app.page, '01-reference-plant');
    expect(app.health.errors).toEqual([]);
  });

  it('shows path-named errors for a bad file and keeps the plant', async () => {
    const bad = JSON.stringify({ ...reference, connections: [{ id: 'c-x', from: 'plc-a1a', to: 'plc-99', protocol: 'modbus-tcp', direction: 'one-way', likelihood: 1.5 }] });
    await app.page.getByTestId('file-input').setInputFiles({ name: 'broken-plant.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const panel = app.page.getByTestId('load-errors');
    await panel.waitFor();
    const shown = (await panel.textContent()) ?? '';
    expect(shown).toContain('Could not load broken-plant.json');
    expect(shown).toContain('2 problems');
    expect(shown).toContain('connections[0](id=c-x).likelihood: likelihood 1.5 is outside (0, 1]');
    expect(shown).toContain('connections[0](id=c-x).to: unknown asset "plc-99"');
    expect(await text('plant-name')).toBe(reference.plant.name);
    expect(await text('asset-count')).toBe(reference.assets.length.toLocaleString('en'));
    await shot(app.page, '02-bad-file-errors');
  });

  it('reports truncated JSON with line and column', async () => {
    await app.page.getByTestId('file-input').setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(water.slice(0, 500)) });
    await app.page.getByText('Could not load truncated.json').waitFor();
    expect((await text('load-errors')) ?? '').toMatch(/invalid JSON at line \d+, column \d+/);
    expect(await text('plant-name')).toBe(reference.plant.name);
  });

  it('refuses bytes that are not UTF-8 (naming byte, line and column) and opens a file that starts with a byte-order mark', async () => {
    // "Internet" with a Latin-1 "é" (0xE9, not UTF-8) in the water plant's first asset name.
    const at = water.indexOf('"name":"Internet"') + 9;
    const bytes = Buffer.concat([Buffer.from(water.slice(0, at)), Buffer.from([0xe9]), Buffer.from(water.slice(at))]);
    await app.page.getByTestId('file-input').setInputFiles({ name: 'latin1.json', mimeType: 'application/json', buffer: bytes });
    await app.page.getByText('Could not load latin1.json').waitFor();
    const line = water.slice(0, at).split('\n').length;
    expect((await text('load-errors')) ?? '').toContain(`latin1.json: invalid UTF-8 at byte ${Buffer.byteLength(water.slice(0, at))} (line ${line},`);
    expect(await text('plant-name')).toBe(reference.plant.name);
    await app.page.getByTestId('file-input').setInputFiles({ name: 'bom.json', mimeType: 'application/json', buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(water)]) });
    await app.page.getByText('Lakeside Water Authority', { exact: false }).first().waitFor();
    expect(await app.page.getByTestId('load-errors').count()).toBe(0);
    // Back to the reference plant for the next test.
    await app.page.getByTestId('file-input').setInputFiles({ name: 'reference-plant.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(reference)) });
    await app.page.getByText(reference.plant.name).first().waitFor();
  });

  it('opens a dropped model file', async () => {
    await app.page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'water-treatment.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, water);
    await app.page.getByText('Lakeside Water Authority', { exact: false }).first().waitFor();
    expect(await text('plant-name')).toBe('Lakeside Water Authority — treatment and distribution');
    expect(await app.page.getByTestId('load-errors').count()).toBe(0);
    await shot(app.page, '03-dropped-water-plant');
    expect(app.health.errors).toEqual([]);
  });
});
