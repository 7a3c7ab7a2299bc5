// The baseline and every named scenario of the plant side by side: plant risk, its change against
// the baseline, the cost of the edits (the documented remediation costs; modeling edits carry
// none), crown jewels reachable; open a scenario to make it the active one.
import { useEffect, useState, type ReactNode } from 'react';
import type { Scenario } from '../../analysis/scenario';
import type { AnalysisClient } from '../../client/analysis-client';
import { formatError } from '../../model/errors';
import { formatMoney as money } from '../../report/format';
import type { ScenarioFigures } from '../../session/analysis-session';
import { signedMoney } from './reading-text';
import './scenarios.css';

export interface ScenarioCompareProps {
  readonly client: AnalysisClient;
  /** Changes with the plant shown: the figures are asked again. */
  readonly plantKey: number;
  readonly active: Scenario;
  readonly shelf: readonly Scenario[];
  readonly onOpen: (i: number) => void;
  readonly onRemove: (i: number) => void;
}

export function ScenarioCompare({ client, plantKey, active, shelf, onOpen, onRemove }: ScenarioCompareProps) {
  const [figures, setFigures] = useState<{ readonly key: string; readonly rows: readonly ScenarioFigures[] }>();
  const [error, setError] = useState<string>();
  const lists = [[], active.edits, ...shelf.map((s) => s.edits)];
  const key = JSON.stringify(lists);
  useEffect(() => {
    let live = true;
    const asked = JSON.parse(key) as Scenario['edits'][];
    void client.run((api) => api.compareScenarios(asked)).then(
      (rows) => {
        if (!live) return;
        setFigures({ key, rows });
        setError(undefined);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, plantKey, key]);
  const rows = figures?.key === key ? figures.rows : undefined;
  const row = (label: ReactNode, i: number, actions: ReactNode, className?: string) => {
    const f = rows?.[i];
    return (
      <tr key={i} className={className} data-testid="compare-row">
        <td>
          {label}
          {actions ? <div className="compare-actions">{actions}</div> : null}
        </td>
        {!f ? (
          <td colSpan={3} className="muted">
            …
          </td>
        ) : f.kind === 'invalid' ? (
          <td colSpan={3} className="danger" title={f.errors.map(formatError).join('\n')}>
            edit {f.edit + 1} no longer applies
          </td>
        ) : (
          <>
            <td>
              {money(f.risk)}
              <div className="muted small">
                {f.jewelsReachable} of {f.crownJewels} jewels hit
              </div>
            </td>
            <td className={f.delta > 0.5 ? 'danger' : f.delta < -0.5 ? 'good' : 'muted'}>{i === 0 ? '—' : signedMoney(f.delta)}</td>
            <td>{i === 0 ? '—' : money(f.cost)}</td>
          </>
        )}
      </tr>
    );
  };
  return (
    <>
      <table className="scenario-compare" data-testid="scenario-compare">
        <caption className="sr-only">Scenarios side by side</caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Plant risk</th>
            <th scope="col">Change</th>
            <th scope="col" title="The edits' documented remediation costs; modeling edits carry none">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {row('Baseline', 0, null)}
          {row(
            <>
              {active.name} <span className="shown-tag">shown</span>
            </>,
            1,
            null,
            'active',
          )}
          {shelf.map((s, i) =>
            row(
              s.name,
              i + 2,
              <>
                <button type="button" className="link" onClick={() => onOpen(i)} data-testid="compare-open" aria-label={`Open ${s.name}`}>
                  open
                </button>
                <button type="button" className="link" onClick={() => onRemove(i)} aria-label={`Delete ${s.name}`}>
                  delete
                </button>
              </>,
            ),
          )}
        </tbody>
      </table>
      {error ? <p className="panel-error">The scenarios could not be compared: {error}</p> : null}
    </>
  );
}
