// The enrichment's vocabulary and report: how a match was made, its confidence, what it changed.
import type { PlantModel } from '../../model/schema';

/** How a product matched, from the most to the least specific. */
export type MatchHow = 'exact' | 'normalized' | 'alias' | 'family';
/** How the vendor matched: as written, after normalizing, or through a known alias. */
export type VendorMatch = 'exact' | 'normalized' | 'alias';
export type Confidence = 'high' | 'medium' | 'low';
/** The confidences, lowest first. */
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

/** What the asset's version says of a match. */
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
