// Hostile and careless model texts: the two parse ways agree on every text (the columnar scanner
// never accepts what JSON.parse + the schema refuse), every JSON syntax error names its line and
// column, deep nesting is refused at once, a byte-order mark is dropped, and text that is not
// text (lone UTF-16 surrogates) is refused with the path of the string.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../../src/model/errors';
import { generatePlant } from '../../../src/model/generate';
import { findJsonProblem, lineColumn, MAX_NESTING } from '../../../src/model/json-text';
import { parseModelText, validateModel, type ParseResult } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';

const REFERENCE = readFileSync('models/reference-plant.json', 'utf8');
const WATER = readFileSync('models/water-treatment.json', 'utf8');
const GENERATED = generatePlant({ assets: 80, seed: 7 });
const TEXTS = {
  reference: REFERENCE,
  water: WATER,
  'generated, compact': JSON.stringify(GENERATED),
  'generated, pretty': serializeModel(GENERATED),
} as const;

/** What the one schema says of a text, the slow and independent way: JSON.parse, then validateModel. */
function reference(text: string): { kind: 'syntax'; engineOffset?: number } | ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    return pos ? { kind: 'syntax', engineOffset: Number(pos[1]) } : { kind: 'syntax' };
  }
  return validateModel(doc);
}

/** Characters that matter to JSON and to the scanner. */
const PIECES = ['"', '{', '}', '[', ']', ':', ',', ' ', '\\', '7', '-', '0', 'e', '.', 'x', 't', 'n', '\u0001', '\n', '\\u', '""', 'true', '1e9'];

type Mutation = { at: number; kind: 'delete' | 'insert' | 'replace' | 'swap'; piece: string; span: number };
const mutationArb = (length: number, hot: [number, number]) =>
  fc.record({
    at: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: hot[0], max: hot[1] }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: length - 1 }) }),
    kind: fc.constantFrom<Mutation['kind']>('delete', 'insert', 'replace', 'swap'),
    piece: fc.constantFrom(...PIECES),
    span: fc.integer({ min: 1, max: 3 }),
  });

function mutate(text: string, m: Mutation): string {
  const { at, piece, span } = m;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + span);
    case 'insert':
      return text.slice(0, at) + piece + text.slice(at);
    case 'replace':
      return text.slice(0, at) + piece + text.slice(at + span);
    case 'swap':
      return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
  }
}

describe('the scanner and JSON.parse + the schema agree on every mutated sample text', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`${name}: same verdict, same errors; syntax errors name line and column (at the engine's position when it gives one)`, () => {
      const start = text.indexOf('"connections"');
      const hot: [number, number] = [start, Math.min(text.length - 1, start + 6000)];
      const seen = { ok: 0, invalid: 0, syntax: 0, positioned: 0 };
      fc.assert(
        fc.property(fc.array(mutationArb(text.length, hot), { minLength: 1, maxLength: 3 }), (ms) => {
          const t = ms.reduce(mutate, text);
          const fast = parseModelText(t);
          const slow = reference(t);
          const where = `mutations ${JSON.stringify(ms)}`;
          if (slow.kind === 'syntax') {
            seen.syntax++;
            expect(fast.kind, where).toBe('invalid');
            if (fast.kind !== 'invalid') return;
            expect(fast.errors, where).toHaveLength(1);
            const m = /^invalid JSON at line (\d+), column (\d+): .+/.exec(fast.errors[0]!.message);
            expect(m, `${where}: ${fast.errors[0]!.message}`).not.toBeNull();
            if (slow.engineOffset !== undefined) {
              seen.positioned++;
              const lc = lineColumn(t, slow.engineOffset);
              expect([Number(m![1]), Number(m![2])], `${where}: ${fast.errors[0]!.message}`).toEqual([lc.line, lc.column]);
            }
            return;
          }
          seen[slow.kind]++;
          expect(fast.kind, where).toBe(slow.kind);
          if (fast.kind === 'invalid' && slow.kind === 'invalid') expect(fast.errors.map(formatError), where).toEqual(slow.errors.map(formatError));
          if (fast.kind === 'ok' && slow.kind === 'ok') expect(JSON.stringify(fast.model), where).toBe(JSON.stringify(slow.model));
        }),
        { numRuns: 400 },
      );
      // Not vacuous: all three outcomes occur.
      expect(seen.syntax, JSON.stringify(seen)).toBeGreaterThan(100);
      expect(seen.invalid + seen.ok, JSON.stringify(seen)).toBeGreaterThan(20);
      expect(seen.positioned, JSON.stringify(seen)).toBeGreaterThan(20);
    });
  }

  it('a string value whose opening quote is missing or replaced is a syntax error, not a value', () => {
    const c = JSON.parse(WATER).connections[0] as { to: string };
    const quoted = `"to":"${c.to}"`;
    expect(WATER).toContain(quoted);
    for (const bad of [`"to":X${c.to}"`, `"to": X${c.to}"`, `"to":{${c.to}"`, `"to":7${c.to}"`, `"to":${c.to}"`]) {
      const r = parseModelText(WATER.replace(quoted, bad));
      expect(r.kind, bad).toBe('invalid');
      if (r.kind !== 'invalid') continue;
      expect(formatError(r.errors[0]!), bad).toMatch(/^connections\[0\]\.to: invalid JSON at line \d+, column \d+: /);
    }
  });
});

describe('JSON syntax errors', () => {
  it('name line, column and the member being read', () => {
    const text = '{\n  "schemaVersion": 1,\n  "assets": [\n    {"id": "a", "name": "A"},\n    {"id": "b", "name": "B\u0001"}\n  ]\n}';
    const r = parseModelText(text);
    expect(r.kind === 'invalid' && r.errors.map(formatError)).toEqual([
      'assets[1].name: invalid JSON at line 5, column 27: control character U+0001 inside a string (write it as an escape, e.g. \\n or \\u0001)',
    ]);
    expect(findJsonProblem('{"a": [1, 2,]}')).toEqual({ offset: 12, reason: "']' where a value was expected", path: ['a', 2] });
    expect(findJsonProblem('{"a": 01}')?.reason).toBe('a number may not start with 0 followed by digits');
    expect(findJsonProblem('{"a": "\\q"}')?.reason).toMatch(/^bad escape \\q/);
    expect(findJsonProblem('{"a": 1} x')?.reason).toBe("'x' after the end of the JSON value");
    expect(findJsonProblem('{"a": [1')?.reason).toBe('the text ends inside an array (no closing ])');
    expect(findJsonProblem(JSON.stringify(GENERATED))).toBeUndefined();
  });
});

describe('deep nesting is refused before it costs anything', () => {
  const nested = (levels: number, where: 'unknown-field' | 'asset-name') => {
    const deep = `${'['.repeat(levels)}${']'.repeat(levels)}`;
    return where === 'unknown-field' ? WATER.replace('"schemaVersion": 1', `"schemaVersion": 1, "x": ${deep}`) : WATER.replace('"name":"Internet"', `"name":${deep}`);
  };

  it.each([50_000, 1_000_000])('%i levels: refused with the path and the line and column of the bracket that goes too deep', (levels) => {
    for (const where of ['unknown-field', 'asset-name'] as const) {
      const r = parseModelText(nested(levels, where));
      expect(r.kind).toBe('invalid');
      if (r.kind !== 'invalid') continue;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.message).toMatch(new RegExp(`^nesting deeper than ${MAX_NESTING} levels at line \\d+, column \\d+`));
      // Root (1) → x (2) → …: the bracket at level 33 is x's element [0] 31 times over.
      expect(r.errors[0]!.path).toBe(where === 'unknown-field' ? `x${'[0]'.repeat(MAX_NESTING - 1)}` : `assets[0].name${'[0]'.repeat(MAX_NESTING - 3)}`);
    }
  }, 10_000);

  it('documents already in memory: deep and cyclic ones are refused by the one walk, with a path', () => {
    const doc = JSON.parse(WATER) as Record<string, unknown>;
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    const r = validateModel({ ...doc, x: root });
    expect(r.kind === 'invalid' && r.errors.map(formatError).find((e) => e.includes('nesting'))).toBe(`x${'[0]'.repeat(MAX_NESTING - 1)}: nesting deeper than ${MAX_NESTING} levels (a plant model needs fewer than 10)`);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const c = validateModel({ ...doc, plant: cyclic });
    expect(c.kind).toBe('invalid');
  }, 10_000);

  it('nesting within the limit is parsed and reported as ordinary shape errors', () => {
    const r = parseModelText(nested(MAX_NESTING - 3, 'unknown-field'));
    expect(r.kind === 'invalid' && r.errors.map(formatError)).toEqual(['x: unknown field "x" (not in plant model v1)']);
  });
});

describe('text encoding', () => {
  it('a leading byte-order mark is dropped: the same model either way', () => {
    for (const text of Object.values(TEXTS)) {
      const a = parseModelText(`\ufeff${text}`);
      const b = parseModelText(text);
      expect(a.kind).toBe('ok');
      expect(a.kind === 'ok' && b.kind === 'ok' && JSON.stringify(a.model) === JSON.stringify(b.model)).toBe(true);
    }
  });

  it('lone surrogates are refused with the path, whether escaped, raw, in a key or in a connection description', () => {
    const escapedName = WATER.replace('"name":"Internet"', '"name":"Inter\\ud800net"');
    const rawName = WATER.replace('"name":"Internet"', '"name":"Inter\ud800net"');
    const lowFirst = WATER.replace('"name":"Internet"', '"name":"\\udc00Internet"');
    for (const t of [escapedName, rawName, lowFirst]) {
      const r = parseModelText(t);
      expect(r.kind === 'invalid' && formatError(r.errors[0]!)).toMatch(/^assets\[0\]\(id=internet\)\.name: the value holds a lone UTF-16 surrogate U\+D[8C]00 at character \d+/);
    }
    const m = JSON.parse(WATER) as { connections: { description?: string }[] };
    m.connections[3]!.description = 'half \ud83d of an emoji';
    for (const t of [JSON.stringify(m), serializeModel(m as never)]) {
      const r = parseModelText(t);
      expect(r.kind === 'invalid' && formatError(r.errors[0]!)).toMatch(/^connections\[3\]\(id=[^)]+\)\.description: the value holds a lone UTF-16 surrogate U\+D83D/);
    }
    const key = WATER.replace('"schemaVersion": 1', '"schemaVersion": 1, "\\udbff": 1');
    const k = parseModelText(key);
    expect(k.kind === 'invalid' && k.errors.map(formatError)).toContain('"\\udbff": the key holds a lone UTF-16 surrogate U+DBFF at character 1 (not text; it would be stored as U+FFFD and could collide with another id)');
    // A whole emoji (a surrogate pair) is text.
    expect(parseModelText(WATER.replace('"name":"Internet"', '"name":"Internet 🌐"')).kind).toBe('ok');
  });

  it('two plant ids that differ only by a lone surrogate can no longer both load (they would collide once stored as U+FFFD)', () => {
    const a = JSON.parse(WATER) as { plant: { id: string } };
    a.plant.id = 'plant-\ud800';
    expect(validateModel(a).kind).toBe('invalid');
  });
});

describe('documents built in memory', () => {
  it('sharing one object along many paths cannot make validation exponential (each deep object visited once)', () => {
    // 2^30 paths through 30 levels of [x, x] if walked naively.
    let shared: unknown[] = [];
    for (let i = 0; i < 30; i++) shared = [shared, shared];
    const doc = { ...(JSON.parse(WATER) as Record<string, unknown>), x: shared };
    const r = validateModel(doc);
    expect(r.kind === 'invalid' && r.errors.map(formatError)).toEqual(['x: unknown field "x" (not in plant model v1)']);
  }, 10_000);
});
