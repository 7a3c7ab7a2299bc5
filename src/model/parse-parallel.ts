// The two-thread parse of a large model text (over 4 MiB): a helper thread scans the first part of
// the connections array while this one parses and validates the rest — the same result as
// parseModelText for every text.
import { appendColumns, connectionRefs, holdConnections, IdSet, partIds, resolveConnections, scanConnections, scannedIds, type ConnectionColumns, type ConnectionRefs, type ResolvedPart } from './connections';
import { connectionsArrayStart, hasLoneSurrogate, isJsonSpace, parseModelText, parseRestText, validateRest, withoutByteOrderMark, type ParseOptions, type ParseResult } from './parse';
import { MAX_MODEL_BYTES, type PlantModel } from './schema';

/**
 * The helper thread of a two-thread parse (createScanService in connections.ts, behind a worker):
 * scan(token, partText, wholeLength) starts reading the first part of a connections array (its
 * text from the `[` to the end of a record; see ArrayPart); resolve(token, refs) answers with the
 * part's columns resolved against those ids and its ids checked among themselves, or undefined
 * (declined).
 */
export interface RemoteScanner {
  scan(token: number, partText: string, wholeLength: number): unknown;
  resolve(token: number, refs: ConnectionRefs): Promise<ResolvedPart | undefined>;
}

/** The share of the connections array the helper thread takes; this one parses the rest of the text meanwhile. */
const HELPER_SHARE = 0.85;

/** Texts below this size are parsed in one thread: handing work over would cost more. */
export const PARALLEL_MIN_LENGTH = 4 * 1024 * 1024;

let nextToken = 1;

/**
 * parseModelText with two threads: the helper scans the first part (HELPER_SHARE) of the
 * connections array and resolves its references while this thread parses and validates the rest
 * of the text, then scans the array's last part. The same result as parseModelText
 * for every text: whenever the split cannot be confirmed (the array's end was guessed wrong, the
 * helper declined or failed, the rest is invalid) it returns what parseModelText returns.
 */
export async function parseModelTextParallel(
  text: string,
  remote: RemoteScanner,
  options: ParseOptions & {
    minLength?: number;
    stats?: { threads: number };
    /** Called with the validated model (connections not yet attached) while the helper still works. */
    whileWaiting?: (model: PlantModel) => unknown;
  } = {},
): Promise<ParseResult> {
  if (options.stats) options.stats.threads = 1;
  const limit = options.maxLength ?? MAX_MODEL_BYTES;
  if (text.length < (options.minLength ?? PARALLEL_MIN_LENGTH) || text.length > limit || options.columnar === false) return parseModelText(text, options);
  text = withoutByteOrderMark(text);
  if (hasLoneSurrogate(text)) return parseModelText(text, options);
  const start = connectionsArrayStart(text);
  const end = start < 0 ? -1 : guessArrayEnd(text, start);
  if (end < 0) return parseModelText(text, options);
  // The helper takes the first part of the array, this thread the rest after the rest of the
  // text; the split is at a record boundary (guessed, confirmed by both scans: a split inside a
  // string leaves the first part's last string unterminated, which its scan declines).
  const split = guessRecordBoundary(text, start + Math.floor((end - start) * HELPER_SHARE), end);
  if (split < 0) return parseModelText(text, options);
  const token = nextToken++;
  let started = true;
  try {
    // A plain slice: the copy to the helper reads it straight from the text (no `]` appended,
    // which would cost one more copy of the part). A scan that fails later shows as a failed
    // resolve (below): nothing to wait for here.
    void Promise.resolve(remote.scan(token, text.slice(start, split), end - start)).catch(() => undefined);
  } catch {
    started = false;
  }
  const rest = parseRestText(text, start, end);
  const refs = connectionRefs(rest?.doc);
  // The ids go to the helper before this thread validates the rest, so both work meanwhile (a
  // rest that then fails validation discards the answer); the helper is always asked, which
  // also frees what it holds for this token.
  const resolving = started ? remote.resolve(token, refs).catch(() => undefined) : Promise.resolve(undefined);
  const model = rest ? validateRest(rest) : undefined;
  let mine: ConnectionColumns | undefined;
  let myIds: IdSet | undefined;
  if (model) {
    const part = `[${text.slice(split + 1, end)}`;
    const scanned = scanConnections(part, 0);
    if (scanned && scanned.end === part.length) {
      mine = resolveConnections(part, scanned, refs, false);
      // The edge ids of this part and of trust and media, unique among themselves; the helper's
      // ids (unique among themselves) are then looked up here.
      const ids = new IdSet([scannedIds(scanned), refs.otherEdgeIds]);
      if (ids.unique) myIds = ids;
    }
    if (mine && myIds && options.whileWaiting) {
      // Only work done ahead (buildContext does it itself otherwise, and would meet any error again).
      try {
        options.whileWaiting(model);
      } catch {
        /* see above */
      }
    }
  }
  const theirs = await resolving;
  const cols = model && mine && myIds && theirs && !myIds.meets(partIds(theirs)) ? appendColumns(theirs.cols, mine) : undefined;
  if (model && cols) {
    holdConnections(model, cols);
    if (options.stats) options.stats.threads = 2;
    return { kind: 'ok', model };
  }
  // The rest parsed but is invalid: the one-thread columnar way would fail the same way.
  return parseModelText(text, rest && !model ? { ...options, columnar: false } : options);
}

/** Position of a comma between two records at or after `from` (before `end`), or -1. */
function guessRecordBoundary(text: string, from: number, end: number): number {
  for (let k = text.indexOf('}', from); k >= 0 && k < end; k = text.indexOf('}', k + 1)) {
    let a = k + 1;
    while (isJsonSpace(text.charCodeAt(a))) a++;
    if (text.charCodeAt(a) !== 44) continue;
    let b = a + 1;
    while (isJsonSpace(text.charCodeAt(b))) b++;
    if (text.charCodeAt(b) === 123) return a;
  }
  return -1;
}

/**
 * Where the array starting at `start` probably ends (index after its `]`): the first `]` that
 * closes a record list (after `}` or `[`) and is followed by `,` or `}`. Only a guess: the scan
 * of the array confirms it.
 */
function guessArrayEnd(text: string, start: number): number {
  for (let k = text.indexOf(']', start); k >= 0; k = text.indexOf(']', k + 1)) {
    let b = k - 1;
    while (isJsonSpace(text.charCodeAt(b))) b--;
    const before = text.charCodeAt(b);
    if (before !== 125 && b !== start) continue;
    let a = k + 1;
    while (isJsonSpace(text.charCodeAt(a))) a++;
    const after = text.charCodeAt(a);
    if (after === 44 || after === 125) return k + 1;
  }
  return -1;
}
