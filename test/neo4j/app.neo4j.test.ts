// The app against the real server, in Debian's Chromium: connect over WebSocket Bolt, save the
// plant shown, open a plant from Neo4j, and a blast radius computed on the server.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openApp, shot } from '../e2e/browser';
import { connect, deletePlant, pushPlant } from '../../src/io/neo4j/store';
import { parseModelText } from '../../src/model/parse';
import { NEO4J } from './server';

let browser: Browser;
let page: Page;
let health: { errors: string[] };

beforeAll(async () => {
  const d = await connect(NEO4J);
  try {
    for (const id of ['ref-brake-plant', 'water-lakeside']) await deletePlant(d, NEO4J, id);
    const water = parseModelText(readFileSync('models/water-treatment.json', 'utf8'));
    if (water.kind !== 'ok') throw new Error('water-treatment.json invalid');
    await pushPlant(d, NEO4J, water.model);
  } finally {
    await d.close();
  }
  ({ browser, page, health } = await openApp(inject('baseUrl')));
});

afterAll(async () => {
  await browser?.close();
});

it('connects, saves the reference plant, opens the water plant from Neo4j and back, and runs a server-side blast', async () => {
  await page.getByTestId('neo4j-button').click();
  const dialog = page.getByTestId('neo4j-dialog');
  await dialog.waitFor();
  await page.getByTestId('neo4j-uri').fill(NEO4J.uri);
  await page.getByTestId('neo4j-user').fill(NEO4J.user);

  // A wrong password first: the dialog says so and nothing else changes.
  await page.getByTestId('neo4j-password').fill('wrong');
  await page.getByTestId('neo4j-connect').click();
  await expect.poll(() => page.getByTestId('neo4j-error').textContent(), { timeout: 30_000 }).toMatch(/wrong user name or password/);

  await page.getByTestId('neo4j-password').fill(NEO4J.password);
  await page.getByTestId('neo4j-connect').click();
  await page.getByTestId('neo4j-plants').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('neo4j-plants').textContent()).toContain('Lakeside Water Authority');

  // Save the plant shown (the reference plant).
  await page.getByTestId('neo4j-save').click();
  await expect.poll(() => page.getByTestId('neo4j-status').textContent(), { timeout: 60_000 }).toMatch(/^Saved ref-brake-plant: /);
  expect(await page.getByTestId('neo4j-plants').textContent()).toContain('Auteva Brake Systems');

  // Server-side blast radius from the supplier.
  await page.getByTestId('neo4j-blast-plant').selectOption('ref-brake-plant');
  await page.getByTestId('neo4j-blast-from').fill('supplier-net');
  await page.getByTestId('neo4j-blast-run').click();
  await page.getByTestId('neo4j-blast-result').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('neo4j-blast-result').textContent()).toMatch(/^103 assets reachable/);
  await shot(page, '40-neo4j-dialog');

  // Open the water plant from Neo4j: it replaces the reference plant in the app.
  await page.getByTestId('neo4j-open-water-lakeside').click();
  await expect.poll(() => page.getByTestId('plant-name').textContent(), { timeout: 60_000 }).toContain('Lakeside Water Authority');
  expect(await page.getByTestId('asset-count').textContent()).toContain('34');
  expect(await page.locator('.topbar').textContent()).toContain('neo4j: water-lakeside');

  // And the reference plant, saved a moment ago, comes back whole.
  await page.getByTestId('neo4j-button').click();
  await page.getByTestId('neo4j-password').fill(NEO4J.password);
  await page.getByTestId('neo4j-connect').click();
  await page.getByTestId('neo4j-open-ref-brake-plant').click();
  await expect.poll(() => page.getByTestId('plant-name').textContent(), { timeout: 60_000 }).toContain('Auteva Brake Systems');
  expect(await page.getByTestId('asset-count').textContent()).toContain('110');
  await shot(page, '41-neo4j-opened');
  expect(health.errors).toEqual([]);
});
