// parseModelText reads a model's connections one of two ways: the columnar scanner (connections.ts,
// the "fast way") or JSON.parse + the schema (the "ordinary way", forced by { columnar: false }).
// The contract: for ANY text the two give the same result — same kind; for a model the same JSON
// text (key order included), the same serialized file, deep-equal models and byte-identical
// compiled graphs; for an invalid text the same error list. These tests render texts by hand
// (whitespace, key order and escapes vary) and check the contract, and check that the fast way
// really is taken on ordinary files, so they cannot pass by always declining.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, EDGE_NETWORK, type CompactGraph } from '../../../src/model/compact';
import { connectionColumns, connectionCount, connectionView, CONNECTION_FIELDS } from '../../../src/model/connections';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText, type ParseResult } from '../../../src/model/parse';
import { createRng } from '../../../src/model/prng';
import { DIRECTIONS, PROTOCOLS, TRANSPORTS, type Connection, type PlantModel } from '../../../src/model/schema';
import { serializeModel } from '../../../src/model/serialize';
import { clone, tinyPlant } from '../../helpers/builders';

// ---------------------------------------------------------------------------------------------
// The contract.

type Way = 'columnar' | 'ordinary' | 'invalid';

/** Every field of two compiled graphs: typed arrays byte for byte (same type, same length), counts equal. */
function expectSameGraph(a: CompactGraph, b: CompactGraph): void {
  const keys = Object.keys(a).sort() as (keyof CompactGraph)[];
  expect(keys).toEqual(Object.keys(b).sort());
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (ArrayBuffer.isView(x)) {
      if (!ArrayBuffer.isView(y)) throw new Error(`${k}: a typed array on one side only`);
      expect(x.constructor, k).toBe(y.constructor);
      expect(x.byteLength, k).toBe(y.byteLength);
      const same = Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
      expect(same, `${k} differs byte for byte`).toBe(true);
    } else {
      expect(x, k).toBe(y);
    }
  }
}

/** Parses `text` both ways, asserts the contract, and says which way the default parse took. */
function parseBoth(text: string): { way: Way; fast: ParseResult; slow: ParseResult } {
  const fast = parseModelText(text);
  const slow = parseModelText(text, { columnar: false });
  expect(fast.kind).toBe(slow.kind);
  if (fast.kind !== 'ok' || slow.kind !== 'ok') {
    expect(fast.kind === 'invalid' ? fast.errors : undefined).toEqual(slow.kind === 'invalid' ? slow.errors : undefined);
    return { way: 'invalid', fast, slow };
  }
  const fm = fast.model;
  const sm = slow.model;
  expect(connectionColumns(sm)).toBeUndefined();
  const cols = connectionColumns(fm);
  // Compile first, before anything reads fm.connections: the compiler must work from the columns.
  expectSameGraph(compileModel(fm), compileModel(sm));
  if (cols) {
    // Position-wise access without records agrees with the records of the ordinary way.
    expect(connectionCount(fm)).toBe(sm.connections.length);
    const view = connectionView(fm);
    expect(view.count).toBe(sm.connections.length);
    for (let i = 0; i < view.count; i++) {
      const c = sm.connections[i]!;
      expect(view.id(i)).toBe(c.id);
      expect(view.from(i)).toBe(c.from);
      expect(view.to(i)).toBe(c.to);
      expect(view.protocol(i)).toBe(c.protocol);
      expect(view.port(i)).toBe(c.port);
      expect(JSON.stringify(view.record(i))).toBe(JSON.stringify(c));
    }
  }
  expect(JSON.stringify(fm)).toBe(JSON.stringify(sm));
  expect(serializeModel(fm)).toBe(serializeModel(sm));
  expect(fm).toStrictEqual(sm);
  expect(Object.keys(fm)).toEqual(Object.keys(sm));
  for (let i = 0; i < sm.connections.length; i++) expect(Object.keys(fm.connections[i]!)).toEqual(Object.keys(sm.connections[i]!));
  // Reading the records changes nothing the compiler sees.
  expectSameGraph(compileModel(fm), compileModel(sm));
  return { way: cols ? 'columnar' : 'ordinary', fast, slow };
}

function modelOf(r: ParseResult): PlantModel {
  if (r.kind !== 'ok') throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.model;
}

/** A model's JSON text with its top-level fields in the given order (missing ones skipped). */
function withKeyOrder(m: PlantModel, keys: readonly string[], indent?: number): string {
  const o: Record<string, unknown> = {};
  for (const k of keys) if ((m as Record<string, unknown>)[k] !== undefined) o[k] = (m as Record<string, unknown>)[k];
  return JSON.stringify(o, null, indent);
}

const TOP_KEYS = [
  '$schema', 'schemaVersion', 'plant', 'zones', 'conduits', 'assets', 'connections', 'trust', 'media', 'entryPoints', 'crownJewels', 'productionLines',
];

// ---------------------------------------------------------------------------------------------
// 1. Ordinary files: both ways agree and the fast way is the one taken.

describe('ordinary model files', () => {
  it.each(['models/reference-plant.json', 'models/water-treatment.json'])('%s: same model both ways, read into columns', (file) => {
    const text = readFileSync(file, 'utf8');
    const r = parseBoth(text);
    expect(r.way).toBe('columnar');
    const m = modelOf(r.fast);
    expect(connectionColumns(m)!.count).toBe((JSON.parse(text) as PlantModel).connections.length);
    expect(connectionColumns(m)!.count).toBeGreaterThan(0);
    // The same model re-written three ways: the file writer, compact JSON, indented JSON.
    const fresh = modelOf(parseModelText(text, { columnar: false }));
    for (const again of [serializeModel(fresh), JSON.stringify(fresh), JSON.stringify(fresh, null, 2), JSON.stringify(fresh, null, '\t')]) {
      expect(parseBoth(again).way).toBe('columnar');
    }
  });

  it.each([1, 2, 3, 42, 2024])('generated 500-asset plant, seed %i: same model both ways, read into columns', (seed) => {
    const plant = generatePlant({ assets: 500, seed });
    const text = serializeModel(plant);
    const r = parseBoth(text);
    expect(r.way).toBe('columnar');
    expect(connectionColumns(modelOf(r.fast))!.count).toBe(plant.connections.length);
    expect(JSON.stringify(modelOf(r.fast))).toBe(JSON.stringify(plant));
  });

  it('generated plant written as compact JSON', () => {
    const plant = generatePlant({ assets: 300, seed: 9, connections: 6000 });
    const r = parseBoth(JSON.stringify(plant));
    expect(r.way).toBe('columnar');
    expect(connectionColumns(modelOf(r.fast))!.count).toBe(plant.connections.length);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Property: random connection arrays rendered by hand.

/** Assets of the property plant; ids that need no escape in JSON text. */
const PLAIN_ASSETS = [
  'inet', 'fw', 'hmi', 'plc', 'ts', 'é-ü', '日本-plc', '😀', 'x'.repeat(256), 'sep\u2028line', '/slash', 'a b', '\ufeffbom',
];
/** Ids that must be written with an escape (a quote, a backslash): the scanner never reads them. */
const ESCAPED_ASSETS = ['q"x', 'b\\s'];

function propertyPlant(): PlantModel {
  const m = tinyPlant();
  m.conduits!.push({ id: 'cd-2', zones: ['z-ext', 'z-dmz'] });
  [...PLAIN_ASSETS, ...ESCAPED_ASSETS].forEach((id, i) => {
    if (!m.assets.some((a) => a.id === id)) m.assets.push({ id, name: `Odd ${i}`, kind: 'workstation', zone: 'z-dmz' });
  });
  m.connections = [];
  return m;
}
const PLANT = propertyPlant();

type Spell = 'raw' | 'u' | 'U' | 'slash';

const hex4 = (c: number, upper: boolean) => {
  const h = c.toString(16).padStart(4, '0');
  return upper ? h.toUpperCase() : h;
};

/** A JSON string literal for s: `raw` escapes only what JSON requires (lone surrogates stay raw), `u`/`U` escape every code unit, `slash` also writes / as \/. */
function spell(s: string, how: Spell): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (how === 'u' || how === 'U') out += `\\u${hex4(c, how === 'U')}`;
    else if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c === 47 && how === 'slash') out += '\\/';
    else if (c < 32) out += `\\u${hex4(c, false)}`;
    else out += s[i];
  }
  return `${out}"`;
}

/** Mostly `good`, now and then `bad` (never at chaos 0). */
function mix<T>(chaos: number, good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (chaos === 0) return good;
  return fc.oneof({ weight: chaos === 1 ? 30 : 5, arbitrary: good }, { weight: 1, arbitrary: bad });
}

/** How strings are spelled: always plainly at chaos 0; otherwise now and then with escapes (valid JSON the scanner declines). */
const spellArb = (chaos: number): fc.Arbitrary<Spell> =>
  chaos === 0 ? fc.constant<Spell>('raw') : fc.oneof({ weight: 8, arbitrary: fc.constant<Spell>('raw') }, { weight: 1, arbitrary: fc.constantFrom<Spell>('u', 'U', 'slash') });

const strArb = (values: readonly string[], spells: fc.Arbitrary<Spell>): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...values), spells).map(([v, how]) => spell(v, how));

/** Raw JSON text (not strings) that is some other type or not JSON at all. */
const ALIEN = ['null', 'true', '0', '[]', '{}', '"x"'];
const NOT_JSON = ['+1', '00', '.5', '1.', 'tru', 'undefined', "'x'", '"raw\u0001ctl"'];

const DESCRIPTIONS = [
  '', 'plain words', 'a "quoted" word and a back\\slash', 'unicode é 日本 😀', 'tab\tnew\nline\r', '\u0000 nul and \u0001 soh',
  'x'.repeat(4096), '😀'.repeat(2048), 'say "connections": [ {"id": "c-9"} ]', '\u0001twinpath:connections',
  '\u2028\u2029', '</script>', '"', '\\', '\\u0001',
];
/** Descriptions the schema refuses: too long, or not text (a lone surrogate). */
const LONG_DESCRIPTIONS = ['x'.repeat(4097), `${'😀'.repeat(2048)}x`, 'lone \ud800 surrogate', 'lone \udc00'];

/** Connection id templates: unique per record index at chaos 0. */
const ID_TEMPLATES: readonly ((i: number) => string)[] = [
  (i) => `c-${i}`, (i) => `é${i}`, (i) => `😀${i}`, (i) => `${i}`.padStart(256, 'k'), (i) => `日本 ${i}`, (i) => `<${i}>/`,
];
/** Ids that collide with something or break a rule. */
const BAD_IDS = ['', 'k'.repeat(257), 't-1', 'm-1', 'c-0', 'c-1', 'inet', 'cd-1', 'line-1', 'z-io', 'ctl\u0001', 'q"x'];

type Field = (typeof CONNECTION_FIELDS)[number];

/** Raw value texts per field: `good` ones the schema accepts, `bad` ones it refuses (or that are not JSON). */
function fieldArbs(spells: fc.Arbitrary<Spell>): { good: Record<Field, fc.Arbitrary<string>>; bad: Record<Field, fc.Arbitrary<string>> } {
  const goodRef = strArb(PLAIN_ASSETS, spells);
  const badRef = fc.oneof(
    strArb([...ESCAPED_ASSETS, ...ESCAPED_ASSETS.map((id) => `${id}-missing`), 'nope', '', 'k'.repeat(257), 'cd-1', 'z-dmz', 'INET', 'inet ', 'x'.repeat(255)], spells),
    fc.constantFrom(...ALIEN),
  );
  const goodBool = fc.constantFrom('true', 'false');
  const badBool = fc.constantFrom('null', '0', '1', '"true"', 'True', 'TRUE', 'tru', 'falsey');
  return {
    good: {
      id: strArb(['c-x'], spells),
      from: goodRef,
      to: goodRef,
      via: goodRef,
      conduit: strArb(['cd-1', 'cd-2'], spells),
      protocol: strArb(PROTOCOLS, spells),
      direction: strArb(DIRECTIONS, spells),
      transport: strArb(TRANSPORTS, spells),
      port: fc.constantFrom('0', '1', '443', '502', '65535', '1e2', '1E2', '80.0', '6.5e1', '0.0e0', '65535.000', '0e5', '65535.00000000000001'),
      authenticated: goodBool,
      encrypted: goodBool,
      observed: goodBool,
      required: goodBool,
      likelihood: fc.constantFrom('1', '1e-9', '0.5', '1.0', '5e-324', '0.9', '1E-9', '0.30000000000000004', '1e0', '0.1e1', '100e-2', '1.00000000000000001'),
      description: fc.tuple(fc.constantFrom(...DESCRIPTIONS), fc.constantFrom<Spell>('raw', 'raw', 'u', 'U', 'slash')).map(([v, how]) => spell(v, how)),
    },
    bad: {
      id: fc.oneof(strArb(BAD_IDS, spells), fc.constantFrom(...ALIEN)),
      from: badRef,
      to: badRef,
      via: badRef,
      conduit: fc.oneof(strArb(['cd-9', 'fw', '', 'CD-1', 'cd-1 '], spells), fc.constantFrom(...ALIEN)),
      protocol: fc.oneof(strArb(['HTTPS', 'bogus', '', 'ssh '], spells), fc.constantFrom(...ALIEN)),
      direction: fc.oneof(strArb(['one way', 'BOTH', '', 'both '], spells), fc.constantFrom(...ALIEN)),
      transport: fc.oneof(strArb(['quic', 'TCP', ''], spells), fc.constantFrom(...ALIEN)),
      port: fc.constantFrom('65536', '-1', '1.5', '-0', '-0.0', '"80"', '1e400', '1e5', '65535.5', '4294967296', '-2147483649', '4294967739', ...ALIEN, ...NOT_JSON),
      authenticated: badBool,
      encrypted: badBool,
      observed: badBool,
      required: badBool,
      likelihood: fc.constantFrom('0', '-0', '0.0', '1.0000001', '"0.5"', '2', '-0.5', '1e-400', '1e400', ...ALIEN, ...NOT_JSON),
      description: fc.oneof(strArb(LONG_DESCRIPTIONS, fc.constantFrom<Spell>('raw', 'u')), fc.constantFrom(...ALIEN, ...NOT_JSON)),
    },
  };
}

function valueArbs(chaos: number): Record<Field, fc.Arbitrary<string>> {
  const { good, bad } = fieldArbs(spellArb(chaos));
  const out = {} as Record<Field, fc.Arbitrary<string>>;
  for (const f of CONNECTION_FIELDS) out[f] = mix(chaos, good[f], bad[f]);
  return out;
}

const OPTIONAL = ['port', 'transport', 'via', 'conduit', 'authenticated', 'encrypted', 'observed', 'required', 'likelihood', 'description'] as const;
const REQUIRED = ['id', 'from', 'to', 'protocol', 'direction'] as const;
const UNKNOWN_KEYS = ['colour', 'ID', 'Port', '__proto__', 'constructor', 'connections', 'id ', 'descriptio', 'viaa', ''];

interface RecordPlan {
  readonly idTemplate: number;
  readonly idSpell: Spell;
  /** Raw text of an id that breaks a rule, in place of the template. */
  readonly badId: string | null;
  readonly ends: readonly string[];
  readonly values: Readonly<Record<string, string | null>>;
  readonly drop: string | null;
  readonly escapeKey: number | null;
  readonly extra: readonly (readonly [string, string])[];
  readonly repeat: { readonly at: number; readonly same: boolean } | null;
  readonly order: readonly number[];
}

function recordArb(chaos: number): fc.Arbitrary<RecordPlan> {
  const v = valueArbs(chaos);
  const optional = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: a });
  const values: Record<string, fc.Arbitrary<string | null>> = { protocol: v.protocol, direction: v.direction };
  for (const f of OPTIONAL) values[f] = optional(v[f]);
  const rare = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
    chaos === 0 ? fc.constant(null) : fc.oneof({ weight: chaos === 1 ? 40 : 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });
  return fc.record({
    idTemplate: fc.nat(ID_TEMPLATES.length - 1),
    idSpell: spellArb(chaos),
    badId: rare(fieldArbs(spellArb(chaos)).bad.id),
    // from and to: two different assets at chaos 0; anything (self-loops, dangling) otherwise.
    ends: chaos === 0 ? fc.uniqueArray(fc.constantFrom(...PLAIN_ASSETS), { minLength: 2, maxLength: 2 }).map((p) => p.map((id) => spell(id, 'raw'))) : fc.tuple(v.from, v.to),
    values: fc.record(values),
    drop: rare(fc.constantFrom(...REQUIRED)),
    escapeKey: rare(fc.nat(14)),
    extra: chaos === 0 ? fc.constant([]) : fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.constantFrom('1', '"x"', 'null', '[]')), { maxLength: chaos === 1 ? 0 : 1 }),
    repeat: rare(fc.record({ at: fc.nat(), same: fc.boolean() })),
    order: fc.array(fc.nat(99), { minLength: 20, maxLength: 20 }),
  });
}

/** The record's [key text, value text] pairs, in text order. */
function recordEntries(plan: RecordPlan, index: number): [string, string][] {
  const fields: [string, string][] = [
    ['id', plan.badId ?? spell(ID_TEMPLATES[plan.idTemplate]!(index), plan.idSpell)],
    ['from', plan.ends[0]!],
    ['to', plan.ends[1]!],
  ];
  for (const [k, val] of Object.entries(plan.values)) if (val !== null) fields.push([k, val]);
  let entries: [string, string][] = fields
    .filter(([k]) => k !== plan.drop)
    .map(([k, val], i) => [plan.escapeKey === i ? `"\\u${hex4(k.charCodeAt(0), false)}${k.slice(1)}"` : JSON.stringify(k), val]);
  for (const [k, val] of plan.extra) entries.push([JSON.stringify(k), val]);
  if (plan.repeat && entries.length > 0) {
    const [k, val] = entries[plan.repeat.at % entries.length]!;
    entries.push([k, plan.repeat.same ? val : '"dup"']);
  }
  entries = entries.map((e, i) => [e, plan.order[i % plan.order.length]! * 100 + i] as const).sort((a, b) => a[1] - b[1]).map(([e]) => e);
  return entries;
}

const WS = ['', '', '', ' ', '\n', '\t', '\r\n', '\n      ', '   ', ' \t\r\n '];

/** One deviation applied to one record of an otherwise clean document. */
type Edit =
  | { readonly kind: 'value'; readonly field: Field; readonly raw: string }
  | { readonly kind: 'odd-spelling'; readonly field: 'id' | 'from' | 'to' | 'protocol' | 'direction'; readonly how: Spell }
  | { readonly kind: 'self-loop' }
  | { readonly kind: 'drop'; readonly field: (typeof REQUIRED)[number] }
  | { readonly kind: 'extra'; readonly key: string; readonly raw: string }
  | { readonly kind: 'repeat'; readonly at: number; readonly same: boolean }
  | { readonly kind: 'escape-key'; readonly at: number };

const editArb: fc.Arbitrary<Edit> = (() => {
  const { bad } = fieldArbs(fc.constant<Spell>('raw'));
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...CONNECTION_FIELDS).chain((field) => bad[field].map((raw): Edit => ({ kind: 'value', field, raw }))) },
    fc.record({ kind: fc.constant('odd-spelling' as const), field: fc.constantFrom(...REQUIRED), how: fc.constantFrom<Spell>('u', 'U') }),
    fc.constant<Edit>({ kind: 'self-loop' }),
    fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...REQUIRED) }),
    fc.record({ kind: fc.constant('extra' as const), key: fc.constantFrom(...UNKNOWN_KEYS), raw: fc.constantFrom('1', '"x"', 'null', '[]') }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), same: fc.boolean() }),
    fc.record({ kind: fc.constant('escape-key' as const), at: fc.nat(14) }),
  );
})();

function applyEdit(r: RecordPlan, e: Edit, index: number): RecordPlan {
  switch (e.kind) {
    case 'value':
      if (e.field === 'id') return { ...r, badId: e.raw };
      if (e.field === 'from') return { ...r, ends: [e.raw, r.ends[1]!] };
      if (e.field === 'to') return { ...r, ends: [r.ends[0]!, e.raw] };
      return { ...r, values: { ...r.values, [e.field]: e.raw } };
    case 'odd-spelling': {
      const respell = (raw: string) => spell(JSON.parse(raw) as string, e.how);
      if (e.field === 'id') return { ...r, badId: spell(ID_TEMPLATES[r.idTemplate]!(index), e.how) };
      if (e.field === 'from') return { ...r, ends: [respell(r.ends[0]!), r.ends[1]!] };
      if (e.field === 'to') return { ...r, ends: [r.ends[0]!, respell(r.ends[1]!)] };
      return { ...r, values: { ...r.values, [e.field]: respell(r.values[e.field]!) } };
    }
    case 'self-loop':
      return { ...r, ends: [r.ends[0]!, r.ends[0]!] };
    case 'drop':
      return { ...r, drop: e.field };
    case 'extra':
      return { ...r, extra: [[e.key, e.raw]] };
    case 'repeat':
      return { ...r, repeat: { at: e.at, same: e.same } };
    case 'escape-key':
      return { ...r, escapeKey: e.at };
  }
}

interface DocPlan {
  /** 0: clean; 1, 2: now and then / often a bad value or key anywhere; 3: clean but for one edit. */
  readonly chaos: number;
  readonly records: readonly RecordPlan[];
  readonly edit: { readonly record: number; readonly edit: Edit } | null;
  readonly topOrder: readonly string[];
  readonly indent: number | string | undefined;
  readonly ws: readonly string[];
}

const docArb: fc.Arbitrary<DocPlan> = fc.constantFrom(0, 0, 1, 2, 3, 3, 3).chain((chaos) =>
  fc.record({
    chaos: fc.constant(chaos),
    records: fc.array(recordArb(chaos === 3 ? 0 : chaos), { minLength: chaos === 3 ? 1 : 0, maxLength: 6 }),
    edit: chaos === 3 ? fc.record({ record: fc.nat(), edit: editArb }) : fc.constant(null),
    topOrder: fc.shuffledSubarray(TOP_KEYS.filter((k) => k !== '$schema'), { minLength: TOP_KEYS.length - 1, maxLength: TOP_KEYS.length - 1 }),
    indent: fc.constantFrom(undefined, 1, '\t'),
    ws: fc.array(fc.constantFrom(...WS), { minLength: 1, maxLength: 40 }),
  }),
);

function renderDoc(plan: DocPlan): string {
  let k = 0;
  const ws = () => plan.ws[k++ % plan.ws.length]!;
  const edited = plan.records.map((r, i) => (plan.edit && plan.edit.record % plan.records.length === i ? applyEdit(r, plan.edit.edit, i) : r));
  const records = edited.map((r, i) => `{${ws()}${recordEntries(r, i).map(([key, val]) => `${key}${ws()}:${ws()}${val}`).join(`${ws()},${ws()}`)}${ws()}}`);
  const array = `[${ws()}${records.join(`${ws()},${ws()}`)}${ws()}]`;
  const plant = PLANT as unknown as Record<string, unknown>;
  const members = plan.topOrder.map((key) => `${JSON.stringify(key)}${ws()}:${ws()}${key === 'connections' ? array : JSON.stringify(plant[key], null, plan.indent)}`);
  return `${ws()}{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}${ws()}`;
}

/** Raw value texts at and past the schema's edges, per field, for the exhaustive single-edit test. */
const EDGE_VALUES: Record<Field, readonly string[]> = (() => {
  const q = (x: string) => spell(x, 'raw');
  const refs = [
    'nope', '', 'k'.repeat(257), 'x'.repeat(256), 'x'.repeat(255), 'cd-1', 'z-dmz', 'INET', 'inet ', ' inet', 'q"x', 'b\\s', 'lone\ud800', 'lone\udc00', '\ufeffbom', 'bom',
    'sep\u2028line', '/slash', 'é-ü', 'e\u0301-ü', '日本-plc', '😀',
  ].map(q);
  const refSpellings = ['"\\u0069net"', '"in\\u0065t"', '"\\/slash"', '"lone\\ud800"', '"q\\u0022x"'];
  const alien = [...ALIEN, '-1', '1.5', '{"id":"inet"}', '["inet"]'];
  return {
    id: [...BAD_IDS.map(q), q('c-0'), q('c-2'), q('k'.repeat(256)), '"\\u0063-0"', '"c\\u002d9"', '"\\u0000"', q('\u0000'), ...alien],
    from: [...refs, ...refSpellings, ...alien],
    to: [...refs, ...refSpellings, ...alien],
    via: [...refs, ...refSpellings, ...alien],
    conduit: [...['cd-1', 'cd-2', 'cd-9', 'fw', '', 'CD-1', 'cd-1 ', 'k'.repeat(257)].map(q), '"cd\\u002d1"', ...alien],
    protocol: [...['HTTPS', 'bogus', '', 'ssh ', 'ssh\u0000', 'modbus', 'modbus-tcpx', 'other'].map(q), '"ss\\u0068"', ...alien],
    direction: [...['one way', 'BOTH', '', 'both ', 'one-way', 'both'].map(q), '"bot\\u0068"', ...alien],
    transport: [...['quic', 'TCP', '', 'tcp', 'physical'].map(q), '"tc\\u0070"', ...alien],
    port: [
      '0', '1', '65535', '65536', '-1', '-0', '-0.0', '0.0', '1.5', '1e2', '1E+2', '1e-2', '65535.5', '65535.00000000000001', '65535.9999999999999999',
      '4294967296', '4294967739', '-2147483649', '2147483648', '999999999', '1000000000', '1e400', '-1e400', '"80"', 'null', 'true', ...NOT_JSON,
    ],
    authenticated: ['true', 'false', 'null', '0', '1', '"true"', 'True', 'tru', 'falsey', 'falsy', 'fals', 'true0', 'trueX'],
    encrypted: ['true', 'false', 'null', '0', '"false"'],
    observed: ['true', 'false', 'null', '1', 'FALSE'],
    required: ['true', 'false', 'null', '[]', '{}'],
    likelihood: [
      '1', '0', '-0', '0.0', '1e-9', '5e-324', '2e-324', '1e-400', '1.0000001', '1.0000000000000002', '1.00000000000000001', '0.99999999999999999', '2', '-0.5',
      '"0.5"', '1e400', 'null', ...NOT_JSON,
    ],
    description: [
      ...DESCRIPTIONS.flatMap((d) => (['raw', 'u', 'U', 'slash'] as const).map((how) => spell(d, how))),
      ...LONG_DESCRIPTIONS.map(q), q('x'.repeat(4095)), '"\\ud83d\\ude00"', '"\\uD83D"', '"\\x41"', '"\\u00"', '"\\q"', '"tab\tin raw"', ...alien,
    ],
  };
})();

describe('every single edit of a clean connection array', () => {
  /** Three clean records; record 1 gets the edit. */
  const clean = (): [string, string][][] =>
    [
      { id: 'c-0', from: 'inet', to: 'fw', protocol: 'https', port: 443, direction: 'one-way' },
      { id: 'c-1', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', port: 502, direction: 'both', via: 'fw', conduit: 'cd-1', likelihood: 0.5 },
      { id: 'c-2', from: 'plc', to: 'ts', protocol: 'profinet', direction: 'one-way', observed: true },
    ].map((r) => Object.entries(r).map(([k, v]) => [JSON.stringify(k), JSON.stringify(v)]));
  const render = (records: [string, string][][]) => {
    const plant = PLANT as unknown as Record<string, unknown>;
    const arr = `[\n${records.map((r) => `  {${r.map(([k, v]) => `${k}: ${v}`).join(', ')}}`).join(',\n')}\n]`;
    return `{${TOP_KEYS.filter((k) => plant[k] !== undefined).map((k) => `${JSON.stringify(k)}: ${k === 'connections' ? arr : JSON.stringify(plant[k])}`).join(',\n')}}`;
  };
  const setField = (rec: [string, string][], key: string, raw: string): [string, string][] => {
    const k = JSON.stringify(key);
    return rec.some(([x]) => x === k) ? rec.map(([x, v]) => [x, x === k ? raw : v]) : [...rec, [k, raw]];
  };

  it('the clean array is read into columns', () => {
    expect(parseBoth(render(clean())).way).toBe('columnar');
  });

  it.each(CONNECTION_FIELDS.map((f) => [f]))('%s: every edge value, in place and as the first key', (field) => {
    const ways: Record<Way, number> = { columnar: 0, ordinary: 0, invalid: 0 };
    for (const raw of EDGE_VALUES[field]) {
      const recs = clean();
      recs[1] = setField(recs[1]!, field, raw);
      ways[parseBoth(render(recs)).way]++;
      const first = clean();
      first[1] = [[JSON.stringify(field), raw], ...first[1]!.filter(([k]) => k !== JSON.stringify(field))];
      parseBoth(render(first));
    }
    expect(ways.invalid).toBeGreaterThan(0);
  });

  it('structural edits: self-loops, dropped, repeated, unknown and escaped keys', () => {
    const texts: string[] = [];
    const edit = (f: (r: [string, string][]) => [string, string][]) => {
      const recs = clean();
      recs[1] = f(recs[1]!);
      texts.push(render(recs));
    };
    edit((r) => setField(r, 'to', '"hmi"'));
    edit((r) => setField(setField(r, 'from', '"fw"'), 'to', '"f\\u0077"'));
    edit((r) => setField(r, 'via', '"hmi"')); // via = from: allowed
    for (const f of CONNECTION_FIELDS) {
      const present = clean()[1]!.some(([k]) => k === JSON.stringify(f));
      if (present) {
        edit((r) => r.filter(([k]) => k !== JSON.stringify(f))); // dropped
        edit((r) => [...r, ...r.filter(([k]) => k === JSON.stringify(f))]); // repeated, same value
        edit((r) => [...r.filter(([k]) => k === JSON.stringify(f)), ...r]); // repeated, first
        edit((r) => r.map(([k, v]) => [k === JSON.stringify(f) ? `"\\u${hex4(f.charCodeAt(0), false)}${f.slice(1)}"` : k, v])); // escaped key
        edit((r) => r.map(([k, v]) => [k === JSON.stringify(f) ? `"${f.slice(0, -1)}\\u${hex4(f.charCodeAt(f.length - 1), true)}"` : k, v]));
        edit((r) => r.map(([k, v]) => [k === JSON.stringify(f) ? JSON.stringify(f.toUpperCase()) : k, v])); // wrong case
        edit((r) => r.map(([k, v]) => [k === JSON.stringify(f) ? JSON.stringify(`${f}x`) : k, v])); // longer
        edit((r) => r.map(([k, v]) => [k === JSON.stringify(f) ? JSON.stringify(f.slice(0, -1)) : k, v])); // shorter
      }
    }
    for (const key of UNKNOWN_KEYS) for (const raw of ['1', '"x"', 'null']) edit((r) => [...r, [JSON.stringify(key), raw]]);
    const ways: Record<Way, number> = { columnar: 0, ordinary: 0, invalid: 0 };
    for (const t of texts) ways[parseBoth(t).way]++;
    expect(ways.invalid).toBeGreaterThan(20);
    expect(ways.ordinary).toBeGreaterThan(5);
  });
});

describe('property: random connection arrays', () => {
  it('the fast and the ordinary way agree on every text (fast-check, 400 runs)', () => {
    const ways: Record<Way, number> = { columnar: 0, ordinary: 0, invalid: 0 };
    fc.assert(
      fc.property(docArb, (plan) => {
        ways[parseBoth(renderDoc(plan)).way]++;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: every outcome occurs, and the fast way is taken often.
    expect(ways.columnar).toBeGreaterThan(60);
    expect(ways.ordinary).toBeGreaterThan(3);
    expect(ways.invalid).toBeGreaterThan(20);
  });

  it('at chaos 0 without odd spellings, the rendered text is always read into columns', () => {
    fc.assert(
      fc.property(docArb.filter((p) => p.chaos === 0), (plan) => {
        expect(parseBoth(renderDoc(plan)).way).toBe('columnar');
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Adversarial texts.

const TINY = tinyPlant();
const TINY_TEXT = serializeModel(TINY);
const C_ARRAY = JSON.stringify(TINY.connections);

/** tinyPlant's text with the top-level connections member replaced by `member` (no comma handling needed: it sits mid-object). */
function tinyWith(member: string): string {
  const o = clone(TINY) as unknown as Record<string, unknown>;
  o.connections = '@@C@@';
  return JSON.stringify(o).replace('"connections":"@@C@@"', member);
}

describe('adversarial texts', () => {
  it('"connections" inside strings before the real key: still read into columns', () => {
    const m = clone(TINY);
    m.plant.name = 'connections';
    m.plant.description = 'see "connections": [ {"id": "c-1"} ] and "connections":[]';
    m.zones[0]!.name = '"connections"';
    m.assets[0]!.description = '\\"connections\\": [';
    m.$schema = 'connections';
    m.connections[0] = { ...m.connections[0]!, description: '"connections": [1, 2]' };
    for (const text of [serializeModel(m), JSON.stringify(m), JSON.stringify(m, null, 3)]) {
      expect(text.indexOf('connections')).toBeLessThan(text.search(/"connections":\s*\[/));
      expect(parseBoth(text).way).toBe('columnar');
    }
  });

  it('"connections" as a key of nested objects before the real key (invalid models: same errors)', () => {
    const texts = [
      // a nested array the scanner would accept, ahead of the real one
      TINY_TEXT.replace('"plant": {', `"plant": {"connections": ${C_ARRAY}, `),
      TINY_TEXT.replace('"plant": {', '"plant": {"connections": [], '),
      TINY_TEXT.replace('"plant": {', '"plant": {"connections": "x", '),
      TINY_TEXT.replace('{"id":"inet",', `{"connections": ${C_ARRAY}, "id":"inet",`),
      TINY_TEXT.replace('"impact":{', `"impact":{"connections":${C_ARRAY},`),
      // a key ending in an escaped quote + connections
      TINY_TEXT.replace('"plant": {', `"plant": {"x\\"connections": ${C_ARRAY}, `),
      TINY_TEXT.replace('{\n', `{\n  "x\\"connections": ${C_ARRAY},\n`),
    ];
    for (const text of texts) {
      expect(text).not.toBe(TINY_TEXT);
      expect(parseBoth(text).way).toBe('invalid');
    }
  });

  it('the top-level "connections" key twice', () => {
    const other = JSON.stringify(TINY.connections.slice(0, 2));
    const cases: [string, Way][] = [
      [tinyWith(`"connections":${C_ARRAY},"connections":"x"`), 'invalid'],
      [tinyWith(`"connections":"x","connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connections":${other}`), 'ordinary'],
      [tinyWith(`"connections":${other},"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connections":[]`), 'ordinary'],
      [tinyWith(`"connections":[],"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connections":null`), 'invalid'],
      // The key spelled with an escape: the same member for JSON.parse, not for a text search.
      [tinyWith(`"connection\\u0073":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connection\\u0073":"x"`), 'invalid'],
      [tinyWith(`"connections":${C_ARRAY},"connection\\u0073":${other}`), 'ordinary'],
      [tinyWith(`"connection\\u0073":${other},"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connection\\u0073":[{"garbage":1}],"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connection\\u0073":"x","connections":${C_ARRAY}`), 'ordinary'],
    ];
    for (const [text, way] of cases) {
      const r = parseBoth(text);
      // Ordinary JSON semantics: the last member wins.
      if (way !== 'invalid') expect(JSON.stringify(modelOf(r.slow).connections)).toBe(JSON.stringify((JSON.parse(text) as PlantModel).connections));
      // Either way is allowed when the model is valid, but the result must be the same (checked in parseBoth).
      expect(r.way === 'invalid' ? 'invalid' : 'ok').toBe(way === 'invalid' ? 'invalid' : 'ok');
    }
  });

  it('the top-level connections before "assets" (and first of all) in the text', () => {
    const first = ['connections', ...TOP_KEYS.filter((k) => k !== 'connections')];
    const beforeAssets = TOP_KEYS.filter((k) => k !== 'connections');
    beforeAssets.splice(beforeAssets.indexOf('assets'), 0, 'connections');
    const last = [...TOP_KEYS.filter((k) => k !== 'connections'), 'connections'];
    for (const order of [first, beforeAssets, last]) {
      for (const indent of [undefined, 2]) {
        const text = withKeyOrder(TINY, order, indent);
        const r = parseBoth(text);
        expect(r.way).toBe('columnar');
        expect(Object.keys(modelOf(r.fast))).toEqual(order.filter((k) => k in TINY));
      }
    }
  });

  it('the escape \\u0001 in the text, and a top-level "connections": "\\u0001twinpath:connections"', () => {
    const sentinel = '"\\u0001twinpath:connections"';
    const m = clone(TINY);
    m.plant.description = '\u0001';
    const inHead = serializeModel(m);
    expect(inHead).toContain('\\u0001');
    // Valid texts: the fast way may decline, the model must be the same.
    expect(parseBoth(inHead).way).toBe('ordinary');
    const literal = clone(TINY);
    literal.plant.description = '\\u0001twinpath:connections'; // a backslash, then u0001 — no control character
    expect(serializeModel(literal)).toContain('\\\\u0001');
    expect(parseBoth(serializeModel(literal)).way).not.toBe('invalid');
    const inArray = clone(TINY);
    inArray.connections[1] = { ...inArray.connections[1]!, description: '\u0001twinpath:connections' };
    expect(parseBoth(serializeModel(inArray)).way).toBe('columnar'); // escapes inside the array are the scanner's business
    // The sentinel as the top-level value.
    const nested = (member: string) => tinyWith(member).replace('"plant":{', `"plant":{"connections":${C_ARRAY},`);
    const cases: [string, Way][] = [
      [tinyWith(`"connections":${sentinel}`), 'invalid'],
      [tinyWith(`"connections":${C_ARRAY},"connections":${sentinel}`), 'invalid'],
      [tinyWith(`"connections":${sentinel},"connections":${C_ARRAY}`), 'ordinary'],
      [tinyWith(`"connections":${C_ARRAY},"connections":"\\u0001twinpath:connection\\u0073"`), 'invalid'],
      [tinyWith(`"connections":${C_ARRAY},"connections":"\\u0001"`), 'invalid'],
      [nested(`"connections":${sentinel}`), 'invalid'],
      [nested(`"connections":${C_ARRAY}`), 'invalid'],
      [tinyWith(`"connections":${C_ARRAY},"connections":"\u0001twinpath:connections"`), 'invalid'], // a raw control character: not JSON
    ];
    for (const [text, way] of cases) expect(parseBoth(text).way).toBe(way);
  });

  it('connections that are not an array', () => {
    for (const v of ['"x"', '{}', '{"0":{"id":"c"}}', '1', '0', 'null', 'true', 'false', '"[]"', `${JSON.stringify(C_ARRAY)}`, `[${C_ARRAY}]`]) {
      expect(parseBoth(tinyWith(`"connections":${v}`)).way).toBe('invalid');
    }
    const noKey = clone(TINY) as unknown as Record<string, unknown>;
    delete noKey.connections;
    expect(parseBoth(JSON.stringify(noKey)).way).toBe('invalid');
  });

  it('an empty array, in every spelling', () => {
    for (const v of ['[]', '[ ]', '[\n]', '[\r\n\t ]']) {
      const r = parseBoth(tinyWith(`"connections" :${v}`));
      expect(r.way).toBe('columnar');
      expect(connectionColumns(modelOf(r.fast))!.count).toBe(0);
      expect(modelOf(r.fast).connections).toEqual([]);
    }
    for (const v of ['[,]', '[null]', '[[]]', '[{}]', '[1]', '[', '[}']) expect(parseBoth(tinyWith(`"connections":${v}`)).way).toBe('invalid');
  });

  it('whitespace around the key: JSON whitespace is read, any other is a syntax error both ways', () => {
    for (const [sep, way] of [
      [' \n\t\r : \n\t\r ', 'columnar'],
      ['\u00a0:', 'invalid'],
      [':\u00a0', 'invalid'],
      ['\u2028:', 'invalid'],
      [':\ufeff', 'invalid'],
      [':\u000b', 'invalid'],
    ] as const) {
      expect(parseBoth(tinyWith(`"connections"${sep}${C_ARRAY}`)).way).toBe(way);
    }
  });

  it('syntax errors inside the array: trailing commas, missing commas, bad literals', () => {
    const one = JSON.stringify(TINY.connections[0]);
    for (const v of [
      `[${one},]`, `[${one}${one}]`, `[${one},,${one}]`, `[${one.replace(/}$/, ',}')}]`, `[${one.replace(',', ',,')}]`,
      `[${one.replace('"from"', 'from')}]`, `[${one.replace(':', '')}]`, `[${one.replace('"one-way"', "'one-way'")}]`,
      `[${one.replace('443', '443 443')}]`, `[${one.replace('443', '0443')}]`, `[${one.replace('443', '4_43')}]`,
      `[${one}] ]`, `[${one}`, `[${one.replace('"c-1"', '"c-1\u0000"')}]`, `[${one.replace('"c-1"', '"c-1\\x"')}]`,
      `[${one.replace('"c-1"', '"c-1\\u12"')}]`, `[${one.replace('443', '443,"port":true')}]`, `[${one.replace(/}$/, ',"authenticated":tru}')}]`,
    ]) {
      expect(parseBoth(tinyWith(`"connections":${v}`)).way).toBe('invalid');
    }
  });

  it('every truncation of a model text (mid-array included) gives the same errors both ways', () => {
    const text = serializeModel(TINY);
    const start = text.indexOf('"connections"');
    const end = text.indexOf('"trust"');
    expect(start).toBeGreaterThan(0);
    for (let n = 0; n < text.length - 1; n += n >= start - 20 && n <= end + 20 ? 1 : 7) {
      expect(parseBoth(text.slice(0, n)).way).toBe('invalid');
    }
    // The whole text minus its trailing newline is still complete.
    expect(parseBoth(text.slice(0, -1)).way).toBe('columnar');
  });

  it('a byte-order mark', () => {
    // A leading one is dropped (one behaviour for the CLI and the app); anywhere else it is text.
    const bom = parseBoth(`\ufeff${TINY_TEXT}`);
    expect(bom.way).toBe('columnar');
    expect(JSON.stringify(modelOf(bom.fast))).toBe(JSON.stringify(modelOf(parseModelText(TINY_TEXT))));
    expect(parseBoth(`${TINY_TEXT}\ufeff`).way).toBe('invalid');
    // A BOM inside strings is just a character.
    const m = clone(TINY);
    m.assets[1]!.id = '\ufefffw';
    m.connections = m.connections.map((c) => ({ ...c, from: c.from === 'fw' ? '\ufefffw' : c.from, to: c.to === 'fw' ? '\ufefffw' : c.to, ...(c.via === 'fw' ? { via: '\ufefffw' } : {}) }));
    m.conduits![0]!.via = ['\ufefffw'];
    m.media![0]!.from = ['\ufefffw'];
    m.trust![0]!.to = '\ufefffw';
    expect(parseBoth(serializeModel(m)).way).toBe('columnar');
  });

  it.each([0, 1, 3])('a model with %i connection records', (n) => {
    const m = clone(TINY);
    m.connections = m.connections.slice(0, n);
    for (const text of [serializeModel(m), JSON.stringify(m), JSON.stringify(m, null, 2)]) {
      const r = parseBoth(text);
      expect(r.way).toBe('columnar');
      expect(connectionColumns(modelOf(r.fast))!.count).toBe(n);
      expect(compileModel(modelOf(r.fast)).edgeCount).toBe(compileModel(m).edgeCount);
    }
  });

  it('references and ids the scanner must refuse: same errors both ways', () => {
    const base = clone(TINY);
    const cases: ((m: PlantModel) => void)[] = [
      (m) => (m.connections[0]!.to = 'nope'),
      (m) => (m.connections[0]!.from = 'nope'),
      (m) => (m.connections[0]!.via = 'nope'),
      (m) => (m.connections[0]!.conduit = 'nope'),
      (m) => (m.connections[0]!.conduit = 'fw'), // an asset, not a conduit
      (m) => (m.connections[0]!.via = 'cd-1'), // a conduit, not an asset
      (m) => (m.connections[1]!.to = m.connections[1]!.from),
      (m) => (m.connections[2]!.id = 'c-1'),
      (m) => (m.connections[3]!.id = 't-1'),
      (m) => (m.connections[3]!.id = 'm-1'),
      (m) => (m.connections[0]!.id = ''),
      (m) => (m.connections[0]!.id = 'k'.repeat(257)),
      (m) => (m.connections[0]!.to = 'k'.repeat(257)),
      (m) => (m.connections[0]!.port = 65536),
      (m) => (m.connections[0]!.port = -1),
      (m) => (m.connections[0]!.port = 1.5),
      (m) => (m.connections[0]!.likelihood = 0),
      (m) => (m.connections[0]!.likelihood = 1.0000001),
      (m) => (m.connections[0]!.description = 'x'.repeat(4097)),
      (m) => {
        delete m.conduits;
      },
      (m) => (m.trust![0]!.id = 'c-2'), // the collision seen from the other side
      (m) => (m.media![0]!.id = 'c-4'),
      (m) => (m.assets[4]!.id = 'fw'), // duplicate asset: the rest is invalid
    ];
    for (const breakIt of cases) {
      const m = clone(base);
      breakIt(m);
      expect(parseBoth(serializeModel(m)).way).toBe('invalid');
    }
    // A trust or media id equal to a connection id, spelled with an escape outside the array.
    for (const [from, to] of [['"id":"t-1"', '"id":"c\\u002d1"'], ['"id":"m-1"', '"id":"\\u0063-4"'], ['"id":"t-1"', '"id":"\\u0063\\u002D\\u0033"']]) {
      const text = TINY_TEXT.replace(from!, to!);
      expect(text).not.toBe(TINY_TEXT);
      expect(parseBoth(text).way).toBe('invalid');
    }
    // Valid after all: ids shared with assets, conduits, zones and lines are not edge ids.
    for (const id of ['inet', 'cd-1', 'z-io', 'line-1', 'tiny']) {
      const m = clone(base);
      m.connections[0]!.id = id;
      expect(parseBoth(serializeModel(m)).way).toBe('columnar');
    }
    // Valid, but spelled with escapes the scanner does not read: the ordinary way, same model.
    for (const [from, to] of [['"\\u0069net"', '"\\u0066w"'], ['"in\\u0065t"', '"fw"'], ['"inet"', '"f\\u0077"'], ['"i\\u006Eet"', '"\\u0066\\u0077"']]) {
      const text = tinyWith(`"connections":[{"id":"c-1","from":${from},"to":${to},"protocol":"https","direction":"one-way"}]`);
      expect(parseBoth(text).way).toBe('ordinary');
    }
  });

  it('values at the edge of the schema, spelled every way JSON allows', () => {
    const rec = (extra: string) => tinyWith(`"connections":[{"id":"c-1","from":"inet","to":"fw","protocol":"https","direction":"one-way",${extra}}]`);
    for (const port of ['0', '65535', '1e2', '1E+2', '100.0', '10e1', '0.0', '0e0', '65535.00000000000001', '-0', '-0.0', '65536', '-1', '1.5', '1e400', '00', '-', '1e', '1.e2']) {
      parseBoth(rec(`"port":${port}`));
    }
    expect(parseBoth(rec('"port":-0')).way).toBe('ordinary'); // valid (-0 ≥ 0), read the ordinary way
    for (const l of ['1', '1e-9', '1.0000001', '0', '-0', '5e-324', '2.5e-324', '1e-400', '0.99999999999999999', '1.00000000000000011', '"0.5"', '1E0', '.5']) {
      parseBoth(rec(`"likelihood":${l}`));
    }
    for (const b of ['true', 'false', 'null', 'tRue', 'true1', 'false ', '0']) parseBoth(rec(`"observed":${b}`));
  });
});

// ---------------------------------------------------------------------------------------------
// Inputs that make the scanner grow its buffers.

describe('scanner growth', () => {
  it('many dense records (more than the first capacity guess)', () => {
    const m = clone(TINY);
    m.connections = Array.from({ length: 3000 }, (_, i) => ({ id: `${i}`, from: 'inet', to: 'fw', protocol: 'ssh' as const, direction: 'both' as const }));
    const r = parseBoth(JSON.stringify(m));
    expect(r.way).toBe('columnar');
    expect(connectionColumns(modelOf(r.fast))!.count).toBe(3000);
  });

  it('long ids (more id characters than the first guess)', () => {
    const m = clone(TINY);
    m.connections = Array.from({ length: 400 }, (_, i) => ({
      id: `${'😀'.repeat(8)}${i}`.padEnd(256, i % 2 ? 'é' : 'z'),
      from: 'hmi', to: 'plc', protocol: 'modbus-tcp' as const, direction: 'one-way' as const,
    }));
    const r = parseBoth(JSON.stringify(m));
    expect(r.way).toBe('columnar');
    expect(modelOf(r.fast).connections.map((c) => c.id.length)).toEqual(m.connections.map(() => 256));
  });

  it('hundreds of key orders (the shape table grows), each record keeping its own', () => {
    const rng = createRng(77);
    const m = clone(TINY);
    const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)]!;
    m.connections = Array.from({ length: 600 }, (_, i) => {
      const full: Record<string, unknown> = {
        id: `c${i}`, from: 'hmi', to: 'plc', protocol: pick(PROTOCOLS), port: rng.int(65536), transport: pick(TRANSPORTS), direction: pick(DIRECTIONS),
        via: 'fw', conduit: 'cd-1', authenticated: rng.chance(0.5), encrypted: rng.chance(0.5), observed: rng.chance(0.5), required: rng.chance(0.5),
        likelihood: (1 + rng.int(1000)) / 1000, description: `record ${i} "q" \\ é`,
      };
      const keys = Object.keys(full).filter((k) => REQUIRED.includes(k as (typeof REQUIRED)[number]) || rng.chance(0.7));
      for (let k = keys.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        [keys[k], keys[j]] = [keys[j]!, keys[k]!];
      }
      return Object.fromEntries(keys.map((k) => [k, full[k]])) as unknown as Connection;
    });
    const r = parseBoth(serializeModel(m));
    expect(r.way).toBe('columnar');
    expect(connectionColumns(modelOf(r.fast))!.shapes.length).toBeGreaterThan(1000);
    expect(JSON.stringify(modelOf(r.fast).connections)).toBe(JSON.stringify(m.connections));
  });

  it('more key orders than the shape table can number (over 65,535): same model either way', () => {
    const rng = createRng(5);
    const m = clone(TINY);
    m.connections = Array.from({ length: 6000 }, (_, i) => {
      const full: Record<string, unknown> = {
        id: `c${i}`, from: 'hmi', to: 'plc', protocol: 'ssh', port: 22, transport: 'tcp', direction: 'both', via: 'fw', conduit: 'cd-1',
        authenticated: true, encrypted: false, observed: true, required: false, likelihood: 0.5, description: 'd',
      };
      const keys = Object.keys(full);
      for (let k = keys.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        [keys[k], keys[j]] = [keys[j]!, keys[k]!];
      }
      return Object.fromEntries(keys.map((k) => [k, full[k]])) as unknown as Connection;
    });
    const r = parseBoth(JSON.stringify(m));
    expect(r.way).not.toBe('invalid');
    expect(JSON.stringify(modelOf(r.fast).connections)).toBe(JSON.stringify(m.connections));
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The lazy records.

const REF_TEXT = readFileSync('models/reference-plant.json', 'utf8');

function freshColumnar(text = REF_TEXT): PlantModel {
  const m = modelOf(parseModelText(text));
  expect(connectionColumns(m)).toBeDefined();
  return m;
}

describe('lazy connection records', () => {
  const ordinary = modelOf(parseModelText(REF_TEXT, { columnar: false }));

  it('reading model.connections twice gives the same frozen array of frozen records', () => {
    const m = freshColumnar();
    const a = m.connections;
    const b = m.connections;
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.every((c) => Object.isFrozen(c))).toBe(true);
    expect(a[0]).toBe(b[0]);
    expect(a).toStrictEqual(ordinary.connections);
    expect(() => (a as Connection[]).push(a[0]!)).toThrow(TypeError);
    expect(connectionColumns(m)).toBeDefined(); // reading does not forget the columns
  });

  it('structuredClone carries the connections (as plain data)', () => {
    for (const read of [false, true]) {
      const m = freshColumnar();
      if (read) void m.connections;
      const c = structuredClone(m);
      expect(c).toStrictEqual(ordinary);
      expect(JSON.stringify(c)).toBe(JSON.stringify(ordinary));
      expect(serializeModel(c)).toBe(serializeModel(ordinary));
      expect(connectionColumns(c)).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(c, 'connections')!.value).toHaveLength(ordinary.connections.length);
      expectSameGraph(compileModel(c), compileModel(ordinary));
    }
  });

  it('spreading the model carries the connections', () => {
    for (const read of [false, true]) {
      const m = freshColumnar();
      if (read) void m.connections;
      const s = { ...m };
      expect(s.connections).toBe(m.connections);
      expect(s).toStrictEqual(ordinary);
      expect(Object.keys(s)).toEqual(Object.keys(ordinary));
      expect(JSON.stringify(s)).toBe(JSON.stringify(ordinary));
      expect(connectionColumns(s)).toBeUndefined();
      expectSameGraph(compileModel(s), compileModel(ordinary));
    }
  });

  it('assigning model.connections forgets the columns; the compiler then follows the new array', () => {
    for (const read of [false, true]) {
      const m = freshColumnar();
      const keys = Object.keys(m);
      const before = compileModel(m);
      const all = read ? m.connections : ordinary.connections;
      const k = all.findIndex((c) => c.direction === 'one-way');
      const dropped = all.filter((_, i) => i !== k);
      m.connections = dropped;
      expect(connectionColumns(m)).toBeUndefined();
      expect(m.connections).toBe(dropped);
      expect(Object.keys(m)).toEqual(keys); // the property keeps its place in the key order
      const after = compileModel(m);
      expect(after.edgeCount).toBe(before.edgeCount - 1);
      const expected = clone(ordinary);
      expected.connections = expected.connections.filter((_, i) => i !== k);
      expectSameGraph(after, compileModel(expected));
      expect(JSON.stringify(m)).toBe(JSON.stringify(expected));
      // A plain writable property from now on.
      const desc = Object.getOwnPropertyDescriptor(m, 'connections')!;
      expect(desc.writable).toBe(true);
      expect(desc.get).toBeUndefined();
    }
  });

  it('assigning an empty array leaves only trust and media arcs', () => {
    const m = freshColumnar();
    m.connections = [];
    const g = compileModel(m);
    expect(Array.from(g.edgeKind).filter((k) => k === EDGE_NETWORK)).toEqual([]);
    expect(g.edgeCount).toBeGreaterThan(0);
  });

  it('the compiled graph is the same before and after the records are built', () => {
    const m = freshColumnar();
    const g1 = compileModel(m);
    void m.connections;
    expectSameGraph(compileModel(m), g1);
    expectSameGraph(g1, compileModel(ordinary));
  });
});
