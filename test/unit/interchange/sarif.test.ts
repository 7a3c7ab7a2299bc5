// SARIF of a scenario diff, validated against the OASIS SARIF 2.1.0 schema (vendored), each
// result located at the change in the changed model file — the JSON pointer, and the line and
// column where that record starts, in JSON and in YAML — and the change detection it rests on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { diffScenarios } from '../../../src/analysis/diff';
import { jsonPointer, modelChanges, pointerParts } from '../../../src/interchange/changes';
import { jsonPointerOffset, pointerPosition, yamlPointerOffset } from '../../../src/interchange/locate';
import { diffSarif, type SarifLog } from '../../../src/interchange/sarif';
import { validateModel } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { modelToYaml } from '../../../src/model/yaml';
import { clone, tinyPlant } from '../../helpers/builders';
import { sarifErrors } from './schemas';

/** Base: the PLC (the crown jewel) out of reach — no HMI → PLC connection, no media path. Changed: the connection back. */
function scenario(): { base: PlantModel; changed: PlantModel } {
  const changed = clone(tinyPlant());
  const base = clone(changed);
  base.connections = base.connections.filter((c) => c.id !== 'c-3');
  base.media = [];
  changed.media = [];
  for (const m of [base, changed]) expect(validateModel(m).kind).toBe('ok');
  return { base, changed };
}

function sarifOf(base: PlantModel, changed: PlantModel, text: string, yaml: boolean, failOnIncrease = false): SarifLog {
  const b = buildContext(base);
  const c = buildContext(changed);
  return JSON.parse(JSON.stringify(diffSarif(b, c, diffScenarios(b, c), { changedFile: { uri: 'plants/changed.json', text, yaml }, baseUri: 'plants/base.json', failOnIncrease, toolVersion: '1.2.3' }))) as SarifLog;
}

/** The text at a SARIF region (1-based line and column). */
function at(text: string, line: number, column: number): string {
  return text.split('\n')[line - 1]!.slice(column - 1);
}

describe('diffSarif', () => {
  it('a jewel newly reachable, the new path and the risk increase — valid SARIF 2.1.0, located at the added connection', () => {
    const { base, changed } = scenario();
    const text = JSON.stringify(changed, null, 2);
    const log = sarifOf(base, changed, text, false);
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.ruleId).sort()).toEqual(['twinpath/jewel-newly-reachable', 'twinpath/new-attack-path', 'twinpath/plant-risk-increase']);
    const index = changed.connections.findIndex((c) => c.id === 'c-3');
    for (const r of run.results) {
      expect(r.level).toBe(r.ruleId === 'twinpath/jewel-newly-reachable' ? 'error' : 'warning');
      expect(run.tool.driver.rules[r.ruleIndex]).toMatchObject({ id: r.ruleId });
      const loc = r.locations[0]!;
      expect(loc.physicalLocation.artifactLocation.uri).toBe('plants/changed.json');
      expect(loc.logicalLocations[0]!.fullyQualifiedName).toBe(`/connections/${index}`);
      // The region is where the added record starts: read from there, it is that record.
      const { startLine, startColumn } = loc.physicalLocation.region;
      expect(at(text, startLine, startColumn).startsWith('{')).toBe(true);
      expect(text.split('\n')[startLine]).toContain('"id": "c-3"');
    }
    const jewel = run.results.find((r) => r.ruleId === 'twinpath/jewel-newly-reachable')!;
    expect(jewel.message.text).toMatch(/^Crown jewel PLC \(plc\) is newly reachable: Internet → Firewall → HMI → PLC \(likelihood [\d.]+%\); its risk rises by €[\d,]+\.$/);
    expect(run.artifacts.map((a) => a.location.uri)).toEqual(['plants/changed.json', 'plants/base.json']);
  });

  it('the same in a YAML file: the region is the line of the record', () => {
    const { base, changed } = scenario();
    const text = modelToYaml(changed);
    const log = sarifOf(base, changed, text, true, true);
    expect(sarifErrors(log)).toEqual([]);
    for (const r of log.runs[0]!.results) {
      const { startLine, startColumn } = r.locations[0]!.physicalLocation.region;
      expect(at(text, startLine, startColumn)).toBe('id: c-3');
    }
    expect(log.runs[0]!.results.find((r) => r.ruleId === 'twinpath/plant-risk-increase')!.level).toBe('error');
  });

  it('points at the edited field of an edited record (a known-exploited CVE found), and has no result for an unchanged plant', () => {
    const changed = clone(tinyPlant());
    const base = clone(changed);
    base.assets[2]!.vulnerabilities = [];
    const text = JSON.stringify(changed, null, 2);
    const log = sarifOf(base, changed, text, false);
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe('/assets/2/vulnerabilities');
      const { startLine, startColumn } = r.locations[0]!.physicalLocation.region;
      // A JSON pointer names the value: the region starts at it, on the field's line.
      expect(text.split('\n')[startLine - 1]).toMatch(/^ *"vulnerabilities": \[$/);
      expect(at(text, startLine, startColumn)).toBe('[');
    }
    const same = sarifOf(base, clone(base), text, false);
    expect(sarifErrors(same)).toEqual([]);
    expect(same.runs[0]!.results).toEqual([]);
  });
});

describe('modelChanges', () => {
  it('added, edited (with the one field) and removed records, by id, in the changed model order', () => {
    const base = clone(tinyPlant());
    const changed = clone(base);
    changed.connections.splice(1, 1); // c-2 removed
    changed.connections.push({ id: 'c-9', from: 'inet', to: 'hmi', protocol: 'rdp', direction: 'one-way' });
    changed.assets[3]!.hardeningCost = 1;
    changed.assets[0]!.name = 'The Internet';
    changed.assets[0]!.description = 'everyone';
    changed.crownJewels[0]!.impact.downtimeCostPerHour = 2000;
    expect(modelChanges(base, changed)).toEqual([
      { kind: 'changed', collection: 'assets', id: 'inet', pointer: '/assets/0', fields: ['name', 'description'] },
      { kind: 'changed', collection: 'assets', id: 'plc', pointer: '/assets/3/hardeningCost', fields: ['hardeningCost'] },
      { kind: 'added', collection: 'connections', id: 'c-9', pointer: '/connections/3', fields: [] },
      { kind: 'removed', collection: 'connections', id: 'c-2', pointer: '/connections', fields: [] },
      { kind: 'changed', collection: 'crownJewels', id: 'plc', pointer: '/crownJewels/0/impact', fields: ['impact'] },
    ]);
    expect(modelChanges(base, clone(base))).toEqual([]);
  });

  it('JSON pointers escape ~ and / (RFC 6901) and read back', () => {
    expect(jsonPointer(['a/b', 'c~d', 3])).toBe('/a~1b/c~0d/3');
    expect(pointerParts('/a~1b/c~0d/3')).toEqual(['a/b', 'c~d', '3']);
    expect(pointerParts('')).toEqual([]);
  });
});

describe('locating a pointer', () => {
  it('lands on the value a pointer names in any JSON text (compact: the value is spelled right there)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.nat(), { maxLength: 5 }), (doc, picks) => {
        // A path into the document, chosen by the picks.
        const segs: (string | number)[] = [];
        let cur: unknown = doc;
        for (const p of picks) {
          if (Array.isArray(cur) && cur.length) segs.push(p % cur.length);
          else if (cur !== null && typeof cur === 'object' && Object.keys(cur).length) segs.push(Object.keys(cur)[p % Object.keys(cur).length]!);
          else break;
          cur = (cur as Record<string | number, unknown>)[segs[segs.length - 1]!];
        }
        // JSON.stringify writes a duplicate-free object; a key "__proto__" in fc's objects is an own property.
        const text = JSON.stringify(doc);
        const offset = jsonPointerOffset(text, jsonPointer(segs));
        expect(text.slice(offset).startsWith(JSON.stringify(cur))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('copes with whitespace, escaped keys and brackets inside strings; stops at the deepest part that exists', () => {
    const text = '{ "a\\"b" : [ "x]}", { "k" : "v{" } , 7 ] ,\n  "c" :\t{"d":[1,2,{"e":null}]} }';
    expect(text.slice(jsonPointerOffset(text, '/a"b/1/k'))).toMatch(/^"v\{"/);
    expect(text.slice(jsonPointerOffset(text, '/a"b/2'))).toMatch(/^7 /);
    expect(text.slice(jsonPointerOffset(text, '/c/d/2/e'))).toMatch(/^null/);
    expect(text.slice(jsonPointerOffset(text, '/c/nope/1'))).toMatch(/^\{"d"/);
    expect(jsonPointerOffset(text, '')).toBe(0);
    expect(pointerPosition(text, '/c/d/1', false)).toEqual({ line: 2, column: 17 });
  });

  it('in YAML, lands on the node of the pointer', () => {
    const text = modelToYaml(tinyPlant());
    const lineAt = (o: number) => text.slice(text.lastIndexOf('\n', o - 1) + 1, text.indexOf('\n', o));
    expect(lineAt(yamlPointerOffset(text, '/assets/3/zone'))).toBe('    zone: z-ctl');
    expect(lineAt(yamlPointerOffset(text, '/connections/2'))).toBe('  - id: c-3');
    expect(text.slice(yamlPointerOffset(text, '/connections/2'))).toMatch(/^id: c-3\n/);
  });
});
