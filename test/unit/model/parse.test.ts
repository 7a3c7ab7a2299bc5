import { describe, expect, it } from 'vitest';
import { formatError, MAX_REPORTED_ERRORS } from '../../../src/model/errors';
import { parseModelText, validateModel, type ParseResult } from '../../../src/model/parse';
import { clone, tinyPlant } from '../../helpers/builders';

function errorsOf(r: ParseResult): string[] {
  if (r.kind === 'ok') throw new Error('expected the model to be rejected');
  return r.errors.map(formatError);
}

describe('parseModelText / validateModel', () => {
  it('accepts a valid model and returns it unchanged', () => {
    const doc = tinyPlant();
    const r = parseModelText(JSON.stringify(doc));
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.model).toEqual(doc);
  });

  it('names the path, id and value of a dangling reference', () => {
    const doc = tinyPlant();
    doc.connections[2]!.to = 'plc-99';
    expect(errorsOf(validateModel(doc))).toEqual(['connections[2](id=c-3).to: unknown asset "plc-99"']);
  });

  it('reports all errors, not just the first', () => {
    const doc = tinyPlant();
    doc.assets[1]!.zone = 'nowhere';
    doc.connections[0]!.from = 'ghost';
    doc.entryPoints[0]!.asset = 'nobody';
    doc.crownJewels[0]!.impact.productionLines = ['line-7'];
    doc.productionLines![0]!.groups[0]!.assets.push('plc-404');
    expect(errorsOf(validateModel(doc))).toEqual([
      'assets[1](id=fw).zone: unknown zone "nowhere"',
      'connections[0](id=c-1).from: unknown asset "ghost"',
      'entryPoints[0](asset=nobody).asset: unknown asset "nobody"',
      'crownJewels[0](asset=plc).impact.productionLines[0]: unknown production line "line-7"',
      'productionLines[0](id=line-1).groups[0](name=Controller).assets[1]: unknown asset "plc-404"',
    ]);
  });

  it('rejects duplicate ids, naming the first occurrence', () => {
    const doc = tinyPlant();
    doc.assets.push({ ...doc.assets[3]!, name: 'PLC again' });
    doc.trust![0]!.id = 'c-2'; // edge ids are one space across connections, trust and media
    expect(errorsOf(validateModel(doc))).toEqual([
      'assets[5](id=plc).id: duplicate id "plc" (first at assets[3])',
      'trust[0](id=c-2).id: duplicate id "c-2" (already used at connections[1])',
    ]);
  });

  it('rejects a likelihood outside (0, 1]', () => {
    for (const bad of [1.5, 0, -0.2]) {
      const doc = tinyPlant();
      doc.connections[3]!.likelihood = bad;
      expect(errorsOf(validateModel(doc))).toEqual([`connections[3](id=c-4).likelihood: likelihood ${bad} is outside (0, 1]`]);
    }
    const ok = tinyPlant();
    ok.connections[3]!.likelihood = 1;
    expect(validateModel(ok).kind).toBe('ok');
  });

  it('rejects unknown kinds and Purdue levels, listing what is allowed', () => {
    const doc = clone(tinyPlant()) as unknown as { assets: { kind: string }[]; zones: { purdueLevel: number }[] };
    doc.assets[3]!.kind = 'plcc';
    doc.zones[0]!.purdueLevel = 2.5;
    const errs = errorsOf(validateModel(doc));
    expect(errs).toHaveLength(2);
    expect(errs[0]).toBe('zones[0](id=z-ext).purdueLevel: unknown value 2.5; expected one of 0, 1, 2, 3, 3.5, 4, 5');
    expect(errs[1]).toMatch(/^assets\[3\]\(id=plc\)\.kind: unknown kind "plcc"; expected one of sensor, actuator, .*internet$/);
  });

  it('rejects wrong types and missing or unknown fields', () => {
    const doc = clone(tinyPlant()) as unknown as Record<string, unknown> & { assets: Record<string, unknown>[] };
    doc.assets[0]!.name = 42;
    delete doc.assets[1]!.zone;
    doc.assets[2]!.colour = 'red';
    expect(errorsOf(validateModel(doc))).toEqual([
      'assets[0](id=inet).name: expected string, got 42',
      'assets[1](id=fw).zone: required field is missing',
      'assets[2](id=hmi).colour: unknown field "colour" (not in plant model v1)',
    ]);
  });

  it('rejects cyclic zone parents and self-parents', () => {
    const doc = tinyPlant();
    doc.zones[1]!.parent = 'z-io'; // z-dmz → z-io → z-ctl → z-dmz
    doc.zones[0]!.parent = 'z-ext';
    expect(errorsOf(validateModel(doc))).toEqual([
      'zones[0](id=z-ext).parent: zone "z-ext" is its own parent',
      'zones[1](id=z-dmz).parent: zone parents form a cycle: "z-dmz" → "z-io" → "z-ctl" → "z-dmz"',
    ]);
  });

  it('rejects self-loop connections', () => {
    const doc = tinyPlant();
    doc.connections[0]!.to = 'inet';
    expect(errorsOf(validateModel(doc))).toEqual([
      'connections[0](id=c-1).to: same asset as from ("inet"); an edge joins two different assets',
    ]);
  });

  it('rejects __proto__, constructor and prototype keys without polluting prototypes', () => {
    const text = JSON.stringify(tinyPlant()).replace('"name":"HMI"', '"name":"HMI","__proto__":{"polluted":true}').replace('"plant":{', '"plant":{"constructor":{"x":1},');
    const errs = errorsOf(parseModelText(text));
    expect(errs).toEqual([
      'plant.constructor: forbidden key "constructor" (never allowed in a model)',
      'assets[2](id=hmi).__proto__: forbidden key "__proto__" (never allowed in a model)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('finds a forbidden key spelled with unicode escapes', () => {
    const text = JSON.stringify(tinyPlant()).replace('"plant":{', '"plant":{"\\u0070rototype":1,');
    expect(errorsOf(parseModelText(text))).toEqual(['plant.prototype: forbidden key "prototype" (never allowed in a model)']);
  });

  it('reports malformed JSON with line and column', () => {
    const text = '{\n  "schemaVersion": 1,\n  "plant": {"id": "p" "name": "x"}\n}';
    expect(errorsOf(parseModelText(text))).toEqual([`plant.id: invalid JSON at line 3, column 23: '"' where ',' or '}' was expected`]);
    const truncated = JSON.stringify(tinyPlant(), null, 2).slice(0, 200);
    const lines = truncated.split('\n');
    expect(errorsOf(parseModelText(truncated))[0]).toMatch(
      new RegExp(`invalid JSON at line ${lines.length}, column \\d+: (unterminated string|the text ends)`),
    );
  });

  it('rejects text over the size limit before parsing it', () => {
    const text = JSON.stringify(tinyPlant());
    expect(errorsOf(parseModelText(text, { maxLength: 100 }))).toEqual([
      expect.stringMatching(/^the model is [\d,]+ bytes; the limit is 100 bytes$/) as unknown as string,
    ]);
  });

  it('rejects documents that are not plant models at all', () => {
    expect(errorsOf(parseModelText('[]'))).toEqual(['expected a JSON object with schemaVersion 1, got an array of 0']);
    expect(errorsOf(parseModelText('   '))).toEqual(['the file is empty']);
    const v2 = { ...tinyPlant(), schemaVersion: 2 };
    expect(errorsOf(validateModel(v2))).toEqual(['schemaVersion: unsupported version 2: this build reads version 1']);
  });

  it('bounds the number of reported errors and counts the rest', () => {
    const doc = tinyPlant();
    for (let i = 0; i < 300; i++) doc.connections.push({ id: `x${i}`, from: 'inet', to: `nope-${i}`, protocol: 'http', direction: 'one-way' });
    const errs = errorsOf(validateModel(doc));
    expect(errs).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errs[errs.length - 1]).toBe(`…and ${300 - MAX_REPORTED_ERRORS} more error(s) not listed`);
  });

  it('quotes odd ids safely in paths', () => {
    const doc = tinyPlant();
    doc.connections[0]!.id = 'c "quoted" {x}';
    doc.connections[0]!.to = 'missing';
    expect(errorsOf(validateModel(doc))).toEqual(['connections[0](id=c "quoted" {x}).to: unknown asset "missing"']);
  });
});

describe('errors of both kinds in one load', () => {
  it('reports shape errors and reference errors together', () => {
    const doc = tinyPlant();
    doc.connections[0]!.likelihood = 1.5;
    doc.connections[1]!.to = 'plc-99';
    (doc.assets[4] as unknown as Record<string, unknown>).id = 7;
    expect(errorsOf(validateModel(doc))).toEqual([
      'assets[4](name=Temperature sensor).id: expected string, got 7',
      'connections[0](id=c-1).likelihood: likelihood 1.5 is outside (0, 1]',
      'connections[1](id=c-2).to: unknown asset "plc-99"',
      'connections[3](id=c-4).to: unknown asset "ts"',
    ]);
  });

  it('survives documents whose collections have the wrong type', () => {
    const doc = { ...tinyPlant(), assets: 'none', zones: [null, 3], connections: [{ from: 1 }] };
    const r = validateModel(doc);
    expect(r.kind).toBe('invalid');
  });
});
