// The one parser of plant models: every way in (file, drag-and-drop, Neo4j, importers, tests)
// goes through parseModelText or validateModel. A failed parse returns errors and no model.
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { appendColumns, connectionRefs, holdConnections, IdSet, partIds, resolveConnections, scanConnections, scannedIds, type ConnectionColumns, type ConnectionRefs, type ResolvedPart, type ScannedConnections } from './connections';
import { ErrorSink, formatPath, pointerSegments, showValue, type ModelError } from './errors';
import { findJsonProblem, lineColumn, MAX_NESTING, nestingBeyond } from './json-text';
import { MAX_MODEL_BYTES, PlantModelSchema, SCHEMA_VERSION, tooLargeMessage, type PlantModel } from './schema';

export type ParseResult =
  | { readonly kind: 'ok'; readonly model: PlantModel }
  | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

export interface ParseOptions {
  /** Size limit in UTF-16 code units of the text (≈ bytes for ASCII models). */
  readonly maxLength?: number;
  /**
   * false: read connections as objects with JSON.parse, never into columns (tests compare the
   * two ways; the result is the same model either way).
   */
  readonly columnar?: boolean;
}

/** Keys that must never appear in a model: they could pollute prototypes in careless code. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

let compiled: TypeCheck<typeof PlantModelSchema> | undefined;
function checker(): TypeCheck<typeof PlantModelSchema> {
  compiled ??= TypeCompiler.Compile(PlantModelSchema);
  return compiled;
}

/** A leading byte-order mark (U+FEFF) is dropped: editors on Windows write one, and it carries nothing. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * True when the text holds a lone UTF-16 surrogate. Text decoded from UTF-8 never does; text built
 * in memory can. Native isWellFormed where the engine has it (O(1) on one-byte strings).
 */
function hasLoneSurrogate(text: string): boolean {
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
function parseRestText(text: string, start: number, end: number): { doc: Record<string, unknown>; scanKeys: boolean } | undefined {
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

function validateRest(rest: { doc: Record<string, unknown>; scanKeys: boolean }): PlantModel | undefined {
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

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Position of the `[` after the first `"connections"` key in the text, or -1. */
function connectionsArrayStart(text: string): number {
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

/** Validates a document already in memory (from Neo4j, an importer, a test builder). */
export function validateModel(doc: unknown): ParseResult {
  return validateDocument(doc, true);
}

function validateDocument(doc: unknown, scanKeys: boolean): ParseResult {
  const sink = new ErrorSink();
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return invalid('', `expected a JSON object with schemaVersion ${SCHEMA_VERSION}, got ${showValue(doc)}`);
  }
  const version = (doc as Record<string, unknown>).schemaVersion;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    return invalid('schemaVersion', `unsupported version ${version}: this build reads version ${SCHEMA_VERSION}`);
  }
  const check = checker();
  const shapeOk = check.Check(doc);
  if (scanKeys || !shapeOk) walkDocument(doc, sink);
  // A document nested too deep: its shape errors and references are not read (the walk said where).
  if (sink.count > 0 && sink.errors.some((e) => e.message.startsWith('nesting deeper'))) return { kind: 'invalid', errors: sink.result() };
  if (!shapeOk) reportShapeErrors(doc, check.Errors(doc), sink);
  checkReferences(doc, sink);
  if (sink.count > 0) return { kind: 'invalid', errors: sink.result() };
  return { kind: 'ok', model: doc as PlantModel };
}

function invalid(path: string, message: string): ParseResult {
  return { kind: 'invalid', errors: [{ path, message }] };
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

/** A node of the walk below: its value, the key or index it sits at, and its parent (paths are built only for errors). */
interface WalkNode {
  readonly value: unknown;
  readonly at: string | number;
  readonly parent: WalkNode | undefined;
  readonly depth: number;
}

function segmentsOf(node: WalkNode, last?: string): (string | number)[] {
  const out: (string | number)[] = last === undefined ? [] : [last];
  for (let n: WalkNode | undefined = node; n && n.parent; n = n.parent) out.push(n.at);
  return out.reverse();
}

/** Index of the first lone UTF-16 surrogate in s, or -1. */
function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

const surrogateMessage = (s: string, at: number, what: string) =>
  `${what} holds a lone UTF-16 surrogate U+${s.charCodeAt(at).toString(16).toUpperCase()} at character ${at + 1} (not text; it would be stored as U+FFFD and could collide with another id)`;

/** Deeper than any valid model (7 levels): from here on the walk visits each object once. */
const SHARED_FROM_DEPTH = 8;

/**
 * One iterative walk over the whole document (no recursion, linear: paths are parent links,
 * spelled out only for errors) reporting every forbidden key, every key or string with a lone
 * surrogate, and nesting deeper than MAX_NESTING (not descended into: a cyclic document ends too).
 * A document built in memory (not parsed from text) may reach one object by many paths; below
 * SHARED_FROM_DEPTH each object is visited once, so such sharing cannot make the walk exponential.
 */
function walkDocument(doc: unknown, sink: ErrorSink): void {
  const stack: WalkNode[] = [{ value: doc, at: '', parent: undefined, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0 && !sink.full) {
    const node = stack.pop()!;
    const { value } = node;
    if (node.depth >= SHARED_FROM_DEPTH && value !== null && typeof value === 'object') {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (typeof value === 'string') {
      const bad = loneSurrogateAt(value);
      if (bad >= 0) sink.add(formatPath(doc, segmentsOf(node)), surrogateMessage(value, bad, 'the value'));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (node.depth >= MAX_NESTING) {
      sink.add(formatPath(doc, segmentsOf(node)), `nesting deeper than ${MAX_NESTING} levels (a plant model needs fewer than 10)`);
      continue;
    }
    const depth = node.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], at: i, parent: node, depth });
      continue;
    }
    // Report in document order: keys of this object now, its children (pushed in reverse) next.
    const keys = Object.keys(value);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) sink.add(formatPath(doc, segmentsOf(node, key)), `forbidden key ${JSON.stringify(key)} (never allowed in a model)`);
      const bad = loneSurrogateAt(key);
      if (bad >= 0) sink.add(formatPath(doc, segmentsOf(node, key)), surrogateMessage(key, bad, 'the key'));
    }
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      if (!FORBIDDEN_KEYS.has(key)) stack.push({ value: (value as Record<string, unknown>)[key], at: key, parent: node, depth });
    }
  }
}

function reportShapeErrors(doc: unknown, errors: Iterable<ValueError>, sink: ErrorSink): void {
  const seenPaths = new Set<string>();
  for (const err of errors) {
    if (sink.full) {
      sink.dropped++;
      continue;
    }
    const segments = pointerSegments(doc, err.path);
    const last = segments[segments.length - 1];
    if (typeof last === 'string' && FORBIDDEN_KEYS.has(last)) continue; // reported by walkDocument
    // TypeBox may report one location several times (missing, then wrong type): keep the first.
    if (seenPaths.has(err.path)) continue;
    seenPaths.add(err.path);
    sink.add(formatPath(doc, segments), shapeMessage(err, last));
  }
}

function shapeMessage(err: ValueError, field: string | number | undefined): string {
  const got = showValue(err.value);
  switch (err.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'required field is missing';
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown field ${JSON.stringify(String(field))} (not in plant model v${SCHEMA_VERSION})`;
    case ValueErrorType.Union: {
      const allowed = literalAlternatives(err.schema as { anyOf?: unknown });
      if (allowed) {
        const what = field === 'kind' ? 'kind' : 'value';
        return `unknown ${what} ${got}; expected one of ${allowed}`;
      }
      return `${err.message.toLowerCase()}, got ${got}`;
    }
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberExclusiveMaximum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.IntegerMinimum:
      if (field === 'likelihood') return `likelihood ${got} is outside (0, 1]`;
      return `${got} is out of range: ${lowerFirst(err.message)}`;
    case ValueErrorType.Literal:
      return `expected ${JSON.stringify(err.schema.const)}, got ${got}`;
    default:
      return `${lowerFirst(err.message)}, got ${got}`;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function literalAlternatives(schema: { anyOf?: unknown }): string | undefined {
  if (!Array.isArray(schema.anyOf)) return undefined;
  const values: unknown[] = [];
  for (const alt of schema.anyOf as { const?: unknown }[]) {
    if (!alt || !('const' in alt)) return undefined;
    values.push(alt.const);
  }
  return values.map((v) => (typeof v === 'string' ? v : String(v))).join(', ');
}

// Loose readers: the reference checks also run on documents with shape errors, so that one
// load reports every problem; they only follow values of the expected type.
type Rec = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Rec => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Cross-reference checks: unknown ids, duplicates, self-loops, zone cycles. */
function checkReferences(doc: unknown, sink: ErrorSink): void {
  // Linear, allocation-light on the big collections (1M connections): paths and messages are
  // built only when there is something to report.
  const root = rec(doc);
  const at = (...segments: (string | number)[]) => formatPath(doc, segments);
  /** Ids of one collection; `shared` spans several (value: position × 4 + collection number). */
  const indexIds = (collection: string, shared?: { map: Map<string, number>; names: string[] }) => {
    const items = list(root[collection]);
    const ids = shared?.map ?? new Map<string, number>();
    const mine = shared ? shared.names.push(collection) - 1 : 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const id = item !== null && typeof item === 'object' ? (item as Rec).id : undefined;
      if (typeof id !== 'string') continue;
      const first = ids.get(id);
      if (first === undefined) {
        ids.set(id, shared ? i * 4 + mine : i);
        continue;
      }
      const where = shared ? { c: first % 4, i: Math.floor(first / 4) } : { c: 0, i: first };
      if (!shared || where.c === mine) sink.add(at(collection, i, 'id'), `duplicate id ${showValue(id)} (first at ${collection}[${where.i}])`);
      else sink.add(at(collection, i, 'id'), `duplicate id ${showValue(id)} (already used at ${shared.names[where.c]}[${where.i}])`);
    }
    return ids;
  };
  const zones = indexIds('zones');
  const assets = indexIds('assets');
  const lines = indexIds('productionLines');
  const conduits = indexIds('conduits');
  // Connections, trust relations and media paths all become edges: one id space for the three.
  const edgeIds = { map: new Map<string, number>(), names: [] as string[] };
  indexIds('connections', edgeIds);
  indexIds('trust', edgeIds);
  indexIds('media', edgeIds);

  /** Reports `value` at collection[i].field (or …field[j]) when it is a string naming nothing. */
  const ref = (table: Map<string, number>, what: string, value: unknown, collection: string, i: number, field: string, j = -1) => {
    if (typeof value === 'string' && !table.has(value)) {
      sink.add(j < 0 ? at(collection, i, field) : at(collection, i, field, j), `unknown ${what} ${showValue(value)}`);
    }
  };
  const refs = (table: Map<string, number>, what: string, values: unknown, collection: string, i: number, field: string) => {
    const vs = list(values);
    for (let j = 0; j < vs.length; j++) ref(table, what, vs[j], collection, i, field, j);
  };
  const each = (collection: string, f: (item: Rec, i: number) => void) => {
    const items = list(root[collection]);
    for (let i = 0; i < items.length; i++) f(rec(items[i]), i);
  };

  each('zones', (z, i) => {
    ref(zones, 'zone', z.parent, 'zones', i, 'parent');
    if (z.parent !== undefined && z.parent === z.id) sink.add(at('zones', i, 'parent'), `zone ${showValue(z.id)} is its own parent`);
  });
  checkZoneCycles(doc, list(root.zones).map(rec), zones, sink);

  each('conduits', (c, i) => {
    refs(zones, 'zone', c.zones, 'conduits', i, 'zones');
    const [z0, z1] = list(c.zones);
    if (typeof z0 === 'string' && z0 === z1) sink.add(at('conduits', i, 'zones'), `a conduit joins two different zones, got ${showValue(z0)} twice`);
    refs(assets, 'asset', c.via, 'conduits', i, 'via');
  });

  each('assets', (a, i) => {
    ref(zones, 'zone', a.zone, 'assets', i, 'zone');
    if (a.extraZones === undefined) return;
    const extra = list(a.extraZones);
    for (let j = 0; j < extra.length; j++) {
      const z = extra[j];
      ref(zones, 'zone', z, 'assets', i, 'extraZones', j);
      if (typeof z === 'string' && z === a.zone) sink.add(at('assets', i, 'extraZones', j), `repeats the home zone ${showValue(z)}`);
    }
  });

  const checkEnds = (collection: string, e: Rec, i: number) => {
    ref(assets, 'asset', e.from, collection, i, 'from');
    ref(assets, 'asset', e.to, collection, i, 'to');
    if (typeof e.from === 'string' && e.from === e.to) {
      sink.add(at(collection, i, 'to'), `same asset as from (${showValue(e.from)}); an edge joins two different assets`);
    }
  };
  each('connections', (c, i) => {
    checkEnds('connections', c, i);
    if (c.via !== undefined) ref(assets, 'asset', c.via, 'connections', i, 'via');
    if (c.conduit !== undefined) ref(conduits, 'conduit', c.conduit, 'connections', i, 'conduit');
  });
  each('trust', (t, i) => checkEnds('trust', t, i));
  each('media', (m, i) => {
    ref(assets, 'asset', m.carrier, 'media', i, 'carrier');
    refs(assets, 'asset', m.from, 'media', i, 'from');
    refs(assets, 'asset', m.to, 'media', i, 'to');
  });

  const unique = (collection: string, what: string) => {
    const seen = new Map<string, number>();
    each(collection, (x, i) => {
      ref(assets, 'asset', x.asset, collection, i, 'asset');
      const id = str(x.asset);
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) sink.add(at(collection, i, 'asset'), `duplicate ${what} ${showValue(id)} (first at ${collection}[${first}])`);
      else seen.set(id, i);
    });
  };
  unique('entryPoints', 'entry point');
  unique('crownJewels', 'crown jewel');
  each('crownJewels', (j, i) =>
    list(rec(j.impact).productionLines).forEach((v, k) => {
      if (typeof v === 'string' && !lines.has(v)) sink.add(at('crownJewels', i, 'impact', 'productionLines', k), `unknown production line ${showValue(v)}`);
    }),
  );
  each('productionLines', (l, i) =>
    list(l.groups).forEach((g, gi) =>
      list(rec(g).assets).forEach((v, k) => {
        if (typeof v === 'string' && !assets.has(v)) sink.add(at('productionLines', i, 'groups', gi, 'assets', k), `unknown asset ${showValue(v)}`);
      }),
    ),
  );
}

/** Zone parent chains must end; walks each chain once (iterative, linear overall). */
function checkZoneCycles(doc: unknown, zoneRecs: Rec[], zones: Map<string, number>, sink: ErrorSink): void {
  const state = new Uint8Array(zoneRecs.length); // 0 new, 1 on the current chain, 2 done
  for (let start = 0; start < zoneRecs.length; start++) {
    if (state[start] !== 0) continue;
    const chain: number[] = [];
    let cur: number | undefined = start;
    while (cur !== undefined && state[cur] === 0) {
      state[cur] = 1;
      chain.push(cur);
      const parent = str(zoneRecs[cur]!.parent);
      const next: number | undefined = parent === undefined ? undefined : zones.get(parent);
      cur = next === cur ? undefined : next; // self-parent is reported on its own
    }
    if (cur !== undefined && state[cur] === 1) {
      const loop = chain.slice(chain.indexOf(cur)).map((i) => String(zoneRecs[i]!.id));
      sink.add(
        formatPath(doc, ['zones', cur, 'parent']),
        `zone parents form a cycle: ${[...loop, loop[0]!].map((id) => showValue(id)).join(' → ')}`,
      );
    }
    for (const i of chain) state[i] = 2;
  }
}
