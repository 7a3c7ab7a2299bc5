import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twinpath } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-enrich-'));
const hand = {
  schemaVersion: 1,
  plant: { id: 'hand', name: 'Hand' },
  zones: [{ id: 'z', name: 'Cell', purdueLevel: 1 }],
  assets: [
    { id: 'gw', name: 'Gateway', kind: 'protocol-gateway', zone: 'z', vendor: 'Moxa', product: 'NPort 5110', firmware: '2.10' },
    { id: 'fw', name: 'Firewall', kind: 'firewall', zone: 'z', vendor: 'Fortinet', product: 'FortiOS', vulnerabilities: [{ cve: 'CVE-2018-13379', kev: false }] },
  ],
  connections: [],
  entryPoints: [],
  crownJewels: [],
};
const model = join(dir, 'hand.json');
writeFileSync(model, JSON.stringify(hand));

describe('twinpath enrich', () => {
  it('writes the enriched model and reports the matches and refreshed fields', () => {
    const out = join(dir, 'out.json');
    const r = twinpath(['enrich', model, '-o', out]);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Knowledge base: 3989 ICS advisories/);
    expect(r.stdout).toMatch(/\+ gw {2}CVE-2022-2044 {2}high {2}ICSA-22-207-04: vendor "Moxa", product name "nport 5110" found as is; firmware "2\.10" is within/);
    expect(r.stdout).toMatch(/~ fw {2}CVE-2018-13379 {2}kev false → true: listed in CISA KEV since 2021-11-03/);
    const enriched = JSON.parse(readFileSync(out, 'utf8'));
    expect(twinpath(['validate', out]).code).toBe(0);
    expect(enriched.assets[0].vulnerabilities.map((v: { cve: string }) => v.cve)).toContain('CVE-2022-2043');
    expect(enriched.assets[1].vulnerabilities[0]).toMatchObject({ cve: 'CVE-2018-13379', kev: true });
  });

  it('--json prints the report with the KB sources; --min-confidence high attaches less', () => {
    const r = twinpath(['enrich', model, '--json', '--min-confidence', 'high']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kb.sources.kev.catalogVersion).toBe('2025.08.25');
    expect(doc.summary.attached).toBe(doc.matches.filter((m: { attached: boolean }) => m.attached).length);
    expect(doc.matches.filter((m: { attached: boolean; confidence: string }) => m.attached && m.confidence !== 'high')).toEqual([]);
    expect(doc.updated).toContainEqual(expect.objectContaining({ asset: 'fw', cve: 'CVE-2018-13379', field: 'kev', to: true }));
  });

  it('exits 2 on bad options and 1 on a bad model or knowledge base', () => {
    expect(twinpath(['enrich']).code).toBe(2);
    const bad = twinpath(['enrich', model, '--min-confidence', 'certain']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-confidence takes low, medium or high, got "certain"/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...hand, assets: [{ ...hand.assets[0], zone: 'nowhere' }] }));
    const r = twinpath(['enrich', broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/assets\[0\]\(id=gw\)\.zone: unknown zone "nowhere"/);
    const kb = join(dir, 'kb.json');
    writeFileSync(kb, JSON.stringify({ format: 'twinpath-kb', formatVersion: 9 }));
    const k = twinpath(['enrich', model, '--kb', kb]);
    expect(k.code).toBe(1);
    expect(k.stderr).toBe(`${kb}: formatVersion: this build reads version 1, got 9\n`);
  });
});
