// YAML plant models (hand-written twins kept in git): the text is parsed to a document by the
// `yaml` package, then checked by the one parser (validateModel) like every other way in — the same
// schema, the same path-named errors, each with the line and column of the YAML it points at.
// And the way out: a model as YAML, fields in the order of the JSON files.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document, type Node as YamlNode } from 'yaml';
import { formatPath, type ModelError } from './errors';
import { validateModel, withoutByteOrderMark, type ParseResult } from './parse';
import { formatSize, MAX_MODEL_BYTES, tooLargeMessage, type PlantModel } from './schema';
import { serializeModel } from './serialize';

export { isYamlName } from './yaml-name';

/**
 * Largest YAML text read (UTF-16 code units ≈ bytes). YAML is for twins written by hand: the
 * document tree of a 14 MB YAML plant (10k assets) takes ~1 GB and ~20 s to build, so larger
 * plants belong in JSON (read up to MAX_MODEL_BYTES, in columns).
 */
export const MAX_YAML_LENGTH = 16 * 1024 * 1024;

/** Most aliases expanded when the document becomes data: a "billion laughs" text fails, it does not blow up. */
const MAX_ALIASES = 1000;

type Segment = string | number;

/**
 * The segments of a path as formatPath spells it for `root` (`assets[3](id=plc-7).zone`): read
 * back by trying the next segment and checking formatPath's text for it, so element labels and
 * quoted keys come out exactly as written. Undefined when the path is not formatPath's (the
 * reference checks write some paths themselves; they spell them the same way).
 */
export function pathSegments(root: unknown, path: string): Segment[] | undefined {
  const segs: Segment[] = [];
  let cur: unknown = root;
  let at = 0;
  while (at < path.length) {
    let next: Segment | undefined;
    const rest = path.slice(at);
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) next = Number(index[1]);
    else {
      const body = at === 0 ? rest : rest.startsWith('.') ? rest.slice(1) : undefined;
      if (body === undefined) return undefined;
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(body);
      if (quoted) next = JSON.parse(quoted[0]) as string;
      else next = /^[A-Za-z_$][\w$]*/.exec(body)?.[0];
    }
    if (next === undefined) return undefined;
    segs.push(next);
    const text = formatPath(root, segs);
    if (!path.startsWith(text) || text.length <= at) return undefined;
    at = text.length;
    cur = cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, next) ? (cur as Record<Segment, unknown>)[next] : undefined;
  }
  return segs;
}

/** Where a path points in the YAML: the deepest node on it, and whether the path ended there. */
function locate(doc: Document, segs: readonly Segment[]): { offset: number; whole: boolean } | undefined {
  let node: unknown = doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return offset === undefined ? undefined : { offset, whole: false };
      const key = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      // The last segment names a field: point at its value, or at its key when it has none (or
      // when the complaint is about the key itself, e.g. an unknown field: the caller says so).
      offset = value?.range?.[0] ?? key?.range?.[0] ?? offset;
      if (i === segs.length - 1 && key?.range) return { offset: value?.range ? value.range[0] : key.range[0], whole: true };
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item?.range) return offset === undefined ? undefined : { offset, whole: false };
      offset = item.range[0];
      node = item;
    } else return offset === undefined ? undefined : { offset, whole: false };
  }
  return offset === undefined ? undefined : { offset, whole: true };
}

/** The key of a map entry at `segs` (for errors about a key: unknown or forbidden field). */
function keyOffset(doc: Document, segs: readonly Segment[]): number | undefined {
  if (segs.length === 0) return undefined;
  const parent = segs.length === 1 ? doc.contents : doc.getIn(segs.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = String(segs[segs.length - 1]);
  const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === last);
  return (pair?.key as YamlNode | null | undefined)?.range?.[0];
}

const at = (lc: LineCounter, offset: number) => {
  const { line, col } = lc.linePos(offset);
  return `line ${line}, column ${col}`;
};

/** Parses YAML text into a validated model; errors name the path and the YAML line and column. */
export function parseModelYaml(text: string, options: { readonly maxLength?: number } = {}): ParseResult {
  const limit = options.maxLength ?? MAX_YAML_LENGTH;
  if (text.length > limit) {
    return invalid(`${tooLargeMessage('the YAML model', text.length, limit)} (write plants this large as JSON, read up to ${formatSize(MAX_MODEL_BYTES)})`);
  }
  text = withoutByteOrderMark(text);
  if (text.trim() === '') return invalid('the file is empty');
  const lc = new LineCounter();
  // YAML 1.2 core schema: no timestamps or other implicit types beyond numbers, booleans and null;
  // a repeated key is an error (JSON.parse would keep the last one silently).
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, schema: 'core', merge: false, strict: true });
  if (doc.errors.length > 0) {
    return { kind: 'invalid', errors: doc.errors.slice(0, 20).map((e) => ({ path: '', message: `invalid YAML at ${at(lc, e.pos[0])}: ${lowerFirst(e.message.split('\n')[0]!)}` })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return invalid(`invalid YAML: ${lowerFirst(e instanceof Error ? e.message : String(e))}`);
  }
  const r = validateModel(data);
  if (r.kind === 'ok') return r;
  return { kind: 'invalid', errors: r.errors.map((e) => withPosition(e, data, doc, lc)) };
}

function withPosition(e: ModelError, data: unknown, doc: Document, lc: LineCounter): ModelError {
  const segs = e.path === '' ? [] : pathSegments(data, e.path);
  if (!segs) return e;
  const aboutKey = /^(unknown field|forbidden key|the key holds)/.test(e.message);
  const keyAt = aboutKey ? keyOffset(doc, segs) : undefined;
  const where = keyAt !== undefined ? { offset: keyAt } : locate(doc, segs);
  if (!where) return e;
  return { path: e.path, message: `${e.message} (${at(lc, where.offset)})` };
}

function invalid(message: string): ParseResult {
  return { kind: 'invalid', errors: [{ path: '', message }] };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * A model as YAML text: the fields and records in the order of the JSON files (serializeModel),
 * long strings never folded, no anchors (every record written out).
 */
export function modelToYaml(model: PlantModel): string {
  const plain = JSON.parse(serializeModel(model)) as unknown;
  return stringify(plain, { lineWidth: 0, aliasDuplicateObjects: false, schema: 'core' });
}
