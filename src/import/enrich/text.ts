// Text as phrase search sees it: normalized tokens (keeping a map back to the raw text) and token tests.

/**
 * Normalizes text for phrase search: lower case, tokens of letters, digits, "." and "-", single
 * spaces, with the raw index of each kept character (to read versions from the raw text).
 */
export function normText(raw: string): { text: string; at: Int32Array } {
  const out: string[] = [];
  const at = new Int32Array(raw.length + 2);
  let n = 0;
  let space = true;
  const lower = raw.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const keep =
      (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46 || code === 45 || code === 43 || (code > 127 && /[\p{L}\p{N}]/u.test(lower[i]!));
    if (keep) {
      out.push(lower[i]!);
      at[n++] = i;
      space = false;
    } else if (!space) {
      while (n > 0 && (out[n - 1] === '.' || out[n - 1] === '-')) {
        out.pop();
        n--;
      }
      out.push(' ');
      at[n++] = i;
      space = true;
    }
  }
  while (n > 0 && (out[n - 1] === '.' || out[n - 1] === '-' || out[n - 1] === ' ')) {
    out.pop();
    n--;
  }
  return { text: out.join(''), at };
}

/** The normalized tokens of a text. */
export const tokensOf = (raw: string) => normText(raw).text.split(' ').filter(Boolean);
export const hasDigit = (t: string) => /\d/.test(t);
/** A token that is a version ("v3.1", "2018", "sp2", "22h2") rather than a name. */
export const isVersionToken = (t: string) => /^v?\d+(\.\d+)+[a-z]?$/.test(t) || /^v\d+$/.test(t) || /^(19|20)\d\d$/.test(t) || /^(sp|r|update|u)\d+$/.test(t) || /^\d+(h\d)$/.test(t);
