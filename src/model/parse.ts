// The one parser of plant model text: every way in (file, drag-and-drop, Neo4j, importers, tests)
// goes through parseModelText (text; parse-parallel.ts for large texts on two threads) or
// validateModel (documents in memory, validate.ts). A failed parse returns errors and no model.
import { holdConnections, resolveConnections, scanConnections, connectionRefs, type ScannedConnections } from './connections';
import { formatPath } from './errors';
import { findJsonProblem, lineColumn, MAX_NESTING, nestingBeyond } from './json-text';
import { MAX_MODEL_BYTES, tooLargeMessage, type PlantModel } from './schema';
import { invalid, validateDocument, type ParseResult } from './validate';

export { FORBIDDEN_KEYS, validateModel, type ParseResult } from './validate';

export interface ParseOptions {
  /** Size limit in UTF-16 code units of the text (≈ bytes for ASCII models). */
  readonly maxLength?: number;
  /**
   * false: read connections as objects with JSON.parse, never into columns (tests compare the
   * two ways; the result is the same model either way).
   */
  readonly columnar?: boolean;
}

/** A leading byte-order mark (U+FEFF) is dropped: editors on Windows write one, and it carries nothing. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when the text holds a lone UTF-16 surrogate. Text decoded from UTF-8 never does; text built
 * in memory can. Native isWellFormed where the engine has it (O(1) on one-byte strings).
 */
export function hasLoneSurrogate(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return !native.call(text);
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Parses JSON text into a validated model. */
export function parseModelText(text: string, options: ParseOptions = {}): ParseResult {
  const limit = options.maxLength ?? MAX_MODEL_BYTES;
  if (text.length > limit) {
    return invalid('', tooLargeMessage('the model', text.length, limit));
  }
  text = withoutByteOrderMark(text);
  if (text.trim() === '') return invalid('', 'the file is empty');
  // A lone surrogate in the raw text: the ordinary way walks every string and names it.
  const loneSurrogate = hasLoneSurrogate(text);
  if (options.columnar !== false && !loneSurrogate) {
    const fast = parseColumnar(text);
    if (fast) return fast;
  }
  const deep = nestingBeyond(text, MAX_NESTING);
  if (deep >= 0) return tooDeep(text, deep);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return jsonSyntaxError(text, e);
  }
  return validateDocument(doc, loneSurrogate || mayContainForbiddenKey(text));
}

/** The error for a text nesting deeper than MAX_NESTING, at the bracket that goes too deep. */
function tooDeep(text: string, offset: number): ParseResult {
  const where = findJsonProblem(text, offset);
  if (where && where.reason !== 'stop') return jsonProblem(text, where.offset, where.reason, where.path);
  const { line, column } = lineColumn(text, offset);
  return {
    kind: 'invalid',
    errors: [{ path: formatPath(undefined, where?.path ?? []), message: `nesting deeper than ${MAX_NESTING} levels at line ${line}, column ${column} (a plant model needs fewer than 10): refused before parsing` }],
  };
}

/** Top-level value the connections array is replaced with while the rest of the text is parsed. */
const SENTINEL = '\u0001twinpath:connections';
const SENTINEL_JSON = JSON.stringify(SENTINEL);

/**
 * The fast way for valid models: the connections array is read straight into columns
 * (connections.ts), the rest of the text by JSON.parse and the schema validator. Returns
 * undefined — and the caller takes the ordinary way, which gives the errors — unless every
 * check passes. Soundness: the rest is parsed with a sentinel in place of the array; only when
 * the parsed document's top-level `connections` is that sentinel (it cannot come from elsewhere:
 * the text holds no `\u0001`) was the array scanned the document's connections.
 */
function parseColumnar(text: string): ParseResult | undefined {
  const start = connectionsArrayStart(text);
  if (start < 0) return undefined;
  const scanned = scanConnections(text, start);
  if (!scanned) return undefined;
  const rest = parseRestText(text, start, scanned.end);
  const model = rest && validateRest(rest);
  return model ? withConnections(text, scanned, model) : undefined;
}

/** JSON.parse of the text around the array, the array replaced by a sentinel; undefined unless it is the top-level connections. */
export function parseRestText(text: string, start: number, end: number): { doc: Record<string, unknown>; scanKeys: boolean } | undefined {
  // Nesting too deep around the array: the ordinary way refuses it and says where.
  if (nestingBeyond(text, MAX_NESTING, 0, start) >= 0 || nestingBeyond(text, MAX_NESTING - 1, end) >= 0) return undefined;
  const head = text.slice(0, start);
  const tail = text.slice(end);
  if (head.includes('\\u0001') || tail.includes('\\u0001')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(head + SENTINEL_JSON + tail);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object' || (doc as Record<string, unknown>).connections !== SENTINEL) return undefined;
  (doc as Record<string, unknown>).connections = [];
  return { doc: doc as Record<string, unknown>, scanKeys: mayContainForbiddenKey(head) || mayContainForbiddenKey(tail) };
}

export function validateRest(rest: { doc: Record<string, unknown>; scanKeys: boolean }): PlantModel | undefined {
  const r = validateDocument(rest.doc, rest.scanKeys);
  return r.kind === 'ok' ? r.model : undefined;
}

/** Resolves the scanned connections against the rest and attaches them; undefined to decline. */
function withConnections(text: string, scanned: ScannedConnections, model: PlantModel): ParseResult | undefined {
  const cols = resolveConnections(text, scanned, connectionRefs(model));
  if (!cols) return undefined;
  holdConnections(model, cols);
  return { kind: 'ok', model };
}

export function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Position of the `[` after the first `"connections"` key in the text, or -1. */
export function connectionsArrayStart(text: string): number {
  for (let k = text.indexOf('"connections"'); k >= 0; k = text.indexOf('"connections"', k + 1)) {
    let p = k + 13;
    while (isJsonSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== 58) continue;
    p++;
    while (isJsonSpace(text.charCodeAt(p))) p++;
    return text.charCodeAt(p) === 91 ? p : -1;
  }
  return -1;
}

/** True unless the raw text provably holds no forbidden key (none spelled out, no escapes). */
function mayContainForbiddenKey(text: string): boolean {
  return (
    text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u')
  );
}

/**
 * A JSON syntax error with line, column and the path of the member being read, found by our own
 * pass of the grammar (engines' messages name a position only sometimes); the engine's message
 * only when that pass finds nothing (it should not happen).
 */
function jsonSyntaxError(text: string, e: unknown): ParseResult {
  const problem = findJsonProblem(text);
  if (problem) return jsonProblem(text, problem.offset, problem.reason, problem.path);
  const raw = e instanceof Error ? e.message : String(e);
  return invalid('', `invalid JSON: ${raw}`);
}

function jsonProblem(text: string, offset: number, reason: string, path: readonly (string | number)[]): ParseResult {
  const { line, column } = lineColumn(text, offset);
  return { kind: 'invalid', errors: [{ path: formatPath(undefined, path), message: `invalid JSON at line ${line}, column ${column}: ${reason}` }] };
}
