// JSON text before it is parsed: how deep it nests (a cheap pass on every load, so that a hostile
// file of a million nested brackets is refused in milliseconds instead of tying up the parser and
// the validator), and where exactly it breaks the grammar (a slower pass, only once a text has
// failed: line, column, reason and the path of the member being read).

/** Deepest nesting a model may have. A plant model needs 7 (productionLines[].groups[].assets[]). */
export const MAX_NESTING = 32;

/**
 * Offset of the bracket that opens level `limit + 1` in text[from, to), or -1 when the text
 * never nests deeper than `limit`. Strings are skipped (escapes honoured); the grammar is not
 * checked (JSON.parse does that). Linear, one pass, stops at the first excess.
 */
export function nestingBeyond(text: string, limit: number, from = 0, to = text.length): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < to; i++) {
        const k = text.charCodeAt(i);
        if (k === 34) break;
        if (k === 92) i++;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

export type JsonSegment = string | number;

/** Where a text breaks the JSON grammar. */
export interface JsonTextProblem {
  /** Offset (UTF-16 code units) of the character at fault; text.length at an early end. */
  readonly offset: number;
  readonly reason: string;
  /** Keys and indexes of the member being read there (outermost first). */
  readonly path: readonly JsonSegment[];
}

interface Frame {
  readonly array: boolean;
  /** Array: index of the current element. Object: the current key (undefined before the first). */
  at: JsonSegment | undefined;
}

const describe = (text: string, i: number): string => {
  if (i >= text.length) return 'the end of the text';
  const c = text.charCodeAt(i);
  if (c < 32 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = text.charAt(i);
  return `'${ch}'`;
};

/**
 * The first place where `text` is not JSON, by a full pass of the grammar (RFC 8259), or
 * undefined when it is JSON. With `stopAt`, returns the path of the member being read at that
 * offset instead (reason 'stop'). Iterative: no recursion on the text's nesting.
 */
export function findJsonProblem(text: string, stopAt = -1): JsonTextProblem | undefined {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;
  const path = (): JsonSegment[] => {
    const out: JsonSegment[] = [];
    for (const f of stack) if (f.at !== undefined) out.push(f.at);
    return out;
  };
  const fail = (reason: string, at = i): JsonTextProblem => ({ offset: Math.min(at, n), reason, path: path() });
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  /** Reads the string at i (a quote): returns its value for keys, or a problem. */
  const string = (wantValue: boolean): { value: string } | JsonTextProblem => {
    const start = i;
    let value = '';
    let run = i + 1;
    for (i++; ; i++) {
      if (i >= n) {
        const { line, column } = lineColumn(text, start);
        return fail(`unterminated string: the text ends inside the string that starts at line ${line}, column ${column}`, n);
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        if (wantValue) value += text.slice(run, i);
        i++;
        return { value };
      }
      if (c < 32) return fail(`${describe(text, i)} inside a string (write it as an escape, e.g. \\n or \\u0001)`);
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            const h = text.charCodeAt(i + k);
            const hex = (h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
            if (!hex) return fail(`bad \\u escape: ${describe(text, i + k)} where a hexadecimal digit was expected`, i + k);
          }
          if (wantValue) {
            value += text.slice(run, i) + String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            run = i + 6;
          }
          i += 5;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          if (wantValue) {
            value += text.slice(run, i) + JSON.parse(`"\\${text.charAt(i + 1)}"`);
            run = i + 2;
          }
          i++;
        } else return fail(`bad escape \\${text.charAt(i + 1)} (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`, i + 1);
      }
    }
  };
  const number = (): JsonTextProblem | undefined => {
    const start = i;
    if (text.charCodeAt(i) === 45) i++;
    const digits = () => {
      const s = i;
      while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      return i - s;
    };
    if (text.charCodeAt(i) === 48) {
      i++;
      if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) return fail('a number may not start with 0 followed by digits');
    } else if (digits() === 0) return fail(`${describe(text, i)} where a digit was expected`);
    if (text.charCodeAt(i) === 46) {
      i++;
      if (digits() === 0) return fail(`${describe(text, i)} where a digit after the decimal point was expected`);
    }
    if (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) {
      i++;
      if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
      if (digits() === 0) return fail(`${describe(text, i)} where a digit of the exponent was expected`);
    }
    return i > start ? undefined : fail('a number was expected');
  };
  const literal = (word: string): JsonTextProblem | undefined => {
    for (let k = 0; k < word.length; k++) {
      if (text.charCodeAt(i + k) !== word.charCodeAt(k)) {
        return fail(`${describe(text, i + k)} where a value was expected (a string needs double quotes; literals are true, false, null)`, i + k);
      }
    }
    i += word.length;
    return undefined;
  };

  ws();
  // The main loop reads one value, then what follows it in its container.
  for (;;) {
    if (stopAt >= 0 && i >= stopAt) return { offset: i, reason: 'stop', path: path() };
    // A value.
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      const array = c === 91;
      i++;
      ws();
      const close = array ? 93 : 125;
      if (text.charCodeAt(i) === close) {
        i++;
      } else {
        const frame: Frame = { array, at: array ? 0 : undefined };
        stack.push(frame);
        if (!array) {
          const key = objectKey();
          if ('offset' in key) return key;
          frame.at = key.value;
        }
        ws();
        continue;
      }
    } else if (c === 34) {
      const s = string(false);
      if ('offset' in s) return s;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const p = number();
      if (p) return p;
    } else if (c === 116) {
      const p = literal('true');
      if (p) return p;
    } else if (c === 102) {
      const p = literal('false');
      if (p) return p;
    } else if (c === 110) {
      const p = literal('null');
      if (p) return p;
    } else if (i >= n) {
      return fail('the text ends where a value was expected');
    } else {
      return fail(`${describe(text, i)} where a value was expected`);
    }
    // After a value: close containers, or move to the next member.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < n) return fail(`${describe(text, i)} after the end of the JSON value`);
        return stopAt >= 0 ? { offset: i, reason: 'stop', path: [] } : undefined;
      }
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        ws();
        if (top.array) top.at = (top.at as number) + 1;
        else {
          const key = objectKey();
          if ('offset' in key) return key;
          top.at = key.value;
          ws();
        }
        break;
      }
      if (d === (top.array ? 93 : 125)) {
        i++;
        stack.pop();
        continue;
      }
      if (i >= n) return fail(`the text ends inside ${top.array ? 'an array (no closing ])' : 'an object (no closing })'}`);
      return fail(`${describe(text, i)} where ${top.array ? "',' or ']'" : "',' or '}'"} was expected`);
    }
  }

  /** Reads `"key" :` at i, leaving i on the value (before whitespace). */
  function objectKey(): { value: string } | JsonTextProblem {
    if (text.charCodeAt(i) !== 34) {
      if (i >= n) return fail('the text ends inside an object (no closing })');
      return fail(`${describe(text, i)} where a key in double quotes was expected`);
    }
    const key = string(true);
    if ('offset' in key) return key;
    ws();
    if (text.charCodeAt(i) !== 58) return fail(`${describe(text, i)} where ':' after the key was expected`);
    i++;
    ws();
    return key;
  }
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: end - lastBreak };
}
