// Validation of a plant model document against the one schema: its shape (TypeBox), forbidden
// keys, text that is not text, nesting, and the cross-references (references.ts). Every way in
// ends here — parseModelText for text, validateModel for documents already in memory.
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { ErrorSink, formatPath, pointerSegments, showValue, type ModelError } from './errors';
import { MAX_NESTING } from './json-text';
import { checkReferences } from './references';
import { PlantModelSchema, SCHEMA_VERSION, type PlantModel } from './schema';

export type ParseResult =
  | { readonly kind: 'ok'; readonly model: PlantModel }
  | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

/** Keys that must never appear in a model: they could pollute prototypes in careless code. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

let compiled: TypeCheck<typeof PlantModelSchema> | undefined;
function checker(): TypeCheck<typeof PlantModelSchema> {
  compiled ??= TypeCompiler.Compile(PlantModelSchema);
  return compiled;
}

/** Validates a document already in memory (from Neo4j, an importer, a test builder). */
export function validateModel(doc: unknown): ParseResult {
  return validateDocument(doc, true);
}

export function validateDocument(doc: unknown, scanKeys: boolean): ParseResult {
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

export function invalid(path: string, message: string): ParseResult {
  return { kind: 'invalid', errors: [{ path, message }] };
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
