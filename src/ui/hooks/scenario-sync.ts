// Keeps the analysis workers on the what-if scenario the app shows: sends the scenario's edits
// (the workers check each one and answer the diff), retries once on a worker that ended meanwhile,
// and after a failure puts the workers back to what is shown. Framework-free (useScenario wraps
// it); what is shown of the scenario (its outline, its asset directory, its edits in words) is the
// workers' answer, never a model built here.
import type { ScenarioDiff } from '../../analysis/diff';
import { describeEdit, type ScenarioEdit } from '../../analysis/scenario';
import type { ScenarioResult, ShownPlant } from '../../client/analysis-client';
import { formatError } from '../../model/errors';
import type { PlantSummary, ScenarioReading } from '../../session/analysis-session';

/** What the client offers for this: the scenario its workers hold, and the way to change it. */
export interface ScenarioClient {
  readonly scenario: readonly ScenarioEdit[] | null;
  applyScenario(edits: readonly ScenarioEdit[] | null): Promise<ScenarioResult>;
}

/**
 * What the app shows of the scenario: the changed plant as the main thread holds it (undefined:
 * the plant as loaded), its diff (and how to read it), counts, and its edits in words (with the
 * names of what they act on, from the workers) — `edits` describes exactly `described`.
 */
export interface ScenarioView {
  readonly plant: ShownPlant | undefined;
  readonly diff: ScenarioDiff | null;
  readonly reading: ScenarioReading | null;
  readonly summary: PlantSummary | undefined;
  readonly described: readonly ScenarioEdit[];
  readonly edits: readonly string[];
  /**
   * The workers' words for every edit they described on this plant so far, by the edit's JSON: a
   * scenario opened again (from the side-by-side list, undo) reads by names at once, before the
   * workers answer for it.
   */
  readonly known?: ReadonlyMap<string, string>;
}

export const BASELINE_VIEW: ScenarioView = { plant: undefined, diff: null, reading: null, summary: undefined, described: [], edits: [] };

/** Edits remembered in words per plant (a bound: the texts of a long session's many scenarios). */
const KNOWN_TEXTS = 5_000;

/**
 * Each edit in words: the workers' text for an edit they described (the same edit object, or one
 * of the same JSON described before on this plant), else with ids for names.
 */
export function editTexts(view: ScenarioView, edits: readonly ScenarioEdit[]): string[] {
  return edits.map((e) => {
    const i = view.described.indexOf(e);
    return i >= 0 ? view.edits[i]! : (view.known?.get(JSON.stringify(e)) ?? describeEdit(e));
  });
}

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
export function refusalText(r: Extract<ScenarioResult, { kind: 'invalid' }>, edits: readonly ScenarioEdit[], described?: (e: ScenarioEdit) => string): string {
  const edit = r.edit >= 0 ? edits[r.edit] : undefined;
  const which = edit ? `Edit ${r.edit + 1} (${r.text ?? described?.(edit) ?? describeEdit(edit)}) no longer applies` : 'The scenario does not apply';
  return `${which}: ${r.errors.map(formatError).join('; ')}`;
}

export class ScenarioSync {
  /** The plant the workers hold (a new one is loaded as they hold it, with no scenario). */
  private baseline: ShownPlant | undefined;
  /** A scenario was sent to the workers since the plant loaded (so going back means telling them). */
  private active = false;
  /** The edits the workers last accepted (null: the plant as loaded), to put them back after a failure. */
  private shown: readonly ScenarioEdit[] | null = null;
  /** The last view shown: its words for the edits it shares with the next scenario. */
  private view: ScenarioView = BASELINE_VIEW;
  /** The workers' words for the edits they described on this plant (ScenarioView.known). */
  private known = new Map<string, string>();

  constructor(private readonly client: ScenarioClient) {}

  /**
   * Brings the workers to `edits` over `baseline` (the plant they hold as loaded); `report` hears
   * how, unless cancelled first. Returns the cancel.
   */
  sync(baseline: ShownPlant, edits: readonly ScenarioEdit[], report: (o: SyncOutcome) => void): () => void {
    if (baseline !== this.baseline) {
      this.baseline = baseline;
      this.active = false;
      this.shown = null;
      this.view = BASELINE_VIEW;
      this.known = new Map();
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
          if (r.kind === 'invalid') {
            const known = this.view;
            return report({ kind: 'refused', problem: refusalText(r, edits, (e) => editTexts(known, [e])[0]!) });
          }
          this.shown = wanted;
          const shown = wanted && r.shown;
          if (shown) {
            wanted.forEach((e, i) => this.known.set(JSON.stringify(e), shown.edits[i]!));
            if (this.known.size > KNOWN_TEXTS) this.known = new Map([...this.known].slice(-KNOWN_TEXTS / 2));
          }
          this.view = shown
            ? { plant: { outline: shown.outline, directory: baseline.directory.withPatch(shown.patch) }, diff: r.diff, reading: r.reading, summary: r.summary, described: wanted, edits: shown.edits, known: this.known }
            : { ...BASELINE_VIEW, known: this.known };
          report({ kind: 'shown', view: this.view });
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
