// Strict UTF-8 decoding of model files, the same in the browser and in Node: a leading byte-order
// mark is dropped, and bytes that are not UTF-8 are an error naming the first bad byte with its
// line and column — never silently replaced by U+FFFD (which would change ids and names).

export type Utf8Result = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'invalid'; readonly offset: number; readonly reason: string };

/** Strict decoding (leading BOM dropped); the reason names the byte, line and column otherwise. */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  try {
    return { kind: 'ok', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = invalidUtf8Offset(bytes);
    const offset = at < 0 ? bytes.length : at;
    const { line, column } = byteLineColumn(bytes, offset);
    return { kind: 'invalid', offset, reason: `invalid UTF-8 at byte ${offset} (line ${line}, column ${column})` };
  }
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (the Unicode
 * "well-formed UTF-8 byte sequences" table: no overlong forms, no surrogates, nothing past
 * U+10FFFF, no sequence cut by the end); -1 when the whole input is well formed.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && bytes[j]! >= lo && bytes[j]! <= hi;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) i++;
    else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else return i;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset of well-formed UTF-8 before it. */
export function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  // Characters from the line start: every byte that is not a continuation byte starts one.
  let column = 1;
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
