// "Did you mean …?" for the CLI: the closest of a closed list of words (protocols, asset kinds,
// commands) to what was typed, and error lines that name a closed list condensed — each line says
// which value it would have been, and every list is printed once after the lines instead of on each.

/** Lower case without separators: `Modbus_TCP`, `modbus tcp` and `modbustcp` all read `modbustcp`. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** Optimal string alignment distance (Levenshtein plus swaps of two neighbours), capped at `max` + 1. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Length of the common start of two strings. */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The candidate closest to `typed`, or undefined when none is close: the same word once case and
 * separators are ignored; else one the typed text is the start of (`modbus` → `modbus-tcp`, the
 * first in list order on a tie) or that starts it; else one sharing all but the last two of its
 * letters (`modbuss` → `modbus-tcp`); else the nearest within a third of its length (`htps` → `https`).
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const t = squash(typed);
  if (t === '') return undefined;
  const squashed = candidates.map(squash);
  const exact = squashed.indexOf(t);
  if (exact >= 0) return candidates[exact];
  if (t.length >= 2) {
    const prefix = squashed.findIndex((c) => c.startsWith(t) || (c.length >= 3 && t.startsWith(c)));
    if (prefix >= 0) return candidates[prefix];
  }
  if (t.length >= 5) {
    const stem = squashed.findIndex((c) => commonPrefix(c, t) >= t.length - 2);
    if (stem >= 0) return candidates[stem];
  }
  const max = Math.max(1, Math.floor(t.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  squashed.forEach((c, i) => {
    const d = editDistance(t, c, max);
    if (d < bestD) {
      best = candidates[i];
      bestD = d;
    }
  });
  return best;
}

const EXPECTED = '; expected one of ';

/** One error line that names a closed list: where it splits, the list and what comes after it. */
interface EnumLine {
  readonly head: string;
  readonly typed: string | undefined;
  readonly field: string | undefined;
  readonly list: readonly string[];
  readonly tail: string;
}

/**
 * Reads `… unknown kind "plcc"; expected one of sensor, actuator, …` (the model parser) or
 * `… "carrier-pigeon" is not a protocol; expected one of modbus-tcp, … or a value listed in …` (the
 * CSV importer): the list's words hold no space, so the list ends at the first word that has one.
 */
function readEnumLine(line: string): EnumLine | undefined {
  const at = line.lastIndexOf(EXPECTED);
  if (at < 0) return undefined;
  const head = line.slice(0, at);
  const items = line.slice(at + EXPECTED.length).split(', ');
  const list: string[] = [];
  let tail = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const space = item.indexOf(' ');
    if (space < 0) {
      list.push(item);
      continue;
    }
    list.push(item.slice(0, space));
    tail = [item.slice(space), ...items.slice(i + 1)].join(', ');
    break;
  }
  if (list.length < 2 || list.some((w) => w === '')) return undefined;
  // The value typed: the last quoted string before the list (the path may hold quoted keys too).
  const quoted = [...head.matchAll(/"((?:[^"\\]|\\.)*)"/g)];
  const last = quoted[quoted.length - 1];
  let typed: string | undefined;
  if (last) {
    try {
      typed = JSON.parse(last[0]) as string;
    } catch {
      typed = last[1];
    }
  }
  // The field: the last name of the path before `: ` (`….protocol: unknown value …`).
  const field = /\.([A-Za-z_$][\w$]*): (?:unknown|expected)/.exec(head)?.[1] ?? /column "([^"]+)"/.exec(head)?.[1];
  return { head, typed, field, list, tail: tail.replace(/^ or /, ' — or ') };
}

/**
 * The lines with each closed list replaced by the closest word ("did you mean `modbus-tcp`?"),
 * followed by every distinct list once (`protocol is one of: modbus-tcp, …`). Lines naming no list
 * are unchanged.
 */
export function condenseEnumErrors(lines: readonly string[]): string[] {
  const out: string[] = [];
  const lists = new Map<string, { field: string | undefined; list: readonly string[] }>();
  for (const line of lines) {
    const e = readEnumLine(line);
    if (!e) {
      out.push(line);
      continue;
    }
    const key = e.list.join(', ');
    const known = lists.get(key);
    if (!known) lists.set(key, { field: e.field, list: e.list });
    else if (known.field !== e.field) lists.set(key, { field: undefined, list: e.list });
    const guess = e.typed !== undefined ? closest(e.typed, e.list) : undefined;
    out.push(`${e.head}${guess !== undefined ? `; did you mean \`${guess}\`?` : ' (not in the list below)'}${e.tail}`);
  }
  for (const { field, list } of lists.values()) out.push(`${field ? `${field} is one of` : 'expected one of'}: ${list.join(', ')}`);
  return out;
}
