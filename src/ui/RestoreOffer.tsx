// The offer shown at start when the last plant open in this browser was not the reference plant
// (a file, an import, a Neo4j pull) — after a reload, or after the tab crashed (a worker out of
// memory can take the page down): restore that plant and its what-if scenario, or start with the
// reference plant. Nothing is loaded before the choice, so a plant that crashed the tab is not
// loaded again unasked. The other plants opened recently are listed too, to open one of them instead.
import { formatSize } from '../model/schema';
import type { Scenario } from '../analysis/scenario';
import { Dialog } from './dialog';
import type { SavedPlant } from './scenarioStore';
import { openedTime, RecentPlantList } from './scenarios/RecentPlants';
import './restore.css';

export interface RestoreOfferProps {
  readonly plant: SavedPlant;
  /** The scenario autosaved for that plant, if any. */
  readonly scenario: Scenario | undefined;
  readonly onRestore: () => void;
  readonly onReference: () => void;
  /** Plants opened recently (the one offered is left out of the list). */
  readonly recent?: readonly SavedPlant[];
  readonly onOpenRecent?: (plant: SavedPlant) => void;
}


export function RestoreOffer({ plant, scenario, onRestore, onReference, recent = [], onOpenRecent }: RestoreOfferProps) {
  const edits = scenario?.edits.length ?? 0;
  const others = recent.filter((p) => p.plantId !== plant.plantId);
  return (
    // Esc is the choice that loads nothing saved: the reference plant (a stray click beside it is not).
    <Dialog className="restore-offer" labelledBy="restore-title" testId="restore-offer" onClose={onReference} closeOnBackdrop={false}>
        <h2 id="restore-title">Restore your last plant?</h2>
        <p className="restore-question" data-testid="restore-text">
          Restore <strong>{plant.plantName}</strong> ({plant.source}, {openedTime(plant.openedAt)}){' '}
          {edits > 0 ? (
            <>
              with scenario <strong>{scenario!.name}</strong> ({edits} edit{edits === 1 ? '' : 's'})?
            </>
          ) : (
            <>with no what-if edits?</>
          )}
        </p>
        <p className="muted">
          It was the plant open when this tab was last closed or reloaded, or when it crashed. Its model ({formatSize(plant.text.size)}) and scenario are kept in
          this browser.
        </p>
        <div className="restore-actions">
          <button type="button" className="primary" onClick={onRestore} data-testid="restore-accept" autoFocus>
            Restore
          </button>
          <button type="button" onClick={onReference} data-testid="restore-decline">
            Start with the reference plant
          </button>
        </div>
        {others.length && onOpenRecent ? (
          <div className="restore-recent">
            <h3>Or open another plant from before</h3>
            <RecentPlantList plants={others} onOpen={onOpenRecent} />
          </div>
        ) : null}
    </Dialog>
  );
}
