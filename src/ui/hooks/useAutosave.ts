// Autosaves the what-if scenario in IndexedDB under its plant's id whenever it changes, so that a
// reload (or a tab that crashed) finds it again.
import { useEffect } from 'react';
import type { Scenario } from '../../analysis/scenario';
import { saveScenario } from '../scenarioStore';

/** `plantId` undefined: no plant owns the scenario yet (one is loading), nothing is saved. */
export function useAutosave(plantId: string | undefined, scenario: Scenario): void {
  useEffect(() => {
    if (plantId === undefined) return;
    void saveScenario(plantId, scenario).catch(() => undefined); // no IndexedDB (private mode): not kept
  }, [plantId, scenario]);
}
