// For a twin that names no entry point or no crown jewel (one made from a capture or a CSV
// inventory names neither): the likely ones, each with why, confirmed in one click as scenario
// edits (undo, autosave and export as any edit).
import { useEffect, useState } from 'react';
import type { MarkSuggestion, MarkSuggestions as Suggested } from '../../analysis/mark-suggestions';
import type { ScenarioEdit } from '../../analysis/scenario';
import type { PlantOutline } from '../../session/plant-view';
import type { Ask } from '../paths/ask';
import './records.css';

export interface MarkSuggestionsProps {
  /** The plant's outline: whether it names an entry point and a crown jewel. */
  readonly outline: Pick<PlantOutline, 'entryPoints' | 'crownJewels'>;
  readonly plantKey: number;
  readonly ask: Ask;
  readonly onEdit: (e: ScenarioEdit) => void;
}

/** The edit that confirms a suggestion; a jewel takes the downtime cost given for all of them. */
function confirmEdit(s: MarkSuggestion, downtime: number | undefined): ScenarioEdit {
  if (s.edit.kind !== 'mark-jewel' || downtime === undefined) return s.edit;
  return { kind: 'mark-jewel', jewel: { ...s.edit.jewel, impact: { ...s.edit.jewel.impact, downtimeCostPerHour: downtime } } };
}

export function MarkSuggestions({ outline: model, plantKey, ask, onEdit }: MarkSuggestionsProps) {
  const [found, setFound] = useState<Suggested>();
  const [downtimeText, setDowntimeText] = useState('');
  const noEntry = model.entryPoints.length === 0;
  const noJewel = model.crownJewels.length === 0;
  const wanted = noEntry || noJewel;
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void ask('Looking for likely entry points and crown jewels…', (api) => api.markSuggestions()).then((s) => live && s && setFound(s));
    return () => {
      live = false;
    };
  }, [ask, plantKey, wanted]);
  if (!wanted) return null;
  const downtime = downtimeText.trim() === '' ? undefined : Number(downtimeText);
  const downtimeOk = downtime === undefined || (Number.isFinite(downtime) && downtime >= 0 && downtime <= 1e12);
  const missing = noEntry && noJewel ? 'no entry point and no crown jewel' : noEntry ? 'no entry point' : 'no crown jewel';
  const section = (title: string, list: readonly MarkSuggestion[], more: number, testId: string, jewel: boolean) =>
    list.length ? (
      <div className="suggest-group" data-testid={testId}>
        <div className="suggest-head">
          <h4>{title}</h4>
          <button type="button" className="small-btn" disabled={jewel && !downtimeOk} onClick={() => list.forEach((s) => onEdit(confirmEdit(s, downtime)))} data-testid={`${testId}-all`}>
            Mark all {list.length}
          </button>
        </div>
        <ul className="suggest-list">
          {list.map((s) => (
            <li key={s.asset}>
              <button type="button" className="small-btn" disabled={jewel && !downtimeOk} onClick={() => onEdit(confirmEdit(s, downtime))} data-testid="suggest-mark" aria-label={`Mark ${s.name} as ${jewel ? 'a crown jewel' : 'an entry point'}`}>
                Mark
              </button>{' '}
              <strong>{s.name}</strong> <span className="muted">— {s.reason}</span>
            </li>
          ))}
          {more ? <li className="muted">and {more.toLocaleString('en')} more (mark them from the asset panel)</li> : null}
        </ul>
      </div>
    ) : null;
  return (
    <section className="suggestions" aria-label="Suggested entry points and crown jewels" data-testid="mark-suggestions">
      <p>
        This plant names <strong>{missing}</strong>, so it has no attack paths. Likely ones from what the twin holds — confirm each in one click (a
        what-if edit: undo, autosave and export as any other):
      </p>
      {found ? (
        <>
          {noEntry ? section('Likely entry points', found.entries, found.more.entries, 'suggest-entries', false) : null}
          {noJewel ? (
            <>
              {section('Likely crown jewels', found.jewels, found.more.jewels, 'suggest-jewels', true)}
              {found.jewels.length ? (
                <label className="field suggest-downtime">
                  Downtime cost if a jewel is lost (€/h, optional){' '}
                  <input inputMode="decimal" value={downtimeText} onChange={(e) => setDowntimeText(e.target.value)} aria-invalid={!downtimeOk} data-testid="suggest-downtime" />
                </label>
              ) : null}
            </>
          ) : null}
          {(noEntry && !found.entries.length) || (noJewel && !found.jewels.length) ? (
            <p className="muted">Nothing in the twin looks like {noEntry && !found.entries.length ? 'an entry point' : 'a crown jewel'}: select an asset and mark it in the asset panel.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
