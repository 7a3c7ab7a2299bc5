// The diff in two lines, kept in view beside the asset being edited (the what-if tab has the
// whole of it): the plant risk against the baseline, and what the last edit did — its money, the
// pairs it re-routed or cut off, or why ±€0.
import type { ScenarioDiff } from '../../analysis/diff';
import { formatMoney as money } from '../../report/format';
import type { ScenarioReading } from '../../session/analysis-session';
import { countsText, signedMoney, unchangedText } from './reading-text';
import './scenarios.css';

export interface DiffStripProps {
  readonly scenarioName: string;
  readonly diff: ScenarioDiff;
  readonly reading: ScenarioReading | null;
  /** The last edit in words. */
  readonly lastEdit: string | undefined;
}

export function DiffStrip({ scenarioName, diff, reading, lastEdit }: DiffStripProps) {
  const last = reading?.lastEdit;
  return (
    <div className="diff-strip" role="status" aria-live="polite" data-testid="diff-strip">
      <div>
        <span className="muted">What-if “{scenarioName}”:</span> plant risk {money(diff.risk.base)} → <strong>{money(diff.risk.changed)}</strong>{' '}
        <span className={diff.risk.delta > 0.5 ? 'danger' : diff.risk.delta < -0.5 ? 'good' : 'muted'}>({signedMoney(diff.risk.delta)})</span>
      </div>
      {last && lastEdit ? (
        <div className="strip-last" data-testid="strip-last">
          <span className="muted">Last edit</span> {lastEdit}: <strong className={last.delta > 0.5 ? 'danger' : last.delta < -0.5 ? 'good' : undefined}>{signedMoney(last.delta)}</strong>
          {Math.abs(last.delta) < 0.5 ? (
            <div className="why-unchanged" title={unchangedText(last.whyUnchanged)}>
              {unchangedText(last.whyUnchanged)}
            </div>
          ) : <div className="muted">{countsText(reading!.routes)} (whole scenario).</div>}
        </div>
      ) : null}
    </div>
  );
}
