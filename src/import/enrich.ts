// CVE enrichment: attaches the known CVEs of the bundled knowledge base (src/import/kb.ts) to assets
// by vendor, product and firmware, and says how each match was made; refreshes the KEV flag and
// CVSS of the CVEs assets already list. Pure: a model and a KB in, a new model and a report out.
//
// How a match is made (`how`), from the most to the least specific:
//   exact       the asset's product name appears verbatim (ignoring case, spacing and punctuation)
//               in the advisory's product, title or products-affected text, or equals the KEV product
//   normalized  it does after dropping descriptors ("drive", "serial device server"), notes in
//               parentheses, the vendor's name and trailing version numbers ("PI Server 2018" → "PI Server")
//   alias       through a known other name ("Pulse Connect Secure" for "Connect Secure", "FortiGate" → FortiOS)
//   family      only the product family matches ("SIMATIC S7-1500" for a CPU 1516-3, "GateManager" for a 8250)
// The vendor must match first: same name, same after dropping legal suffixes, or a known alias
// ("Allen-Bradley" → Rockwell Automation, "OSIsoft" → AVEVA).
//
// Versions: where the advisory's product text gives a version range right after the product
// ("< V3.1.6", "vers:intdot/<2.9.2", "versions prior to 2.7", "5.4 and prior", "All versions"), the
// asset's firmware (or a version in its product name) is checked: outside the range the match is
// dropped and listed under notAffected. Otherwise the match says "version not checked" and why.
// KEV entries carry no versions: KEV-only matches are never version-checked.
//
// Confidence: exact, normalized and alias matches score 2, family matches 1, umbrella names
// ("Windows", "SIMATIC" alone) 0; a version found affected adds 1. 3+ high, 2 medium, ≤1 low.
// Matches at or above opts.minConfidence (default medium) are attached to the model.
import type { Asset, PlantModel, Vulnerability } from '../model/schema';
import type { Advisory, Kb, KevEntry } from './kb';

export type MatchHow = 'exact' | 'normalized' | 'alias' | 'family';
export type VendorMatch = 'exact' | 'normalized' | 'alias';
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export type VersionCheck =
  | { readonly status: 'affected'; readonly version: string; readonly constraint: string; readonly from: 'firmware' | 'product name' }
  | { readonly status: 'all-versions'; readonly constraint: string }
  | { readonly status: 'not-checked'; readonly reason: string };

export interface EnrichMatch {
  readonly asset: string;
  readonly cve: string;
  readonly how: MatchHow;
  readonly confidence: Confidence;
  /** Advisory id (ICSA-…), or "CISA KEV" for a match on a KEV entry that has no ICS advisory. */
  readonly advisory: string;
  readonly vendorMatch: VendorMatch;
  /** The product words that matched, as searched (normalized). */
  readonly matched: string;
  readonly version: VersionCheck;
  readonly cvss: number | null;
  readonly kev: boolean;
  readonly kevDateAdded?: string;
  readonly knownRansomwareCampaignUse?: boolean;
  /** The asset already listed this CVE (its record is refreshed instead, see updated). */
  readonly alreadyListed: boolean;
  /** Added to the asset's vulnerabilities in the returned model. */
  readonly attached: boolean;
  /** One readable sentence: how the match was made. */
  readonly reason: string;
}

export interface EnrichUpdate {
  readonly asset: string;
  readonly cve: string;
  readonly field: 'kev' | 'cvss';
  readonly from: boolean | number | undefined;
  readonly to: boolean | number;
  readonly reason: string;
}

export interface NotAffected {
  readonly asset: string;
  readonly cve: string;
  readonly advisory: string;
  readonly reason: string;
}

export interface EnrichSummary {
  readonly assets: number;
  readonly assetsWithVendorAndProduct: number;
  readonly assetsMatched: number;
  readonly matches: number;
  readonly attached: number;
  readonly attachedKev: number;
  readonly byHow: Readonly<Record<MatchHow, number>>;
  readonly byConfidence: Readonly<Record<Confidence, number>>;
  readonly notAffected: number;
  readonly updated: number;
  /** Matches left off assets that would exceed 1024 vulnerabilities. */
  readonly capped: number;
}

export interface EnrichResult {
  readonly model: PlantModel;
  readonly matches: readonly EnrichMatch[];
  readonly updated: readonly EnrichUpdate[];
  readonly notAffected: readonly NotAffected[];
  readonly summary: EnrichSummary;
}

export interface EnrichOptions {
  /** Lowest confidence attached to the model (default 'medium'); lower ones are only reported. */
  readonly minConfidence?: Confidence;
  /** Refresh kev and cvss of CVEs the assets already list (default true). */
  readonly refresh?: boolean;
}

const MAX_VULNS = 1024;

// ---------------------------------------------------------------------------------------------
// Names

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'gmbh', 'ag', 'sa', 'se', 'bv', 'kg', 'spa', 'srl', 'pty', 'oy', 'ab', 'as', 'nv', 'plc', 'group',
]);

/**
 * Vendor → canonical name; keys and values are normalized (see normVendor). Looked up with names
 * from the model: a Map, so that a vendor called "constructor" finds nothing on Object.prototype.
 */
const VENDOR_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries({
  rockwell: 'rockwell automation',
  'allen bradley': 'rockwell automation',
  'rockwell automation allen bradley': 'rockwell automation',
  schneider: 'schneider electric',
  triconex: 'schneider electric',
  invensys: 'schneider electric',
  'schneider electric triconex': 'schneider electric',
  osisoft: 'aveva',
  wonderware: 'aveva',
  'aveva software': 'aveva',
  ge: 'general electric',
  'ge digital': 'general electric',
  'ge vernova': 'general electric',
  'ge grid solutions': 'general electric',
  'ge renewable energy': 'general electric',
  'general electric renewable energy': 'general electric',
  'ge intelligent platforms': 'general electric',
  'ge power': 'general electric',
  'hms industrial networks': 'hms networks',
  hms: 'hms networks',
  ewon: 'hms networks',
  'trihedral engineering': 'trihedral',
  'trihedral engineering limited': 'trihedral',
  'emerson process management': 'emerson',
  'emerson electric': 'emerson',
  mitsubishi: 'mitsubishi electric',
  'pulse secure': 'ivanti',
  netscaler: 'citrix',
  'kuka robotics': 'kuka',
  'yokogawa electric': 'yokogawa',
  'honeywell international': 'honeywell',
  '3s smart software solutions': 'codesys',
  'b and r': 'b and r industrial automation',
  'br automation': 'b and r industrial automation',
  'hitachi abb power grids': 'hitachi energy',
  'abb power grids': 'hitachi energy',
  'johnson controls international': 'johnson controls',
  'phoenix contact electronics': 'phoenix contact',
  'moxa technologies': 'moxa',
  'fuji electric fa components and systems': 'fuji electric',
  'omron industrial automation': 'omron',
  'inductive automation llc': 'inductive automation',
}));

/** Lower case, "&" → "and", punctuation to spaces, legal suffixes dropped. */
export function normVendor(vendor: string): string {
  const words = vendor
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** Canonical vendor key and how it was reached from the raw name. */
function vendorKey(vendor: string): { key: string; via: 'normalized' | 'alias' } {
  const n = normVendor(vendor);
  const alias = VENDOR_ALIASES.get(n);
  return alias ? { key: alias, via: 'alias' } : { key: n, via: 'normalized' };
}

/** Vendors of one advisory: "Hitachi and ABB" names two. */
function advisoryVendorKeys(vendor: string): string[] {
  const keys = new Set([vendorKey(vendor).key]);
  for (const part of vendor.split(/\s+and\s+|\s*\/\s*/i)) if (part.trim() && part.trim() !== vendor.trim()) keys.add(vendorKey(part).key);
  return [...keys];
}

function vendorMatchKind(assetVendor: string, otherVendor: string): VendorMatch {
  if (assetVendor.trim().toLowerCase() === otherVendor.trim().toLowerCase()) return 'exact';
  const a = vendorKey(assetVendor);
  const b = vendorKey(otherVendor);
  return a.via === 'alias' || b.via === 'alias' ? 'alias' : 'normalized';
}

/** Words that describe rather than name a product: dropped from the end of a product name. */
const DESCRIPTORS = new Set([
  'drive', 'drives', 'controller', 'controllers', 'robot', 'serial', 'device', 'devices', 'server', 'servers', 'managed', 'switch', 'switches', 'industrial',
  'secure', 'router', 'routers', 'rtu', 'plc', 'plcs', 'hmi', 'radio', 'radios', 'runtime', 'client', 'workstation', 'station', 'engineering', 'module',
  'modules', 'gateway', 'firmware', 'software', 'series', 'family', 'cpu', 'system', 'systems', 'appliance', 'terminal', 'panel', 'unit', 'vpn', 'ssl',
  'the', 'and', 'with', 'for', 'of', 'on', 'a', 'edition', 'application', 'host', 'node', 'computer', 'pc', 'box', 'communication', 'comms', 'interface',
]);

/** Words too common to name a product on their own. */
const GENERIC = new Set([
  ...DESCRIPTORS,
  'connect', 'policy', 'web', 'manager', 'management', 'data', 'control', 'center', 'centre', 'access', 'remote', 'view', 'portal', 'studio', 'suite', 'platform',
  'builder', 'designer', 'editor', 'tool', 'tools', 'utility', 'utilities', 'service', 'services', 'network', 'networks', 'cloud', 'mobile', 'security', 'monitor',
  'monitoring', 'automation', 'smart', 'power', 'energy', 'process', 'plant', 'field', 'safety', 'link', 'port', 'master', 'edge', 'multiple', 'products',
  'product', 'domain', 'active', 'directory', 'enterprise', 'standard', 'professional', 'basic', 'advanced', 'pro', 'lite', 'plus', 'open', 'core', 'main', 'version',
  'versions', 'all', 'prior', 'update', 'microsoft',
]);

/** Brand umbrellas: alone they name hundreds of products. */
const UMBRELLAS = new Set([
  'windows', 'simatic', 'sinamics', 'scalance', 'ruggedcom', 'sinumerik', 'siplus', 'sinec', 'sicam', 'sipass', 'desigo', 'ecostruxure', 'modicon', 'melsec',
  'factorytalk', 'linux', 'kernel', 'office', 'android', 'ios', 'macos', 'simotion', 'sentron', 'spectrum', 'teamcenter', 'tecnomatix', 'opcenter', 'sppa',
]);

/** Known other names of products (normalized phrase → alternatives); a Map, as VENDOR_ALIASES. */
const PRODUCT_ALIASES: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  'connect secure': ['pulse connect secure', 'pulse secure'],
  'pulse connect secure': ['connect secure'],
  'pulse secure': ['pulse connect secure', 'connect secure'],
  'netscaler adc': ['citrix adc', 'application delivery controller adc', 'adc and gateway', 'netscaler adc and netscaler gateway'],
  'citrix adc': ['netscaler adc', 'application delivery controller adc'],
  fortigate: ['fortios'],
  intouch: ['wonderware intouch'],
  'wonderware intouch': ['intouch'],
  'pi server': ['pi data archive'],
  'pi data archive': ['pi server'],
  'tia portal': ['totally integrated automation portal'],
  'totally integrated automation portal': ['tia portal'],
  'step 7': ['simatic step 7', 'step7'],
  'mds inet-ii': ['inet ii', 'inet-ii'],
  'inet-ii': ['inet ii'],
  'active directory domain controller': ['windows'],
  'domain controller': ['windows'],
  'windows server': ['windows'],
  'sap erp': ['netweaver'],
  'exchange server': ['exchange'],
  'kr c4': ['kr c4', 'krc4'],
  'factorytalk view se': ['factorytalk view site edition'],
  'factorytalk view me': ['factorytalk view machine edition'],
  'tricon mp3008': ['mp model 3008', 'tricon'],
}));

/**
 * Normalizes text for phrase search: lower case, tokens of letters, digits, "." and "-", single
 * spaces, with the raw index of each kept character (to read versions from the raw text).
 */
function normText(raw: string): { text: string; at: Int32Array } {
  const out: string[] = [];
  const at = new Int32Array(raw.length + 2);
  let n = 0;
  let space = true;
  const lower = raw.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const keep =
      (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46 || code === 45 || code === 43 || (code > 127 && /[\p{L}\p{N}]/u.test(lower[i]!));
    if (keep) {
      out.push(lower[i]!);
      at[n++] = i;
      space = false;
    } else if (!space) {
      while (n > 0 && (out[n - 1] === '.' || out[n - 1] === '-')) {
        out.pop();
        n--;
      }
      out.push(' ');
      at[n++] = i;
      space = true;
    }
  }
  while (n > 0 && (out[n - 1] === '.' || out[n - 1] === '-' || out[n - 1] === ' ')) {
    out.pop();
    n--;
  }
  return { text: out.join(''), at };
}

const tokensOf = (raw: string) => normText(raw).text.split(' ').filter(Boolean);
const hasDigit = (t: string) => /\d/.test(t);
const isVersionToken = (t: string) => /^v?\d+(\.\d+)+[a-z]?$/.test(t) || /^v\d+$/.test(t) || /^(19|20)\d\d$/.test(t) || /^(sp|r|update|u)\d+$/.test(t) || /^\d+(h\d)$/.test(t);

type Quality = 'model' | 'line' | 'umbrella';

interface Phrase {
  readonly text: string;
  readonly how: MatchHow;
  readonly quality: Quality;
  /** A version taken off the end of the product name ("PI Server 2018" → "2018"). */
  readonly versionHint?: string;
}

function quality(tokens: readonly string[]): Quality | undefined {
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (UMBRELLAS.has(t)) return 'umbrella';
    if (t.length < 3 || GENERIC.has(t) || isVersionToken(t) || /^\d+$/.test(t)) return undefined;
  } else if (tokens.every((t) => DESCRIPTORS.has(t) || isVersionToken(t) || /^\d+$/.test(t))) return undefined;
  if (tokens.every((t) => UMBRELLAS.has(t) || GENERIC.has(t) || isVersionToken(t))) return 'umbrella';
  return tokens.some((t) => hasDigit(t) && /[a-z]/.test(t)) || tokens.some((t) => /^\d{3,}$/.test(t)) ? 'model' : 'line';
}

/** The search phrases of a product name, most specific first, each with how it would match. */
export function productPhrases(product: string, vendor: string): Phrase[] {
  const vendorTokens = [vendor, vendorKey(vendor).key].map((v) => tokensOf(v));
  const dropVendor = (tokens: string[]) => {
    for (const vt of vendorTokens) {
      if (vt.length > 0 && tokens.length > vt.length && vt.every((t, i) => tokens[i] === t)) return tokens.slice(vt.length);
    }
    return tokens;
  };
  const out: Phrase[] = [];
  const seen = new Set<string>();
  const push = (tokens: readonly string[], how: MatchHow, versionHint?: string) => {
    const q = quality(tokens);
    const text = tokens.join(' ');
    if (!q || seen.has(text)) return;
    seen.add(text);
    out.push({ text, how, quality: q, ...(versionHint ? { versionHint } : {}) });
  };
  const full = dropVendor(tokensOf(product));
  push(full, 'exact');

  // Parts: outside and inside parentheses, either side of " / ", " with ", " on ".
  const parens = [...product.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const outside = product.replace(/\([^)]*\)/g, ' ');
  const parts = [...outside.split(/\s+\/\s+|\s+with\s+|\s+on\s+|\s+incl\.?\s+/i), ...parens].map((p) => dropVendor(tokensOf(p))).filter((t) => t.length > 0);
  const reduced: { tokens: string[]; hint?: string }[] = [];
  for (const p of parts) {
    let tokens = p;
    let hint: string | undefined;
    push(tokens, 'normalized');
    reduced.push({ tokens });
    for (;;) {
      const last = tokens[tokens.length - 1];
      if (last === undefined || tokens.length === 1) break;
      if (DESCRIPTORS.has(last)) tokens = tokens.slice(0, -1);
      else if (isVersionToken(last)) {
        hint ??= last;
        tokens = tokens.slice(0, -1);
      } else break;
      push(tokens, 'normalized', hint);
      reduced.push({ tokens, ...(hint ? { hint } : {}) });
    }
    // Without a leading umbrella brand: "simatic s7-1500 cpu" → "s7-1500 cpu".
    if (tokens.length > 1 && UMBRELLAS.has(tokens[0]!)) push(tokens.slice(1), 'normalized', hint);
    // De-hyphenated: "inet-ii" → "inet ii".
    if (tokens.some((t) => t.includes('-') && !/\d-\d/.test(t))) push(tokens.join(' ').replace(/(\D)-(\D)/g, '$1 $2').split(' '), 'normalized', hint);
  }
  // Aliases of any phrase so far.
  for (const p of [...out]) {
    for (const alt of PRODUCT_ALIASES.get(p.text) ?? []) push(alt.split(' '), 'alias', p.versionHint);
  }
  for (const r of reduced) {
    for (let k = r.tokens.length; k >= 1; k--) {
      for (const alt of PRODUCT_ALIASES.get(r.tokens.slice(0, k).join(' ')) ?? []) push(alt.split(' '), 'alias', r.hint);
    }
  }
  // Family: prefixes ending at, or just before, a model token ("simatic s7-1500", "gatemanager").
  for (const r of reduced) {
    const t = r.tokens;
    for (let k = t.length - 1; k >= 1; k--) {
      if (hasDigit(t[k - 1]!) || hasDigit(t[k]!)) {
        push(t.slice(0, k), 'family');
        if (k > 1 && UMBRELLAS.has(t[0]!)) push(t.slice(1, k), 'family');
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Versions

type Ver = number[];

function parseVer(s: string): { ver: Ver; exactText: boolean } | undefined {
  const m = /^(?:v|sv|rev\.?\s?|r)?(\d+(?:\.\d+)*)((?:\.x)*)$/i.exec(s.trim());
  if (!m) return undefined;
  return { ver: m[1]!.split('.').map(Number), exactText: m[2] === '' };
}

/**
 * Compares an asset's version with a bound of a range. Where one is a prefix of the other, the
 * answer depends on how precise each is: "11.2" against "11.2.26" is open (undefined);
 * "36.5" against "V36" is past it for ">=" and "<" but open for "<=", ">" and "=" (V36 may mean
 * the whole 36.x line).
 */
function bound(op: string, b: Ver): (x: Ver) => boolean | undefined {
  return (a) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) {
        const c = a[i]! < b[i]! ? -1 : 1;
        return op === '<' ? c < 0 : op === '<=' ? c < 0 : op === '>' ? c > 0 : op === '>=' ? c > 0 : false;
      }
    }
    const restA = a.slice(n).every((x) => x === 0);
    const restB = b.slice(n).every((x) => x === 0);
    if (restA && restB) return op === '<=' || op === '>=' || op === '=';
    if (a.length > b.length) return op === '>=' ? true : op === '<' ? false : undefined;
    return undefined; // the bound is more precise than the asset's version
  };
}

interface Constraint {
  readonly text: string;
  /** Where the expression starts in the window. */
  readonly index: number;
  readonly all?: boolean;
  readonly test?: (v: Ver) => boolean | undefined;
}

const VER = String.raw`(?:v|sv|rev\.?\s?)?\d+(?:\.\d+)*(?:\.x)*`;
/** Words after a version number that make it more precise than we read ("V19 Update 4", "9.2c"). */
const TOO_PRECISE_WORDS = /^\s+(?:update|upd|sp\d*|hf\d*|hotfix|patch|build|service pack|r\d)\b/i;
/** True when the text right after a version number makes it more precise than we read. */
function tooPrecise(after: string): boolean {
  if (/^[A-Z]{3,}/.test(after)) return false; // the next product glued on: "v2.9.7SIMATIC S7-1500 …"
  return /^[a-z]/i.test(after) || TOO_PRECISE_WORDS.test(after);
}

function and(tests: ((x: Ver) => boolean | undefined)[]): (x: Ver) => boolean | undefined {
  return (x) => {
    let unknown = false;
    for (const t of tests) {
      const r = t(x);
      if (r === false) return false;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

const RE_VERS = /vers:[a-z]+\/([^\s,;)]+)/i;
const RE_OPS = new RegExp(String.raw`(<=|>=|<|>|≤|≥)\s?(${VER})`, 'gi');
const RE_FROM_TO = new RegExp(String.raw`(?:from|since|after)\s(?:versions?\s)?(${VER})\s(?:and\s)?(?:prior to|before|up to but not including)\s(?:versions?\s)?(${VER})`, 'i');
const RE_BEFORE = new RegExp(String.raw`(?:prior to|before|earlier than|older than|below|lower than)\s(?:versions?\s)?(${VER})`, 'i');
const RE_AND_PRIOR = new RegExp(String.raw`(${VER})\s(?:and|or)\s(?:prior|earlier|older|below|before|lower)`, 'i');
const RE_RANGE = new RegExp(String.raw`versions?\s(${VER})\s?(?:-|–|to|through)\s?(${VER})`, 'i');
const RE_ALL = /\ball (?:firmware )?versions\b(?!\s(?:prior|before|from|since|up|earlier|older|below|after|of))/i;
const RE_EQUALS = new RegExp(String.raw`versions?:?\s(${VER})(?=$|[\s,;|)]|\.(?!\d))(?!\s(?:and|or)\s(?:prior|earlier|older|below|before|lower))(?!\s?(?:-|–|to|through)\s?v?\d)`, 'i');

/** Reads the first version expression of a products-affected window; undefined when none is readable. */
export function readConstraint(window: string): Constraint | undefined {
  const w = window.replace(/\s+/g, ' ');
  const precise = (m: RegExpExecArray) => !tooPrecise(w.slice(m.index + m[0].length));
  // Every reading that applies, keyed by where it starts; the earliest wins. A reading that
  // cannot be used (a version too precise for us) is recorded as null: the earliest may be one.
  const found: { index: number; c: Constraint | null }[] = [];
  const at = (m: RegExpExecArray | null, make: (m: RegExpExecArray) => Constraint | null) => {
    if (m) found.push({ index: m.index, c: make(m) });
  };
  at(RE_VERS.exec(w), (m) => {
    const spec = m[1]!;
    if (spec === '*') return { text: m[0], index: m.index, all: true };
    const tests: ((x: Ver) => boolean | undefined)[] = [];
    for (const part of spec.split('|')) {
      const p = /^(<=|>=|<|>|=)?(.+)$/.exec(part.trim());
      const v = p && parseVer(p[2]!);
      if (!v) return null;
      tests.push(bound(p![1] ?? '=', v.ver));
    }
    return { text: m[0], index: m.index, test: and(tests) };
  });
  RE_OPS.lastIndex = 0;
  at(RE_OPS.exec(w), (first) => {
    // "<=V2.01", "< V2606", ">=V36|<=V37": one bound, or two joined by "|".
    const tests: ((x: Ver) => boolean | undefined)[] = [];
    let text = '';
    RE_OPS.lastIndex = first.index;
    for (let k = 0; k < 2; k++) {
      const o = RE_OPS.exec(w);
      if (!o) break;
      const v = parseVer(o[2]!);
      if (!v || !precise(o)) return null;
      const op = o[1] === '≤' ? '<=' : o[1] === '≥' ? '>=' : o[1]!;
      tests.push(bound(op, v.ver));
      text += (text ? ' ' : '') + o[0];
      if (!/^\s?\|\s?/.test(w.slice(o.index + o[0].length))) break;
    }
    return { text, index: first.index, test: and(tests) };
  });
  at(RE_FROM_TO.exec(w), (m) => {
    const a = parseVer(m[1]!);
    const b = parseVer(m[2]!);
    return a && b && precise(m) ? { text: m[0], index: m.index, test: and([bound('>=', a.ver), bound('<', b.ver)]) } : null;
  });
  at(RE_BEFORE.exec(w), (m) => {
    const v = parseVer(m[1]!);
    return v && precise(m) ? { text: m[0], index: m.index, test: bound('<', v.ver) } : null;
  });
  at(RE_AND_PRIOR.exec(w), (m) => {
    const v = parseVer(m[1]!);
    return v ? { text: m[0], index: m.index, test: bound('<=', v.ver) } : null;
  });
  at(RE_RANGE.exec(w), (m) => {
    const a = parseVer(m[1]!);
    const b = parseVer(m[2]!);
    return a && b && precise(m) ? { text: m[0], index: m.index, test: and([bound('>=', a.ver), bound('<=', b.ver)]) } : null;
  });
  at(RE_ALL.exec(w), (m) => ({ text: 'all versions', index: m.index, all: true }));
  at(RE_EQUALS.exec(w), (m) => {
    const v = parseVer(m[1]!);
    return v && precise(m) ? { text: m[0], index: m.index, test: bound('=', v.ver) } : null;
  });
  if (found.length === 0) return undefined;
  // The earliest; on a tie the more specific reading (a range before "all versions" in "All versions prior to").
  let best = found[0]!;
  for (const f of found) if (f.index < best.index || (f.index === best.index && f.c && best.c?.all)) best = f;
  return best.c ?? undefined;
}

/** The version of an asset: from its firmware, else from the end of its product name. */
function assetVersion(asset: Asset, hint: string | undefined): { ver: Ver; text: string; from: 'firmware' | 'product name'; approx: boolean } | undefined {
  const take = (s: string, from: 'firmware' | 'product name') => {
    const m = /(\d+(?:\.\d+)*)([a-z-]\w*)?/i.exec(s);
    if (!m) return undefined;
    return { ver: m[1]!.split('.').map(Number), text: s, from, approx: m[2] !== undefined };
  };
  if (asset.firmware) return take(asset.firmware, 'firmware');
  return hint ? take(hint, 'product name') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Index over the KB (built once per KB)

interface IndexedAdvisory {
  readonly advisory: Advisory;
  /** Normalized product + title + affected, padded with spaces. */
  readonly text: string;
  /** Where the affected text starts in `text`, and its raw-index map. */
  readonly affectedStart: number;
  readonly affectedAt: Int32Array;
}

interface KbIndex {
  readonly byVendor: Map<string, IndexedAdvisory[]>;
  readonly kevByVendor: Map<string, { entry: KevEntry; text: string; parts: string[] }[]>;
}

const indexes = new WeakMap<Kb, KbIndex>();

function indexKb(kb: Kb): KbIndex {
  const hit = indexes.get(kb);
  if (hit) return hit;
  const byVendor = new Map<string, IndexedAdvisory[]>();
  for (const advisory of kb.advisories) {
    const head = ` ${normText(advisory.product).text} | ${normText(advisory.title).text} | `;
    const aff = normText(advisory.affected);
    const ia: IndexedAdvisory = { advisory, text: `${head}${aff.text} `, affectedStart: head.length, affectedAt: aff.at };
    for (const key of advisoryVendorKeys(advisory.vendor)) {
      const list = byVendor.get(key);
      if (list) list.push(ia);
      else byVendor.set(key, [ia]);
    }
  }
  const kevByVendor = new Map<string, { entry: KevEntry; text: string; parts: string[] }[]>();
  for (const entry of kb.kev) {
    const text = normText(entry.product).text;
    if (text === 'multiple products' || text === '') continue;
    const parts = [text, ...entry.product.split(/,\s*|\s+and\s+/i).map((p) => normText(p).text)].filter((p) => quality(p.split(' ')) !== undefined);
    const key = vendorKey(entry.vendor).key;
    const list = kevByVendor.get(key);
    const item = { entry, text, parts: [...new Set(parts)] };
    if (list) list.push(item);
    else kevByVendor.set(key, [item]);
  }
  const index = { byVendor, kevByVendor };
  indexes.set(kb, index);
  return index;
}

function findAll(text: string, phrase: string, limit = 64): number[] {
  const needle = ` ${phrase} `;
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1 && out.length < limit; i = text.indexOf(needle, i + 1)) out.push(i + 1);
  return out;
}

/** The raw products-affected text following a phrase hit, up to the next product entry. */
function windowAfter(ia: IndexedAdvisory, hit: number, phrase: string): string | undefined {
  const start = hit - ia.affectedStart + phrase.length;
  if (hit < ia.affectedStart) return undefined;
  const raw = ia.advisory.affected;
  const rawStart = start < ia.affectedAt.length ? ia.affectedAt[start] ?? raw.length : raw.length;
  const rest = raw.slice(rawStart, rawStart + 200);
  const end = rest.search(/\s\|\s|;|,\s(?=[A-Za-z](?![a-z]*\s?(?:and|or)\sprior))|\.\s+[A-Z]/);
  return end === -1 ? rest : rest.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Candidate {
  cve: string;
  how: MatchHow;
  score: number;
  advisory: string;
  released: string;
  vendorMatch: VendorMatch;
  matched: string;
  version: VersionCheck;
}

const HOW_RANK: Record<MatchHow, number> = { exact: 3, normalized: 2, alias: 1, family: 0 };
const BASE: Record<MatchHow, number> = { exact: 2, normalized: 2, alias: 2, family: 1 };
const confidenceOf = (score: number): Confidence => (score >= 3 ? 'high' : score === 2 ? 'medium' : 'low');

/** Words that may stand between a product and its version range without naming another product. */
const BETWEEN_OK = new Set([
  'family', 'series', 'firmware', 'version', 'versions', 'all', 'and', 'or', 'the', 'of', 'model', 'models', 'product', 'products', 'device', 'devices', 'variants',
  'incl', 'including', 'related', 'siplus', 'cpu', 'cpus', 'affected', 'are', 'is', 'in', 'hardware', 'fw', 'rev', 'revision', 'controller', 'controllers',
  'module', 'modules', 'drive', 'drives', 'plc', 'plcs', 'rtu', 'rtus', 'hmi', 'hmis', 'switch', 'switches', 'router', 'routers', 'radio', 'radios',
]);

/** Words that may follow a product name without making it the name of another product. */
const CONTINUE_OK = new Set([
  ...BETWEEN_OK, 'prior', 'before', 'up', 'to', 'through', 'from', 'since', 'v', 'with', 'running', 'using', 'installed', 'when', 'if',
]);

/** True when the text goes on naming a longer product ("WinCC" in "WinCC Runtime Advanced"). */
function continuesName(text: string, hit: number, phrase: string, hint: string | undefined): boolean {
  const next = /^ ([^ |]+)/.exec(text.slice(hit + phrase.length));
  if (!next) return false;
  const t = next[1]!;
  return !(CONTINUE_OK.has(t) || isVersionToken(t) || /^\d/.test(t) || t === hint || /^cve-/.test(t));
}

type Occurrence = { kind: 'affected' | 'all' | 'not-affected' | 'unknown'; constraint?: string; reason?: string; cves?: Set<string> };

function checkOccurrence(window: string | undefined, version: ReturnType<typeof assetVersion>, hint: string | undefined): Occurrence {
  const cves = window ? new Set([...window.matchAll(/CVE-\d{4}-\d{4,}/g)].map((m) => m[0])) : new Set<string>();
  const withCves = cves.size > 0 ? { cves } : {};
  if (window === undefined) return { kind: 'unknown', reason: 'the product is named outside the products-affected list', ...withCves };
  const c = readConstraint(window);
  if (!c) return { kind: 'unknown', reason: `no version range TwinPath can read after the product (${JSON.stringify(window.trim().slice(0, 80))})`, ...withCves };
  // A model or version named between the product and the range narrows the range to it:
  // "MELSEC iQ-R series R12CCPU-V: all versions" says nothing of the other iQ-R CPUs.
  const between = window.slice(0, c.index).replace(/\([^)]*\)?/g, ' ');
  const narrower = tokensOf(between).filter((t) => !BETWEEN_OK.has(t) && t !== hint);
  if (narrower.length > 0) {
    return { kind: 'unknown', constraint: c.text, reason: `the range ${JSON.stringify(c.text)} is given for ${JSON.stringify(between.trim().slice(0, 60))}, more specific than the asset's product`, ...withCves };
  }
  if (c.all) return { kind: 'all', constraint: c.text, ...withCves };
  if (!version) return { kind: 'unknown', constraint: c.text, reason: `the asset has no firmware version to check against ${JSON.stringify(c.text)}`, ...withCves };
  const r = c.test!(version.ver);
  if (r === undefined || (version.approx && c.test!(version.ver.concat(0)) !== r)) {
    return { kind: 'unknown', constraint: c.text, reason: `version ${JSON.stringify(version.text)} is not precise enough for ${JSON.stringify(c.text)}`, ...withCves };
  }
  return { kind: r ? 'affected' : 'not-affected', constraint: c.text, ...withCves };
}

function matchAsset(asset: Asset, kb: Kb, index: KbIndex, notAffected: NotAffected[]): Candidate[] {
  if (!asset.vendor || !asset.product) return [];
  const vkey = vendorKey(asset.vendor).key;
  const phrases = productPhrases(asset.product, asset.vendor);
  const out: Candidate[] = [];
  // Brand umbrellas alone ("SIMATIC") would match most of a vendor's advisories: not searched there.
  const icsPhrases = phrases.filter((p) => p.quality !== 'umbrella');

  for (const ia of index.byVendor.get(vkey) ?? []) {
    const adv = ia.advisory;
    if (adv.cves.length === 0) continue;
    const phrase = icsPhrases.find((p) => ia.text.includes(` ${p.text} `));
    if (!phrase) continue;
    const version = assetVersion(asset, phrase.versionHint);
    const hits = findAll(ia.text, phrase.text);
    // Every mention goes on to name a longer product: the asset's is only of the same family.
    const how: MatchHow = phrase.how !== 'family' && hits.every((h) => continuesName(ia.text, h, phrase.text, phrase.versionHint)) ? 'family' : phrase.how;
    // Occurrences in the products-affected list carry versions; the title and product only name it.
    const inList = hits.filter((h) => h >= ia.affectedStart);
    const occurrences = (inList.length > 0 ? inList : hits.slice(0, 1)).map((hit) => checkOccurrence(windowAfter(ia, hit, phrase.text), version, phrase.versionHint));
    const vendorMatch = vendorMatchKind(asset.vendor, adv.vendor);
    for (const cve of adv.cves) {
      const apply = occurrences.filter((o) => !o.cves || o.cves.has(cve));
      if (apply.length === 0) continue;
      const affected = apply.find((o) => o.kind === 'affected');
      const all = apply.find((o) => o.kind === 'all');
      const unknown = apply.find((o) => o.kind === 'unknown');
      let check: VersionCheck;
      if (affected) check = { status: 'affected', version: version!.text, constraint: affected.constraint!, from: version!.from };
      else if (all) check = { status: 'all-versions', constraint: all.constraint! };
      else if (unknown) check = { status: 'not-checked', reason: unknown.reason! };
      else {
        const o = apply[0]!;
        notAffected.push({ asset: asset.id, cve, advisory: adv.id, reason: `${version!.from} ${JSON.stringify(version!.text)} is outside ${JSON.stringify(o.constraint)} (${how} match on ${JSON.stringify(phrase.text)})` });
        continue;
      }
      const base = phrase.quality === 'umbrella' ? 0 : BASE[how];
      const score = base + (check.status === 'not-checked' ? 0 : 1);
      out.push({ cve, how, score, advisory: adv.id, released: adv.released, vendorMatch, matched: phrase.text, version: check });
    }
  }

  // KEV entries (the ones with an ICS advisory are found above as well; the best match is kept).
  const full = ` ${phrases.filter((p) => p.how !== 'family').map((p) => p.text).join(' | ')} `;
  const fullName = phrases[0]?.text;
  for (const item of index.kevByVendor.get(vkey) ?? []) {
    let how: MatchHow | undefined;
    let matched = '';
    let q: Quality | undefined;
    if (fullName !== undefined && item.text === fullName) {
      how = 'exact';
      matched = item.text;
      q = quality(item.text.split(' '));
    } else {
      for (const part of item.parts) {
        const p = phrases.find((ph) => ph.how !== 'family' && (ph.text === part || ` ${part} `.includes(` ${ph.text} `) || full.includes(` ${part} `)));
        if (!p) continue;
        // The KEV product named inside the asset's names, or an asset name inside the KEV product.
        const inside = full.includes(` ${part} `);
        how = p.how === 'alias' || (inside && phrases.every((ph) => ph.how === 'alias' || !` ${ph.text} `.includes(` ${part} `))) ? 'alias' : 'normalized';
        matched = inside ? part : p.text;
        q = quality(matched.split(' '));
        break;
      }
    }
    if (!how || !q) continue;
    const base = q === 'umbrella' ? 0 : BASE[how];
    out.push({
      cve: item.entry.cve,
      how,
      score: base,
      advisory: 'CISA KEV',
      released: item.entry.dateAdded,
      vendorMatch: vendorMatchKind(asset.vendor, item.entry.vendor),
      matched,
      version: { status: 'not-checked', reason: 'KEV entries name no versions' },
    });
  }
  void kb;
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (HOW_RANK[a.how] !== HOW_RANK[b.how]) return HOW_RANK[a.how] > HOW_RANK[b.how];
  if ((a.advisory === 'CISA KEV') !== (b.advisory === 'CISA KEV')) return b.advisory === 'CISA KEV';
  return a.released > b.released || (a.released === b.released && a.advisory > b.advisory);
}

function reasonOf(c: Candidate, asset: Asset): string {
  const vendor = c.vendorMatch === 'exact' ? `vendor ${JSON.stringify(asset.vendor)}` : `vendor ${JSON.stringify(asset.vendor)} (${c.vendorMatch})`;
  const product = {
    exact: `product name ${JSON.stringify(c.matched)} found as is`,
    normalized: `normalized product name ${JSON.stringify(c.matched)}`,
    alias: `product alias ${JSON.stringify(c.matched)}`,
    family: `product family ${JSON.stringify(c.matched)} only`,
  }[c.how];
  const v = c.version;
  const version =
    v.status === 'affected'
      ? `${v.from} ${JSON.stringify(v.version)} is within ${JSON.stringify(v.constraint)}`
      : v.status === 'all-versions'
        ? 'all versions affected'
        : `version not checked: ${v.reason}`;
  return `${c.advisory}: ${vendor}, ${product}; ${version}`;
}

// ---------------------------------------------------------------------------------------------

/** Attaches KB CVEs to the assets of a model and refreshes the KEV and CVSS of listed ones. */
export function enrichModel(model: PlantModel, kb: Kb, opts: EnrichOptions = {}): EnrichResult {
  const min = CONFIDENCES.indexOf(opts.minConfidence ?? 'medium');
  const refresh = opts.refresh ?? true;
  const index = indexKb(kb);
  const matches: EnrichMatch[] = [];
  const updated: EnrichUpdate[] = [];
  const notAffected: NotAffected[] = [];
  const byHow: Record<MatchHow, number> = { exact: 0, normalized: 0, alias: 0, family: 0 };
  const byConfidence: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
  let withProduct = 0;
  let matchedAssets = 0;
  let attachedCount = 0;
  let attachedKev = 0;
  let capped = 0;
  // Plants repeat products: match each (vendor, product, firmware) once.
  const cache = new Map<string, { candidates: Candidate[]; notAffected: NotAffected[] }>();
  const advById = new Map(kb.advisories.map((a) => [a.id, a]));

  const assets = model.assets.map((asset) => {
    let vulns: Vulnerability[] | undefined;
    const mutable = () => (vulns ??= (asset.vulnerabilities ?? []).map((v) => ({ ...v })));

    // Refresh what the asset already lists.
    if (refresh) {
      (asset.vulnerabilities ?? []).forEach((v, i) => {
        const info = kb.cve(v.cve);
        if (!info) return;
        const kev = info.kev !== undefined;
        if ((v.kev ?? false) !== kev) {
          mutable()[i]!.kev = kev;
          updated.push({
            asset: asset.id, cve: v.cve, field: 'kev', from: v.kev, to: kev,
            reason: kev ? `listed in CISA KEV since ${info.kev!.dateAdded}${info.kev!.knownRansomwareCampaignUse ? ' (known ransomware use)' : ''}` : 'not in the CISA KEV catalog',
          });
        }
        // An advisory's cumulative score is its highest: it replaces a recorded score only when the
        // record names that advisory, when it is the CVE's own (a single-CVE advisory), or when the
        // record has none.
        const named = v.source ? advById.get(v.source) : undefined;
        const fromNamed = named && named.cves.includes(v.cve) && named.cvss !== null;
        const score = fromNamed ? named.cvss : info.cvssExact || v.cvss === undefined ? info.cvss : null;
        if (score !== null && v.cvss !== score) {
          mutable()[i]!.cvss = score;
          const src = fromNamed ? named : advById.get(kb.advisories[info.advisories.find((a) => kb.advisories[a]!.cvss === score) ?? info.advisories[0]!]?.id ?? '');
          updated.push({
            asset: asset.id, cve: v.cve, field: 'cvss', from: v.cvss, to: score,
            reason: fromNamed
              ? `cumulative CVSS of ${named.id}, the advisory the record names`
              : `${info.cvssExact ? 'CVSS' : 'cumulative (highest) CVSS'} of ${src?.id ?? 'an ICS advisory'}${info.cvssExact ? '' : ', the advisory listing the fewest CVEs'}`,
          });
        }
      });
    }

    if (asset.vendor && asset.product) {
      withProduct++;
      const key = `${asset.vendor}\u0000${asset.product}\u0000${asset.firmware ?? ''}`;
      let found = cache.get(key);
      if (!found) {
        const na: NotAffected[] = [];
        const all = matchAsset({ ...asset, id: '' }, kb, index, na);
        const best = new Map<string, Candidate>();
        for (const c of all) {
          const b = best.get(c.cve);
          if (!b || better(c, b)) best.set(c.cve, c);
        }
        const candidates = [...best.values()].sort((a, b) => b.score - a.score || HOW_RANK[b.how] - HOW_RANK[a.how] || (a.cve < b.cve ? -1 : 1));
        // A CVE found affected through one advisory is not "not affected" through another.
        found = { candidates, notAffected: na.filter((n) => !best.has(n.cve)) };
        cache.set(key, found);
      }
      for (const n of found.notAffected) notAffected.push({ ...n, asset: asset.id });
      if (found.candidates.length > 0) matchedAssets++;
      const listed = new Set((asset.vulnerabilities ?? []).map((v) => v.cve));
      for (const c of found.candidates) {
        const info = kb.cve(c.cve);
        const confidence = confidenceOf(c.score);
        const alreadyListed = listed.has(c.cve);
        let attached = !alreadyListed && CONFIDENCES.indexOf(confidence) >= min;
        if (attached && mutable().length >= MAX_VULNS) {
          attached = false;
          capped++;
        }
        const kev = info?.kev !== undefined;
        const cvss = c.advisory !== 'CISA KEV' && advById.get(c.advisory)?.cves.length === 1 ? advById.get(c.advisory)!.cvss : (info?.cvss ?? null);
        const reason = reasonOf(c, asset);
        if (attached) {
          const v: Vulnerability = { cve: c.cve, kev, source: c.advisory };
          if (cvss !== null) v.cvss = cvss;
          v.description = `twinpath enrich, ${confidence} confidence: ${reason}`.slice(0, 4096);
          mutable().push(v);
          listed.add(c.cve);
          attachedCount++;
          if (kev) attachedKev++;
        }
        byHow[c.how]++;
        byConfidence[confidence]++;
        matches.push({
          asset: asset.id, cve: c.cve, how: c.how, confidence, advisory: c.advisory, vendorMatch: c.vendorMatch, matched: c.matched, version: c.version,
          cvss, kev, ...(kev ? { kevDateAdded: info!.kev!.dateAdded, knownRansomwareCampaignUse: info!.kev!.knownRansomwareCampaignUse } : {}),
          alreadyListed, attached, reason,
        });
      }
    }
    return vulns ? { ...asset, vulnerabilities: vulns } : asset;
  });

  return {
    model: { ...model, assets },
    matches,
    updated,
    notAffected,
    summary: {
      assets: model.assets.length,
      assetsWithVendorAndProduct: withProduct,
      assetsMatched: matchedAssets,
      matches: matches.length,
      attached: attachedCount,
      attachedKev,
      byHow,
      byConfidence,
      notAffected: notAffected.length,
      updated: updated.length,
      capped,
    },
  };
}
