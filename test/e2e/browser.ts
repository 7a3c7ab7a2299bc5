// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = 'test-results/e2e';

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
  });
}

/** Collects page errors and failed requests so a test can assert the page stayed healthy. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** A browser with the app open at 1366×768 and the reference plant shown. */
export async function openApp(baseUrl: string): Promise<{ browser: Browser; page: Page; health: { errors: string[] } }> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const health = watchPage(page);
  await page.goto(baseUrl);
  await page.getByTestId('plant-name').waitFor({ timeout: 30_000 });
  return { browser, page, health };
}

/**
 * The app open for a whole test file (openApp in beforeAll, the browser closed in afterAll). Read
 * app.page, app.health and app.browser inside tests: they are set once beforeAll has run.
 */
export function useApp(baseUrl: string): { browser: Browser; page: Page; health: { errors: string[] } } {
  const app = {} as { browser: Browser; page: Page; health: { errors: string[] } };
  beforeAll(async () => {
    Object.assign(app, await openApp(baseUrl));
  });
  afterAll(async () => {
    await app.browser?.close();
  });
  return app;
}

/** Starts counting the page's main-thread long tasks (their durations, ms) from now on; restarts the count if called again. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTasks = [];
    if (w.__longTaskObserver) return;
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    w.__longTaskObserver.observe({ type: 'longtask', buffered: false });
  });
}

/** The long tasks counted since watchLongTasks. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}
