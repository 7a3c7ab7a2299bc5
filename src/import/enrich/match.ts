// Matching one asset against the indexed KB: candidates from ICS advisories and KEV entries, each with
// how it matched, its score and its version check; the best candidate per CVE.
//
// Confidence: exact, normalized and alias matches score 2, family matches 1, umbrella names
// ("Windows", "SIMATIC" alone) 0; a version found affected adds 1. 3+ high, 2 medium, ≤1 low.
import type { Asset } from '../../model/schema';
import { findAll, windowAfter, type KbIndex } from './kb-index';
import { productPhrases, quality, type Phrase, type Quality } from './product';
import { isVersionToken } from './text';
import type { Confidence, MatchHow, NotAffected, VendorMatch, VersionCheck } from './types';
import { assetVersion, BETWEEN_OK, checkOccurrence } from './version';
import { vendorKey, vendorMatchKind } from './vendor';

/** One way an asset matches one CVE. */
export interface Candidate {
  readonly cve: string;
  readonly how: MatchHow;
  readonly score: number;
  /** Advisory id (ICSA-…), or "CISA KEV". */
  readonly advisory: string;
  readonly released: string;
  readonly vendorMatch: VendorMatch;
  readonly matched: string;
  readonly version: VersionCheck;
}

/** An asset's best candidate per CVE, best first, and the CVEs its version rules out. */
export interface AssetMatches {
  readonly candidates: readonly Candidate[];
  readonly notAffected: readonly NotAffected[];
}

const HOW_RANK: Readonly<Record<MatchHow, number>> = { exact: 3, normalized: 2, alias: 1, family: 0 };
const BASE: Readonly<Record<MatchHow, number>> = { exact: 2, normalized: 2, alias: 2, family: 1 };
export const confidenceOf = (score: number): Confidence => (score >= 3 ? 'high' : score === 2 ? 'medium' : 'low');

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

/**
 * The best candidate per CVE for an asset with a vendor and a product (none without); a CVE found
 * affected through one advisory is not "not affected" through another.
 */
export function bestMatches(asset: Asset, index: KbIndex): AssetMatches {
  if (!asset.vendor || !asset.product) return { candidates: [], notAffected: [] };
  const vkey = vendorKey(asset.vendor).key;
  const phrases = productPhrases(asset.product, asset.vendor);
  const na: NotAffected[] = [];
  const all = [...matchAdvisories(asset, asset.vendor, vkey, phrases, index, na), ...matchKev(asset.vendor, vkey, phrases, index)];
  const best = new Map<string, Candidate>();
  for (const c of all) {
    const b = best.get(c.cve);
    if (!b || better(c, b)) best.set(c.cve, c);
  }
  const candidates = [...best.values()].sort((a, b) => b.score - a.score || HOW_RANK[b.how] - HOW_RANK[a.how] || (a.cve < b.cve ? -1 : 1));
  return { candidates, notAffected: na.filter((n) => !best.has(n.cve)) };
}

/** Candidates from the ICS advisories of the asset's vendor; versions ruled out go to notAffected. */
function matchAdvisories(asset: Asset, vendor: string, vkey: string, phrases: readonly Phrase[], index: KbIndex, notAffected: NotAffected[]): Candidate[] {
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
    const vendorMatch = vendorMatchKind(vendor, adv.vendor);
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
  return out;
}

/** Candidates from the KEV entries of the asset's vendor (those with an ICS advisory are found by matchAdvisories as well; the best is kept). */
function matchKev(vendor: string, vkey: string, phrases: readonly Phrase[], index: KbIndex): Candidate[] {
  const out: Candidate[] = [];
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
      vendorMatch: vendorMatchKind(vendor, item.entry.vendor),
      matched,
      version: { status: 'not-checked', reason: 'KEV entries name no versions' },
    });
  }
  return out;
}

/** Ranks two candidates for one CVE: score, then how, then an advisory over KEV, then the newer advisory. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (HOW_RANK[a.how] !== HOW_RANK[b.how]) return HOW_RANK[a.how] > HOW_RANK[b.how];
  if ((a.advisory === 'CISA KEV') !== (b.advisory === 'CISA KEV')) return b.advisory === 'CISA KEV';
  return a.released > b.released || (a.released === b.released && a.advisory > b.advisory);
}

/** One readable sentence: how the match was made. */
export function reasonOf(c: Candidate, asset: Asset): string {
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
