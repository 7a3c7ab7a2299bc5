// Refreshing what assets already list: the KEV flag and the CVSS of their CVEs, from the knowledge base.
import type { Asset, Vulnerability } from '../../model/schema';
import type { Advisory, Kb } from '../kb';
import type { EnrichUpdate } from './types';

/**
 * Brings the KEV flag and CVSS of the CVEs `asset` lists in line with the KB. Changes are made
 * in `mutable()` (the asset's own copy of its vulnerabilities, in the same order, made on first
 * use) and reported in `updated`.
 */
export function refreshListed(asset: Asset, kb: Kb, advById: ReadonlyMap<string, Advisory>, mutable: () => Vulnerability[], updated: EnrichUpdate[]): void {
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
