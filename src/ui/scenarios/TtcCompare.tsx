// The what-if scenario's change in time to compromise per crown jewel (the median of a seeded, timed
// Monte Carlo of the plant as loaded and of the scenario, as the attacker chosen), asked for on
// request — it costs two timed runs in the worker — and dropped when the scenario changes.
import { useEffect, useRef, useState } from 'react';
import { DIFF_TTC_SAMPLES, type TtcChange } from '../../analysis/ttc-change';
import { CancelledError, type AnalysisClient } from '../../client/analysis-client';
import { formatDays, formatPercent, formatSignedDays as signedDays } from '../../report/format';

export interface TtcCompareProps {
  readonly client: AnalysisClient;
  /** Changes whenever the scenario (or the plant, or the attacker) changes: an answer for another is dropped. */
  readonly plantKey: number;
  readonly name: (id: string) => string;
}


const days = (d: number | undefined) => (d === undefined ? '—' : formatDays(d));

/** Below these a jewel's change is read as noise (an assumption: about twice the medians' ±3 % reading, and 1 point of probability). */
const NOISE_SHARE = 0.06;
const NOISE_PROBABILITY = 0.01;

export function TtcCompare({ client, plantKey, name }: TtcCompareProps) {
  const [state, setState] = useState<{ key: number; kind: 'busy' | 'done' | 'failed'; jewels?: readonly TtcChange[]; problem?: string; abort?: AbortController }>();
  // Another scenario, plant or attacker, or leaving the panel, cancels a run still going (it would
  // hold the worker the next edit needs); a finished one has nothing to cancel.
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => running.current?.abort(), [plantKey]);
  const shown = state?.key === plantKey ? state : undefined;
  const ask = () => {
    const abort = new AbortController();
    running.current = abort;
    setState({ key: plantKey, kind: 'busy', abort });
    client.run((api) => api.scenarioTtc(DIFF_TTC_SAMPLES, 1), abort.signal).finally(() => {
      if (running.current === abort) running.current = undefined;
    }).then(
      (r) => setState((s) => (s?.abort === abort ? { key: plantKey, kind: 'done', jewels: r?.jewels ?? [] } : s)),
      (e: unknown) => setState((s) => (s?.abort === abort ? (e instanceof CancelledError ? undefined : { key: plantKey, kind: 'failed', problem: e instanceof Error ? e.message : String(e) }) : s)),
    );
  };
  // Changes within the medians' reading (a 40-bins-per-decade histogram, ±3 %) and the samples' noise are not told as changes.
  const moved = (j: TtcChange) =>
    Math.abs(j.changedProbability - j.baseProbability) > NOISE_PROBABILITY ||
    (j.medianChangeDays !== undefined && Math.abs(j.medianChangeDays) > NOISE_SHARE * (j.baseMedianDays ?? 0)) ||
    (j.baseMedianDays === undefined) !== (j.changedMedianDays === undefined);
  const changed = [...(shown?.jewels?.filter(moved) ?? [])].sort((a, b) => (a.medianChangeDays ?? 0) - (b.medianChangeDays ?? 0));
  return (
    <div className="ttc-compare" data-testid="ttc-compare">
      {!shown ? (
        <button type="button" className="small-btn" onClick={ask} data-testid="ttc-compare-ask">
          Time to compromise before and after
        </button>
      ) : shown.kind === 'busy' ? (
        <p className="muted" role="status">
          Timing {DIFF_TTC_SAMPLES.toLocaleString('en-US')} attacks on each plant…{' '}
          <button type="button" className="link" onClick={() => shown.abort?.abort()}>
            Cancel
          </button>
        </p>
      ) : shown.kind === 'failed' ? (
        <p className="panel-error" role="alert">
          {shown.problem}
        </p>
      ) : (
        <>
          <table className="ttc-table" data-testid="ttc-table">
            <caption>Median time to compromise, plant as loaded → scenario</caption>
            <thead>
              <tr>
                <th scope="col">crown jewel</th>
                <th scope="col">before</th>
                <th scope="col">after</th>
                <th scope="col">change</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((j) => (
                <tr key={j.asset} data-testid="ttc-row">
                  <td>{name(j.asset)}</td>
                  <td>{days(j.baseMedianDays)}</td>
                  <td>{days(j.changedMedianDays)}</td>
                  <td className={j.medianChangeDays === undefined ? 'muted' : j.medianChangeDays < 0 ? 'danger' : 'good'}>
                    {j.medianChangeDays !== undefined ? signedDays(j.medianChangeDays) : `P ${formatPercent(j.baseProbability)} → ${formatPercent(j.changedProbability)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {changed.length === 0 ? 'No crown jewel falls sooner or later. ' : ''}
            {shown.jewels!.length - changed.length > 0 ? `${shown.jewels!.length - changed.length} jewel(s) unchanged (within ±6 % and 1 point). ` : ''}— : fewer than half the attempts ever reach the jewel. Seeded timed Monte Carlo, {DIFF_TTC_SAMPLES.toLocaleString('en-US')} attempts per plant (docs/attack-rules.md, “Time to compromise”); medians are read to ±3 %, so a change of a few percent may be noise.
          </p>
        </>
      )}
    </div>
  );
}
