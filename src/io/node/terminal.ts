// Human-readable CLI output that model strings cannot take over. Asset names, ids, the plant name,
// file paths and error messages may hold terminal escapes (ESC sequences retitle the window, clear
// the screen, move the cursor), carriage returns and newlines (forged lines), C1 controls (U+009B
// is a one-character CSI on some terminals) and bidi overrides (text shown in another order than
// it is). Every such character is shown as a visible escape (`\x1b`, `\n`, `\u202e`).
//
// It is structural: the CLI writes through Io, and Io.out/Io.err take either
//   - a plain string: all of it is escaped but one trailing newline — one line per call, so a
//     value can never start a line of its own; or
//   - a Text, made by the txt`…` tag (or lines(), table builders): the literal parts of the
//     template are the format (newlines, tabs), every interpolated value is escaped.
// A forgotten tag shows a visible `\n` instead of a line break: it fails safe. Machine-readable
// output (--json, HTML on stdout) goes through rawOut/rawErr, byte for byte.

/**
 * Characters never written raw: C0 controls (TAB, LF, CR, ESC…), DEL, C1 controls, the Arabic
 * letter mark, LRM/RLM, the line and paragraph separators, the bidi embeddings/overrides
 * (U+202A–U+202E) and isolates (U+2066–U+2069), and unpaired surrogates (the u flag matches
 * [\ud800-\udfff] only for a surrogate that is not half of a pair).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
// eslint-disable-next-line no-control-regex -- the same set but newline and tab, for Text
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** UNSAFE without the g flag: a test that keeps no state (most strings need no change). */
const HAS_UNSAFE = new RegExp(UNSAFE.source, 'u');

/** The string with every unsafe character (see UNSAFE) shown as an escape; idempotent. */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

/**
 * Characters that mean something to a terminal or to the reading order but can only stand inside
 * a JSON string: C1 controls (U+009B is a one-character CSI), the line and paragraph separators,
 * the Arabic letter mark, LRM/RLM and the bidi embeddings, overrides and isolates. JSON.stringify
 * leaves them raw (it escapes C0 controls only).
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for the CLI's machine-readable output: JSON.stringify, with the characters above written as
 * \uXXXX escapes — the same JSON value (a parser reads the same strings), but nothing a terminal
 * acts on when the output is not redirected.
 */
export function jsonText(value: unknown, replacer?: (this: unknown, key: string, v: unknown) => unknown, indent: number = 2): string {
  return JSON.stringify(value, replacer, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MADE = Symbol('Text');

/** Text whose every character is either the format's own or came through show(). */
export class Text {
  /** Only this module makes Text (txt, lines, constantText). */
  constructor(
    readonly text: string,
    key: typeof MADE,
  ) {
    if (key !== MADE) throw new TypeError('Text is made by txt`…`, lines() or constantText()');
  }
  toString(): string {
    return this.text;
  }
}

function piece(v: unknown): string {
  return v instanceof Text ? v.text : show(v);
}

/** Tag: `txt\`${name} → ${id}\n\`` — the template's text as written, each value escaped (a Text value as is). */
export function txt(strings: TemplateStringsArray, ...values: unknown[]): Text {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new Text(out, MADE);
}

/** Each item a line of its own (a string item escaped whole, newlines included), each ended by a newline. */
export function lines(items: Iterable<string | Text>): Text {
  let out = '';
  for (const item of items) out += `${piece(item)}\n`;
  return new Text(out, MADE);
}

/** Text of the program itself (usage, fixed notes): never a value from input. */
export function constantText(s: string): Text {
  return new Text(s, MADE);
}

/** Texts one after another. */
export function concat(parts: Iterable<Text>): Text {
  let out = '';
  for (const p of parts) out += p.text;
  return new Text(out, MADE);
}

/** Columns padded to their widest cell, two spaces apart, one line per row; every cell escaped. */
export function table(rows: readonly (readonly (string | number)[])[]): Text {
  const cells = rows.map((r) => r.map((c) => show(c)));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  return new Text(cells.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n', MADE);
}

/** A plain string as one line: everything escaped but a single trailing newline. */
export function oneLine(s: string): string {
  const nl = s.endsWith('\n');
  const body = nl ? s.slice(0, -1) : s;
  return body.replace(UNSAFE, escapeChar) + (nl ? '\n' : '');
}

/** Text as written, but for a control character that got in by mistake (newline and tab are the format's). */
function textOut(t: Text): string {
  return t.text.replace(UNSAFE_IN_TEXT, escapeChar);
}

/** Where the bytes go: the process's stdout and stderr, or a test's buffers. */
export interface Sink {
  out(s: string): void;
  err(s: string): void;
  /** The width of stderr when it is a terminal (progress bars are drawn there), else undefined. */
  errColumns?(): number | undefined;
}

/** The CLI's output. */
export interface Io {
  /** Human-readable text on stdout: a plain string is one line (see oneLine), a Text as built. */
  out(s: string | Text): void;
  /** Human-readable text on stderr, the same way. */
  err(s: string | Text): void;
  /** Machine-readable output (JSON, HTML) on stdout, byte for byte. */
  rawOut(s: string): void;
  /** Machine-readable output on stderr, byte for byte. */
  rawErr(s: string): void;
  /** Columns of stderr when it is a terminal — where progress is shown — or undefined: then nothing is. */
  errColumns(): number | undefined;
}

/** The Io over a sink: human text neutralized, raw output as is. */
export function terminalIo(sink: Sink): Io {
  const human = (s: string | Text) => (s instanceof Text ? textOut(s) : oneLine(s));
  return {
    out: (s) => sink.out(human(s)),
    err: (s) => sink.err(human(s)),
    rawOut: (s) => sink.out(s),
    rawErr: (s) => sink.err(s),
    errColumns: () => sink.errColumns?.(),
  };
}
