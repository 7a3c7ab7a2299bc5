// The scenario against the baseline, as it is read: plant risk before → after, crown jewels newly
// reachable or no longer reachable (by name), what happened to each entry point × crown jewel pair
// (new, re-routed, cut off, likelier or less likely on the same route — routes by asset names),
// and why a change that moves no money moves none.
import type { ScenarioDiff } from '../../analysis/diff';
import { formatMoney as money } from '../../report/format';
import type { ScenarioReading } from '../../session/analysis-session';
import { changeText, countsText, routeText, unchangedText } from './reading-text';
import './scenarios.css';

export interface DiffViewProps {
  readonly diff: ScenarioDiff;
  readonly reading: ScenarioReading | null;
  readonly name: (id: string) => string;
}

/** Route changes listed one by one (the rest are counted). */
const LISTED = 12;

export function DiffView({ diff, reading, name }: DiffViewProps) {
  const delta = diff.risk.delta;
  const zero = Math.abs(delta) < 0.5;
  const listed = reading?.routes.changes.filter((c) => c.kind !== 'alternatives') ?? [];
  return (
    <div className="diff" data-testid="diff">
      <p className="diff-risk">
        Plant risk {money(diff.risk.base)} → <strong>{money(diff.risk.changed)}</strong>{' '}
        <span className={zero ? 'muted' : delta > 0 ? 'danger' : 'good'} data-testid="risk-delta">
          ({zero ? '±' : delta > 0 ? '+' : '−'}
          {money(Math.abs(delta)).slice(1)} €)
        </span>
      </p>
      {zero && reading ? (
        <p className="why-unchanged" data-testid="why-unchanged">
          {unchangedText(reading.whyUnchanged)}
        </p>
      ) : null}
      {diff.newlyReachable.length ? <p className="danger">Crown jewels newly reachable: {diff.newlyReachable.map(name).join(', ')}</p> : null}
      {diff.noLongerReachable.length ? <p className="good">No longer reachable: {diff.noLongerReachable.map(name).join(', ')}</p> : null}
      {reading ? (
        <>
          <p className="diff-counts" data-testid="route-counts">
            {countsText(reading.routes)}.
          </p>
          {listed.length ? (
            <ul className="route-changes" data-testid="route-changes">
              {listed.slice(0, LISTED).map((c) => (
                <li key={`${c.kind} ${c.entry} ${c.jewel}`} className={`route-change ${c.kind}`} data-testid="route-change">
                  <div className="route-head">{changeText(c)}</div>
                  {c.after && c.kind !== 'likelihood' ? <div className="route-line">now: {routeText(c.after)}</div> : null}
                  {c.before && (c.kind === 're-routed' || c.kind === 'cut') ? <div className="route-line was">was: {routeText(c.before)}</div> : null}
                  {c.kind === 'likelihood' ? <div className="route-line">{routeText(c.after!)}</div> : null}
                </li>
              ))}
              {listed.length > LISTED ? <li className="muted">and {listed.length - LISTED} more</li> : null}
            </ul>
          ) : null}
        </>
      ) : null}
      <p className="muted small">
        Among the 3 most likely paths of each pair: {diff.newPaths.length} appeared, {diff.removedPaths.length} disappeared.
      </p>
    </div>
  );
}
