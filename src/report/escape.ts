// The one escape function of the report: every string that comes from a model (names, ids,
// descriptions) or anywhere else goes through it before it lands in HTML or SVG, in text and in
// attribute values alike (attributes are always double-quoted). Control characters, which XML (a
// standalone .svg) does not allow, become U+FFFD.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

// eslint-disable-next-line no-control-regex
const UNSAFE = /[&<>"'`]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

export function esc(value: string | number): string {
  return String(value).replace(UNSAFE, (c) => ENTITIES[c] ?? '\ufffd');
}
