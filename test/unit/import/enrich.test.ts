// Enrichment against the bundled KB. The expected CVEs were checked by hand against
// CISA_ICS_ADV_Master.csv and the KEV catalog (advisory ids named beside each).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrichModel, productPhrases, readConstraint, type EnrichMatch } from '../../../src/import/enrich';
import { parseKbText, type Kb } from '../../../src/import/kb';
import { validateModel } from '../../../src/model/parse';
import type { Asset, PlantModel } from '../../../src/model/schema';

function loadKb(): Kb {
  const r = parseKbText(readFileSync('public/kb/twinpath-kb.json', 'utf8'));
  if (r.kind !== 'ok') throw new Error(r.errors.join('\n'));
  return r.kb;
}
const kb = loadKb();

function plant(assets: Asset[]): PlantModel {
  return {
    schemaVersion: 1,
    plant: { id: 'hand', name: 'Hand-made plant' },
    zones: [{ id: 'z', name: 'Cell', purdueLevel: 1 }],
    assets,
    connections: [],
    entryPoints: [],
    crownJewels: [],
  };
}
const asset = (id: string, extra: Partial<Asset>): Asset => ({ id, name: id, kind: 'plc', zone: 'z', ...extra });

const HAND = plant([
  asset('nport', { kind: 'protocol-gateway', vendor: 'Moxa', product: 'NPort 5110', firmware: '2.10' }),
  asset('edr', { kind: 'router', vendor: 'Moxa', product: 'EDR-G903', firmware: '5.4' }),
  asset('edr-new', { kind: 'router', vendor: 'Moxa Inc.', product: 'EDR-G903', firmware: '5.5' }),
  asset('drive', { kind: 'drive', vendor: 'Allen-Bradley', product: 'PowerFlex 755 drive', firmware: '16.002.279' }),
  asset('fw', { kind: 'firewall', vendor: 'Fortinet', product: 'FortiOS', firmware: '6.0.4', vulnerabilities: [{ cve: 'CVE-2018-13379', kev: false }] }),
  asset('listed', {
    kind: 'protocol-gateway', vendor: 'Moxa', product: 'NPort 5110', firmware: '2.10',
    vulnerabilities: [{ cve: 'CVE-2022-2044', cvss: 5.0, kev: true, source: 'ICSA-22-207-04' }, { cve: 'CVE-2025-0631' }],
  }),
  asset('plain', { kind: 'sensor' }),
  asset('unknown-vendor', { vendor: 'Nobody Ltd', product: 'NPort 5110', firmware: '2.10' }),
]);

const find = (matches: readonly EnrichMatch[], assetId: string, cve: string) => matches.find((m) => m.asset === assetId && m.cve === cve);

describe('enrichModel on a hand-made plant', () => {
  const r = enrichModel(HAND, kb);

  it('matches an exact product with its firmware inside the advisory range (ICSA-22-207-04, NPort 5110 fw 2.10)', () => {
    for (const cve of ['CVE-2022-2044', 'CVE-2022-2043']) {
      const m = find(r.matches, 'nport', cve)!;
      expect(m).toMatchObject({ how: 'exact', confidence: 'high', advisory: 'ICSA-22-207-04', vendorMatch: 'exact', attached: true, alreadyListed: false, kev: false, cvss: 8.2 });
      expect(m.version).toMatchObject({ status: 'affected', version: '2.10', from: 'firmware' });
    }
  });

  it('drops advisories whose range excludes the firmware and says why', () => {
    // ICSA-16-336-02A: "NPort 5110 versions prior to 2.7"; ICSA-17-320-01: versions 2.2, 2.4, 2.6, 2.7 only.
    expect(find(r.matches, 'nport', 'CVE-2016-9361')).toBeUndefined();
    expect(find(r.matches, 'nport', 'CVE-2017-16719')).toBeUndefined();
    const n = r.notAffected.find((x) => x.asset === 'nport' && x.cve === 'CVE-2016-9361')!;
    expect(n.advisory).toBe('ICSA-16-336-02A');
    expect(n.reason).toMatch(/firmware "2\.10" is outside "prior to 2\.7"/);
    expect(r.notAffected.some((x) => x.asset === 'nport' && x.cve === 'CVE-2017-16719')).toBe(true);
  });

  it('reads "and prior", "and older" and "all versions" (Moxa EDR-G903)', () => {
    // ICSA-20-196-02: "EDR-G903 Series: firmware versions 5.4 and prior".
    expect(find(r.matches, 'edr', 'CVE-2020-14511')).toMatchObject({ confidence: 'high', version: { status: 'affected', constraint: '5.4 and prior' }, cvss: 9.8 });
    // ICSA-13-042-01: "EDR-G903 series routers - all versions".
    expect(find(r.matches, 'edr', 'CVE-2012-4694')).toMatchObject({ confidence: 'high', version: { status: 'all-versions' } });
    // ICSA-16-042-01A: "EDR-G903 Versions V3.4.11 and older" does not cover 5.4.
    expect(find(r.matches, 'edr', 'CVE-2016-0875')).toBeUndefined();
    // 5.5 is past the fix of CVE-2020-14511; the vendor spelled "Moxa Inc." still matches.
    expect(find(r.matches, 'edr-new', 'CVE-2020-14511')).toBeUndefined();
    expect(r.notAffected.find((x) => x.asset === 'edr-new' && x.cve === 'CVE-2020-14511')?.reason).toMatch(/"5\.5" is outside "5\.4 and prior"/);
    expect(find(r.matches, 'edr-new', 'CVE-2012-4694')).toMatchObject({ vendorMatch: 'normalized' });
  });

  it('matches a vendor alias and a product with a descriptor (Allen-Bradley PowerFlex 755, ICSA-25-056-01)', () => {
    const m = find(r.matches, 'drive', 'CVE-2025-0631')!;
    expect(m).toMatchObject({ how: 'normalized', vendorMatch: 'alias', matched: 'powerflex 755', confidence: 'high', cvss: 8.7 });
    expect(m.version).toMatchObject({ status: 'affected', constraint: '16.002.279 and prior' });
    expect(m.reason).toMatch(/^ICSA-25-056-01: vendor "Allen-Bradley" \(alias\)/);
  });

  it('matches KEV entries by product, never version-checked (FortiOS, CVE-2018-13379)', () => {
    const m = find(r.matches, 'fw', 'CVE-2022-42475')!;
    expect(m).toMatchObject({ how: 'exact', advisory: 'CISA KEV', confidence: 'medium', kev: true, kevDateAdded: '2022-12-13', knownRansomwareCampaignUse: true, cvss: null, attached: true });
    expect(m.version).toEqual({ status: 'not-checked', reason: 'KEV entries name no versions' });
    expect(find(r.matches, 'fw', 'CVE-2018-13379')).toMatchObject({ alreadyListed: true, attached: false });
  });

  it('refreshes kev and cvss of listed CVEs and reports each change', () => {
    expect(r.updated).toContainEqual({ asset: 'fw', cve: 'CVE-2018-13379', field: 'kev', from: false, to: true, reason: 'listed in CISA KEV since 2021-11-03 (known ransomware use)' });
    expect(r.updated).toContainEqual({ asset: 'listed', cve: 'CVE-2022-2044', field: 'kev', from: true, to: false, reason: 'not in the CISA KEV catalog' });
    expect(r.updated).toContainEqual({ asset: 'listed', cve: 'CVE-2022-2044', field: 'cvss', from: 5, to: 8.2, reason: 'cumulative CVSS of ICSA-22-207-04, the advisory the record names' });
    expect(r.updated).toContainEqual({ asset: 'listed', cve: 'CVE-2025-0631', field: 'cvss', from: undefined, to: 8.7, reason: 'CVSS of ICSA-25-056-01' });
    const listed = r.model.assets.find((a) => a.id === 'listed')!;
    expect(listed.vulnerabilities!.find((v) => v.cve === 'CVE-2022-2044')).toMatchObject({ cvss: 8.2, kev: false, source: 'ICSA-22-207-04' });
    // Listed once, not attached twice.
    expect(listed.vulnerabilities!.filter((v) => v.cve === 'CVE-2022-2044')).toHaveLength(1);
    expect(r.summary.updated).toBe(r.updated.length);
  });

  it('leaves assets without vendor and product, or of an unknown vendor, alone', () => {
    expect(r.matches.filter((m) => m.asset === 'plain' || m.asset === 'unknown-vendor')).toEqual([]);
    expect(r.model.assets.find((a) => a.id === 'plain')).toBe(HAND.assets.find((a) => a.id === 'plain'));
  });

  it('returns a valid model, attaches with the source and the reason, and does not touch the input', () => {
    const before = JSON.stringify(HAND);
    const again = enrichModel(HAND, kb);
    expect(JSON.stringify(HAND)).toBe(before);
    expect(validateModel(again.model).kind).toBe('ok');
    const v = again.model.assets.find((a) => a.id === 'nport')!.vulnerabilities!.find((x) => x.cve === 'CVE-2022-2044')!;
    expect(v).toMatchObject({ cvss: 8.2, kev: false, source: 'ICSA-22-207-04' });
    expect(v.description).toMatch(/^twinpath enrich, high confidence: ICSA-22-207-04: vendor "Moxa", product name "nport 5110" found as is; firmware "2\.10" is within "Versions 2\.10"/);
    expect(again.summary.attached).toBe(again.matches.filter((m) => m.attached).length);
  });

  it('attaches by confidence: high only, or low too', () => {
    const high = enrichModel(HAND, kb, { minConfidence: 'high' });
    expect(find(high.matches, 'fw', 'CVE-2022-42475')!.attached).toBe(false);
    expect(find(high.matches, 'nport', 'CVE-2022-2044')!.attached).toBe(true);
    const noRefresh = enrichModel(HAND, kb, { refresh: false });
    expect(noRefresh.updated).toEqual([]);
  });
});

describe('enrichModel on the sample plants', () => {
  const load = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as PlantModel;

  it('reference plant: finds the catalog CVEs and new ones, checks versions, keeps the model valid', () => {
    const model = load('models/reference-plant.json');
    const r = enrichModel(model, kb);
    expect(validateModel(r.model).kind).toBe('ok');
    // KUKA KR C4, "KSS 8.6": ICSA-21-208-01 "KR C4: All versions prior to 8.7".
    const kuka = model.assets.find((a) => a.product === 'KR C4 robot controller')!;
    expect(find(r.matches, kuka.id, 'CVE-2021-33016')).toMatchObject({ confidence: 'high', attached: true, version: { status: 'affected', version: 'KSS 8.6' } });
    expect(find(r.matches, kuka.id, 'CVE-2021-33014')).toMatchObject({ alreadyListed: true });
    // S7-1500 CPU 1516-3 PN/DP V2.8.3: ICSA-22-286-04 (CVE-2022-38465) names the CPU family with "prior to 2.9.2".
    const s7 = model.assets.find((a) => a.product === 'SIMATIC S7-1500 CPU 1516-3 PN/DP')!;
    expect(find(r.matches, s7.id, 'CVE-2022-38465')).toMatchObject({ how: 'family', confidence: 'medium', alreadyListed: true, version: { status: 'affected' } });
    // ICSA-17-164-02 gives "PI Data Archive versions prior to 2017" under "PI Server products": a range for
    // a component, so the version of "PI Server 2018" is not checked against it, and the match says so.
    const pi = model.assets.find((a) => a.product?.startsWith('PI Server 2018'))!;
    expect(find(r.matches, pi.id, 'CVE-2017-7930')!.version).toMatchObject({ status: 'not-checked', reason: expect.stringMatching(/more specific than the asset's product/) });
    // Windows hosts: KEV "Windows" entries are found but only as umbrella matches, not attached.
    const ws = model.assets.find((a) => a.product === 'Windows 10 Enterprise workstation')!;
    const wsMatches = r.matches.filter((m) => m.asset === ws.id);
    expect(wsMatches.length).toBeGreaterThan(100);
    expect(wsMatches.every((m) => m.confidence === 'low' && !m.attached)).toBe(true);
    // The sample's recorded scores and flags agree with the KB.
    expect(r.updated).toEqual([]);
    expect(r.summary.attached).toBeGreaterThan(500);
    expect(r.summary.byConfidence.high).toBeGreaterThan(50);
    for (const m of r.matches) {
      if (m.version.status === 'not-checked') expect(m.reason).toMatch(/version not checked: /);
      expect(['exact', 'normalized', 'alias', 'family']).toContain(m.how);
    }
  });

  it('water treatment: Ewon, VTScada (version in the product name), MDS radios by alias', () => {
    const model = load('models/water-treatment.json');
    const r = enrichModel(model, kb);
    expect(validateModel(r.model).kind).toBe('ok');
    const byProduct = (p: string) => model.assets.find((a) => a.product === p)!.id;
    // ICSA-25-023-06: "Ewon Flexy 202: All versions".
    expect(find(r.matches, byProduct('Ewon Flexy 202 (Talk2M)'), 'CVE-2025-0432')).toMatchObject({ how: 'normalized', confidence: 'high', attached: true, version: { status: 'all-versions' } });
    // ICSA-17-304-02: "VTScada 11.3.03 and prior"; the asset has no firmware, its product says 11.2.
    expect(find(r.matches, byProduct('VTScada 11.2'), 'CVE-2017-14031')).toMatchObject({ confidence: 'high', version: { status: 'affected', from: 'product name', version: '11.2' } });
    // ICSA-22-090-06: "MDS iNET/iNET II/SD/TD220/TD220MAX Radios", vendor "General Electric Renewable Energy".
    expect(find(r.matches, byProduct('MDS iNET-II radio'), 'CVE-2022-24116')).toMatchObject({ how: 'alias', vendorMatch: 'alias', attached: true });
    expect(find(r.matches, byProduct('MDS iNET-II radio'), 'CVE-2017-17562')).toMatchObject({ alreadyListed: true, kev: true });
    expect(r.summary.assetsMatched).toBeGreaterThan(15);
  });
});

describe('readConstraint', () => {
  const check = (w: string, v: number[]) => {
    const c = readConstraint(w);
    return c === undefined ? 'unreadable' : c.all ? 'all' : c.test!(v);
  };
  it.each([
    [' vers:intdot/<3.1.6', [2, 8, 3], true],
    [' vers:intdot/<3.1.6', [3, 1, 6], false],
    [' vers:all/*', [9], 'all'],
    [' >=V36|<=V37', [36, 5], true],
    [' >=V36|<=V37', [35], false],
    [' <=V2.01', [2, 1], true],
    [': All versions prior to V4.6', [4, 5, 9], true],
    [': All versions prior to V4.6', [4, 6], false],
    [' versions prior to 2.7', [2, 10], false],
    [': Versions 16.002.279 and prior.', [16, 2, 279], true],
    [' Versions V3.4.11 and older.', [5, 4], false],
    [' firmware versions 10.0-10.4.', [10, 3], true],
    [' firmware versions 10.0-10.4.', [10, 5], false],
    [': Firmware Versions 2.10.', [2, 10], true],
    [': All versions.', [1], 'all'],
    [' <v8.117.x.x', [8, 116], true],
    // More precise than TwinPath reads: left unchecked rather than guessed.
    [': All versions prior to V19 Update 4', [19], 'unreadable'],
    [' versions prior to 9.2c', [9, 2], 'unreadable'],
    [' (6ES7516-3AN01-0AB0)', [1], 'unreadable'],
  ])('%s against %j → %s', (w, v, expected) => {
    expect(check(w, v)).toBe(expected);
  });

  it('leaves a version that is too short to decide unchecked ("11.2" against "prior to 11.2.26")', () => {
    expect(readConstraint(' versions prior to 11.2.26')!.test!([11, 2])).toBeUndefined();
  });
});

describe('productPhrases', () => {
  it('derives exact, normalized, alias and family phrases', () => {
    const p = productPhrases('SIMATIC S7-1500 CPU 1516-3 PN/DP', 'Siemens');
    expect(p[0]).toMatchObject({ text: 'simatic s7-1500 cpu 1516-3 pn dp', how: 'exact', quality: 'model' });
    expect(p).toContainEqual(expect.objectContaining({ text: 'simatic s7-1500', how: 'family' }));
    expect(p.find((x) => x.text === 'simatic')).toMatchObject({ quality: 'umbrella' });
    const pi = productPhrases('PI Server 2018 (PI Data Archive)', 'AVEVA');
    expect(pi).toContainEqual(expect.objectContaining({ text: 'pi server', how: 'normalized', versionHint: '2018' }));
    expect(pi).toContainEqual(expect.objectContaining({ text: 'pi data archive', how: 'normalized' }));
    expect(productPhrases('Siemens SCALANCE XC-200 managed switch', 'Siemens')[0]!.text).toBe('scalance xc-200 managed switch');
    expect(productPhrases('NPort 5110 serial device server', 'Moxa').map((x) => x.text)).toContain('nport 5110');
    expect(productPhrases('serial device server', 'Moxa')).toEqual([]);
  });
});
