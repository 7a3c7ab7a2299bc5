// Versions: reads the range an advisory gives after a product ("< V3.1.6", "5.4 and prior") and an asset's version.
import type { Asset } from '../../model/schema';
import { tokensOf } from './text';

/** A version as its numbers: "3.1.6" → [3, 1, 6]. */
export type Ver = number[];

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

/** A version range read from an advisory's text. */
export interface Constraint {
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

/** An asset's version: its numbers, the text they were read from and where that text is. */
export interface AssetVersion {
  readonly ver: Ver;
  readonly text: string;
  readonly from: 'firmware' | 'product name';
  /** Letters follow the numbers ("4.2a"): more precise than the numbers say. */
  readonly approx: boolean;
}

/** The version of an asset: from its firmware, else from the end of its product name. */
export function assetVersion(asset: Asset, hint: string | undefined): AssetVersion | undefined {
  const take = (s: string, from: 'firmware' | 'product name') => {
    const m = /(\d+(?:\.\d+)*)([a-z-]\w*)?/i.exec(s);
    if (!m) return undefined;
    return { ver: m[1]!.split('.').map(Number), text: s, from, approx: m[2] !== undefined };
  };
  if (asset.firmware) return take(asset.firmware, 'firmware');
  return hint ? take(hint, 'product name') : undefined;
}

/** Words that may stand between a product and its version range without naming another product. */
export const BETWEEN_OK = new Set([
  'family', 'series', 'firmware', 'version', 'versions', 'all', 'and', 'or', 'the', 'of', 'model', 'models', 'product', 'products', 'device', 'devices', 'variants',
  'incl', 'including', 'related', 'siplus', 'cpu', 'cpus', 'affected', 'are', 'is', 'in', 'hardware', 'fw', 'rev', 'revision', 'controller', 'controllers',
  'module', 'modules', 'drive', 'drives', 'plc', 'plcs', 'rtu', 'rtus', 'hmi', 'hmis', 'switch', 'switches', 'router', 'routers', 'radio', 'radios',
]);

/** What one mention of the product in an advisory says of the asset's version, and of which CVEs (when it names some). */
export type Occurrence = { kind: 'affected' | 'all' | 'not-affected' | 'unknown'; constraint?: string; reason?: string; cves?: Set<string> };

/** Checks the asset's version against the range in `window`, the products-affected text after one mention of the product. */
export function checkOccurrence(window: string | undefined, version: AssetVersion | undefined, hint: string | undefined): Occurrence {
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
