// What loading a plant into the workspace decides, as plain functions (usePlantLoader is the React
// side): a file refused before it reaches the parser, what becomes of the last-open-plant record,
// how a worker failure reads in the load-error panel, and a wait that storage cannot hold up.
import type { ShownPlant } from '../../client/analysis-client';
import type { ModelError } from '../../model/errors';
import { MAX_MODEL_BYTES, tooLargeMessage } from '../../model/schema';
import type { PlantSummary } from '../../session/analysis-session';
import type { SavedPlant } from '../scenarioStore';

/** The plant shown: what the main thread holds of it (outline, asset directory), its summary, where it came from. */
export interface Loaded {
  readonly plant: ShownPlant;
  readonly summary: PlantSummary;
  readonly source: string;
}

/** Why a plant did not load, for the load-error panel (every model error with its path). */
export interface LoadFailure {
  readonly source: string;
  readonly errors: readonly ModelError[];
}

/**
 * Where a plant being loaded comes from, for the last-open-plant record: a new plant (a file, an
 * import, Neo4j) becomes the last open plant once it loaded; the reference plant clears the
 * record; a restored plant (or the reference plant shown because a restore failed) leaves it.
 */
export type Origin = { readonly kind: 'new'; readonly blob?: Blob } | { readonly kind: 'reference' } | { readonly kind: 'keep' };

/** A plant to keep as the last open one: its text as given (a file stays that very file). */
export type PlantToKeep = Omit<SavedPlant, 'text'> & { readonly text: Blob | string };

/** What a load that succeeded does to the last-open-plant record. */
export type LastPlantChange = { readonly kind: 'forget' } | { readonly kind: 'remember'; readonly plant: PlantToKeep } | { readonly kind: 'keep' };

/** `text` is the plant's text when it was loaded from text (a file is loaded from its Blob, `origin.blob`). */
export function lastPlantChange(origin: Origin, text: string | undefined, referenceText: string, plant: { readonly id: string; readonly name: string }, source: string, now: number): LastPlantChange {
  if (origin.kind === 'reference' || (origin.kind === 'new' && text === referenceText)) return { kind: 'forget' };
  if (origin.kind === 'keep') return { kind: 'keep' };
  return { kind: 'remember', plant: { text: origin.blob ?? text ?? '', plantId: plant.id, plantName: plant.name, source, openedAt: now } };
}

/** One error with no path (about the file or the worker, not a place in the model). */
export function failure(source: string, message: string): LoadFailure {
  return { source, errors: [{ path: '', message }] };
}


/**
 * Why a model file is refused before anything reads it (too large), or undefined. The file itself
 * goes to the analysis worker, which reads it as strict UTF-8 (as the CLI does: bytes that are not
 * text are refused, not turned into U+FFFD): this thread never holds its text.
 */
export function refusedFile(file: Blob & { readonly name: string }): LoadFailure | undefined {
  return file.size > MAX_MODEL_BYTES ? failure(file.name, tooLargeMessage(file.name, file.size)) : undefined;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A load that failed in the worker itself (not the model): it ended, crashed or could not start. */
export function workerFailure(source: string, e: unknown): LoadFailure {
  return failure(source, `analysis worker failed: ${reason(e)}`);
}

/** A saved plant whose text could not be read back from storage. */
export function unreadableSavedPlant(source: string, e: unknown): LoadFailure {
  return failure(source, `the saved plant cannot be read: ${reason(e)}`);
}

/** `p`, or a rejection naming `what` once `ms` have passed without an answer. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
