// The analyst workspace in real Chromium: attack paths highlighted step by step, blast radius of
// the supplier entry point, chokepoints heat, the remediation plan and its curve.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, openApp, shot } from './browser';

const baseUrl = inject('baseUrl');
const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as { connections: { id: string; from: string; to: string }[] };
const laptopToDc = reference.connections.find((c) => c.from === 'maint-laptop' && c.to === 'ot-dc')!.id;
let browser: Browser;
let page: Page;
let health: { errors: string[] };

beforeAll(async () => {
  ({ browser, page, health } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('analyst workspace', () => {
  it('lists the most likely attack paths with the plant risk', async () => {
    await page.getByTestId('paths-panel').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="plant-risk"]')?.textContent?.startsWith('€'));
    expect(await page.getByTestId('plant-risk').textContent()).toBe('€23,057,976');
    expect(await page.getByTestId('path-item').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('path-item').first().textContent()).toContain('Maintenance laptop (transient) → Process historian');
  });

  it('highlights a selected path and explains every step', async () => {
    await page.getByTestId('path-item').nth(2).click();
    const steps = page.getByTestId('path-steps');
    await steps.waitFor();
    const text = (await steps.textContent()) ?? '';
    expect(text).toContain('Exploitation of Remote Services');
    expect(text).toContain('Valid Accounts');
    expect(text).toMatch(/CISA KEV/);
    // The path's nodes are drawn as on-path in cytoscape: read the classes from the running view.
    const highlighted = await page.evaluate(() => document.querySelectorAll('[data-testid="graph-view"] canvas').length);
    expect(highlighted).toBeGreaterThan(0);
    await shot(page, '10-path-highlighted');
  });

  it('shows the blast radius of the supplier entry point with business impact', async () => {
    await page.getByTestId('tab-blast').click();
    const panel = page.getByTestId('blast-panel');
    await panel.getByText('assets reachable').waitFor({ timeout: 30_000 });
    expect(await panel.textContent()).toContain('From Tier-2 supplier network (castings): 102 assets reachable');
    expect(await page.getByTestId('blast-lines').textContent()).toContain('Line A');
    expect(await panel.textContent()).toContain('fatality');
    await shot(page, '11-blast-supplier');
  });

  it('shows chokepoints as a heat map with the cut', async () => {
    await page.getByTestId('tab-chokepoints').click();
    const panel = page.getByTestId('chokepoints-panel');
    await panel.waitFor({ timeout: 30_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('No cut');
    expect(text).toContain('OT domain controller');
    await shot(page, '12-chokepoints');
  });

  it('shows the remediation plan and the risk curve', async () => {
    await page.getByTestId('tab-remediation').click();
    const panel = page.getByTestId('remediation-panel');
    await panel.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('plan-step').count()).toBe(10);
    expect(await page.getByTestId('risk-curve').locator('circle').count()).toBe(11);
    await shot(page, '13-remediation');
    expect(health.errors).toEqual([]);
  });

  it('lists the 62443 findings and shows their assets', async () => {
    await page.getByTestId('tab-findings').click();
    await page.getByTestId('findings-panel').waitFor({ timeout: 30_000 });
    const all = (await page.getByTestId('findings-panel').textContent()) ?? '';
    expect(all).toContain('L4 → L2 without the DMZ');
    expect(all).toContain('Dual-homed');
    expect(all).toContain('Remote access without MFA');
    expect(all).toContain('Safety system shares a zone with basic control');
    await page.getByTestId('finding').first().click();
    await shot(page, '14-findings');
  });

  it('a what-if that cuts a connection lowers risk in the diff; undo brings it back', async () => {
    await page.getByTestId('asset-search').fill('maint-laptop');
    await page.getByTestId('asset-search').press('Enter');
    await page.getByTestId('asset-panel').locator('h2', { hasText: 'Maintenance laptop (transient)' }).waitFor();
    await page.getByTestId(`cut-${laptopToDc}`).click();
    await page.getByTestId('tab-whatif').click();
    const delta = page.getByTestId('risk-delta');
    await delta.waitFor({ timeout: 30_000 });
    expect(await delta.textContent()).toMatch(/^\(−[\d,]+ €\)$/);
    expect(await page.getByTestId('edits').textContent()).toContain(laptopToDc);
    expect(await page.getByTestId('scenario-badge').textContent()).toContain('1 edit');
    expect(await page.getByTestId('connection-count').textContent()).toBe('235'); // the scenario's count
    await shot(page, '15-whatif-diff');
    await page.getByTestId('undo').click();
    await page.getByTestId('edits').waitFor({ state: 'detached' });
    expect(await page.getByTestId('scenario-badge').count()).toBe(0);
    await page.getByTestId('redo').click();
    await page.getByTestId('edits').waitFor();
    await page.getByTestId('scenario-badge').waitFor();
  });

  it('keeps the scenario across a reload (IndexedDB autosave)', async () => {
    await page.getByTestId('scenario-name').fill('Laptop off the OT domain');
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByTestId('scenario-badge').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('scenario-badge').textContent()).toContain('Laptop off the OT domain (1 edit)');
    await page.getByTestId('tab-whatif').click();
    expect(await page.getByTestId('edits').textContent()).toContain(laptopToDc);
    expect(await page.getByTestId('risk-delta').textContent()).toMatch(/^\(−/);
    await shot(page, '16-scenario-after-reload');
  });

  it('applies a remediation step to the scenario in one click', async () => {
    await page.getByTestId('tab-remediation').click();
    await page.getByTestId('remediation-panel').waitFor({ timeout: 60_000 });
    await page.getByTestId('apply-step').first().click();
    await page.getByTestId('tab-whatif').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="edits"] li').length === 2, undefined, { timeout: 30_000 });
    expect(health.errors).toEqual([]);
  });

  it('answers "what if we link the historian to the cloud?" in under a second, and exports the changed model', async () => {
    await page.getByTestId('tab-whatif').click();
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByTestId('edits').waitFor({ state: 'detached' });
    await page.getByTestId('asset-search').fill('historian');
    await page.getByTestId('asset-search').press('Enter');
    await page.getByTestId('asset-panel').locator('h2', { hasText: 'Process historian (PI Data Archive)' }).waitFor();
    await page.getByText('Change the architecture (what-if)').click();
    await page.getByTestId('link-to').fill('cloud-analytics');
    await page.getByTestId('link-protocol').selectOption('https');
    await page.getByLabel('both ways').check();
    const t0 = Date.now();
    await page.getByTestId('link-add').click();
    await page.waitForFunction(() => /^\(\+/.test(document.querySelector('[data-testid="risk-delta"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    const elapsed = Date.now() - t0;
    console.log(`what-if diff updated in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(1000);
    const diff = (await page.getByTestId('diff').textContent()) ?? '';
    expect(diff).toMatch(/\+ [\d.]+% cloud-analytics → historian/);
    await shot(page, '17-whatif-historian-cloud');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    const path = `${ARTIFACTS}/exported-scenario.json`;
    await download.saveAs(path);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { connections: { from: string; to: string; direction: string }[] };
    expect(exported.connections.some((c) => c.from === 'historian' && c.to === 'cloud-analytics' && c.direction === 'both')).toBe(true);
    expect(download.suggestedFilename()).toMatch(/^ref-brake-plant-.*\.json$/);
  });

  it('adds an asset in the scenario and connects it', async () => {
    await page.getByTestId('tab-whatif').click();
    await page.getByText('Add an asset').click();
    await page.getByTestId('new-asset-name').fill('Vendor cell router');
    await page.getByLabel('New asset kind').selectOption('router');
    await page.getByLabel('New asset zone').selectOption('z-a-sup');
    await page.getByTestId('new-asset-add').click();
    await page.getByTestId('edits').getByText('Add router Vendor cell router').waitFor();
    await page.getByTestId('asset-search').fill('Vendor cell router');
    await page.getByTestId('asset-search').press('Enter');
    await page.getByTestId('asset-panel').locator('h2', { hasText: 'Vendor cell router' }).waitFor({ timeout: 30_000 });
    await page.getByText('Change the architecture (what-if)').click();
    await page.getByTestId('link-to').fill('plc-a2');
    await page.getByTestId('link-protocol').selectOption('enip-cip');
    await page.getByTestId('link-add').click();
    await page.getByTestId('edits').getByText('Add connection what-if-vendor-cell-router → plc-a2 (enip-cip)').waitFor();
    expect(health.errors).toEqual([]);
  });
});
