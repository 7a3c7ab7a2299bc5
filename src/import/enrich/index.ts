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
//
// The modules, in the order a match is made:
//   vendor.ts        vendor names → canonical keys (legal suffixes, aliases)
//   text.ts          text normalized for phrase search
//   product.ts       a product name → its search phrases (exact, normalized, alias, family)
//   version.ts       version ranges in advisory text, an asset's version, the check of one against the other
//   kb-index.ts      the KB indexed by vendor (once per KB)
//   match.ts         one asset against the index: candidates, scores, the best per CVE
//   refresh.ts       KEV flag and CVSS of the CVEs an asset already lists
//   enrich-model.ts  enrichModel: all of it over a model, with the report
//   types.ts         the report's types
export { enrichModel } from './enrich-model';
export { normVendor } from './vendor';
export { productPhrases, type Phrase } from './product';
export { readConstraint, type Constraint } from './version';
export {
  CONFIDENCES,
  type Confidence,
  type EnrichMatch,
  type EnrichOptions,
  type EnrichResult,
  type EnrichSummary,
  type EnrichUpdate,
  type MatchHow,
  type NotAffected,
  type VendorMatch,
  type VersionCheck,
} from './types';
