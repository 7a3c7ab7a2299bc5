// The asset inventory the worker answers: every row against an independent computation (the risk
// report, the Attack paths list, the model's own records), sorting, filtering and paging against a
// plain sort and filter of all rows, the CSV read back, and the session method over a scenario.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { riskReport } from '../../../src/analysis/risk';
import { parseCsv } from '../../../src/import/csv';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import { createAnalysisSession } from '../../../src/session/analysis-session';
import { INVENTORY_CSV_HEADER, INVENTORY_SORT_KEYS, inventoryPage, MAX_INVENTORY_PAGE, type InventoryQuery, type InventoryRow } from '../../../src/session/inventory';

function load(file: string): PlantContext {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid`);
  return buildContext(r.model);
}

/** Every matched row of a query, through pages of `size`. */
function allRows(ctx: PlantContext, q: InventoryQuery, size = 37): InventoryRow[] {
  const out: InventoryRow[] = [];
  for (let offset = 0; ; offset += size) {
    const p = inventoryPage(ctx, { ...q, offset, limit: size });
    out.push(...p.rows);
    if (offset + size >= p.matched) return out;
  }
}

const ref = load('models/reference-plant.json');

describe('inventory rows of the reference plant', () => {
  const rows = allRows(ref, {});
  const byId = new Map(rows.map((r) => [r.id, r]));

  it('one row per asset', () => {
    expect(rows).toHaveLength(ref.model.assets.length);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ref.model.assets.map((a) => a.id)));
  });

  it('kind, zone, level, vendor/product/firmware, CVEs, KEV, controls and roles from the model', () => {
    const zones = new Map(ref.model.zones.map((z) => [z.id, z]));
    for (const a of ref.model.assets) {
      const r = byId.get(a.id)!;
      const open = (a.vulnerabilities ?? []).filter((v) => !v.patched);
      expect(r).toMatchObject({
        name: a.name, kind: a.kind, zone: a.zone, zoneName: zones.get(a.zone)!.name, level: zones.get(a.zone)!.purdueLevel,
        vendor: a.vendor ?? '', product: a.product ?? '', firmware: a.firmware ?? '',
        unpatched: open.length, kev: open.filter((v) => v.kev).length, controls: a.controls ?? [],
        entry: ref.model.entryPoints.some((e) => e.asset === a.id), jewel: ref.model.crownJewels.some((j) => j.asset === a.id),
      });
    }
    expect(rows.some((r) => r.kev > 0)).toBe(true);
  });

  it('attack paths through an asset: counted over the Attack paths list', () => {
    const count = new Map<string, number>();
    const paths = attackPaths(ref);
    for (const p of paths) for (const id of p.nodes) count.set(id, (count.get(id) ?? 0) + 1);
    for (const r of rows) expect(r.paths, r.id).toBe(count.get(r.id) ?? 0);
    expect(Math.max(...rows.map((r) => r.paths))).toBe(paths.length > 0 ? Math.max(...count.values()) : 0);
  });

  it('risk through an asset: Σ risk of the jewels whose most likely path (from any entry) passes it', () => {
    const risk = riskReport(ref);
    const through = new Map<string, number>();
    for (const j of risk.jewels) {
      if (!j.reachable) continue;
      // The most likely path to the jewel from any entry point: the best of the per-pair paths.
      const best = attackPaths(ref, { to: [j.asset] }).filter((p) => p.from !== p.to)[0];
      if (!best) continue;
      expect(best.likelihood).toBeCloseTo(j.likelihood, 12);
      for (const id of best.nodes) through.set(id, (through.get(id) ?? 0) + j.risk);
    }
    for (const r of rows) expect(r.risk, r.id).toBeCloseTo(through.get(r.id) ?? 0, 3);
    // Every jewel carries at least its own risk; the entry points together carry the plant's.
    for (const j of risk.jewels) expect(byId.get(j.asset)!.risk).toBeGreaterThanOrEqual(j.risk - 1e-6);
    const entries = rows.filter((r) => r.entry).reduce((s, r) => s + r.risk, 0);
    expect(entries).toBeCloseTo(risk.total, 3);
    expect(inventoryPage(ref).plantRisk).toBe(risk.total);
  });
});

describe('sorting, filtering and paging', () => {
  const all = allRows(ref, { sort: { key: 'name', dir: 'asc' } });
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

  it('defaults to risk, largest first', () => {
    const rows = allRows(ref, {});
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.risk).toBeLessThanOrEqual(rows[i - 1]!.risk);
  });

  it('every key in both directions: the same rows, ordered by the key (names break ties)', () => {
    const value: Record<(typeof INVENTORY_SORT_KEYS)[number], (r: InventoryRow) => string | number> = {
      name: (r) => r.name, kind: (r) => r.kind, zone: (r) => r.zoneName, level: (r) => r.level, vendor: (r) => r.vendor,
      unpatched: (r) => r.unpatched, kev: (r) => r.kev, controls: (r) => r.controls.length,
      role: (r) => (r.jewel ? 2 : 0) + (r.entry ? 1 : 0), risk: (r) => r.risk, paths: (r) => r.paths,
    };
    for (const key of INVENTORY_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const rows = allRows(ref, { sort: { key, dir } });
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(all.map((r) => r.id)));
        const v = value[key];
        for (let i = 1; i < rows.length; i++) {
          const a = v(rows[i - 1]!);
          const b = v(rows[i]!);
          // Blank vendors sort after named ones when ascending.
          if (key === 'vendor' && (a === '' || b === '')) {
            if (dir === 'asc') expect(a === '' && b !== '', `${key} ${dir} at ${i}`).toBe(false);
            continue;
          }
          const c = typeof a === 'number' ? a - (b as number) : key === 'zone' ? collator.compare(a, b as string) : collator.compare(a, b as string);
          expect(dir === 'asc' ? c <= 0 : c >= 0, `${key} ${dir} at ${i}: ${a} then ${b}`).toBe(true);
          if (c === 0 && key !== 'zone' && key !== 'vendor') expect(collator.compare(rows[i - 1]!.name, rows[i]!.name)).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('sorts names naturally: “PLC 2” before “PLC 10”', () => {
    const ctx = buildContext({ ...ref.model, assets: ref.model.assets.map((a, i) => (i < 3 ? { ...a, name: `Unit ${[10, 2, 1][i]}` } : a)) });
    const names = allRows(ctx, { sort: { key: 'name', dir: 'asc' }, filter: { text: 'unit ' } }).map((r) => r.name);
    expect(names).toEqual(['Unit 1', 'Unit 2', 'Unit 10']);
  });

  it('filters: text, kind, zone, level, role, KEV, on paths — the rows a plain filter keeps, in order', () => {
    const cases: { filter: InventoryQuery['filter']; keep: (r: InventoryRow) => boolean }[] = [
      { filter: { text: 'PLC' }, keep: (r) => [r.name, r.id, r.vendor, r.product, r.firmware, r.zoneName].some((s) => s.toLowerCase().includes('plc')) },
      { filter: { text: '  siemens ' }, keep: (r) => [r.name, r.id, r.vendor, r.product, r.firmware, r.zoneName].some((s) => s.toLowerCase().includes('siemens')) },
      { filter: { kind: 'hmi' }, keep: (r) => r.kind === 'hmi' },
      { filter: { zone: ref.model.zones[3]!.id }, keep: (r) => r.zone === ref.model.zones[3]!.id },
      { filter: { level: 3.5 }, keep: (r) => r.level === 3.5 },
      { filter: { role: 'jewel' }, keep: (r) => r.jewel },
      { filter: { role: 'entry' }, keep: (r) => r.entry },
      { filter: { kevOnly: true }, keep: (r) => r.kev > 0 },
      { filter: { onPathsOnly: true }, keep: (r) => r.paths > 0 },
      { filter: { kevOnly: true, level: 2 }, keep: (r) => r.kev > 0 && r.level === 2 },
      { filter: { text: 'no asset is called this' }, keep: () => false },
    ];
    for (const { filter, keep } of cases) {
      const want = all.filter(keep).map((r) => r.id);
      const page = inventoryPage(ref, { sort: { key: 'name', dir: 'asc' }, filter, limit: MAX_INVENTORY_PAGE });
      expect(page.rows.map((r) => r.id), JSON.stringify(filter)).toEqual(want);
      expect(page.matched).toBe(want.length);
      expect(page.total).toBe(ref.model.assets.length);
    }
    expect(all.filter((r) => r.kev > 0).length).toBeGreaterThan(0);
    expect(all.filter((r) => r.level === 3.5).length).toBeGreaterThan(0);
  });

  it('pages are slices of one order, the last one short; an offset past the end answers no row', () => {
    const whole = inventoryPage(ref, { limit: MAX_INVENTORY_PAGE }).rows.map((r) => r.id);
    for (const size of [1, 10, 50]) expect(allRows(ref, {}, size).map((r) => r.id)).toEqual(whole);
    const tail = inventoryPage(ref, { offset: whole.length - 3, limit: 10 });
    expect(tail.rows.map((r) => r.id)).toEqual(whole.slice(-3));
    expect(inventoryPage(ref, { offset: whole.length + 5 }).rows).toEqual([]);
  });

  it('refuses bad queries with a message naming the value', () => {
    expect(() => inventoryPage(ref, { limit: MAX_INVENTORY_PAGE + 1 })).toThrow(/limit must be an integer in 0\.\.1000, got 1001/);
    expect(() => inventoryPage(ref, { offset: -1 })).toThrow(/offset/);
    expect(() => inventoryPage(ref, { sort: { key: 'colour' as never, dir: 'asc' } })).toThrow(/sort key must be one of .*got "colour"/);
    expect(() => inventoryPage(ref, { sort: { key: 'name', dir: 'up' as never } })).toThrow(/direction/);
  });

  it('facets: every kind, zone and level present, with counts', () => {
    const f = inventoryPage(ref, { facets: true, limit: 0 }).facets!;
    expect(f.kinds.reduce((s, k) => s + k.count, 0)).toBe(ref.model.assets.length);
    expect(new Set(f.kinds.map((k) => k.kind))).toEqual(new Set(ref.model.assets.map((a) => a.kind)));
    expect(new Set(f.zones.map((z) => z.id))).toEqual(new Set(ref.model.assets.map((a) => a.zone)));
    expect(f.levels).toEqual([...new Set(all.map((r) => r.level))].sort((a, b) => b - a));
  });
});

describe('inventory CSV', () => {
  it('every matched row in order, read back by an RFC 4180 reader, figures as the rows say', () => {
    const q: InventoryQuery = { sort: { key: 'risk', dir: 'desc' }, filter: { onPathsOnly: true } };
    const page = inventoryPage(ref, { ...q, csv: true, limit: MAX_INVENTORY_PAGE });
    const r = parseCsv(page.csv!, { delimiter: ',' });
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
    expect(r.table.header).toEqual([...INVENTORY_CSV_HEADER]);
    expect(r.table.records.map((x) => x.fields[0])).toEqual(page.rows.map((x) => x.id));
    const col = (name: string) => INVENTORY_CSV_HEADER.indexOf(name as never);
    r.table.records.forEach((rec, i) => {
      const row = page.rows[i]!;
      expect(rec.fields[col('name')]).toBe(row.name);
      expect(Number(rec.fields[col('Purdue level')])).toBe(row.level);
      expect(Number(rec.fields[col('unpatched KEV CVEs')])).toBe(row.kev);
      expect(Number(rec.fields[col('risk through (EUR)')])).toBe(Math.round(row.risk));
      expect(Number(rec.fields[col('attack paths through')])).toBe(row.paths);
      expect(rec.fields[col('crown jewel')]).toBe(row.jewel ? 'yes' : 'no');
    });
    expect(page.csv!.endsWith('\r\n')).toBe(true);
  });

  it('a hostile name reaches the file as text, never as a formula', () => {
    const ctx = buildContext({ ...ref.model, assets: ref.model.assets.map((a, i) => (i === 0 ? { ...a, name: '=HYPERLINK("http://evil.example","click")', vendor: '@SUM(1,2)' } : a)) });
    const csv = inventoryPage(ctx, { csv: true, filter: { text: 'hyperlink' } }).csv!;
    const r = parseCsv(csv, { delimiter: ',' });
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
    expect(r.table.records).toHaveLength(1);
    expect(r.table.records[0]!.fields[1]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(r.table.records[0]!.fields[6]).toBe("'@SUM(1,2)");
  });
});

describe('the session’s inventory', () => {
  it('answers about the scenario when one is active, the plant as loaded otherwise', () => {
    const session = createAnalysisSession();
    expect(session.loadTextSummary(readFileSync('models/reference-plant.json', 'utf8')).kind).toBe('ok');
    const before = session.inventory({ filter: { text: 'supplier portal' }, limit: 5 });
    const portal = before.rows[0]!;
    expect(portal.paths).toBeGreaterThan(0);
    const kev = ref.model.assets.find((a) => a.id === portal.id)!.vulnerabilities!.filter((v) => !v.patched);
    expect(portal.unpatched).toBe(kev.length);
    const applied = session.applyScenario(kev.map((v) => ({ kind: 'patch-cve' as const, asset: portal.id, cve: v.cve, cost: 1500 })));
    expect(applied.kind).toBe('ok');
    const after = session.inventory({ filter: { text: 'supplier portal' }, limit: 5 }).rows[0]!;
    expect(after.id).toBe(portal.id);
    expect(after.unpatched).toBe(0);
    expect(session.applyScenario(null).kind).toBe('ok');
    expect(session.inventory({ filter: { text: 'supplier portal' }, limit: 5 }).rows[0]!.unpatched).toBe(kev.length);
  });

  it('a generated 5,000-asset plant: 5,000 rows; a filter and a sort answer pages of the right length', () => {
    const ctx = buildContext(generatePlant({ assets: 5000, seed: 5 }));
    const first = inventoryPage(ctx, { facets: true, limit: 100 });
    expect(first.total).toBe(5000);
    expect(first.rows).toHaveLength(100);
    expect(first.rows.some((r) => r.paths > 0)).toBe(true);
    const plcs = inventoryPage(ctx, { filter: { kind: 'plc' }, sort: { key: 'name', dir: 'desc' }, limit: 50 });
    expect(plcs.matched).toBe(ctx.model.assets.filter((a) => a.kind === 'plc').length);
    expect(plcs.rows.every((r) => r.kind === 'plc')).toBe(true);
  });
});
