// Keeps the analysis workers on the what-if scenario the app shows: sends the scenario's edits
// (the workers check each one and answer the diff), retries once on a worker that ended meanwhile,
// and after a failure puts the workers back to what is shown. Framework-free (useScenario wraps
// it); the display model is the baseline with the edits the workers accepted, never validated here.
import type { ScenarioDiff } from '../../analysis/diff';
import { applyAcceptedEdits, describeEdit, type ScenarioEdit } from '../../analysis/scenario';
import type { ScenarioResult } from '../../client/analysis-client';
import { formatError } from '../../model/errors';
import type { PlantModel } from '../../model/schema';
import type { PlantSummary, ScenarioReading } from '../../session/analysis-session';

/** What the client offers for this: the scenario its workers hold, and the way to change it. */
export interface ScenarioClient {
  readonly scenario: readonly ScenarioEdit[] | null;
  applyScenario(edits: readonly ScenarioEdit[] | null): Promise<ScenarioResult>;
}

/** What the app shows of the scenario: the changed model (undefined: the plant as loaded), its diff (and how to read it) and counts. */
export interface ScenarioView {
  readonly model: PlantModel | undefined;
  readonly diff: ScenarioDiff | null;
  readonly reading: ScenarioReading | null;
  readonly summary: PlantSummary | undefined;
}

export const BASELINE_VIEW: ScenarioView = { model: undefined, diff: null, reading: null, summary: undefined };

/**
 * How one sync ended: `idle` (nothing to tell the workers: no scenario was or is active), `shown`
 * (the workers answer for these edits), `refused` (an edit does not apply: nothing changed),
 * `failed` (the workers could not be reached: they are put back to what is shown).
 */
export type SyncOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'shown'; readonly view: ScenarioView }
  | { readonly kind: 'refused'; readonly problem: string }
  | { readonly kind: 'failed'; readonly problem: string };

/** The what-if panel's line for an edit the session refused, naming the edit and every error's path. */
export function refusalText(r: Extract<ScenarioResult, { kind: 'invalid' }>, edits: readonly ScenarioEdit[], baseline: PlantModel): string {
  const edit = r.edit >= 0 ? edits[r.edit] : undefined;
  const which = edit ? `Edit ${r.edit + 1} (${describeEdit(edit, baseline)}) no longer applies` : 'The scenario does not apply';
  return `${which}: ${r.errors.map(formatError).join('; ')}`;
}

export class ScenarioSync {
  /** The plant the workers hold (a new one is loaded as they hold it, with no scenario). */
  private baseline: PlantModel | undefined;
  /** A scenario was sent to the workers since the plant loaded (so going back means telling them). */
  private active = false;
  /** The edits the workers last accepted (null: the plant as loaded), to put them back after a failure. */
  private shown: readonly ScenarioEdit[] | null = null;

  constructor(private readonly client: ScenarioClient) {}

  /**
   * Brings the workers to `edits` over `baseline` (the plant they hold as loaded); `report` hears
   * how, unless cancelled first. Returns the cancel.
   */
  sync(baseline: PlantModel, edits: readonly ScenarioEdit[], report: (o: SyncOutcome) => void): () => void {
    if (baseline !== this.baseline) {
      this.baseline = baseline;
      this.active = false;
      this.shown = null;
    }
    if (edits.length === 0 && !this.active) {
      report({ kind: 'idle' });
      return () => {};
    }
    this.active = edits.length > 0;
    const wanted = edits.length > 0 ? edits : null;
    let live = true;
    // Through the client, which keeps the scenario for every worker it starts later. A worker that
    // ended meanwhile (a Cancel of another computation, a crash) gets one more try on a new one.
    const apply = () => this.client.applyScenario(wanted);
    void apply()
      .catch((e: unknown) => (live ? apply() : Promise.reject(e)))
      .then(
        (r) => {
          if (!live) return;
          if (r.kind === 'invalid') return report({ kind: 'refused', problem: refusalText(r, edits, baseline) });
          this.shown = wanted;
          report({ kind: 'shown', view: wanted ? { model: applyAcceptedEdits(baseline, wanted), diff: r.diff, reading: r.reading, summary: r.summary } : BASELINE_VIEW });
        },
        (e: unknown) => {
          if (!live) return;
          report({ kind: 'failed', problem: `The what-if could not be applied: ${e instanceof Error ? e.message : String(e)}` });
          // The workers are put back to what is shown (an earlier edit may have reached them).
          if (this.client.scenario !== this.shown) void this.client.applyScenario(this.shown).catch(() => undefined);
        },
      );
    return () => {
      live = false;
    };
  }
}
