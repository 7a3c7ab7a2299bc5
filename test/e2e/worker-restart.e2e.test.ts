// Issue #14 in real Chromium: with a what-if scenario active, Cancel ends the analysis worker in
// the middle of the remediation plan; the worker that starts next must hold the plant *and* the
// scenario. Every tab computed afterwards must read exactly as in a second, fresh page that opened
// the changed model directly, and the executive view must still set the scenario against the
// baseline. Expected figures come from the same pure functions in Node.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { buildContext } from '../../src/analysis/context';
import { riskReport } from '../../src/analysis/risk';
import { applyEdits, type ScenarioEdit } from '../../src/analysis/scenario';
import { parseModelText } from '../../src/model/parse';
import { serializeModel } from '../../src/model/serialize';
import { shot, useApp, watchPage } from './browser';

const baseUrl = inject('baseUrl');
const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const reference = parsed.model;
const laptopToDc = reference.connections.find((c) => c.from === 'maint-laptop' && c.to === 'ot-dc')!.id;
const portalCves = reference.assets.find((a) => a.id === 'supplier-portal')!.vulnerabilities!.map((v) => v.cve);
// The edits made through the asset panel below, in the same order.
const edits: ScenarioEdit[] = [
  { kind: 'remove-connection', connection: laptopToDc, cost: 0 },
  ...portalCves.map((cve): ScenarioEdit => ({ kind: 'patch-cve', asset: 'supplier-portal', cve, cost: 0 })),
  { kind: 'add-control', asset: 'ra-gw', control: 'mfa', cost: 0 },
];
const applied = applyEdits(reference, edits);
if (applied.kind !== 'ok') throw new Error('scenario does not apply');
const changed = applied.model;
const money = (x: number) => `€${Math.round(x).toLocaleString('en')}`;
const scenarioRisk = money(riskReport(buildContext(changed)).total);
const baselineRisk = money(riskReport(buildContext(reference)).total);

const app = useApp(baseUrl);

async function waitText(page: Page, testId: string, want: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(([id, w]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === w, [testId, want] as const, { timeout });
}

async function selectAsset(page: Page, id: string, name: string): Promise<void> {
  await page.getByTestId('asset-search').fill(id);
  await page.getByTestId('asset-search').press('Enter');
  await page.getByTestId('asset-panel').locator('h2', { hasText: name }).waitFor();
}

/**
 * The text of the asset panel of the supplier network (its attack edges) and of every analysis tab
 * (remediation, chokepoints, findings, its blast radius, paths), each computed now.
 */
async function tabTexts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await selectAsset(page, 'supplier-net', 'Tier-2 supplier network (castings)');
  await page.getByTestId('asset-panel').getByText('Attack edges out').waitFor({ timeout: 60_000 });
  // The panel as the asset reads, without the what-if strip above it (a fresh load of the changed
  // model has no scenario to show there).
  out.asset = await page.getByTestId('asset-panel').evaluate((panel) => {
    const copy = panel.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-testid="diff-strip"]')?.remove();
    return copy.textContent ?? '';
  });
  for (const [tab, panel] of [
    ['remediation', 'remediation-panel'],
    ['chokepoints', 'chokepoints-panel'],
    ['findings', 'findings-panel'],
    ['blast', 'blast-panel'],
    ['paths', 'paths-panel'],
  ] as const) {
    await page.getByTestId(`tab-${tab}`).click();
    if (tab === 'blast') await page.getByTestId('blast-panel').getByText('assets reachable').waitFor({ timeout: 60_000 });
    else await page.getByTestId(panel).waitFor({ timeout: 60_000 });
    out[tab] = (await page.getByTestId(panel).textContent()) ?? '';
  }
  return out;
}

describe('a what-if scenario across Cancel', () => {
  it('after Cancel in the middle of the remediation plan, every tab reads as a fresh load of the changed model', async () => {
    const page = app.page;
    await waitText(page, 'plant-risk', baselineRisk);
    // The scenario, through the asset panel: cut the laptop's link to the OT DC, patch the
    // supplier portal's three CVEs, add MFA to the vendor remote-access gateway.
    await selectAsset(page, 'maint-laptop', 'Maintenance laptop (transient)');
    await page.getByTestId(`cut-${laptopToDc}`).click();
    await selectAsset(page, 'supplier-portal', 'Supplier portal (ASN, certificates)');
    const patch = page.getByTestId('asset-panel').getByRole('button', { name: 'Mark patched' });
    for (let left = portalCves.length; left > 0; left--) {
      await patch.first().click();
      await page.waitForFunction((n) => Array.from(document.querySelectorAll('[data-testid="asset-panel"] button')).filter((b) => b.textContent === 'Mark patched').length === n, left - 1);
    }
    await selectAsset(page, 'ra-gw', 'Vendor remote-access gateway');
    await page.getByTestId('add-mfa').click();
    await page.getByTestId('scenario-badge').getByText(`(${edits.length} edits)`).waitFor({ timeout: 30_000 });
    await waitText(page, 'plant-risk', scenarioRisk);

    // Cancel the remediation plan while the worker computes it: the Cancel button is clicked the
    // moment the progress line shows.
    await page.evaluate(() => {
      const w = window as unknown as { cancelClicks: number };
      w.cancelClicks = 0;
      const observer = new MutationObserver(() => {
        const busy = document.querySelector('[data-testid="computing"]');
        if (!busy?.textContent?.includes('Planning remediation')) return;
        busy.querySelector('button')!.click();
        w.cancelClicks++;
        observer.disconnect();
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('tab-remediation').click();
    await page.waitForFunction(() => (window as unknown as { cancelClicks: number }).cancelClicks === 1);
    await page.getByTestId('computing').waitFor({ state: 'detached' });
    expect(await page.getByTestId('remediation-panel').count()).toBe(0); // it was cancelled, not finished
    await page.getByTestId('remediation-stopped').waitFor(); // and says so, with Plan again
    // The header still shows the scenario.
    expect(await page.getByTestId('scenario-badge').textContent()).toContain(`${edits.length} edits`);
    expect(await page.getByTestId('plant-risk').textContent()).toBe(scenarioRisk);

    // Every tab, computed by the restarted worker.
    await page.getByTestId('tab-paths').click();
    const afterCancel = await tabTexts(page);
    expect(afterCancel.remediation).toContain(`Risk ${scenarioRisk} →`);
    await shot(page, '62-after-cancel-scenario-kept');

    // The executive view still sets the scenario against the baseline.
    await page.getByTestId('executive-toggle').click();
    const scenarioPanel = page.getByTestId('exec-scenario');
    await scenarioPanel.waitFor({ timeout: 60_000 });
    expect(await scenarioPanel.textContent()).toContain('What-if scenario');
    await page.getByTestId('exec-close').click();

    // A fresh page (its own storage) that opens the changed model as a file.
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const fresh = await context.newPage();
      const health = watchPage(fresh);
      await fresh.goto(baseUrl);
      await waitText(fresh, 'plant-risk', baselineRisk);
      await fresh.getByTestId('file-input').setInputFiles({ name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(serializeModel(changed)) });
      await waitText(fresh, 'plant-source', ' · changed.json');
      await waitText(fresh, 'plant-risk', scenarioRisk);
      const direct = await tabTexts(fresh);
      expect(afterCancel).toEqual(direct);
      expect(health.errors).toEqual([]);
    } finally {
      await context.close();
    }
    expect(app.health.errors).toEqual([]);
  });
});
