// Builds the bundled knowledge base public/kb/twinpath-kb.json (format: src/import/kb.ts) from
// the public data in ../shared/data/kb: the CISA ICS advisories CSV (ICS Advisory Project, ODbL),
// the CISA KEV catalog (CC0) and MITRE ATT&CK for ICS (STIX bundle). Also writes
// public/kb/NOTICE.md and copies the licences beside it.
//
//   npx tsx scripts/build-kb.ts [--from DIR] [--out DIR]
//
// Deterministic: the same inputs give the same bytes (no clock, every table sorted).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv } from '../src/import/csv';
import { KB_FORMAT, KB_FORMAT_VERSION, parseKb, type AdvisoryRow, type CveRow, type KbFile, type KbSource, type KevRow, type TechniqueRow } from '../src/import/kb';

export const SOURCE_FILES = {
  advisories: 'CISA_ICS_ADV_Master.csv',
  kev: 'known_exploited_vulnerabilities.json',
  attack: 'ics-attack.json',
} as const;

export interface KbInputs {
  readonly advisoriesCsv: string;
  readonly kevJson: string;
  readonly attackJson: string;
  /** Source commits by file name, when known (from SOURCES.md beside the data). */
  readonly commits?: Partial<Record<string, string>>;
}

export const KB_NOTICE =
  'CVE, CVSS, severity, vendor, product and advisory data: CISA ICS advisories as compiled by the ICS Advisory Project ' +
  '(https://github.com/icsadvprj/ICS-Advisory-Project/tree/main/ICS-CERT_ADV), Open Database License (ODbL) v1.0, ' +
  'contents under the Database Contents License (DbCL) v1.0; this derived database is offered under the ODbL v1.0. ' +
  'Known-exploited flags: CISA Known Exploited Vulnerabilities catalog, CC0 1.0. ' +
  'ATT&CK for ICS: © 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation. ' +
  'See NOTICE.md and licenses/ beside this file.';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** "8/20/2026" → "2026-08-20". */
function isoDate(us: string, where: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(us.trim());
  if (!m) throw new Error(`${where}: date ${JSON.stringify(us)} is not M/D/YYYY`);
  return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** CVE ids in a cell, repairing the source's typos ("CVE-2024 21916", a trailing dot). */
function cveIds(cell: string): { ids: string[]; skipped: string[] } {
  const ids: string[] = [];
  const skipped: string[] = [];
  for (const token of cell.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
    const found = [...token.matchAll(/CVE[-\s](\d{4})[-\s](\d+)/gi)];
    if (found.length === 0) skipped.push(token);
    for (const m of found) {
      if (m[2]!.length < 4) skipped.push(m[0]);
      else ids.push(`CVE-${m[1]}-${m[2]}`);
    }
  }
  return { ids: [...new Set(ids)], skipped };
}

function compareCve(a: string, b: string): number {
  const [, ya, na] = a.split('-');
  const [, yb, nb] = b.split('-');
  return Number(ya) - Number(yb) || Number(na) - Number(nb);
}

const SEVERITIES = new Set(['Low', 'Medium', 'High', 'Critical']);

interface StixObject {
  type: string;
  id: string;
  name?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: { source_name: string; external_id?: string }[];
  kill_chain_phases?: { kill_chain_name: string; phase_name: string }[];
  x_mitre_shortname?: string;
  x_mitre_version?: string;
  modified?: string;
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
}

/** Builds the KB document from the three source texts. Pure apart from hashing. */
export function buildKb(inputs: KbInputs): KbFile {
  const commit = (f: string) => inputs.commits?.[f] ?? null;

  // --- ICS advisories
  const parsed = parseCsv(inputs.advisoriesCsv, { file: SOURCE_FILES.advisories, delimiter: ',' });
  if (parsed.kind === 'invalid') throw new Error(parsed.errors.map((e) => `${e.file} row ${e.row}: ${e.message}`).join('\n'));
  const { header, records } = parsed.table;
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${SOURCE_FILES.advisories}: column ${JSON.stringify(name)} is missing (columns: ${header.join(', ')})`);
    return i;
  };
  const C = {
    id: col('ICS-CERT_Number'), released: col('Original_Release_Date'), updated: col('Last_Updated'), title: col('ICS-CERT_Advisory_Title'),
    vendor: col('Vendor'), product: col('Product'), affected: col('Products_Affected'), cves: col('CVE_Number'), cvss: col('Cumulative_CVSS'), severity: col('CVSS_Severity'),
  };
  interface Adv { id: string; vendor: string; title: string; product: string; affected: string; released: string; cvss: number | null; severity: string | null; cves: string[] }
  const advs: Adv[] = [];
  let skippedTokens = 0;
  let lastUpdated = '';
  for (const r of records) {
    const f = r.fields;
    const where = `${SOURCE_FILES.advisories} row ${r.row}`;
    const score = f[C.cvss]!.trim() === '' ? NaN : Number(f[C.cvss]);
    const sev = f[C.severity]!.trim();
    const { ids, skipped } = cveIds(f[C.cves]!);
    skippedTokens += skipped.length;
    const updated = isoDate(f[C.updated]!, where);
    if (updated > lastUpdated) lastUpdated = updated;
    advs.push({
      id: f[C.id]!.trim(),
      vendor: f[C.vendor]!.trim(),
      title: f[C.title]!.trim(),
      product: f[C.product]!.trim(),
      affected: f[C.affected]!.trim().replace(/\s+/g, ' '),
      released: isoDate(f[C.released]!, where),
      cvss: Number.isFinite(score) && score >= 0 && score <= 10 ? score : null,
      severity: SEVERITIES.has(sev) ? sev : null,
      cves: ids,
    });
  }
  advs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.released < b.released ? -1 : a.released > b.released ? 1 : 0) || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  const vendors = [...new Set(advs.map((a) => a.vendor))].sort();
  const vendorIndex = new Map(vendors.map((v, i) => [v, i]));
  const advisories: AdvisoryRow[] = advs.map((a) => [a.id, vendorIndex.get(a.vendor)!, a.title, a.product, a.affected, a.released, a.cvss, a.severity]);

  // CVE → advisories; the score of the most specific advisory (fewest CVEs, then newest, then id).
  const byCve = new Map<string, number[]>();
  advs.forEach((a, i) => {
    for (const c of a.cves) {
      const list = byCve.get(c);
      if (list) list.push(i);
      else byCve.set(c, [i]);
    }
  });
  const cves: CveRow[] = [...byCve.keys()].sort(compareCve).map((cve) => {
    const list = byCve.get(cve)!;
    let best = -1;
    for (const i of list) {
      const a = advs[i]!;
      if (a.cvss === null) continue;
      if (best < 0) best = i;
      else {
        const b = advs[best]!;
        if (a.cves.length < b.cves.length || (a.cves.length === b.cves.length && (a.released > b.released || (a.released === b.released && a.id > b.id)))) best = i;
      }
    }
    const src = best >= 0 ? advs[best]! : undefined;
    return [cve, src?.cvss ?? null, src?.severity ?? null, src && src.cves.length === 1 ? 1 : 0, list];
  });

  // --- KEV
  const kevDoc = JSON.parse(inputs.kevJson) as { catalogVersion: string; dateReleased: string; count: number; vulnerabilities: Record<string, string>[] };
  if (!Array.isArray(kevDoc.vulnerabilities)) throw new Error(`${SOURCE_FILES.kev}: no "vulnerabilities" array`);
  const kev: KevRow[] = kevDoc.vulnerabilities
    .map((v): KevRow => [v.cveID!.trim(), v.vendorProject!.trim(), v.product!.trim(), v.vulnerabilityName!.trim(), v.dateAdded!.trim(), v.knownRansomwareCampaignUse === 'Known' ? 1 : 0])
    .sort((a, b) => compareCve(a[0], b[0]));
  const kevWithAdvisory = kev.filter((k) => byCve.has(k[0])).length;

  // --- ATT&CK for ICS
  const bundle = JSON.parse(inputs.attackJson) as { objects: StixObject[] };
  const active = (o: StixObject) => o.revoked !== true && o.x_mitre_deprecated !== true;
  const extId = (o: StixObject) => o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
  const objects = bundle.objects.filter(active);
  const pick = (type: string) => objects.filter((o) => o.type === type && extId(o)).sort((a, b) => (extId(a)! < extId(b)! ? -1 : 1));
  const tacticObjs = pick('x-mitre-tactic');
  const assetObjs = pick('x-mitre-asset');
  const mitigationObjs = pick('course-of-action');
  const techniqueObjs = pick('attack-pattern');
  const tactics: KbFile['tactics'] = tacticObjs.map((t) => [extId(t)!, t.name!, t.x_mitre_shortname!]);
  const tacticByShort = new Map(tactics.map((t, i) => [t[2], i]));
  const assetById = new Map(assetObjs.map((a, i) => [a.id, i]));
  const mitigationById = new Map(mitigationObjs.map((m, i) => [m.id, i]));
  const targets = new Map<string, Set<number>>();
  const mitigates = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, k: string, v: number) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  for (const r of objects) {
    if (r.type !== 'relationship') continue;
    if (r.relationship_type === 'targets' && assetById.has(r.target_ref!)) add(targets, r.source_ref!, assetById.get(r.target_ref!)!);
    if (r.relationship_type === 'mitigates' && mitigationById.has(r.source_ref!)) add(mitigates, r.target_ref!, mitigationById.get(r.source_ref!)!);
  }
  const techniques: TechniqueRow[] = techniqueObjs.map((t) => {
    const phases = (t.kill_chain_phases ?? []).filter((p) => p.kill_chain_name === 'mitre-ics-attack').map((p) => {
      const i = tacticByShort.get(p.phase_name);
      if (i === undefined) throw new Error(`${SOURCE_FILES.attack}: technique ${extId(t)} names unknown tactic ${p.phase_name}`);
      return i;
    });
    const sorted = (s: Set<number> | undefined) => [...(s ?? [])].sort((a, b) => a - b);
    return [extId(t)!, t.name!, phases, sorted(targets.get(t.id)), sorted(mitigates.get(t.id))];
  });
  const collection = bundle.objects.find((o) => o.type === 'x-mitre-collection');

  const source = (name: string, repo: string, path: string, file: string, text: string, licence: string, extra: Record<string, unknown>): KbSource => ({
    name, repo, path, commit: commit(file), sha256: sha256(text), licence, ...extra,
  });
  const kb: KbFile = {
    format: KB_FORMAT,
    formatVersion: KB_FORMAT_VERSION,
    notice: KB_NOTICE,
    sources: {
      advisories: source('CISA ICS advisories (ICS Advisory Project)', 'icsadvprj/ICS-Advisory-Project', 'ICS-CERT_ADV/CISA_ICS_ADV_Master.csv', SOURCE_FILES.advisories, inputs.advisoriesCsv,
        'ODbL-1.0 (contents DbCL-1.0); derived database shared alike', { rows: records.length, lastUpdated, skippedCveTokens: skippedTokens }),
      kev: source('CISA Known Exploited Vulnerabilities catalog', 'cisagov/kev-data', 'known_exploited_vulnerabilities.json', SOURCE_FILES.kev, inputs.kevJson, 'CC0-1.0',
        { catalogVersion: kevDoc.catalogVersion, dateReleased: kevDoc.dateReleased, entries: kev.length }),
      attack: source('MITRE ATT&CK for ICS', 'mitre-attack/attack-stix-data', 'ics-attack/ics-attack.json', SOURCE_FILES.attack, inputs.attackJson,
        'MITRE ATT&CK terms of use (reproduce MITRE\'s copyright notice and licence)', { version: collection?.x_mitre_version ?? null, modified: collection?.modified ?? null }),
    },
    counts: {
      advisories: advisories.length,
      cves: new Set([...byCve.keys(), ...kev.map((k) => k[0])]).size,
      kev: kev.length,
      kevWithAdvisory,
      techniques: techniques.length,
      tactics: tactics.length,
      assetTypes: assetObjs.length,
      mitigations: mitigationObjs.length,
    },
    vendors,
    advisories,
    cves,
    kev,
    tactics,
    assetTypes: assetObjs.map((a) => [extId(a)!, a.name!]),
    mitigations: mitigationObjs.map((m) => [extId(m)!, m.name!]),
    techniques,
  };
  const check = parseKb(kb);
  if (check.kind === 'invalid') throw new Error(`built KB fails its own check:\n${check.errors.join('\n')}`);
  return kb;
}

/** Compact JSON, one table row per line (small diffs, no indentation). */
export function serializeKb(kb: KbFile): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(kb)) {
    if (Array.isArray(value) && value.length > 0) {
      parts.push(`${JSON.stringify(key)}:[\n${value.map((row) => JSON.stringify(row)).join(',\n')}\n]`);
    } else parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** Commits per data file, read from SOURCES.md's table rows ("… file … (commit abc123 …"). */
export function commitsFromSources(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = cells[1];
    const m = /commit ([0-9a-f]{7,40})/.exec(line);
    if (file && m && Object.values(SOURCE_FILES).includes(file as never)) out[file] = m[1]!;
  }
  return out;
}

export function noticeMarkdown(kb: KbFile): string {
  const s = kb.sources;
  const c = kb.counts;
  const commit = (x: KbSource) => (x.commit ? `, commit ${x.commit}` : '');
  return `# twinpath-kb.json — sources and licences

\`twinpath-kb.json\` is built by \`scripts/build-kb.ts\` from three public data sets. Each keeps its licence;
the licence texts are in \`licenses/\` beside this file.

## CISA ICS advisories — ICS Advisory Project (ODbL 1.0 / DbCL 1.0)

The \`vendors\`, \`advisories\` and \`cves\` tables (${c.advisories} advisories, CVE ids, cumulative CVSS scores,
severities, vendor and product names, products-affected text) are a **derivative database** of the
"ICS Advisory Project" database, \`${s.advisories.path}\` in ${s.advisories.repo}${commit(s.advisories)}
(https://github.com/icsadvprj/ICS-Advisory-Project/tree/main/ICS-CERT_ADV).
The ICS Advisory Project is made available under the Open Database License (ODbL) v1.0,
http://opendatacommons.org/licenses/odbl/1.0/; its contents under the Database Contents License (DbCL) v1.0,
http://opendatacommons.org/licenses/dbcl/1.0/. **This derived database is likewise offered under the ODbL v1.0**,
its contents under the DbCL v1.0 (\`licenses/ICS-Advisory-Project_LICENSE.md\`).
Changes: dates as YYYY-MM-DD, CVE ids repaired where mistyped (${String(s.advisories.skippedCveTokens)} unusable tokens left out),
per-CVE score taken from the advisory listing the fewest CVEs.

## CISA Known Exploited Vulnerabilities catalog (CC0 1.0)

The \`kev\` table: catalog version ${String(s.kev.catalogVersion)}, ${c.kev} entries (${s.kev.repo}${commit(s.kev)}).
CC0 1.0 (\`licenses/cisagov-kev-data_LICENSE.txt\`). Use does not imply endorsement by CISA or DHS.

## MITRE ATT&CK for ICS

The \`tactics\`, \`techniques\`, \`assetTypes\` and \`mitigations\` tables: ATT&CK for ICS v${String(s.attack.version)}
(${s.attack.repo}, \`${s.attack.path}\`${commit(s.attack)}): ${c.techniques} techniques, ${c.tactics} tactics,
${c.assetTypes} asset types, ${c.mitigations} mitigations.

© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.
Licence and disclaimers: \`licenses/mitre-attack-stix-data_LICENSE.txt\`.
`;
}

export const LICENCE_FILES = ['ICS-Advisory-Project_LICENSE.md', 'cisagov-kev-data_LICENSE.txt', 'mitre-attack-stix-data_LICENSE.txt'] as const;

function main(): void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const from = resolve(values.from ?? resolve(repo, '../shared/data/kb'));
  const out = resolve(values.out ?? join(repo, 'public/kb'));
  const read = (f: string) => {
    const p = join(from, f);
    if (!existsSync(p)) throw new Error(`build-kb: ${p} does not exist (pass --from DIR)`);
    return readFileSync(p, 'utf8');
  };
  const sourcesMd = join(from, '../SOURCES.md');
  const kb = buildKb({
    advisoriesCsv: read(SOURCE_FILES.advisories),
    kevJson: read(SOURCE_FILES.kev),
    attackJson: read(SOURCE_FILES.attack),
    commits: existsSync(sourcesMd) ? commitsFromSources(readFileSync(sourcesMd, 'utf8')) : {},
  });
  const text = serializeKb(kb);
  mkdirSync(join(out, 'licenses'), { recursive: true });
  writeFileSync(join(out, 'twinpath-kb.json'), text);
  writeFileSync(join(out, 'NOTICE.md'), noticeMarkdown(kb));
  for (const f of LICENCE_FILES) {
    const src = [join(from, '../licenses', f), join(repo, 'licenses', f)].find(existsSync);
    if (!src) throw new Error(`build-kb: licence ${f} not found`);
    writeFileSync(join(out, 'licenses', f), readFileSync(src));
  }
  const c = kb.counts;
  console.log(
    `wrote ${join(out, 'twinpath-kb.json')}: ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MiB, ${c.advisories} advisories, ${c.cves} CVEs, ` +
      `${c.kev} KEV (${c.kevWithAdvisory} with an ICS advisory), ${c.techniques} techniques, ${c.tactics} tactics, ${c.assetTypes} asset types, ${c.mitigations} mitigations`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
