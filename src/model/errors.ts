// Validation errors that name the path and the value, e.g.
// `connections[14](id=c-14).to: unknown asset "plc-99"`.

/** One problem found in a model: where (a readable path) and what. */
export interface ModelError {
  readonly path: string;
  readonly message: string;
}

/**
 * Misuse of an API (not bad input, which is a ModelError with a path): a typed error with a code,
 * named by its subclass (the name survives a worker boundary and minification).
 */
export abstract class CodedError<C extends string> extends Error {
  abstract override readonly name: string;
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
  }
}

/** Most errors one validation reports; the rest are counted, not listed. */
export const MAX_REPORTED_ERRORS = 100;

export function formatError(e: ModelError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

/** Collects errors up to a cap and counts the ones beyond it. */
export class ErrorSink {
  readonly errors: ModelError[] = [];
  dropped = 0;
  constructor(readonly cap = MAX_REPORTED_ERRORS) {}
  add(path: string, message: string): void {
    if (this.errors.length < this.cap) this.errors.push({ path, message });
    else this.dropped++;
  }
  get full(): boolean {
    return this.errors.length >= this.cap;
  }
  get count(): number {
    return this.errors.length + this.dropped;
  }
  /** The reported errors, with a closing line saying how many were left out. */
  result(): ModelError[] {
    if (this.dropped === 0) return this.errors.slice();
    return [...this.errors, { path: '', message: `…and ${this.dropped} more error(s) not listed` }];
  }
}

/** A value shown in a message: strings quoted and cut, containers summarized. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') {
    const s = v.length > 80 ? `${v.slice(0, 77)}...` : v;
    return JSON.stringify(s);
  }
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** Key of an array element shown beside its index: `assets[3](id=plc-7)`. */
function elementLabel(el: unknown): string {
  if (el === null || typeof el !== 'object' || Array.isArray(el)) return '';
  const rec = el as Record<string, unknown>;
  for (const key of ['id', 'asset', 'cve', 'name'] as const) {
    const v = Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
    if (typeof v === 'string' && v.length > 0) {
      const shown = v.length > 60 ? `${v.slice(0, 57)}...` : v;
      return `(${key}=${shown})`;
    }
  }
  return '';
}

/**
 * Turns path segments into `a.b[3](id=x).c`, reading ids from the document `root`.
 * Segments are property names (strings) or array indexes (numbers).
 */
export function formatPath(root: unknown, segments: readonly (string | number)[]): string {
  let out = '';
  let cur: unknown = root;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      const el = Array.isArray(cur) ? (cur as unknown[])[seg] : undefined;
      out += `[${seg}]${elementLabel(el)}`;
      cur = el;
    } else {
      const safe = /^[A-Za-z_$][\w$]*$/.test(seg) ? seg : JSON.stringify(seg);
      out += out ? `.${safe}` : safe;
      cur =
        cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg)
          ? (cur as Record<string, unknown>)[seg]
          : undefined;
    }
  }
  return out;
}

/** Splits a JSON pointer (`/assets/3/zone`) into segments, numbers where the parent is an array. */
export function pointerSegments(root: unknown, pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  const raw = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const segs: (string | number)[] = [];
  let cur: unknown = root;
  for (const r of raw) {
    if (Array.isArray(cur) && /^\d+$/.test(r)) {
      const i = Number(r);
      segs.push(i);
      cur = (cur as unknown[])[i];
    } else {
      segs.push(r);
      cur =
        cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, r)
          ? (cur as Record<string, unknown>)[r]
          : undefined;
    }
  }
  return segs;
}
