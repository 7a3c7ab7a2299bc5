// What-if scenarios: named lists of edits applied in order to a baseline model. The edits are the
// remediation actions (remove or restrict a connection, patch a CVE, add a control, isolate media,
// remove a trust) plus architecture changes (add a connection, move an asset to another zone).
import { validateModel } from '../model/parse';
import type { Asset, Connection, PlantModel } from '../model/schema';
import type { ModelError } from '../model/errors';
import { applyAction, describeAction, type RemediationAction } from './remediation';

export type ScenarioEdit =
  | RemediationAction
  | { readonly kind: 'add-connection'; readonly connection: Connection }
  | { readonly kind: 'add-asset'; readonly asset: Asset }
  | { readonly kind: 'move-asset'; readonly asset: string; readonly zone: string };

export interface Scenario {
  readonly name: string;
  readonly edits: readonly ScenarioEdit[];
  /** Edits undone, most recent last (redo takes from the end). */
  readonly undone: readonly ScenarioEdit[];
}

export const EMPTY_SCENARIO: Scenario = { name: 'Scenario 1', edits: [], undone: [] };

export function describeEdit(e: ScenarioEdit, model?: PlantModel): string {
  if (e.kind === 'add-connection') return `Add connection ${e.connection.from} → ${e.connection.to} (${e.connection.protocol})`;
  if (e.kind === 'add-asset') return `Add ${e.asset.kind} ${e.asset.name} (${e.asset.id}) in zone ${e.asset.zone}`;
  if (e.kind === 'move-asset') return `Move ${model?.assets.find((a) => a.id === e.asset)?.name ?? e.asset} to zone ${e.zone}`;
  return describeAction(e, model);
}

export type ApplyResult = { readonly kind: 'ok'; readonly model: PlantModel } | { readonly kind: 'invalid'; readonly edit: number; readonly errors: readonly ModelError[] };

/** Applies the edits in order; the result goes through the one parser. Never changes the baseline. */
export function applyEdits(baseline: PlantModel, edits: readonly ScenarioEdit[]): ApplyResult {
  let model = baseline;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    try {
      if (e.kind === 'add-connection') model = { ...model, connections: [...model.connections, e.connection] };
      else if (e.kind === 'add-asset') model = { ...model, assets: [...model.assets, e.asset] };
      else if (e.kind === 'move-asset') model = { ...model, assets: model.assets.map((a) => (a.id === e.asset ? { ...a, zone: e.zone } : a)) };
      else model = applyAction(model, e);
    } catch (err) {
      return { kind: 'invalid', edit: i, errors: [{ path: `edits[${i}]`, message: err instanceof Error ? err.message : String(err) }] };
    }
  }
  const r = validateModel(model);
  return r.kind === 'ok' ? { kind: 'ok', model: r.model } : { kind: 'invalid', edit: edits.length - 1, errors: r.errors };
}

export function addEdit(s: Scenario, e: ScenarioEdit): Scenario {
  return { ...s, edits: [...s.edits, e], undone: [] };
}

export function undo(s: Scenario): Scenario {
  if (s.edits.length === 0) return s;
  return { ...s, edits: s.edits.slice(0, -1), undone: [...s.undone, s.edits[s.edits.length - 1]!] };
}

export function redo(s: Scenario): Scenario {
  if (s.undone.length === 0) return s;
  return { ...s, edits: [...s.edits, s.undone[s.undone.length - 1]!], undone: s.undone.slice(0, -1) };
}
