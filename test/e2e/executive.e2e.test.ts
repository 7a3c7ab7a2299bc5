// The executive view in real Chromium: the reference plant's supplier breach told as a story with
// asset names, ending in lines stopped and euros; before/after; charts; the HTML report downloaded
// (self-contained, nothing remote) and the graph exported as SVG and PNG. Screenshots in test-results/e2e.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { PlantModel } from '../../src/model/schema';
import { ARTIFACTS, shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const reference = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
const names = new Map(reference.assets.map((a) => [a.id, a.name]));
/** Every model id that reads as an id (a hyphen or a digit: "c-005", "m-laptop", not the word "internet"): none may show in the view's text. */
const ids = [...reference.assets, ...reference.zones, ...reference.connections, ...(reference.trust ?? []), ...(reference.media ?? []), ...(reference.productionLines ?? [])]
  .map((x) => x.id)
  .filter((id) => /[-\d]/.test(id));
const namesOf = (text: string) => [...names.values(), ...(reference.media ?? []).flatMap((m) => (m.name ? [m.name] : []))].sort((a, b) => b.length - a.length).reduce((t, n) => t.split(n).join(' '), text);
const idsIn = (text: string) => ids.filter((id) => new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(namesOf(text)));

const app = useApp(baseUrl);

const text = async (testId: string) => (await app.page.getByTestId(testId).textContent()) ?? '';

describe('executive view', () => {
  it('tells the supplier breach story on the reference plant, ending in lines and euros', async () => {
    await app.page.getByTestId('executive-toggle').click();
    await app.page.getByTestId('executive-view').waitFor();
    await app.page.getByTestId('exec-story').waitFor({ timeout: 30_000 });
    // The default story is the top one (largest expected loss); pick the supplier.
    await app.page.getByTestId('exec-entry').selectOption('supplier-net');
    await app.page.waitForFunction(() => document.querySelector('[data-testid="exec-story"] h2')?.textContent?.includes('Tier-2 supplier network'), undefined, { timeout: 30_000 });
    const story = await text('exec-story');
    expect(story).toContain('If Tier-2 supplier network (castings) is breached');
    // Told as the supplier entry point's own profile, a cybercriminal (no supply-chain reach; custom
    // work at intermediate skill): through the portal and SAP into the MES.
    for (const id of ['supplier-portal', 'erp', 'mes']) {
      expect(story).toContain(names.get(id)!);
    }
    expect(await text('exec-attacker')).toBe('The breach story is told as a cybercriminal, the attacker profile of its entry point. Plant-wide figures with no attacker profile (every rule at its documented likelihood).');
    expect(await text('exec-ttc')).toMatch(/^A cybercriminal entering through Tier-2 supplier network \(castings\) reaches MES/);
    expect(story).toContain('Exploit Public-Facing Application');
    expect(await app.page.getByTestId('exec-step').count()).toBeGreaterThanOrEqual(3);
    // No step reads as bare ids.
    for (const s of await app.page.getByTestId('exec-step').allTextContents()) expect(s).not.toMatch(/\b(supplier-net|supplier-portal|ot-dc)\b/);
    expect(await text('impact-lines')).toBe('2 of 2');
    expect(await text('impact-hour')).toBe('€250,500');
    expect(await text('impact-day')).toBe('€6,012,000');
    expect(await text('impact-safety')).toMatch(/^Fatality possible/);
    expect(await text('kpi-risk')).toBe('€23,057,976');
    expect(await text('kpi-lines')).toBe('2 of 2');
    await shot(app.page, '30-executive-supplier-story');
    await app.page.getByTestId('exec-impact').scrollIntoViewIfNeeded();
    await shot(app.page, '30b-executive-supplier-impact');
  });

  it('shows before/after for the chosen number of fixes, and the charts', async () => {
    const ba = app.page.getByTestId('exec-before-after');
    await ba.waitFor();
    expect(await ba.textContent()).toMatch(/These 3 fixes costing €5,500 cut plant risk by \d+%/);
    await app.page.getByTestId('exec-steps').selectOption('5');
    await app.page.waitForFunction(() => /These 5 fixes costing €9,500/.test(document.querySelector('[data-testid="exec-before-after"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await ba.textContent()).toContain('€23,057,976 → €8,768,494');
    for (const id of ['exec-curve', 'exec-zones', 'exec-graph', 'exec-before-after-chart']) {
      expect(await app.page.locator(`[data-testid="${id}"] svg`).count()).toBe(1);
    }
    await app.page.getByTestId('exec-before-after').scrollIntoViewIfNeeded();
    await shot(app.page, '31-executive-before-after');
  });

  it('names assets, never model ids (the ids are in the tooltips); charts say their units', async () => {
    const body = (await app.page.getByTestId('executive-view').textContent()) ?? '';
    expect(idsIn(body)).toEqual([]);
    const changes = app.page.locator('[data-testid="exec-before-after"] .exec-changes li');
    expect(await changes.count()).toBe(5);
    for (const title of await changes.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) expect(title).toMatch(/^model ids?: \S+/);
    expect(await app.page.getByTestId('executive-view').textContent()).toMatch(/Vertical axis: plant risk in euros.*horizontal axis: money spent on the fixes, in euros/);
    expect(body).not.toMatch(/\(1 steps\)/);
  });

  it('exports a self-contained HTML report, and the graph as SVG and PNG', async () => {
    const [html] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-html').click()]);
    expect(html.suggestedFilename()).toBe('ref-brake-plant-executive-report.html');
    const file = `${ARTIFACTS}/executive-report.html`;
    await html.saveAs(file);
    const doc = readFileSync(file, 'utf8');
    expect(doc.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc).not.toMatch(/<script|https?:|\bsrc=|\bhref=|url\(/i);
    expect(doc).toContain('Breach story: Tier-2 supplier network (castings)');
    expect(doc).toContain('These 5 fixes costing €9,500');
    expect(await text('export-note')).toContain('HTML report downloaded');

    // PDF: browsers write PDF files only through the print dialog, and the view says so.
    await app.page.getByTestId('export-pdf').click();
    expect(await text('export-note')).toMatch(/^The print dialog opens: choose “Save as PDF”/);
    expect(await text('export-note')).not.toContain('HTML report downloaded');

    const [svg] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-svg').click()]);
    expect(svg.suggestedFilename()).toBe('ref-brake-plant-breach-path.svg');
    await svg.saveAs(`${ARTIFACTS}/executive-breach-path.svg`);
    const svgText = readFileSync(`${ARTIFACTS}/executive-breach-path.svg`, 'utf8');
    expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svgText).toContain('data-layer="breach-path"');

    const [png] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('export-png').click()]);
    await png.saveAs(`${ARTIFACTS}/executive-breach-path.png`);
    const bytes = readFileSync(`${ARTIFACTS}/executive-breach-path.png`);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('the downloaded report renders offline with nothing requested', async () => {
    const report = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    report.on('request', (r) => requests.push(r.url()));
    await report.setContent(readFileSync(`${ARTIFACTS}/executive-report.html`, 'utf8'), { waitUntil: 'load' });
    expect(requests).toEqual([]);
    expect(await report.locator('li.story-step').count()).toBeGreaterThanOrEqual(3);
    await report.screenshot({ path: `${ARTIFACTS}/32-executive-report-html.png`, fullPage: false });
    await report.close();
  });

  it('closes back to the analyst workspace', async () => {
    await app.page.getByTestId('exec-close').click();
    expect(await app.page.getByTestId('executive-view').count()).toBe(0);
    expect(await app.page.getByTestId('plant-risk').textContent()).toBe('€23,057,976');
    expect(app.health.errors).toEqual([]);
  });

  it('with a what-if scenario active: the KPI cards say they are the baseline’s and give the scenario’s beside them', async () => {
    await app.page.getByTestId('tab-remediation').click();
    await app.page.getByTestId('apply-step').first().click();
    await app.page.getByTestId('scenario-badge').waitFor({ timeout: 30_000 });
    await app.page.waitForFunction(() => document.querySelector('[data-testid="plant-risk"]')?.textContent !== '€23,057,976', undefined, { timeout: 30_000 });
    const scenarioRisk = (await app.page.getByTestId('plant-risk').textContent()) ?? '';
    await app.page.getByTestId('executive-toggle').click();
    await app.page.getByTestId('exec-baseline').waitFor({ timeout: 30_000 });
    expect(await text('exec-baseline')).toMatch(/^Figures for the plant as modelled \(baseline\); the what-if scenario “.+” shown in the app/);
    expect(await text('kpi-risk')).toBe('€23,057,976');
    expect(await text('kpi-risk-scenario')).toMatch(new RegExp(`^what-if “.+”: ${scenarioRisk.replace(/[€,]/g, (c) => `\\${c}`)}$`));
    expect(await app.page.locator('.exec-kpi .l').first().textContent()).toBe('Plant risk · baseline');
    await shot(app.page, '33-executive-scenario-kpis');
    await app.page.keyboard.press('Escape');
    expect(await app.page.getByTestId('executive-view').count()).toBe(0);
    expect(app.health.errors).toEqual([]);
  });
});
