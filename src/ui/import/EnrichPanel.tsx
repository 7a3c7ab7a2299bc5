// The import dialog's known-CVE tab: the confidence to attach at, the match run, the report.
import { CONFIDENCES, type Confidence } from '../../import/enrich';
import type { PlantModel } from '../../model/schema';
import { EnrichView } from './EnrichView';
import type { Enrichment } from './useEnrichment';

export function EnrichPanel({ enrichment, model, busy }: { enrichment: Enrichment; model: PlantModel | undefined; busy: boolean }) {
  const { enriched } = enrichment;
  return (
    <div className="import-body" data-testid="enrich-panel">
      <p className="muted">
        Matches each asset&apos;s vendor, product and firmware against the bundled knowledge base (CISA ICS advisories, the CISA Known Exploited Vulnerabilities catalog) —
        offline, in this browser. Matches at the chosen confidence or above are attached to the assets; the others are only listed.
      </p>
      <div className="import-actions">
        <label>
          Attach at{' '}
          <select value={enrichment.confidence} onChange={(e) => enrichment.setConfidence(e.target.value as Confidence)} data-testid="enrich-confidence" disabled={busy}>
            {[...CONFIDENCES].reverse().map((c) => (
              <option key={c} value={c}>
                {c} confidence{c === 'high' ? '' : ' or above'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!model || busy} onClick={() => void enrichment.enrich()} data-testid="enrich-run">
          Enrich the current plant with known CVEs
        </button>
      </div>
      {enriched ? <EnrichView report={enriched} busy={busy} onApply={() => void enrichment.apply()} /> : null}
    </div>
  );
}
