// The what-if scenarios of the plant shown: the active one's edits with undo/redo and the named
// scenarios kept beside it, autosaved per plant (useScenario), and the analysis workers kept on
// the active one with what the app shows of it — the changed plant's outline and directory, diff,
// counts, the edits in words, the problem when an edit does not apply (useScenarioSync).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { addEdit, EMPTY_SCENARIO, redo, undo, type Scenario, type ScenarioEdit } from '../../analysis/scenario';
import type { ShownPlant } from '../../client/analysis-client';
import { saveShelf } from '../scenarioStore';
import { duplicate, EMPTY_SET, removeShelved, startNew, switchTo, type ScenarioSet } from '../scenarios/scenario-set';
import { BASELINE_VIEW, ScenarioSync, type ScenarioClient, type ScenarioView } from './scenario-sync';
import { useAutosave } from './useAutosave';

export interface ScenarioEdits {
  /** The active scenario: the one edited, shown and answered for. */
  readonly scenario: Scenario;
  /** The other named scenarios of the plant. */
  readonly shelf: readonly Scenario[];
  /** The plant the scenarios belong to (undefined while a new plant loads). */
  readonly plantId: string | undefined;
  /** The workers hold another plant now: the scenario waits for `install`. */
  detach(): void;
  /** A new plant is shown, with its autosaved scenarios (or none). */
  install(plantId: string, saved: ScenarioSet | undefined): void;
  edit(e: ScenarioEdit): void;
  undo(): void;
  redo(): void;
  reset(): void;
  rename(name: string): void;
  /** A new empty scenario becomes the active one; the active one is kept beside it. */
  startNew(): void;
  /** A copy of the active scenario becomes the active one. */
  duplicate(): void;
  /** The scenario kept at `i` becomes the active one. */
  switchTo(i: number): void;
  removeShelved(i: number): void;
}

interface Owned {
  readonly plantId: string | undefined;
  readonly set: ScenarioSet;
}

/** The scenarios, owned by a plant and autosaved under its id. Every function is stable. */
export function useScenario(): ScenarioEdits {
  const [{ plantId, set }, setOwned] = useState<Owned>({ plantId: undefined, set: EMPTY_SET });
  useAutosave(plantId, set.active);
  useEffect(() => {
    if (plantId !== undefined) void saveShelf(plantId, set.shelf).catch(() => undefined); // no IndexedDB (private mode): not kept
  }, [plantId, set.shelf]);
  const changeSet = useCallback((f: (s: ScenarioSet) => ScenarioSet) => setOwned((o) => ({ ...o, set: f(o.set) })), []);
  const change = useCallback((f: (s: Scenario) => Scenario) => changeSet((s) => ({ ...s, active: f(s.active) })), [changeSet]);
  const detach = useCallback(() => setOwned((o) => ({ plantId: undefined, set: o.set })), []);
  const install = useCallback((id: string, saved: ScenarioSet | undefined) => setOwned({ plantId: id, set: saved ?? EMPTY_SET }), []);
  const edit = useCallback((e: ScenarioEdit) => change((s) => addEdit(s, e)), [change]);
  const undoEdit = useCallback(() => change(undo), [change]);
  const redoEdit = useCallback(() => change(redo), [change]);
  const reset = useCallback(() => change((s) => ({ ...EMPTY_SCENARIO, name: s.name })), [change]);
  const rename = useCallback((name: string) => change((s) => ({ ...s, name })), [change]);
  const newScenario = useCallback(() => changeSet(startNew), [changeSet]);
  const copy = useCallback(() => changeSet(duplicate), [changeSet]);
  const switchScenario = useCallback((i: number) => changeSet((s) => switchTo(s, i)), [changeSet]);
  const remove = useCallback((i: number) => changeSet((s) => removeShelved(s, i)), [changeSet]);
  return {
    scenario: set.active, shelf: set.shelf, plantId, detach, install, edit, undo: undoEdit, redo: redoEdit, reset, rename,
    startNew: newScenario, duplicate: copy, switchTo: switchScenario, removeShelved: remove,
  };
}

/**
 * Keeps the workers on `edits` of the plant `plantId` over `baseline` (the plant as loaded) and
 * answers what to show. `onShown` (stable) hears each time the workers answer for another scenario.
 */
export function useScenarioSync(
  client: ScenarioClient | undefined,
  baseline: ShownPlant | undefined,
  plantId: string | undefined,
  edits: readonly ScenarioEdit[],
  onShown: () => void,
): { readonly view: ScenarioView; readonly problem: string | undefined } {
  const sync = useMemo(() => (client ? new ScenarioSync(client) : undefined), [client]);
  // Both are kept with the plant they describe: a new plant shows neither until the workers answer.
  const [view, setView] = useState<{ readonly baseline: ShownPlant; readonly view: ScenarioView }>();
  const [problem, setProblem] = useState<{ readonly baseline: ShownPlant; readonly text: string }>();
  useEffect(() => {
    // Only the scenario of the plant the workers hold goes to them (a rename keeps the edits: nothing to tell).
    if (!sync || !baseline || plantId !== baseline.outline.plant.id) return;
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
