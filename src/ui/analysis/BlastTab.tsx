// The blast radius tab: what an attacker holding an asset reaches, and what that costs the business
// (the worker answers the impact, the count and the most likely rows: the rest stays there).
import { formatLikelihood as pct, formatMoney as money } from '../../report/format';
import type { BlastView } from '../../session/lists';
import type { Names } from './names';

export function BlastTab({ blast, names: { name, assetLink } }: { readonly blast: BlastView | undefined; readonly names: Names }) {
  return (
      <div className="tab-body" data-testid="blast-panel">
        <p className="muted">Click an asset in the graph to see what an attacker holding it can reach.</p>
        {blast ? (
          <>
            <h3>
              From {blast.from.map(name).join(', ')}: {blast.count.toLocaleString('en')} assets reachable
            </h3>
            <dl className="impact">
              <dt>Crown jewels</dt>
              <dd data-testid="blast-jewels">{blast.impact.crownJewels.map(name).join(', ') || 'none'}</dd>
              <dt>Lines stopped</dt>
              <dd data-testid="blast-lines">{blast.impact.productionLinesStopped.map((l) => l.name).join('; ') || 'none'}</dd>
              <dt>Downtime</dt>
              <dd>{money(blast.impact.downtimeCostPerHour)} per hour</dd>
              <dt>Safety</dt>
              <dd className={blast.impact.worstSafety === 'none' ? '' : 'danger'}>{blast.impact.worstSafety}</dd>
            </dl>
            <table className="mini">
              <thead>
                <tr>
                  <th>Asset</th>
                  <th>Likelihood</th>
                  <th>Hops</th>
                </tr>
              </thead>
              <tbody>
                {blast.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{assetLink(r.id)}</td>
                    <td>{pct(r.likelihood)}</td>
                    <td>{r.hops}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
  );
}
