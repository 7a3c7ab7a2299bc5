// enrichModel: matches every asset, attaches the confident matches to the model, refreshes the CVEs
// assets already list, and reports all of it.
import type { PlantModel, Vulnerability } from '../../model/schema';
import type { Kb } from '../kb';
import { indexKb } from './kb-index';
import { bestMatches, confidenceOf, reasonOf, type AssetMatches } from './match';
import { refreshListed } from './refresh';
import { CONFIDENCES, type Confidence, type EnrichMatch, type EnrichOptions, type EnrichResult, type EnrichUpdate, type MatchHow, type NotAffected } from './types';

/** An asset holds at most this many vulnerabilities (the schema's bound): matches past it are reported, not attached. */
const MAX_VULNS = 1024;

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
  const cache = new Map<string, AssetMatches>();
  const advById = new Map(kb.advisories.map((a) => [a.id, a]));

  const assets = model.assets.map((asset) => {
    let vulns: Vulnerability[] | undefined;
    const mutable = () => (vulns ??= (asset.vulnerabilities ?? []).map((v) => ({ ...v })));

    // Refresh what the asset already lists.
    if (refresh) refreshListed(asset, kb, advById, mutable, updated);

    if (asset.vendor && asset.product) {
      withProduct++;
      const key = `${asset.vendor}\u0000${asset.product}\u0000${asset.firmware ?? ''}`;
      let found = cache.get(key);
      if (!found) {
        // Cached for every asset with the same key: not-affected entries get their asset below.
        found = bestMatches({ ...asset, id: '' }, index);
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
