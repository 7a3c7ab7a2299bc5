// The chokepoints tab: what hardening the minimum cut buys (the headline the graph shows too), the
// cut ranked — harden first what removes the most risk — then the partial cut and what cannot be
// protected, the assets ranked by risk removed if hardened, and the dominators of each crown jewel.
import { formatMoney as money, formatPercent } from '../../report/format';
import { chokepointHeadline } from '../../report/svg';
import type { ChokepointsAnswer } from '../../session/analysis-session';
import type { Names } from './names';

export function ChokepointsTab({ choke, names: { name, assetLink } }: { readonly choke: ChokepointsAnswer; readonly names: Names }) {
  const { view } = choke;
  const plantRisk = view.headline.plantRisk;
  return (
    <div className="tab-body" data-testid="chokepoints-panel">
      <p data-testid="chokepoints-summary">
        <strong>{chokepointHeadline(view.headline)}</strong>
      </p>
      {view.cut.length ? (
        <>
          <h3>Harden first</h3>
          <table className="mini" data-testid="cut-ranking">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Asset</th>
                <th scope="col">Risk removed alone</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {view.cut.map((c) => (
                <tr key={c.id} data-testid="cut-rank">
                  <td>
                    <span className="pg-rank">{c.rank}</span>
                  </td>
                  <td>{assetLink(c.id)}</td>
                  <td>
                    {money(c.riskRemoved)}
                    {plantRisk > 0 && c.riskRemoved > 0 ? <span className="muted"> ({formatPercent(c.riskRemoved / plantRisk)})</span> : null}
                  </td>
                  <td>{money(c.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {choke.minCut.kind === 'cut' ? (
        <p>
          <strong>Minimum cut</strong> ({money(choke.minCut.cost)}): {choke.minCut.assets.map(name).join(', ')} — cuts every path to{' '}
          {choke.minCut.protects.map(name).join(', ')}
        </p>
      ) : choke.minCut.kind === 'partial-cut' ? (
        <>
          <p>
            <strong>Cannot be protected:</strong> {choke.minCut.cannotProtect.map(name).join(', ')} — reached through entry points and
            crown jewels only ({choke.minCut.direct.map((d) => `${name(d.entry)} → ${name(d.jewel)}`).join('; ')}), nothing to harden between them.
          </p>
          {choke.minCut.protects.length ? (
            <p>
              <strong>Minimum cut protecting the rest</strong> ({money(choke.minCut.cost)}): {choke.minCut.assets.map(name).join(', ')} — cuts every path
              to {choke.minCut.protects.map(name).join(', ')}
            </p>
          ) : (
            <p>No other crown jewel is reachable.</p>
          )}
        </>
      ) : (
        <p>{choke.minCut.reason}</p>
      )}
      <h3>Risk removed if hardened</h3>
      <table className="mini">
        <tbody>
          {choke.ranking.filter((r) => r.riskRemoved > 0).slice(0, 15).map((r) => (
            <tr key={r.id}>
              <td>{assetLink(r.id)}</td>
              <td>{money(r.riskRemoved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Dominators</h3>
      <ul className="compact">
        {choke.dominators.map((d) => (
          <li key={d.jewel}>
            {name(d.jewel)}: {d.reachable ? d.assets.map(name).join(', ') || 'none (several ways in)' : 'not reachable'}
          </li>
        ))}
      </ul>
    </div>
  );
}
