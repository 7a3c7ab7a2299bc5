// The one escape function of the report: every string that comes from a model (names, ids,
// descriptions) or anywhere else goes through it before it lands in HTML or SVG, in text and in
// attribute values alike (attributes are always double-quoted). Control characters, which XML (a
// standalone .svg) does not allow, and carriage returns become U+FFFD; so do C1 controls (U+009B starts an escape
// sequence on some terminals when the report goes to stdout) and the bidi embedding, override and
// isolate controls (a name shown in another order than it is spelled).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

// eslint-disable-next-line no-control-regex
const UNSAFE = /[&<>"'`]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

export function esc(value: string | number): string {
  return String(value).replace(UNSAFE, (c) => ENTITIES[c] ?? '\ufffd');
}
