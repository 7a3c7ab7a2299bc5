// The architect's workflows in real Chromium (#17): the path finder (supplier → historian with From
// and To), the default path list filtered, removing the OT domain's hold on the MES (trust t-13) and
// reading the diff (re-routed paths by asset names, beside the asset being edited), a change that
// moves no money saying why, a business-required connection explaining why it cannot be cut, a laptop
// "also plugged into" a PLC, named scenarios side by side; then a twin made from a capture completed
// with suggested entry points and crown jewels (paths and the executive story appear), reopened after
// a reload, and listed among the recent plants. Every expected figure is computed here in Node with the
// same pure functions, never written down.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { attackPaths } from '../../src/analysis/attack-paths';
import { buildContext } from '../../src/analysis/context';
import { scenarioReport } from '../../src/analysis/diff';
import { suggestMarks } from '../../src/analysis/mark-suggestions';
import { riskReport } from '../../src/analysis/risk';
import { applyEdits, type ScenarioEdit } from '../../src/analysis/scenario';
import { captureToModel, importCaptureBytes } from '../../src/import/pcap/index';
import { parseModelText } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { formatLikelihood as pct, formatMoney as money } from '../../src/report/format';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const reference: PlantModel = parsed.model;
const name = (m: PlantModel, id: string) => m.assets.find((a) => a.id === id)!.name;
function applied(base: PlantModel, edits: ScenarioEdit[]): PlantModel {
  const r = applyEdits(base, edits);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
  return r.model;
}

const app = useApp(baseUrl);

async function text(testId: string): Promise<string> {
  return (await app.page.getByTestId(testId).textContent()) ?? '';
}

async function select(id: string): Promise<void> {
  await app.page.getByTestId('asset-search').fill(id);
  await app.page.getByTestId('asset-search').press('Enter');
  await app.page.getByTestId('asset-panel').locator('h2').filter({ hasText: name(reference, id) }).waitFor({ timeout: 30_000 });
}

describe('the path finder', () => {
  it('finds the three most likely supplier → historian paths with From and To', async () => {
    await app.page.getByTestId('path-item').first().waitFor({ timeout: 60_000 });
    await app.page.getByTestId('finder-from').fill('supplier');
    const fromOptions = app.page.getByTestId('finder-from-options');
    // The worker searches as the analyst types: the matches come after "Searching…".
    await fromOptions.getByRole('option').nth(1).waitFor({ timeout: 10_000 });
    // The entry point comes first among the matches, with its kind, zone and role.
    expect(await fromOptions.getByRole('option').nth(1).textContent()).toContain(`${name(reference, 'supplier-net')} supplier · Internet and third parties · entry point`);
    await shot(app.page, '70-finder-suggestions');
    await fromOptions.getByRole('option').nth(1).click();
    // By keyboard: the crown jewel is the first match (highlighted), Enter takes it — even when
    // pressed before the worker's answer is in (it is taken when it comes).
    await app.page.getByTestId('finder-to').fill('histor');
    await app.page.getByTestId('finder-to').press('Enter');
    await app.page.waitForFunction((want) => (document.querySelector('[data-testid="finder-to"]') as HTMLInputElement).value === want, name(reference, 'historian'), { timeout: 10_000 });
    await app.page.getByTestId('finder-to').fill('histor');
    await app.page.getByTestId('finder-to-options').getByRole('option').nth(1).waitFor({ timeout: 10_000 });
    expect(await app.page.getByTestId('finder-to-options').getByRole('option', { selected: true }).textContent()).toContain(name(reference, 'historian'));
    await app.page.getByTestId('finder-to').press('Enter');
    expect(await app.page.getByTestId('finder-to').inputValue()).toBe(name(reference, 'historian'));
    await app.page.getByTestId('finder-k').fill('3');
    await app.page.getByTestId('finder-find').click();
    await app.page.getByTestId('found-head').waitFor({ timeout: 30_000 });
    const expected = attackPaths(buildContext(reference), { from: ['supplier-net'], to: ['historian'], k: 3 });
    expect(await text('found-head')).toContain(`The 3 most likely paths from ${name(reference, 'supplier-net')} to ${name(reference, 'historian')}: 3 found`);
    const items = app.page.getByTestId('path-item');
    expect(await items.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const row = (await items.nth(i).textContent()) ?? '';
      expect(row).toContain(pct(expected[i]!.likelihood));
      // Each row spells its route by asset names.
      expect(row).toContain(expected[i]!.edges.map((e) => e.toName).join(' → '));
    }
    await items.first().click();
    await app.page.getByTestId('path-steps').waitFor();
    expect(await app.page.getByTestId('path-steps').locator(':scope > li').count()).toBe(expected[0]!.edges.length);
    await shot(app.page, '71-finder-supplier-historian');
    await app.page.getByTestId('found-clear').click();
  });

  it('filters the list of every pair by entry point and least likelihood, no cap', async () => {
    const all = attackPaths(buildContext(reference));
    await app.page.getByTestId('paths-count').waitFor();
    expect(await text('paths-count')).toBe(`${all.length} paths`);
    await app.page.getByTestId('filter-entry').selectOption('supplier-net');
    await app.page.getByTestId('filter-min').fill('21');
    const kept = all.filter((p) => p.from === 'supplier-net' && p.likelihood >= 0.21);
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="paths-count"]')?.textContent === want, `${kept.length} of ${all.length} paths`);
    expect(await app.page.getByTestId('path-item').count()).toBe(kept.length);
    await shot(app.page, '72-paths-filtered');
    await app.page.getByTestId('filter-entry').selectOption('');
    await app.page.getByTestId('filter-min').fill('');
  });
});

describe('edits and the readable diff', () => {
  const t13: ScenarioEdit = { kind: 'remove-trust', trust: 't-13', cost: 1000 };
  const report = scenarioReport(buildContext(reference), buildContext(applied(reference, [t13])), [t13]);

  it('removing the OT domain’s hold on the MES (t-13) names the re-routed paths, beside the asset and in the what-if tab', async () => {
    await select('mes');
    await app.page.getByTestId('remove-trust-t-13').click();
    const strip = app.page.getByTestId('diff-strip');
    await strip.waitFor({ timeout: 30_000 });
    const delta = report.diff.risk.delta;
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="strip-last"]')?.textContent?.includes(want), `−${money(-delta)}`, { timeout: 30_000 });
    expect(await strip.textContent()).toContain(`${report.routes.counts['re-routed']} pairs re-routed`);
    await shot(app.page, '73-strip-beside-asset');
    await app.page.getByTestId('tab-whatif').click();
    await app.page.getByTestId('route-changes').waitFor({ timeout: 30_000 });
    const rerouted = report.routes.changes.filter((c) => c.kind === 're-routed');
    const lines = await app.page.getByTestId('route-change').allTextContents();
    expect(lines.filter((l) => l.startsWith('Re-routed:'))).toHaveLength(rerouted.length);
    for (const c of rerouted) {
      const line = lines.find((l) => l.startsWith(`Re-routed: ${c.entryName} → ${c.jewelName},`));
      expect(line, `${c.entry} → ${c.jewel}`).toBeDefined();
      expect(line).toContain(`now: ${c.after!.names.join(' → ')}`);
      expect(line).toContain(`was: ${c.before!.names.join(' → ')}`);
    }
    // No pair is called new: the raw count of new paths is there, in small print.
    expect(lines.some((l) => l.startsWith('New:'))).toBe(false);
    expect(await text('diff')).toContain(`${report.diff.newPaths.length} appeared`);
    await shot(app.page, '74-diff-rerouted');
  });

  it('an edit that moves no money says why: removing the AD trust once the MES membership is gone', async () => {
    await select('ot-dc');
    await app.page.getByTestId('remove-trust-t-20').click();
    await app.page.getByTestId('tab-whatif').click();
    const effect = app.page.getByTestId('last-edit-effect');
    await app.page.waitForFunction(() => document.querySelector('[data-testid="edits"]')?.querySelectorAll('li').length === 2, undefined, { timeout: 30_000 });
    await app.page.waitForFunction(() => document.querySelector('[data-testid="last-edit-effect"]')?.textContent === '±€0', undefined, { timeout: 30_000 });
    expect(await effect.textContent()).toBe('±€0');
    const t20: ScenarioEdit = { kind: 'remove-trust', trust: 't-20', cost: 1000 };
    const before = buildContext(applied(reference, [t13]));
    const after = buildContext(applied(reference, [t13, t20]));
    const reasons = scenarioReport(before, after, [t20]).whyUnchanged;
    const same = reasons.find((w) => w.kind === 'same-routes');
    if (same?.kind !== 'same-routes') throw new Error('expected the jewels to keep their routes');
    const why = (await app.page.getByTestId('edits').textContent()) ?? '';
    expect(why).toContain('Why ±€0:');
    expect(why).toContain(`${same.jewels} crown jewels keep their most likely path — none of them used what changed`);
    await shot(app.page, '75-why-zero');
  });

  it('a business-required connection says why it cannot be cut and offers what restricts it instead', async () => {
    const required = reference.connections.find((c) => c.id === 'c-120')!; // MES → Line A SCADA, recipes and orders
    expect(required.required).toBe(true);
    await select('mes');
    await app.page.getByTestId('asset-connections').scrollIntoViewIfNeeded();
    expect(await app.page.getByTestId(`cut-${required.id}`).isDisabled()).toBe(true);
    await app.page.getByTestId(`why-required-${required.id}`).click();
    const note = app.page.getByTestId('required-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('required by the business');
    expect(await note.getByTestId('required-dpi').textContent()).toBe(`DPI on ${name(reference, required.via!)}`);
    await shot(app.page, '76-required-connection');
    await note.getByTestId('required-dpi').click();
    await app.page.getByTestId('tab-whatif').click();
    await app.page.getByTestId('edits').getByText(`Add dpi-firewall to ${name(reference, required.via!)}`).waitFor({ timeout: 30_000 });
  });

  it('adds a media path: the maintenance laptop is also plugged into the leak-test PLC', async () => {
    await select('maint-laptop');
    await app.page.getByTestId('media-to').scrollIntoViewIfNeeded();
    await app.page.getByTestId('media-to').fill(name(reference, 'plc-a3'));
    await app.page.getByTestId('media-add').click();
    await app.page.getByTestId('tab-whatif').click();
    await app.page.getByTestId('edits').getByText(`Add transient laptop path ${name(reference, 'maint-laptop')} → ${name(reference, 'plc-a3')}`).waitFor({ timeout: 30_000 });
  });

  it('adds a conduit from the asset’s zone: corporate network straight to site operations, through the OT core firewall', async () => {
    await select('ws-quality');
    await app.page.getByTestId('add-conduit').scrollIntoViewIfNeeded();
    const corp = reference.zones.find((z) => z.id === 'z-corp')!;
    const ops = reference.zones.find((z) => z.id === 'z-ops')!;
    await app.page.getByTestId('add-conduit-zone').selectOption(ops.id);
    await app.page.getByTestId('add-conduit-via').selectOption('fw-ot-core');
    await app.page.getByTestId('add-conduit').getByRole('button', { name: 'Add' }).click();
    await app.page.getByTestId('tab-whatif').click();
    await app.page.getByTestId('edits').getByText(`Add a conduit between ${corp.name} and ${ops.name} via ${name(reference, 'fw-ot-core')}`).waitFor({ timeout: 30_000 });
  });

  it('compares named scenarios side by side with the baseline: risk, change and cost', async () => {
    await app.page.getByTestId('scenario-name').fill('A: domain hygiene');
    await app.page.getByTestId('scenario-new').click();
    await app.page.getByTestId('scenario-name').fill('B: patch the supplier portal');
    const patches: ScenarioEdit[] = reference.assets.find((a) => a.id === 'supplier-portal')!.vulnerabilities!.map((v) => ({ kind: 'patch-cve', asset: 'supplier-portal', cve: v.cve, cost: 1500 }));
    await select('supplier-portal');
    for (let i = 0; i < patches.length; i++) await app.page.getByRole('button', { name: 'Mark patched' }).first().click();
    await app.page.getByTestId('tab-whatif').click();
    await app.page.waitForFunction((n) => document.querySelector('[data-testid="edits"]')?.querySelectorAll('li').length === n, patches.length, { timeout: 30_000 });
    const rows = app.page.getByTestId('compare-row');
    await app.page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="compare-row"]')).every((r) => !r.textContent?.includes('…')), undefined, { timeout: 30_000 });
    expect(await rows.count()).toBe(3);
    const baseRisk = riskReport(buildContext(reference)).total;
    const bRisk = riskReport(buildContext(applied(reference, patches))).total;
    const all = await rows.allTextContents();
    expect(all[0]).toContain(money(baseRisk));
    expect(all[1]).toContain('B: patch the supplier portal shown');
    expect(all[1]).toContain(money(bRisk));
    expect(all[1]).toContain(money(1500 * patches.length));
    expect(all[2]).toContain('A: domain hygiene');
    await shot(app.page, '77-scenarios-side-by-side');
    // Back to A: its edits are the ones shown again.
    await app.page.getByTestId('compare-open').click();
    await app.page.waitForFunction(() => (document.querySelector('[data-testid="scenario-name"]') as HTMLInputElement | null)?.value === 'A: domain hygiene');
    expect(await app.page.getByTestId('edits').textContent()).toContain('Take out of the domain: MES');
    expect(app.health.errors).toEqual([]);
  });
});

describe('a twin made from a capture', () => {
  const twin = captureToModel(importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'))), { name: 'Observed network (ModbusTCP.pcap)' });
  const suggested = suggestMarks(twin);
  const entry = suggested.entries[0]!;
  const jewel = suggested.jewels[0]!;

  it('is offered its likely entry points and crown jewels; confirmed, it has paths and an executive story', async () => {
    // The capture dropped on the page opens the import dialog with it, read.
    await app.page.evaluate(
      ({ b64, file }) => {
        const data = new DataTransfer();
        data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], file));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { b64: readFileSync('test/fixtures/pcaps/ModbusTCP.pcap').toString('base64'), file: 'ModbusTCP.pcap' },
    );
    await app.page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
    await app.page.getByTestId('capture-create').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-name"]')?.textContent === want, twin.plant.name);
    const box = app.page.getByTestId('mark-suggestions');
    await box.getByTestId('suggest-mark').first().waitFor({ timeout: 60_000 });
    expect(await box.getByTestId('suggest-entries').textContent()).toContain(`${entry.name} — ${entry.reason}`);
    expect(await box.getByTestId('suggest-jewels').getByTestId('suggest-mark').count()).toBe(suggested.jewels.length);
    await shot(app.page, '78-capture-suggestions');
    await box.getByTestId('suggest-entries').getByTestId('suggest-mark').first().click();
    await box.getByTestId('suggest-downtime').fill('12000');
    await box.getByTestId('suggest-jewels').getByTestId('suggest-mark').first().click();
    const edits: ScenarioEdit[] = [entry.edit, { kind: 'mark-jewel', jewel: { asset: jewel.asset, impact: { downtimeCostPerHour: 12_000 } } }];
    const completed = buildContext(applied(twin, edits));
    const paths = attackPaths(completed);
    expect(paths.length).toBeGreaterThan(0);
    await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="path-item"]').length === n, paths.length, { timeout: 60_000 });
    const first = (await app.page.getByTestId('path-item').first().textContent()) ?? '';
    expect(first).toContain(pct(paths[0]!.likelihood));
    expect(first).toContain(`${entry.name} → ${jewel.name}`);
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-risk"]')?.textContent === want, money(riskReport(completed).total), { timeout: 30_000 });
    expect(await text('entry-count')).toBe('1');
    expect(await text('jewel-count')).toBe('1');
    await shot(app.page, '79-capture-marked-paths');
    await app.page.getByTestId('executive-toggle').click();
    const story = app.page.getByTestId('exec-story');
    await story.waitFor({ timeout: 60_000 });
    const told = (await story.textContent()) ?? '';
    expect(told).toContain(entry.name);
    expect(told).toContain(jewel.name);
    expect(await app.page.getByTestId('exec-step').count()).toBe(paths[0]!.edges.length);
    expect(await app.page.getByText('names no entry point').count()).toBe(0);
    await shot(app.page, '80-capture-executive-story');
    await app.page.getByTestId('exec-close').click();
    await app.page.getByTestId('executive-view').waitFor({ state: 'detached' });
  });

  it('comes back after a reload with its scenario, and stays among the recent plants', async () => {
    // The autosave is written when the edits change; the last open plant once it loaded.
    await app.page.waitForTimeout(500);
    await app.page.reload();
    await app.page.getByTestId('restore-offer').waitFor({ timeout: 30_000 });
    expect(await text('restore-text')).toContain(`Restore ${twin.plant.name} (capture: ModbusTCP.pcap,`);
    expect(await text('restore-text')).toContain('(2 edits)?');
    await shot(app.page, '81-restore-offer');
    await app.page.getByTestId('restore-accept').click();
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-name"]')?.textContent === want, twin.plant.name, { timeout: 60_000 });
    await app.page.getByTestId('scenario-badge').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('path-item').first().waitFor({ timeout: 60_000 });
    // The reference plant from the Open menu, then the twin again from its recent plants.
    await app.page.getByTestId('open-menu').click();
    await app.page.getByTestId('open-reference').click();
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-name"]')?.textContent === want, reference.plant.name, { timeout: 60_000 });
    await app.page.getByTestId('open-menu').click();
    const recent = app.page.getByTestId('recent-plant').filter({ hasText: twin.plant.name });
    await recent.waitFor();
    await shot(app.page, '82-open-menu-recent');
    await recent.click();
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-name"]')?.textContent === want, twin.plant.name, { timeout: 60_000 });
    await app.page.getByTestId('scenario-badge').getByText('(2 edits)').waitFor({ timeout: 30_000 });
    expect(app.health.errors).toEqual([]);
  });
});
