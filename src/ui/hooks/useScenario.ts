// The what-if scenario of the plant shown: its edits with undo/redo, autosaved per plant
// (useScenario), and the analysis workers kept on it with what the app shows of it — changed
// model, diff, counts, the problem when an edit does not apply (useScenarioSync).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { addEdit, EMPTY_SCENARIO, redo, undo, type Scenario, type ScenarioEdit } from '../../analysis/scenario';
import type { PlantModel } from '../../model/schema';
import { BASELINE_VIEW, ScenarioSync, type ScenarioClient, type ScenarioView } from './scenario-sync';
import { useAutosave } from './useAutosave';

export interface ScenarioEdits {
  readonly scenario: Scenario;
  /** The plant the scenario belongs to (undefined while a new plant loads). */
  readonly plantId: string | undefined;
  /** The workers hold another plant now: the scenario waits for `install`. */
  detach(): void;
  /** A new plant is shown, with its autosaved scenario (or none). */
  install(plantId: string, saved: Scenario | undefined): void;
  edit(e: ScenarioEdit): void;
  undo(): void;
  redo(): void;
  reset(): void;
  rename(name: string): void;
}

interface Owned {
  readonly plantId: string | undefined;
  readonly scenario: Scenario;
}

/** The scenario's edits, owned by a plant and autosaved under its id. Every function is stable. */
export function useScenario(): ScenarioEdits {
  const [{ plantId, scenario }, setOwned] = useState<Owned>({ plantId: undefined, scenario: EMPTY_SCENARIO });
  useAutosave(plantId, scenario);
  const change = useCallback((f: (s: Scenario) => Scenario) => setOwned((o) => ({ ...o, scenario: f(o.scenario) })), []);
  const detach = useCallback(() => setOwned((o) => ({ plantId: undefined, scenario: o.scenario })), []);
  const install = useCallback((id: string, saved: Scenario | undefined) => setOwned({ plantId: id, scenario: saved ?? EMPTY_SCENARIO }), []);
  const edit = useCallback((e: ScenarioEdit) => change((s) => addEdit(s, e)), [change]);
  const undoEdit = useCallback(() => change(undo), [change]);
  const redoEdit = useCallback(() => change(redo), [change]);
  const reset = useCallback(() => change((s) => ({ ...EMPTY_SCENARIO, name: s.name })), [change]);
  const rename = useCallback((name: string) => change((s) => ({ ...s, name })), [change]);
  return { scenario, plantId, detach, install, edit, undo: undoEdit, redo: redoEdit, reset, rename };
}

/**
 * Keeps the workers on `edits` of the plant `plantId` over `baseline` (the plant as loaded) and
 * answers what to show. `onShown` (stable) hears each time the workers answer for another scenario.
 */
export function useScenarioSync(
  client: ScenarioClient | undefined,
  baseline: PlantModel | undefined,
  plantId: string | undefined,
  edits: readonly ScenarioEdit[],
  onShown: () => void,
): { readonly view: ScenarioView; readonly problem: string | undefined } {
  const sync = useMemo(() => (client ? new ScenarioSync(client) : undefined), [client]);
  // Both are kept with the plant they describe: a new plant shows neither until the workers answer.
  const [view, setView] = useState<{ readonly baseline: PlantModel; readonly view: ScenarioView }>();
  const [problem, setProblem] = useState<{ readonly baseline: PlantModel; readonly text: string }>();
  useEffect(() => {
    // Only the scenario of the plant the workers hold goes to them (a rename keeps the edits: nothing to tell).
    if (!sync || !baseline || plantId !== baseline.plant.id) return;
    return sync.sync(baseline, edits, (o) => {
      if (o.kind === 'refused' || o.kind === 'failed') return setProblem({ baseline, text: o.problem });
      setProblem(undefined);
      if (o.kind === 'shown') {
        setView({ baseline, view: o.view });
        onShown();
      }
    });
  }, [sync, baseline, plantId, edits, onShown]);
  return {
    view: view && view.baseline === baseline ? view.view : BASELINE_VIEW,
    problem: problem && problem.baseline === baseline ? problem.text : undefined,
  };
}
