// YAML plant models go through the one parser: the same model as the JSON file, the same
// path-named errors, each with the YAML line and column it points at.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatError, formatPath } from '../../../src/model/errors';
import { parseModelText, validateModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import { isYamlName, MAX_YAML_LENGTH, modelToYaml, parseModelYaml, pathSegments } from '../../../src/model/yaml';

const referenceText = readFileSync('models/reference-plant.json', 'utf8');
const reference = (() => {
  const r = parseModelText(referenceText);
  if (r.kind !== 'ok') throw new Error('reference plant invalid');
  return r.model;
})();
const referenceYaml = modelToYaml(reference);

function errors(text: string): string[] {
  const r = parseModelYaml(text);
  expect(r.kind).toBe('invalid');
  return r.kind === 'invalid' ? r.errors.map(formatError) : [];
}

/** The 1-based line of the first line of `text` holding `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('YAML models', () => {
  it('read the same model as the JSON file, and write it back byte for byte', () => {
    const r = parseModelYaml(referenceYaml);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(serializeModel(r.model)).toBe(serializeModel(reference));
    expect(serializeModel(r.model)).toBe(referenceText);
  });

  it('both sample plants round-trip JSON → YAML → JSON', () => {
    for (const f of ['models/reference-plant.json', 'models/water-treatment.json']) {
      const text = readFileSync(f, 'utf8');
      const m = parseModelText(text);
      if (m.kind !== 'ok') throw new Error(f);
      const back = parseModelYaml(modelToYaml(m.model));
      expect(back.kind).toBe('ok');
      if (back.kind === 'ok') expect(serializeModel(back.model)).toBe(text);
    }
  });

  it('name the path, the message of the JSON parser and the YAML line and column', () => {
    const bad = referenceYaml.replace('    kind: internet\n', '    kind: internett\n');
    const doc = JSON.parse(referenceText) as { assets: { kind: string }[] };
    doc.assets[0]!.kind = 'internett';
    const json = validateModel(doc);
    expect(json.kind).toBe('invalid');
    const expected = json.kind === 'invalid' ? json.errors.map(formatError) : [];
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatch(/^assets\[0\]\(id=internet\)\.kind: unknown kind "internett"; expected one of sensor, /);
    expect(errors(bad)).toEqual([`${expected[0]} (line ${lineOf(bad, 'kind: internett')}, column 11)`]);
  });

  it('point at the key of an unknown or forbidden field, and at the record for a missing one', () => {
    const zone = referenceYaml.indexOf('  - id: z-corp-edge\n');
    const text = `${referenceYaml.slice(0, zone)}  - id: z-corp-edge\n    nme: Enterprise perimeter\n    __proto__: {admin: true}\n${referenceYaml.slice(zone).split('\n').slice(2).join('\n')}`;
    const errs = errors(text);
    const at = lineOf(text, 'id: z-corp-edge');
    expect(errs).toContain(`zones[1](id=z-corp-edge).__proto__: forbidden key "__proto__" (never allowed in a model) (line ${at + 2}, column 5)`);
    expect(errs).toContain(`zones[1](id=z-corp-edge).name: required field is missing (line ${at}, column 5)`);
    expect(errs).toContain(`zones[1](id=z-corp-edge).nme: unknown field "nme" (not in plant model v1) (line ${at + 1}, column 5)`);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('report YAML syntax errors, repeated keys and alias bombs with their position', () => {
    expect(errors('schemaVersion: 1\nschemaVersion: 1\n')[0]).toBe('invalid YAML at line 2, column 1: map keys must be unique');
    expect(errors('plant: {id: p\nzones: [\n')[0]).toMatch(/^invalid YAML at line \d+, column \d+: /);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(errors(bomb)[0]).toMatch(/^invalid YAML: excessive alias count/);
    expect(errors('')).toEqual(['the file is empty']);
    expect(errors('- 1\n- 2\n')[0]).toMatch(/^expected a JSON object with schemaVersion 1, got an array of 2/);
  });

  it('use the YAML 1.2 core schema: no dates, no yes/no booleans, no merge keys', () => {
    const m = parseModelYaml(referenceYaml.replace('  site: Regensburg, Bavaria\n', '  site: 2024-01-01\n'));
    expect(m.kind === 'ok' && m.model.plant.site).toBe('2024-01-01');
    // `<<` is an ordinary key in YAML 1.2: an unknown field here, never a merge of another record.
    const merged = referenceYaml.replace('  site: Regensburg, Bavaria\n', '  site: Regensburg, Bavaria\n  <<: {name: Merged}\n');
    expect(errors(merged)).toEqual([`plant."<<": unknown field "<<" (not in plant model v1) (line ${lineOf(merged, '<<:')}, column 3)`]);
    expect(errors(referenceYaml.replace(/( {2}- id: c-001\n(?: {4}.*\n)*?) {4}direction: one-way\n/, '$1    authenticated: yes\n    direction: one-way\n'))[0]).toMatch(/authenticated: expected boolean, got "yes" \(line \d+, column \d+\)$/);
  });

  it('drop a byte-order mark and refuse texts over the YAML limit before parsing', () => {
    expect(parseModelYaml(`\ufeff${referenceYaml}`).kind).toBe('ok');
    const r = parseModelYaml(`${referenceYaml}#`, { maxLength: referenceYaml.length });
    expect(r.kind === 'invalid' && r.errors[0]!.message).toMatch(/^the YAML model is .*; the limit is .* \(write plants this large as JSON/);
    expect(MAX_YAML_LENGTH).toBeGreaterThan(1024 * 1024);
  });

  it('know YAML files by name', () => {
    expect(['a.yaml', 'a.YML', 'dir.json/a.yml'].map(isYamlName)).toEqual([true, true, true]);
    expect(['a.json', 'a.yaml.json', 'yaml'].map(isYamlName)).toEqual([false, false, false]);
  });
});

describe('pathSegments', () => {
  it('reads back every path formatPath writes, labels and quoted keys included', () => {
    const doc = { assets: [{ id: 'a)(b.c[1]' }, { name: 'x' }], 'odd key': { '"q"': [0, [1, 2]] }, plain: { deep: [{ cve: 'CVE-1' }] } };
    const paths: (string | number)[][] = [['assets', 0, 'id'], ['assets', 1, 'name'], ['odd key', '"q"', 1, 0], ['plain', 'deep', 0, 'cve'], ['assets'], ['missing', 'more']];
    for (const segs of paths) expect(pathSegments(doc, formatPath(doc, segs))).toEqual(segs);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(3)), { maxLength: 5 }), (segs) => {
        const text = formatPath(doc, segs);
        const back = pathSegments(doc, text);
        // Integers as keys of objects and strings of digits are spelled alike: the text is what must agree.
        expect(back === undefined ? undefined : formatPath(doc, back)).toBe(text);
      }),
    );
  });
});
