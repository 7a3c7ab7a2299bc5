// Accessibility in real Chromium: axe-core (node_modules/axe-core, injected into the page) finds no
// serious or critical violation on the main view, with an asset selected, in the executive view and
// in the import dialog; the page has one h1 and no duplicated landmark; every dialog takes the
// focus when it opens, keeps it inside (Tab and Shift+Tab wrap), closes on Esc and gives the focus
// back to the control that opened it; a newly loaded plant opens on the Attack paths tab.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const app = useApp(baseUrl);
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now, one line each (empty: clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s), e.g. ${JSON.stringify(v.nodes[0]?.target)} ${v.nodes[0]?.failureSummary ?? ''}`);
}

/** Landmarks (explicit roles and the elements that carry them) and h1s visible to assistive technology. */
async function structure(page: Page): Promise<{ h1: number; landmarks: string[] }> {
  return page.evaluate(() => {
    const hidden = (el: Element) => !!el.closest('[aria-hidden="true"], [inert]');
    const h1 = Array.from(document.querySelectorAll('h1')).filter((h) => !hidden(h)).length;
    const sectioning = 'article, aside, main, nav, section';
    const landmarks: string[] = [];
    const implicit: Record<string, string> = { main: 'main', nav: 'navigation', aside: 'complementary', section: 'region' };
    const selector = 'main, nav, aside, header, footer, [role="main"], [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="region"], section[aria-label], section[aria-labelledby]';
    for (const el of Array.from(document.querySelectorAll(selector))) {
      if (hidden(el)) continue;
      const tag = el.tagName.toLowerCase();
      let role = el.getAttribute('role');
      if (!role) {
        if (tag === 'header') role = el.parentElement?.closest(sectioning) ? null : 'banner';
        else if (tag === 'footer') role = el.parentElement?.closest(sectioning) ? null : 'contentinfo';
        else role = implicit[tag] ?? null;
      }
      if (!role) continue;
      const name = el.getAttribute('aria-label') ?? (el.getAttribute('aria-labelledby') ? document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent : '') ?? '';
      landmarks.push(`${role}:${name}`);
    }
    return { h1, landmarks };
  });
}

function duplicates(list: readonly string[]): string[] {
  return list.filter((x, i) => list.indexOf(x) !== i);
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
const focusInside = (page: Page, testId: string) => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testId);

/**
 * Opens a dialog from the keyboard and checks it the way a keyboard user meets it: the focus moves
 * into it, 25 Tabs and 5 Shift+Tabs never leave it, Esc closes it, and the focus is back on the
 * control that opened it. `inside` runs while it is open.
 */
async function dialogKeyboard(openerTestId: string, dialogTestId: string, inside: () => Promise<void>): Promise<void> {
  const page = app.page;
  const opener = page.getByTestId(openerTestId);
  await opener.focus();
  await opener.press('Enter');
  await page.getByTestId(dialogTestId).waitFor();
  await inside();
  expect(await focusInside(page, dialogTestId), 'the dialog takes the focus').toBe(true);
  for (const [key, times] of [['Tab', 25], ['Shift+Tab', 5]] as const) {
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      expect(await focusInside(page, dialogTestId), `${key} ×${i + 1} stays in the dialog`).toBe(true);
    }
  }
  await page.keyboard.press('Escape');
  expect(await page.getByTestId(dialogTestId).count(), 'Esc closes the dialog').toBe(0);
  expect(await focusedTestId(page), 'the focus goes back to the opener').toBe(openerTestId);
}

describe('accessibility (axe-core: zero serious or critical violations)', () => {
  it('main view', async () => {
    await app.page.getByTestId('paths-panel').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(app.page)).toEqual([]);
    const s = await structure(app.page);
    expect(s.h1).toBe(1);
    expect(duplicates(s.landmarks)).toEqual([]);
  });

  it('with an asset selected', async () => {
    await app.page.getByTestId('asset-search').fill('historian');
    await app.page.getByTestId('asset-search').press('Enter');
    await app.page.getByTestId('asset-panel').locator('h2', { hasText: 'Process historian (PI Data Archive)' }).waitFor();
    await app.page.getByTestId('asset-panel').getByText('Attack edges', { exact: false }).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    expect(await seriousViolations(app.page)).toEqual([]);
    await shot(app.page, '71-a11y-asset-selected');
  });

  it('executive view: focus taken and kept inside, Esc closes it and gives the focus back; axe clean', async () => {
    await dialogKeyboard('executive-toggle', 'executive-view', async () => {
      await app.page.getByTestId('exec-story').waitFor({ timeout: 30_000 });
      expect(await seriousViolations(app.page)).toEqual([]);
      const s = await structure(app.page);
      expect(s.h1).toBe(1);
      expect(duplicates(s.landmarks)).toEqual([]);
    });
  });

  it('import dialog: focus taken and kept inside, Esc closes it and gives the focus back; axe clean', async () => {
    await dialogKeyboard('import-button', 'import-dialog', async () => {
      expect(await seriousViolations(app.page)).toEqual([]);
      await shot(app.page, '72-a11y-import-dialog');
    });
  });

  it('Neo4j dialog: the same', async () => {
    await dialogKeyboard('neo4j-button', 'neo4j-dialog', async () => {
      expect(await seriousViolations(app.page)).toEqual([]);
    });
  });

  it('a newly loaded plant opens on the Attack paths tab', async () => {
    await app.page.getByTestId('tab-remediation').click();
    await app.page.getByTestId('remediation-panel').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('file-input').setInputFiles('models/water-treatment.json');
    await app.page.waitForFunction(() => !document.querySelector('[data-testid="plant-name"]')?.textContent?.includes('Regensburg'), undefined, { timeout: 30_000 });
    await app.page.getByTestId('paths-panel').waitFor({ timeout: 30_000 });
    expect(await app.page.getByTestId('tab-paths').getAttribute('aria-selected')).toBe('true');
    expect(app.health.errors).toEqual([]);
  });
});
