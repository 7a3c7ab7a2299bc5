// CVE enrichment of the plant shown: the counts, every match with how and how sure (attached first),
// and Apply, which loads the enriched plant.
import type { EnrichReport } from '../../session/import-session';
import { num, SHOW } from './format';
import { More, TableHead } from './parts';

export function EnrichView({ report, busy, onApply }: { report: EnrichReport; busy: boolean; onApply: () => void }) {
  const s = report.summary;
  const reportedOnly = s.matches - s.attached;
  return (
    <div className="enrich-view" data-testid="enrich-result">
      <p data-testid="enrich-count">
        <strong data-testid="enrich-matches">{num(s.matches)}</strong> matches on {num(s.assetsMatched)} of {num(s.assetsWithVendorAndProduct)} assets naming a vendor and product:{' '}
        <strong data-testid="enrich-attached">{num(s.attached)}</strong> attached at {report.minConfidence} confidence or above ({num(s.attachedKev)} known exploited),{' '}
        <span data-testid="enrich-reported">{num(reportedOnly)}</span> reported only (high {num(s.byConfidence.high)}, medium {num(s.byConfidence.medium)}, low {num(s.byConfidence.low)}).
        {s.notAffected ? ` ${num(s.notAffected)} left out: firmware outside the advisory's range.` : ''}
        {s.updated ? ` ${num(s.updated)} field(s) of CVEs already listed refreshed (KEV, CVSS).` : ''}
      </p>
      <div className="import-actions">
        <button type="button" disabled={busy || (s.attached === 0 && s.updated === 0)} onClick={onApply} data-testid="enrich-apply">
          Apply: load the plant with {num(s.attached)} CVE(s) attached
        </button>
      </div>
      <div className="import-scroll">
        <table className="import-table" data-testid="enrich-table">
          <TableHead columns={['Asset', 'CVE', 'CVSS', 'KEV', 'Matched', 'Confidence', 'Advisory', '']} />
          <tbody>
            {report.matches.items.slice(0, SHOW).map((m, i) => (
              <tr key={i} data-testid="enrich-row" className={m.attached ? 'attached' : undefined} title={m.reason}>
                <td>{m.assetName}</td>
                <td>
                  <code>{m.cve}</code>
                </td>
                <td>{m.cvss ?? '—'}</td>
                <td>{m.kev ? <span className="kev">KEV</span> : ''}</td>
                <td>
                  {m.how}
                  <span className="muted"> “{m.matched}”</span>
                </td>
                <td>{m.confidence}</td>
                <td>{m.advisory}</td>
                <td className="nowrap">{m.attached ? 'attached' : m.alreadyListed ? 'already listed' : 'reported'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={Math.min(SHOW, report.matches.items.length)} total={report.matches.total} />
    </div>
  );
}
