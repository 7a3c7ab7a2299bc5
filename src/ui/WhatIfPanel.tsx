// The what-if scenarios: the active one's edits (undo, redo, reset, export), each named scenario of
// the plant side by side with the baseline (risk, change, cost), and the diff against the baseline
// as it is read — route changes by asset names, why ±0 — with what the last edit did beside it.
import { useState } from 'react';
import type { AnalysisClient, ShownPlant } from '../client/analysis-client';
import { ASSET_KINDS, type AssetKind } from '../model/schema';
import { editTexts, type ScenarioView } from './hooks/scenario-sync';
import type { ScenarioEdits } from './hooks/useScenario';
import { DiffView } from './scenarios/DiffView';
import { signedMoney, unchangedText } from './scenarios/reading-text';
import { ScenarioCompare } from './scenarios/ScenarioCompare';
import { TtcCompare } from './scenarios/TtcCompare';

export interface WhatIfPanelProps {
  readonly client: AnalysisClient;
  readonly plantKey: number;
  /** The plant as loaded (outline and asset directory). */
  readonly baseline: ShownPlant;
  readonly edits: ScenarioEdits;
  readonly view: ScenarioView;
  readonly problem: string | undefined;
  readonly onExport: () => void;
}

export function WhatIfPanel({ client, plantKey, baseline, edits, view, problem, onExport }: WhatIfPanelProps) {
  const { scenario, shelf } = edits;
  const shown = view.plant ?? baseline;
  // Names of the scenario's assets, and of the plant's (a jewel no longer reachable may be one the scenario took away).
  const name = (id: string) => shown.directory.name(id) ?? baseline.directory.name(id) ?? id;
  const texts = editTexts(view, scenario.edits);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<AssetKind>('workstation');
  const [newZone, setNewZone] = useState(baseline.outline.zones[0]?.id ?? '');
  const [adding, setAdding] = useState(false);
  const last = view.reading?.lastEdit;
  return (
    <div className="tab-body" data-testid="whatif-panel">
      <div className="scenario-row">
        <label htmlFor="scenario-name">Scenario</label>
        <input id="scenario-name" value={scenario.name} onChange={(e) => edits.rename(e.target.value)} data-testid="scenario-name" />
        <button type="button" className="small-btn" onClick={edits.startNew} data-testid="scenario-new" title="Keep this scenario and start a new, empty one">
          New
        </button>
        <button type="button" className="small-btn" onClick={edits.duplicate} data-testid="scenario-duplicate" title="Keep this scenario and go on with a copy of it">
          Duplicate
        </button>
      </div>
      <div className="row">
        <button type="button" onClick={edits.undo} disabled={scenario.edits.length === 0} data-testid="undo" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={edits.redo} disabled={scenario.undone.length === 0} data-testid="redo" title="Redo (Ctrl+Y)">
          Redo
        </button>
        <button type="button" onClick={edits.reset} disabled={scenario.edits.length === 0}>
          Reset
        </button>
        <button type="button" onClick={onExport} data-testid="export-model">
          Export JSON
        </button>
      </div>
      <ScenarioCompare client={client} plantKey={plantKey} active={scenario} shelf={shelf} onOpen={edits.switchTo} onRemove={edits.removeShelved} />
      {problem ? (
        <div className="panel-error" role="alert">
          {problem}
        </div>
      ) : null}
      {scenario.edits.length === 0 ? (
        <p className="muted">No edits yet. Select an asset to patch a CVE, add a control, cut a connection, mark an entry point or a crown jewel, or apply a remediation step.</p>
      ) : (
        <ol className="plan" data-testid="edits">
          {scenario.edits.map((e, i) => (
            <li key={i}>
              {texts[i]}
              {i === scenario.edits.length - 1 && last && view.plant ? (
                <span className={`edit-effect ${last.delta > 0.5 ? 'danger' : last.delta < -0.5 ? 'good' : 'muted'}`} data-testid="last-edit-effect">
                  {signedMoney(last.delta)}
                </span>
              ) : null}
              {i === scenario.edits.length - 1 && last && view.plant && Math.abs(last.delta) < 0.5 ? <div className="why-unchanged">{unchangedText(last.whyUnchanged)}</div> : null}
            </li>
          ))}
        </ol>
      )}
      {view.diff ? <DiffView diff={view.diff} reading={view.reading} name={name} /> : null}
      {view.diff ? <TtcCompare client={client} plantKey={plantKey} name={name} /> : null}
      <details className="edit-box" onToggle={(e) => setAdding((e.target as HTMLDetailsElement).open)}>
        <summary>Add an asset</summary>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            const assetName = newName.trim();
            if (!assetName) return;
            const slug = assetName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
            const base = `what-if-${slug || 'asset'}`;
            let id = base;
            for (let k = 2; shown.directory.has(id); k++) id = `${base}-${k}`;
            edits.edit({ kind: 'add-asset', asset: { id, name: assetName, kind: newKind, zone: newZone } });
            setNewName('');
          }}
        >
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="name" aria-label="New asset name" data-testid="new-asset-name" />
          <select value={newKind} onChange={(e) => setNewKind(e.target.value as AssetKind)} aria-label="New asset kind">
            {ASSET_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <select value={newZone} onChange={(e) => setNewZone(e.target.value)} aria-label="New asset zone">
            {/* Built when the box opens: a 100k-asset plant has thousands of zones. */}
            {(adding ? baseline.outline.zones : baseline.outline.zones.filter((z) => z.id === newZone)).map((z) => (
              <option key={z.id} value={z.id}>
                {z.name} (L{z.purdueLevel})
              </option>
            ))}
          </select>
          <button type="submit" className="small-btn" data-testid="new-asset-add">
            Add
          </button>
        </form>
        <p className="muted small">Then select it (Find) to connect it to other assets.</p>
      </details>
    </div>
  );
}
