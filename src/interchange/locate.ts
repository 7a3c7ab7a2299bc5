// Where a JSON pointer lands in a model file's text — line and column, 1-based — in JSON (a pass of
// the text that skips every value it does not descend into) or YAML (the document's node ranges).
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { lineColumn } from '../model/json-text';
import { pointerParts } from './changes';

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text[i]!)) i++;
  return i;
}

/** Offset just past the string that opens at `i`. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

/** Offset just past the value that starts at `i` (containers skipped by depth, strings honoured). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = stringEnd(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !WS.has(text[j]!) && text[j] !== ',' && text[j] !== '}' && text[j] !== ']') j++;
  return j;
}

/** Offset of the value a pointer names in JSON text (the deepest one found when the path ends early). */
export function jsonPointerOffset(text: string, pointer: string): number {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  for (const seg of pointerParts(pointer)) {
    const open = text[i];
    let found = -1;
    if (open === '{') {
      let j = skipWs(text, i + 1);
      while (j < text.length && text[j] === '"') {
        const end = stringEnd(text, j);
        let key: string;
        try {
          key = JSON.parse(text.slice(j, end)) as string;
        } catch {
          return i;
        }
        const value = skipWs(text, skipWs(text, end) + 1); // past the colon
        if (key === seg) {
          found = value;
          break;
        }
        j = skipWs(text, valueEnd(text, value));
        if (text[j] !== ',') break;
        j = skipWs(text, j + 1);
      }
    } else if (open === '[' && /^\d+$/.test(seg)) {
      const want = Number(seg);
      let j = skipWs(text, i + 1);
      for (let k = 0; j < text.length && text[j] !== ']'; k++) {
        if (k === want) {
          found = j;
          break;
        }
        j = skipWs(text, valueEnd(text, j));
        if (text[j] !== ',') break;
        j = skipWs(text, j + 1);
      }
    }
    if (found < 0) return i;
    i = found;
  }
  return i;
}

/** Offset of the node a pointer names in YAML text (the deepest one found when the path ends early). */
export function yamlPointerOffset(text: string, pointer: string): number {
  const doc = parseDocument(text, { keepSourceTokens: false });
  let node: unknown = doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (const seg of pointerParts(pointer)) {
    let next: YamlNode | undefined;
    if (isMap(node)) next = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg)?.value as YamlNode | undefined;
    else if (isSeq(node) && /^\d+$/.test(seg)) next = node.items[Number(seg)] as YamlNode | undefined;
    if (!next?.range) break;
    offset = next.range[0];
    node = next;
  }
  return offset;
}

/** Line and column of a pointer in a model file's text (YAML when `yaml`). */
export function pointerPosition(text: string, pointer: string, yaml: boolean): TextPosition {
  return lineColumn(text, yaml ? yamlPointerOffset(text, pointer) : jsonPointerOffset(text, pointer));
}
