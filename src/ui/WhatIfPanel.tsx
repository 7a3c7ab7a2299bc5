// The what-if scenario: its edits (undo, redo, reset, export) and the live diff against the
// baseline — risk delta, crown jewels newly reachable, paths that appear and disappear.
import type { ScenarioDiff } from '../analysis/diff';
import { describeEdit, type Scenario } from '../analysis/scenario';
import { useState } from 'react';
import { ASSET_KINDS, type AssetKind, type PlantModel } from '../model/schema';
import { money } from './AnalysisPanel';

export interface WhatIfPanelProps {
  readonly scenario: Scenario;
  readonly baseline: PlantModel;
  readonly diff: ScenarioDiff | null;
  readonly problem: string | undefined;
  readonly onRename: (name: string) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly onReset: () => void;
  readonly onExport: () => void;
  readonly onAddAsset: (asset: { id: string; name: string; kind: AssetKind; zone: string }) => void;
}

export function WhatIfPanel({ scenario, baseline, diff, problem, onRename, onUndo, onRedo, onReset, onExport, onAddAsset }: WhatIfPanelProps) {
  const delta = diff?.risk.delta ?? 0;
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<AssetKind>('workstation');
  const [newZone, setNewZone] = useState(baseline.zones[0]?.id ?? '');
  return (
    <div className="tab-body" data-testid="whatif-panel">
      <label className="field">
        Scenario name{' '}
        <input value={scenario.name} onChange={(e) => onRename(e.target.value)} data-testid="scenario-name" aria-label="Scenario name" />
      </label>
      <div className="row">
        <button type="button" onClick={onUndo} disabled={scenario.edits.length === 0} data-testid="undo" title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={onRedo} disabled={scenario.undone.length === 0} data-testid="redo" title="Redo (Ctrl+Y)">
          Redo
        </button>
        <button type="button" onClick={onReset} disabled={scenario.edits.length === 0}>
          Reset
        </button>
        <button type="button" onClick={onExport} data-testid="export-model">
          Export JSON
        </button>
      </div>
      <details className="edit-box">
        <summary>Add an asset</summary>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            const name = newName.trim();
            if (!name) return;
            const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
            const base = `what-if-${slug || 'asset'}`;
            const taken = new Set(baseline.assets.map((a) => a.id));
            let id = base;
            for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
            onAddAsset({ id, name, kind: newKind, zone: newZone });
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
            {baseline.zones.map((z) => (
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
      {problem ? (
        <div className="panel-error" role="alert">
          {problem}
        </div>
      ) : null}
      {scenario.edits.length === 0 ? (
        <p className="muted">No edits yet. Select an asset to patch a CVE, add a control or cut a connection, or apply a remediation step.</p>
      ) : (
        <ol className="plan" data-testid="edits">
          {scenario.edits.map((e, i) => (
            <li key={i}>{describeEdit(e, baseline)}</li>
          ))}
        </ol>
      )}
      {diff ? (
        <div className="diff" data-testid="diff">
          <p>
            Plant risk {money(diff.risk.base)} → <strong>{money(diff.risk.changed)}</strong>{' '}
            <span className={delta > 0 ? 'danger' : 'good'} data-testid="risk-delta">
              ({delta > 0 ? '+' : delta < 0 ? '−' : '±'}
              {money(Math.abs(delta)).slice(1)} €)
            </span>
          </p>
          {diff.newlyReachable.length ? <p className="danger">Newly reachable crown jewels: {diff.newlyReachable.join(', ')}</p> : null}
          {diff.noLongerReachable.length ? <p className="good">No longer reachable: {diff.noLongerReachable.join(', ')}</p> : null}
          <p className="muted">
            {diff.newPaths.length} new path(s), {diff.removedPaths.length} removed path(s)
          </p>
          <ul className="compact">
            {diff.newPaths.slice(0, 5).map((p) => (
              <li key={`+${p.nodes.join('>')}`} className="danger">
                + {(p.likelihood * 100).toFixed(1)}% {p.nodes.join(' → ')}
              </li>
            ))}
            {diff.removedPaths.slice(0, 5).map((p) => (
              <li key={`-${p.nodes.join('>')}`} className="good">
                − {(p.likelihood * 100).toFixed(1)}% {p.nodes.join(' → ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
