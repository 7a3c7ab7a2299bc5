// The named what-if scenarios of one plant: the active one (edited, shown, sent to the workers)
// and the others kept beside it, to switch to and to compare side by side with the baseline.
import { EMPTY_SCENARIO, type Scenario } from '../../analysis/scenario';

export interface ScenarioSet {
  readonly active: Scenario;
  /** The other scenarios, in the order they were put aside. */
  readonly shelf: readonly Scenario[];
}

export const EMPTY_SET: ScenarioSet = { active: EMPTY_SCENARIO, shelf: [] };

/** Most scenarios kept beside the active one. */
export const MAX_SHELVED = 20;

/** "Scenario N" with the least N none of `scenarios` is named. */
export function nextName(scenarios: readonly Scenario[]): string {
  const taken = new Set(scenarios.map((s) => s.name));
  let n = 1;
  while (taken.has(`Scenario ${n}`)) n++;
  return `Scenario ${n}`;
}

const isBlank = (s: Scenario) => s.edits.length === 0 && s.undone.length === 0;

/** A new, empty scenario becomes the active one; the one active is kept beside it (unless it is blank). */
export function startNew(set: ScenarioSet): ScenarioSet {
  const shelf = isBlank(set.active) ? set.shelf : [...set.shelf, set.active].slice(-MAX_SHELVED);
  return { active: { ...EMPTY_SCENARIO, name: nextName(shelf) }, shelf };
}

/** A copy of the active scenario becomes the active one ("A (copy)"); the original is kept beside it. */
export function duplicate(set: ScenarioSet): ScenarioSet {
  const names = new Set([set.active, ...set.shelf].map((s) => s.name));
  let name = `${set.active.name} (copy)`;
  for (let k = 2; names.has(name); k++) name = `${set.active.name} (copy ${k})`;
  return { active: { ...set.active, name }, shelf: [...set.shelf, set.active].slice(-MAX_SHELVED) };
}

/** The scenario kept at `i` becomes the active one, and the active one takes its place. */
export function switchTo(set: ScenarioSet, i: number): ScenarioSet {
  const other = set.shelf[i];
  if (!other) return set;
  return { active: other, shelf: set.shelf.map((s, k) => (k === i ? set.active : s)).filter((s) => !isBlank(s)) };
}

export function removeShelved(set: ScenarioSet, i: number): ScenarioSet {
  return i >= 0 && i < set.shelf.length ? { ...set, shelf: set.shelf.filter((_, k) => k !== i) } : set;
}

/** A list read back from storage: only scenarios of the right shape are kept. */
export function readShelf(value: unknown): Scenario[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is Scenario => s !== null && typeof s === 'object' && typeof s.name === 'string' && Array.isArray(s.edits) && Array.isArray(s.undone)).slice(-MAX_SHELVED);
}
