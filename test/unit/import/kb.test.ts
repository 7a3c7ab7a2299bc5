import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analysis/rules';
import { TECHNIQUES } from '../../../src/analysis/techniques';
import { parseKb, parseKbText, type Kb } from '../../../src/import/kb';
import { buildKb, commitsFromSources, LICENCE_FILES, noticeMarkdown, serializeKb } from '../../../scripts/build-kb';

const FIXTURE = 'test/fixtures/kb/';
const inputs = () => ({
  advisoriesCsv: readFileSync(`${FIXTURE}CISA_ICS_ADV_Master.csv`, 'utf8'),
  kevJson: readFileSync(`${FIXTURE}known_exploited_vulnerabilities.json`, 'utf8'),
  attackJson: readFileSync(`${FIXTURE}ics-attack.json`, 'utf8'),
  commits: { 'CISA_ICS_ADV_Master.csv': '776ee4460dea' },
});

function loadBundled(): Kb {
  const r = parseKbText(readFileSync('public/kb/twinpath-kb.json', 'utf8'));
  if (r.kind !== 'ok') throw new Error(r.errors.join('\n'));
  return r.kb;
}

describe('KB build (from the committed fixture subset)', () => {
  it('is deterministic: two builds give the same bytes', () => {
    const a = serializeKb(buildKb(inputs()));
    const b = serializeKb(buildKb(inputs()));
    expect(a).toBe(b);
    expect(a).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?!\.\d+Z"|\.188Z)/); // no build clock in the output
  });

  it('does not depend on the order of the source rows', () => {
    const base = inputs();
    const [header, ...rows] = base.advisoriesCsv.trimEnd().split('\n');
    const reversed = { ...base, advisoriesCsv: [header, ...rows.reverse()].join('\n') + '\n' };
    const kev = JSON.parse(base.kevJson) as { vulnerabilities: unknown[] };
    kev.vulnerabilities.reverse();
    // Everything but the hashes of the (reordered) source files is the same.
    const withoutHashes = (text: string) => text.replace(/"sha256":"[0-9a-f]{64}"/g, '"sha256":"-"');
    const a = serializeKb(buildKb({ ...reversed, kevJson: JSON.stringify(kev) }));
    const b = serializeKb(buildKb(base));
    expect(a).not.toBe(b);
    expect(withoutHashes(a)).toBe(withoutHashes(b));
  });

  it('records sources, counts, CVE scores, KEV flags and techniques', () => {
    const file = buildKb(inputs());
    expect(file.counts).toMatchObject({ advisories: 10, kev: 10, techniques: 18, tactics: 12 });
    expect(file.sources.advisories.commit).toBe('776ee4460dea');
    expect(file.sources.kev.commit).toBeNull();
    expect(file.sources.kev).toMatchObject({ catalogVersion: '2025.08.25', entries: 10 });
    expect(file.sources.attack).toMatchObject({ version: '18.1' });
    expect(file.sources.advisories.sha256).toMatch(/^[0-9a-f]{64}$/);
    const r = parseKb(JSON.parse(serializeKb(file)));
    if (r.kind !== 'ok') throw new Error(r.errors.join('\n'));
    const kb = r.kb;
    // ICSA-22-207-04 (Moxa NPort 5110) lists CVE-2022-2044 and CVE-2022-2043 with a cumulative 8.2.
    const c = kb.cve('CVE-2022-2044')!;
    expect(c).toMatchObject({ cvss: 8.2, severity: 'High', cvssExact: false });
    expect(c.advisories.map((i) => kb.advisories[i]!.id)).toEqual(['ICSA-22-207-04']);
    // ICSA-25-056-01 lists only CVE-2025-0631: the score is that CVE's own.
    expect(kb.cve('CVE-2025-0631')).toMatchObject({ cvss: 8.7, cvssExact: true });
    expect(kb.advisories.find((a) => a.id === 'ICSA-25-056-01')).toMatchObject({ vendor: 'Rockwell Automation', product: 'PowerFlex 755', released: '2025-02-25' });
    // KEV: FortiOS path traversal, known ransomware use; no ICS advisory, so no CVSS.
    expect(kb.cve('CVE-2018-13379')).toMatchObject({ cvss: null, kev: { vendor: 'Fortinet', product: 'FortiOS', dateAdded: '2021-11-03', knownRansomwareCampaignUse: true } });
    expect(kb.cve('CVE-2022-2044')!.kev).toBeUndefined();
    // ATT&CK: the deprecated technique in the fixture is left out.
    expect([...kb.techniques.keys()].sort()).toEqual(Object.keys(TECHNIQUES).sort());
    const t = kb.techniques.get('T0866')!;
    expect(t).toMatchObject({ name: 'Exploitation of Remote Services', tactics: ['initial-access', 'lateral-movement'] });
    expect(t.assetTypes.length).toBeGreaterThan(0);
    expect(t.mitigations.some((m) => /^M0\d{3}$/.test(m.id))).toBe(true);
  });

  it('reads source commits from SOURCES.md rows', () => {
    const md = '| file | what | source | licence |\n|---|---|---|---|\n| ics-attack.json | x | mitre-attack/attack-stix-data (commit b4eb2b84c02b, 2025-11-13) | y |\n| other.json | x | (commit 0123456789ab) | y |\n';
    expect(commitsFromSources(md)).toEqual({ 'ics-attack.json': 'b4eb2b84c02b' });
  });

  it('writes a NOTICE that carries the attributions and the share-alike terms', () => {
    const notice = noticeMarkdown(buildKb(inputs()));
    expect(notice).toMatch(/ODbL/);
    expect(notice).toMatch(/offered under the ODbL v1\.0/);
    expect(notice).toMatch(/This work is reproduced and distributed with the permission of The MITRE Corporation/);
    expect(notice).toMatch(/CC0 1\.0/);
  });
});

describe('the bundled KB (public/kb/twinpath-kb.json, committed)', () => {
  const kb = loadBundled();

  it('loads, with the counts of its sources', () => {
    const c = kb.file.counts;
    expect(c.advisories).toBe(3989);
    expect(c.kev).toBe(1404);
    expect(c.kevWithAdvisory).toBe(107);
    expect(c.techniques).toBe(83);
    expect(c.tactics).toBe(12);
    expect(c.assetTypes).toBe(18);
    expect(c.mitigations).toBe(52);
    expect(c.cves).toBe(kb.cveCount);
    expect(c.cves).toBeGreaterThan(11_000);
    expect(kb.file.sources.advisories.commit).toBe('776ee4460dea');
    expect(kb.file.sources.kev.commit).toBe('eacf03ec6637');
    expect(kb.file.sources.attack.commit).toBe('b4eb2b84c02b');
  });

  it('stays small and ships its NOTICE and licences', () => {
    expect(statSync('public/kb/twinpath-kb.json').size).toBeLessThan(4 * 1024 * 1024);
    expect(kb.file.notice).toMatch(/ODbL/);
    expect(readFileSync('public/kb/NOTICE.md', 'utf8')).toMatch(/derivative database/);
    for (const f of LICENCE_FILES) expect(existsSync(`public/kb/licenses/${f}`), f).toBe(true);
    expect(readFileSync('NOTICE.md', 'utf8')).toMatch(/public\/kb\/twinpath-kb\.json/);
  });

  it('holds real advisories: CVE-2020-14511 (Moxa EDR-G903, ICSA-20-196-02) and KEV CVE-2023-6448 (Unitronics)', () => {
    const c = kb.cve('CVE-2020-14511')!;
    expect(c).toMatchObject({ cvss: 9.8, severity: 'Critical', cvssExact: true });
    expect(c.advisories.map((i) => kb.advisories[i]!.id)).toContain('ICSA-20-196-02');
    const u = kb.cve('CVE-2023-6448')!;
    expect(u.kev).toMatchObject({ vendor: 'Unitronics', dateAdded: '2023-12-11' });
    expect(u.advisories.map((i) => kb.advisories[i]!.id)).toContain('ICSA-23-348-15');
  });

  // The attack-edge rules cite ATT&CK for ICS techniques (src/analysis/techniques.ts): the bundled
  // catalog is the reference for their names and tactics.
  it('contains every technique the attack-edge rules use, with the same name and tactics', () => {
    const used = new Set(RULES.map((r) => r.technique));
    expect(used.size).toBeGreaterThan(5);
    for (const id of used) {
      const mine = TECHNIQUES[id];
      const ref = kb.techniques.get(id);
      expect(ref, `${id} is not in the bundled ATT&CK for ICS catalog`).toBeDefined();
      expect(mine.name, id).toBe(ref!.name);
      expect([...mine.tactics], id).toEqual([...ref!.tactics]);
    }
  });
});

describe('parseKb', () => {
  const good = () => JSON.parse(readFileSync('public/kb/twinpath-kb.json', 'utf8')) as Record<string, unknown>;

  it('rejects another format or version', () => {
    expect(parseKb({ ...good(), format: 'other' })).toEqual({ kind: 'invalid', errors: ['format: expected "twinpath-kb", got "other"'] });
    expect(parseKb({ ...good(), formatVersion: 2 })).toEqual({ kind: 'invalid', errors: ['formatVersion: this build reads version 1, got 2'] });
    expect(parseKb([])).toEqual({ kind: 'invalid', errors: ['kb: expected a JSON object, got an array of 0'] });
    expect(parseKbText('{"format":')).toMatchObject({ kind: 'invalid', errors: [expect.stringMatching(/^invalid JSON: /)] });
  });

  it('names the row, the field and the value of a bad row', () => {
    const doc = good();
    const advisories = doc.advisories as unknown[][];
    advisories[3] = [...advisories[3]!];
    advisories[3]![1] = 99_999;
    const cves = doc.cves as unknown[][];
    cves[5] = ['CVE-12', null, null, 0, []];
    const kev = doc.kev as unknown[];
    kev[2] = 'CVE-2019-0708';
    const r = parseKb(doc);
    expect(r.kind).toBe('invalid');
    const errors = r.kind === 'invalid' ? r.errors : [];
    expect(errors).toContain(`advisories[3][1]: bad vendor (an index into vendors, 0..${(doc.vendors as unknown[]).length - 1}): 99999`);
    expect(errors).toContain('cves[5][0]: bad cve (CVE-YYYY-NNNN): "CVE-12"');
    expect(errors).toContain('kev[2]: expected a row of 6 fields (cve, vendorProject, product, name, dateAdded, ransomware), got "CVE-2019-0708"');
  });
});
