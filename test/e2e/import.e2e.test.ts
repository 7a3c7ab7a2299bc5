// Issue #8 in real Chromium: a packet capture becomes a twin (hosts, flows, role guesses) that the
// analysis runs on; a capture merged into the reference plant lists the flows seen but not modeled
// and the connections modeled but never seen; a CSV inventory imports (row-numbered errors first,
// then with its mapping); the reference plant is enriched with known CVEs at high confidence; a
// long capture read is cancelled. Every expected figure is computed here with the same pure
// functions in Node, never written down.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { blastRadius } from '../../src/analysis/blast';
import { buildContext } from '../../src/analysis/context';
import { findings } from '../../src/analysis/findings';
import { riskReport } from '../../src/analysis/risk';
import { ASSET_FIELDS, CONNECTION_FIELDS, formatCsvError, importCsv, parseMapping, previewCsv, suggestColumns } from '../../src/import/csv';
import { enrichModel } from '../../src/import/enrich';
import { parseKbText } from '../../src/import/kb';
import { CaptureReader, captureToModel, importCaptureBytes, mergeCapture } from '../../src/import/pcap/index';
import type { PlantModel } from '../../src/model/schema';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const PCAPS = 'test/fixtures/pcaps';
const REFERENCE = 'models/reference-plant.json';
const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as PlantModel;
const money = (x: number) => `€${Math.round(x).toLocaleString('en')}`;
const count = (n: number) => n.toLocaleString('en');

const app = useApp(baseUrl);

async function text(testId: string): Promise<string> {
  return (await app.page.getByTestId(testId).textContent()) ?? '';
}

async function waitText(testId: string, want: string, timeout = 60_000): Promise<void> {
  await app.page.waitForFunction(([id, w]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === w, [testId, want] as const, { timeout });
}

async function openReference(): Promise<void> {
  await app.page.getByTestId('file-input').setInputFiles(REFERENCE);
  await waitText('plant-name', reference.plant.name);
  await waitText('asset-count', count(reference.assets.length));
  await waitText('connection-count', count(reference.connections.length));
}

async function openImport(tab: 'capture' | 'csv' | 'enrich'): Promise<void> {
  await app.page.getByTestId('import-button').click();
  await app.page.getByTestId('import-dialog').waitFor();
  await app.page.getByTestId(`import-tab-${tab}`).click();
}

describe('import: packet capture → twin', () => {
  const bytes = new Uint8Array(readFileSync(`${PCAPS}/ModbusTCP.pcap`));
  const summary = importCaptureBytes('ModbusTCP.pcap', bytes);
  const hosts = summary.hosts.filter((h) => h.scope === 'unicast');

  it('reads the capture in the worker and shows hosts, flows and role guesses with evidence', async () => {
    await openImport('capture');
    await app.page.getByTestId('capture-input').setInputFiles(`${PCAPS}/ModbusTCP.pcap`);
    await app.page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
    expect(await text('capture-hosts')).toBe(count(hosts.length));
    expect(await text('capture-flows')).toBe(count(summary.flows.length));
    expect(await text('capture-packets')).toBe(count(summary.counts.packets));
    expect(await text('capture-decoded')).toBe(count(summary.counts.decoded));
    expect(await text('capture-skipped')).toBe(count(summary.counts.skipped));
    // Role guesses: the master polls every slave; the slaves are guessed PLCs, with evidence.
    const rows = app.page.getByTestId('capture-host');
    expect(await rows.count()).toBe(hosts.length);
    const roles = await app.page.getByTestId('capture-role').allTextContents();
    expect(roles).toEqual(hosts.map((h) => (h.roles.length ? h.roles.map((r) => r.role).join(', ') : '—')));
    const plcs = hosts.filter((h) => h.roles[0]?.role === 'plc');
    expect(plcs.length).toBeGreaterThan(0);
    expect(roles.filter((r) => r.startsWith('plc')).length).toBe(plcs.length);
    const master = hosts.find((h) => h.roles[0]?.evidence.some((e) => /master/i.test(e)))!;
    expect(master).toBeDefined();
    const masterRow = rows.filter({ hasText: master.key }).first();
    expect(await masterRow.textContent()).toContain(master.roles[0]!.evidence[0]!);
    expect(await app.page.getByTestId('capture-flow').count()).toBe(summary.flows.length);
    expect(await text('capture-protocols')).toContain('Modbus/TCP');
    await shot(app.page, '50-capture-summary');
  });

  it('creates a twin from the capture that loads and is analyzed', async () => {
    const twin = captureToModel(summary, { name: 'Observed network (ModbusTCP.pcap)' });
    await app.page.getByTestId('capture-create').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await waitText('plant-name', twin.plant.name);
    expect(await text('asset-count')).toBe(count(hosts.length));
    expect(await text('connection-count')).toBe(count(twin.connections.length));
    expect(await text('observed-legend')).toContain(`${count(twin.connections.length)} seen`);
    // The analysis ran on it: plant risk, 62443 findings and the blast radius of the master are
    // those of the same model in Node (a capture names no entry points or crown jewels, so the
    // blast radius is the telling one).
    const ctx = buildContext(twin);
    await waitText('plant-risk', money(riskReport(ctx).total));
    await app.page.getByTestId('tab-findings').click();
    await app.page.getByTestId('findings-panel').waitFor({ timeout: 60_000 });
    expect(await app.page.getByTestId('finding').count()).toBe(findings(twin).length);
    const master = twin.assets.find((a) => a.tags?.includes('role-guess:hmi'))!;
    const reach = blastRadius(ctx, [master.id]).reached.count;
    expect(reach).toBeGreaterThan(1);
    await app.page.getByTestId('asset-search').fill(master.id);
    await app.page.getByTestId('asset-search').press('Enter');
    await app.page.getByTestId('tab-blast').click();
    await app.page.getByTestId('blast-panel').getByText(`From ${master.name}: ${reach} assets reachable`).waitFor({ timeout: 60_000 });
    expect(await app.page.getByTestId('asset-connections').getByTestId('conn-observed').count()).toBe(twin.connections.filter((c) => c.from === master.id || c.to === master.id).length);
    await shot(app.page, '51-capture-twin');
    await app.page.getByTestId('tab-paths').click();
  });
});

describe('import: capture merged into the reference plant', () => {
  const summary = importCaptureBytes('modbus_test.pcap', new Uint8Array(readFileSync(`${PCAPS}/modbus_test.pcap`)));
  const merged = mergeCapture(reference, summary);

  it('lists flows seen but not modeled and connections modeled but never seen', async () => {
    await openReference();
    await openImport('capture');
    await app.page.getByTestId('capture-input').setInputFiles(`${PCAPS}/modbus_test.pcap`);
    await app.page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
    await app.page.getByTestId('capture-merge').click();
    await app.page.getByTestId('merge-result').waitFor({ timeout: 60_000 });
    // The reference plant records no addresses: no capture host matches an asset, every flow is a
    // shadow flow between new assets, and every modeled connection goes unseen.
    expect(merged.hostsMatched).toEqual([]);
    expect(merged.shadow.length).toBeGreaterThan(0);
    expect(await text('merge-shadow-count')).toBe(count(merged.shadow.length));
    expect(await text('merge-unseen-count')).toBe(count(merged.unseen.length));
    expect(await app.page.getByTestId('merge-shadow').locator('li').count()).toBe(merged.shadow.length);
    expect(await app.page.getByTestId('merge-unseen').locator('li').count()).toBe(Math.min(300, merged.unseen.length));
    const first = merged.shadow[0]!;
    expect(await app.page.getByTestId('merge-shadow').locator('li').first().textContent()).toContain(`${first.from} → ${first.to}`);
    await shot(app.page, '52-merge-lists');
  });

  it('loads the merged plant: shadow connections marked in the graph legend and the asset panel', async () => {
    await app.page.getByTestId('merge-load').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await waitText('asset-count', count(merged.model.assets.length));
    expect(await text('connection-count')).toBe(count(merged.model.connections.length));
    const legend = await text('observed-legend');
    expect(legend).toContain(`${count(merged.shadow.length)} seen, not modeled`);
    expect(legend).toContain(`${count(merged.unseen.length)} modeled, never seen`);
    await waitText('plant-risk', money(riskReport(buildContext(merged.model)).total));
    // The PLC every shadow flow goes to: its connections are marked "seen, not modeled".
    const target = merged.shadow[0]!.to;
    await app.page.getByTestId('asset-search').fill(target);
    await app.page.getByTestId('asset-search').press('Enter');
    await app.page.getByTestId('asset-panel').waitFor();
    const toTarget = merged.shadow.filter((s) => s.to === target || s.from === target).length;
    expect(await app.page.getByTestId('asset-connections').getByTestId('conn-shadow').count()).toBe(toTarget);
    await shot(app.page, '53-merged-plant');
  });
});

describe('import: CSV inventory', () => {
  const assets = { name: 'inventory-assets.csv', text: readFileSync('models/examples/inventory-assets.csv', 'utf8') };
  const connections = { name: 'inventory-connections.csv', text: readFileSync('models/examples/inventory-connections.csv', 'utf8') };
  const header = (t: string) => {
    const p = previewCsv(t);
    if (p.kind !== 'ok') throw new Error('preview failed');
    return p.table.header;
  };
  const suggested = { assets: suggestColumns(header(assets.text), ASSET_FIELDS), connections: suggestColumns(header(connections.text), CONNECTION_FIELDS) };

  it('previews the files with suggested columns and lists row-numbered errors', async () => {
    const expected = importCsv(assets, connections, { assets: { columns: suggested.assets }, connections: { columns: suggested.connections } });
    expect(expected.kind).toBe('invalid');
    if (expected.kind !== 'invalid') return;
    await openImport('csv');
    await app.page.getByTestId('csv-assets-input').setInputFiles('models/examples/inventory-assets.csv');
    await app.page.getByTestId('csv-connections-input').setInputFiles('models/examples/inventory-connections.csv');
    await app.page.getByTestId('csv-connections-preview').waitFor();
    for (const [field, column] of Object.entries(suggested.assets)) expect(await app.page.getByTestId(`map-assets-${field}`).inputValue()).toBe(column);
    for (const [field, column] of Object.entries(suggested.connections)) expect(await app.page.getByTestId(`map-connections-${field}`).inputValue()).toBe(column);
    const previewRows = await app.page.getByTestId('csv-assets-preview').locator('tbody tr').count();
    const p = previewCsv(assets.text, { rows: 8 });
    expect(previewRows).toBe(p.kind === 'ok' ? p.table.records.length : -1);
    await app.page.getByTestId('csv-import').click();
    await app.page.getByTestId('import-errors').waitFor({ timeout: 60_000 });
    const shown = await app.page.getByTestId('import-errors').locator('li').allTextContents();
    expect(shown).toEqual(expected.errors.map(formatCsvError));
    expect(shown[0]).toMatch(/^inventory-connections\.csv row \d+ \(id=[^)]+\), column "Protocol": /);
    await shot(app.page, '54-csv-errors');
  });

  it('imports with the mapping file and loads the inventory', async () => {
    const mapping = parseMapping(readFileSync('models/examples/inventory-mapping.json', 'utf8'));
    if (mapping.kind !== 'ok') throw new Error('example mapping is invalid');
    const expected = importCsv(assets, connections, mapping.mapping);
    if (expected.kind !== 'ok') throw new Error('example inventory does not import');
    await app.page.getByTestId('csv-mapping-input').setInputFiles('models/examples/inventory-mapping.json');
    await app.page.getByTestId('csv-mapping-name').waitFor();
    expect(await app.page.getByTestId('map-assets-name').inputValue()).toBe(mapping.mapping.assets.columns.name);
    await shot(app.page, '55-csv-mapping');
    await app.page.getByTestId('csv-import').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await waitText('plant-name', expected.model.plant.name);
    expect(await text('asset-count')).toBe(count(expected.summary.assets));
    expect(await text('connection-count')).toBe(count(expected.summary.connections));
    expect(await text('entry-count')).toBe(count(expected.summary.entryPoints));
    await waitText('plant-risk', money(riskReport(buildContext(expected.model)).total));
  });
});

describe('import: CVE enrichment', () => {
  const kb = parseKbText(readFileSync('public/kb/twinpath-kb.json', 'utf8'));
  if (kb.kind !== 'ok') throw new Error(kb.errors.join('\n'));
  const expected = enrichModel(reference, kb.kb, { minConfidence: 'high' });

  it('enriches the reference plant at high confidence with the counts enrichModel gives', async () => {
    await openReference();
    await openImport('enrich');
    expect(await app.page.getByTestId('enrich-confidence').inputValue()).toBe('high');
    await app.page.getByTestId('enrich-run').click();
    await app.page.getByTestId('enrich-result').waitFor({ timeout: 90_000 });
    expect(await text('enrich-matches')).toBe(count(expected.summary.matches));
    expect(await text('enrich-attached')).toBe(count(expected.summary.attached));
    expect(await text('enrich-reported')).toBe(count(expected.summary.matches - expected.summary.attached));
    expect(expected.summary.attached).toBeGreaterThan(0);
    // Attached matches are listed first.
    const firstRow = app.page.getByTestId('enrich-row').first();
    expect(await firstRow.textContent()).toContain('attached');
    await shot(app.page, '56-enrich');
  });

  it('applies the enrichment: the enriched plant is loaded and analyzed', async () => {
    await app.page.getByTestId('enrich-apply').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await waitText('plant-risk', money(riskReport(buildContext(expected.model)).total));
    expect(await text('asset-count')).toBe(count(reference.assets.length));
    // An asset that received CVEs shows them.
    const m = expected.matches.find((x) => x.attached)!;
    await app.page.getByTestId('asset-search').fill(m.asset);
    await app.page.getByTestId('asset-search').press('Enter');
    await app.page.getByTestId('asset-panel').getByText(m.cve).first().waitFor();
    await shot(app.page, '57-enriched-plant');
  });
});

describe('import: cancel', () => {
  it('cancels a long capture read (the worker is ended) and reads the next capture', async () => {
    // A capture dropped on the app: ModbusTCP.pcap’s records 120 times over (~177 MB).
    const raw = readFileSync(`${PCAPS}/ModbusTCP.pcap`).toString('base64');
    await app.page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const parts: BlobPart[] = [bytes.subarray(0, 24)];
      for (let i = 0; i < 120; i++) parts.push(bytes.subarray(24));
      const dt = new DataTransfer();
      dt.items.add(new File(parts, 'long.pcap'));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, raw);
    await app.page.getByTestId('import-dialog').waitFor();
    await app.page.getByTestId('import-progress').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('import-cancel').click();
    await app.page.getByTestId('import-notice').waitFor();
    expect(await text('import-notice')).toContain('cancelled');
    expect(await app.page.getByTestId('import-busy').count()).toBe(0);
    expect(await app.page.getByTestId('capture-summary').count()).toBe(0);
    await shot(app.page, '58-capture-cancelled');
    // A new worker reads the next capture.
    const summary = importCaptureBytes('dnp3.pcap', new Uint8Array(readFileSync(`${PCAPS}/dnp3.pcap`)));
    await app.page.getByTestId('capture-input').setInputFiles(`${PCAPS}/dnp3.pcap`);
    await app.page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
    expect(await text('capture-flows')).toBe(count(summary.flows.length));
    // A file that is no capture is named with the reason, as the reader gives it.
    const junk = Buffer.from('Asset ID;Hostname\nplc-1;PLC\n');
    const reader = new CaptureReader({ name: 'inventory.pcap' });
    reader.push(new Uint8Array(junk));
    reader.finish();
    expect(reader.failure).toBeDefined();
    await app.page.getByTestId('capture-input').setInputFiles({ name: 'inventory.pcap', mimeType: 'application/octet-stream', buffer: junk });
    await app.page.getByTestId('capture-failures').waitFor({ timeout: 60_000 });
    expect(await text('capture-failures')).toBe(reader.failure);
    expect(await app.page.getByTestId('capture-create').count()).toBe(0);
    await app.page.getByTestId('import-close').click();
    expect(app.health.errors).toEqual([]);
  });
});
