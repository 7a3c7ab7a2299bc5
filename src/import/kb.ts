// The bundled knowledge base (public/kb/twinpath-kb.json, built by scripts/build-kb.ts): CISA ICS
// advisories (CVE → CVSS, severity, vendor/product, advisory id), the CISA Known Exploited
// Vulnerabilities catalog, and the MITRE ATT&CK for ICS techniques. Pure: the app fetches the file,
// the CLI reads it, both hand the parsed JSON to parseKb, which checks its shape and indexes it.
//
// File format (compact: arrays of rows with short positional fields):
//   format "twinpath-kb", formatVersion 1, notice, sources {advisories, kev, attack}, counts,
//   vendors     [name]                                   advisory vendor names, referenced by index
//   advisories  [id, vendor#, title, product, affected, released (YYYY-MM-DD), cvss|null, severity|null]
//   cves        [cve, cvss|null, severity|null, exact 0|1, [advisory#…]]
//               cvss and severity come from the advisory listing the fewest CVEs (the newest on
//               ties). A CSV advisory carries one cumulative score (its highest); exact = 1 when
//               that advisory lists only this CVE, so the score is the CVE's own.
//   kev         [cve, vendorProject, product, vulnerabilityName, dateAdded, ransomware 0|1]
//   tactics     [id, name, shortname]       assetTypes [id, name]       mitigations [id, name]
//   techniques  [id, name, [tactic#…], [assetType#…], [mitigation#…]]

export const KB_FORMAT = 'twinpath-kb';
export const KB_FORMAT_VERSION = 1;

export interface KbSource {
  readonly name: string;
  readonly repo: string;
  readonly path: string;
  readonly commit: string | null;
  readonly sha256: string;
  readonly licence: string;
  readonly [extra: string]: unknown;
}

export interface KbCounts {
  readonly advisories: number;
  readonly cves: number;
  readonly kev: number;
  readonly kevWithAdvisory: number;
  readonly techniques: number;
  readonly tactics: number;
  readonly assetTypes: number;
  readonly mitigations: number;
}

export type AdvisoryRow = [id: string, vendor: number, title: string, product: string, affected: string, released: string, cvss: number | null, severity: string | null];
export type CveRow = [cve: string, cvss: number | null, severity: string | null, exact: 0 | 1, advisories: number[]];
export type KevRow = [cve: string, vendorProject: string, product: string, name: string, dateAdded: string, ransomware: 0 | 1];
export type TechniqueRow = [id: string, name: string, tactics: number[], assetTypes: number[], mitigations: number[]];

/** The KB file as stored. */
export interface KbFile {
  readonly format: typeof KB_FORMAT;
  readonly formatVersion: typeof KB_FORMAT_VERSION;
  readonly notice: string;
  readonly sources: { readonly advisories: KbSource; readonly kev: KbSource; readonly attack: KbSource };
  readonly counts: KbCounts;
  readonly vendors: string[];
  readonly advisories: AdvisoryRow[];
  readonly cves: CveRow[];
  readonly kev: KevRow[];
  readonly tactics: [id: string, name: string, shortname: string][];
  readonly assetTypes: [id: string, name: string][];
  readonly mitigations: [id: string, name: string][];
  readonly techniques: TechniqueRow[];
}

export interface Advisory {
  readonly index: number;
  readonly id: string;
  readonly vendor: string;
  readonly title: string;
  readonly product: string;
  /** The advisory's "products affected" text, versions included, as published. */
  readonly affected: string;
  readonly released: string;
  /** The advisory's cumulative (highest) CVSS score. */
  readonly cvss: number | null;
  readonly severity: string | null;
  readonly cves: readonly string[];
}

export interface KevEntry {
  readonly cve: string;
  readonly vendor: string;
  readonly product: string;
  readonly name: string;
  readonly dateAdded: string;
  readonly knownRansomwareCampaignUse: boolean;
}

export interface CveInfo {
  readonly cve: string;
  readonly cvss: number | null;
  readonly severity: string | null;
  /** True when cvss is this CVE's own score (a single-CVE advisory), false when it is an advisory's highest. */
  readonly cvssExact: boolean;
  readonly advisories: readonly number[];
  readonly kev: KevEntry | undefined;
}

export interface TechniqueInfo {
  readonly id: string;
  readonly name: string;
  /** Tactic short names, e.g. "initial-access", in ATT&CK's order. */
  readonly tactics: readonly string[];
  readonly assetTypes: readonly string[];
  readonly mitigations: readonly { readonly id: string; readonly name: string }[];
}

/** A loaded, indexed knowledge base. */
export interface Kb {
  readonly file: KbFile;
  readonly advisories: readonly Advisory[];
  readonly kev: readonly KevEntry[];
  readonly techniques: ReadonlyMap<string, TechniqueInfo>;
  cve(id: string): CveInfo | undefined;
  readonly cveCount: number;
}

export type KbResult = { readonly kind: 'ok'; readonly kb: Kb } | { readonly kind: 'invalid'; readonly errors: readonly string[] };

const MAX_ERRORS = 50;

/** Checks the shape of a parsed KB document and indexes it. Errors name the path and the value. */
export function parseKb(doc: unknown): KbResult {
  const errors: string[] = [];
  let dropped = 0;
  const err = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push(`${path}: ${message}`);
    else dropped++;
  };
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : Array.isArray(v) ? `an array of ${v.length}` : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));
  const done = (): KbResult => ({ kind: 'invalid', errors: dropped ? [...errors, `…and ${dropped} more error(s)`] : errors });

  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    err('kb', `expected a JSON object, got ${show(doc)}`);
    return done();
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== KB_FORMAT) err('format', `expected ${JSON.stringify(KB_FORMAT)}, got ${show(d.format)}`);
  if (d.formatVersion !== KB_FORMAT_VERSION) err('formatVersion', `this build reads version ${KB_FORMAT_VERSION}, got ${show(d.formatVersion)}`);
  if (errors.length) return done();
  if (typeof d.notice !== 'string') err('notice', `expected a string, got ${show(d.notice)}`);
  const sources = d.sources as Record<string, unknown> | undefined;
  if (!sources || typeof sources !== 'object') err('sources', `expected an object, got ${show(d.sources)}`);
  else for (const k of ['advisories', 'kev', 'attack']) if (!sources[k] || typeof sources[k] !== 'object') err(`sources.${k}`, `expected an object, got ${show(sources[k])}`);
  if (!d.counts || typeof d.counts !== 'object') err('counts', `expected an object, got ${show(d.counts)}`);

  type Check = (v: unknown) => boolean;
  const isStr: Check = (v) => typeof v === 'string';
  const isNum = (max: number): Check => (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < max;
  const isScore: Check = (v) => v === null || (typeof v === 'number' && v >= 0 && v <= 10);
  const isStrOrNull: Check = (v) => v === null || typeof v === 'string';
  const isBit: Check = (v) => v === 0 || v === 1;
  const isIdx = (max: number): Check => (v) => Array.isArray(v) && v.every(isNum(max));
  const describe = new Map<Check, string>();
  const table = (key: string, cols: [string, Check][]): unknown[][] => {
    const rows = d[key];
    if (!Array.isArray(rows)) {
      err(key, `expected an array, got ${show(rows)}`);
      return [];
    }
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== cols.length) {
        err(`${key}[${i}]`, `expected a row of ${cols.length} fields (${cols.map((c) => c[0]).join(', ')}), got ${show(r)}`);
        return;
      }
      cols.forEach(([name, check], k) => {
        if (!check(r[k])) err(`${key}[${i}][${k}]`, `bad ${name}${describe.has(check) ? ` (${describe.get(check)})` : ''}: ${show(r[k])}`);
      });
    });
    return rows as unknown[][];
  };
  const arr = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]) : []);
  const nV = arr('vendors').length;
  const nA = arr('advisories').length;
  const nT = arr('tactics').length;
  const nAT = arr('assetTypes').length;
  const nM = arr('mitigations').length;
  const vendorIdx = isNum(nV);
  describe.set(vendorIdx, `an index into vendors, 0..${nV - 1}`);
  const cveId: Check = (v) => typeof v === 'string' && /^CVE-\d{4}-\d{4,}$/.test(v);
  describe.set(cveId, 'CVE-YYYY-NNNN');
  const date: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  describe.set(date, 'YYYY-MM-DD');
  describe.set(isScore, 'null or 0..10');

  const vendors = d.vendors;
  if (!Array.isArray(vendors) || !vendors.every(isStr)) err('vendors', `expected an array of strings, got ${show(vendors)}`);
  const advisories = table('advisories', [['id', isStr], ['vendor', vendorIdx], ['title', isStr], ['product', isStr], ['affected', isStr], ['released', date], ['cvss', isScore], ['severity', isStrOrNull]]);
  const cves = table('cves', [['cve', cveId], ['cvss', isScore], ['severity', isStrOrNull], ['exact', isBit], ['advisories', isIdx(nA)]]);
  const kev = table('kev', [['cve', cveId], ['vendorProject', isStr], ['product', isStr], ['name', isStr], ['dateAdded', date], ['ransomware', isBit]]);
  table('tactics', [['id', isStr], ['name', isStr], ['shortname', isStr]]);
  table('assetTypes', [['id', isStr], ['name', isStr]]);
  table('mitigations', [['id', isStr], ['name', isStr]]);
  const techniques = table('techniques', [['id', isStr], ['name', isStr], ['tactics', isIdx(nT)], ['assetTypes', isIdx(nAT)], ['mitigations', isIdx(nM)]]);
  if (errors.length) return done();

  const file = doc as KbFile;
  const advCves: string[][] = advisories.map(() => []);
  const cveMap = new Map<string, CveRow>();
  cves.forEach((r, i) => {
    const row = r as CveRow;
    if (cveMap.has(row[0])) err(`cves[${i}][0]`, `duplicate CVE ${row[0]}`);
    cveMap.set(row[0], row);
    for (const a of row[4]) advCves[a]!.push(row[0]);
  });
  const kevEntries: KevEntry[] = [];
  const kevMap = new Map<string, KevEntry>();
  kev.forEach((r, i) => {
    const [cve, vendor, product, name, dateAdded, ransomware] = r as KevRow;
    const e: KevEntry = { cve, vendor, product, name, dateAdded, knownRansomwareCampaignUse: ransomware === 1 };
    if (kevMap.has(cve)) err(`kev[${i}][0]`, `duplicate CVE ${cve}`);
    kevMap.set(cve, e);
    kevEntries.push(e);
  });
  if (errors.length) return done();
  const vendorNames = vendors as string[];
  const advList: Advisory[] = advisories.map((r, index) => {
    const [id, v, title, product, affected, released, cvss, severity] = r as AdvisoryRow;
    return { index, id, vendor: vendorNames[v]!, title, product, affected, released, cvss, severity, cves: advCves[index]! };
  });
  const techMap = new Map<string, TechniqueInfo>();
  for (const r of techniques as TechniqueRow[]) {
    techMap.set(r[0], {
      id: r[0],
      name: r[1],
      tactics: r[2].map((t) => file.tactics[t]![2]),
      assetTypes: r[3].map((a) => file.assetTypes[a]![1]),
      mitigations: r[4].map((m) => ({ id: file.mitigations[m]![0], name: file.mitigations[m]![1] })),
    });
  }
  const cveCache = new Map<string, CveInfo>();
  const kb: Kb = {
    file,
    advisories: advList,
    kev: kevEntries,
    techniques: techMap,
    cveCount: new Set([...cveMap.keys(), ...kevMap.keys()]).size,
    cve(id: string): CveInfo | undefined {
      const hit = cveCache.get(id);
      if (hit) return hit;
      const row = cveMap.get(id);
      const k = kevMap.get(id);
      if (!row && !k) return undefined;
      const info: CveInfo = row
        ? { cve: id, cvss: row[1], severity: row[2], cvssExact: row[3] === 1, advisories: row[4], kev: k }
        : { cve: id, cvss: null, severity: null, cvssExact: false, advisories: [], kev: k };
      cveCache.set(id, info);
      return info;
    },
  };
  return { kind: 'ok', kb };
}

/** Parses KB JSON text, then checks it with parseKb. */
export function parseKbText(text: string): KbResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { kind: 'invalid', errors: [`invalid JSON: ${(e as Error).message}`] };
  }
  return parseKb(doc);
}
