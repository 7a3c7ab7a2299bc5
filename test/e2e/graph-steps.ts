// Steps in the app that the graph's browser test and the screenshot script (scripts/screenshots.ts)
// both take: waiting for a scene of the graph to be drawn, making a twin from a packet capture.
import type { Page } from 'playwright-core';

/** Waits until the graph has drawn the scene to its last edge and its page layers have followed. */
export async function graphDrawn(page: Page, scene: 'plant' | 'chokepoints' = 'plant'): Promise<void> {
  await page.waitForSelector(`[data-testid="graph-view"][data-drawn="true"][data-scene="${scene}"]`, { timeout: 120_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Imports a capture file and creates the twin it shows; resolves once the twin is the plant shown and drawn. */
export async function twinFromCapture(page: Page, file: string, plantName: string): Promise<void> {
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-dialog').waitFor();
  await page.getByTestId('import-tab-capture').click();
  await page.getByTestId('capture-input').setInputFiles(file);
  await page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
  await page.getByTestId('capture-create').click();
  await page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
  await page.waitForFunction((n) => document.querySelector('[data-testid="plant-name"]')?.textContent === n, plantName, { timeout: 60_000 });
  await graphDrawn(page);
}
