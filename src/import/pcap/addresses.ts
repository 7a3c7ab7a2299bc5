// Address text: MAC, IPv4 and IPv6 (RFC 5952) from bytes, and normalization of addresses typed in
// a model. Pure.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function macText(b: Uint8Array, o: number): string {
  return `${HEX[b[o]!]}:${HEX[b[o + 1]!]}:${HEX[b[o + 2]!]}:${HEX[b[o + 3]!]}:${HEX[b[o + 4]!]}:${HEX[b[o + 5]!]}`;
}

export function ipv4Text(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** IPv6 text per RFC 5952: lower-case, no leading zeros, the longest run of ≥ 2 zero groups as "::". */
export function ipv6Text(b: Uint8Array, o: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[o + 2 * i]! << 8) | b[o + 2 * i + 1]!);
  return ipv6Groups(g);
}

function ipv6Groups(g: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Is this IPv4 text a group address (multicast or limited broadcast)? */
export function ipv4Scope(b: Uint8Array, o: number): 'unicast' | 'multicast' | 'broadcast' {
  const a = b[o]!;
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 255 && b[o + 1] === 255 && b[o + 2] === 255 && b[o + 3] === 255) return 'broadcast';
  return 'unicast';
}

/**
 * The canonical form of an address written in a model (IPv4, IPv6 or MAC in any usual notation),
 * or undefined when it is none of them. Used to match capture hosts to modeled assets.
 */
export function normalizeAddress(raw: string): string | undefined {
  const s = raw.trim().toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d+)?$/.exec(s);
  if (v4) {
    const parts = v4.slice(1, 5).map(Number);
    if (parts.some((x) => x > 255)) return undefined;
    return parts.join('.');
  }
  const mac = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/.exec(s);
  if (mac) return mac.slice(1, 7).join(':');
  const dotted = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/.exec(s); // Cisco notation
  if (dotted) {
    const h = dotted.slice(1, 4).join('');
    return [0, 2, 4, 6, 8, 10].map((i) => h.slice(i, i + 2)).join(':');
  }
  return parseIpv6(s.replace(/%.*$/, '').replace(/\/\d+$/, ''));
}

function parseIpv6(s: string): string | undefined {
  if (!/^[0-9a-f:.]+$/.test(s) || !s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (i === items.length - 1 && it.includes('.')) {
        const v4 = normalizeAddress(it);
        if (v4 === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return undefined;
        const p = v4.split('.').map(Number);
        out.push((p[0]! << 8) | p[1]!, (p[2]! << 8) | p[3]!);
      } else {
        if (!/^[0-9a-f]{1,4}$/.test(it)) return undefined;
        out.push(parseInt(it, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return undefined;
    groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  return ipv6Groups(groups);
}

/** Numeric sort key of a host key: IPv4 before IPv6 before MAC, each in address order. */
export function compareHostKeys(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sortKey(k: string): string {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(k);
  if (v4) return `0${v4.slice(1, 5).map((x) => Number(x).toString(16).padStart(2, '0')).join('')}`;
  if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(k)) return `2${k}`;
  return `1${k}`;
}
