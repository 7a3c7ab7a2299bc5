// The formats other tools read, written by the real `twinpath` command and read back by each
// format's own library or schema: GEXF (graphology-gexf), GraphML (graphology-graphml), graphology
// JSON (graphology, and `twinpath import graphology`), the ATT&CK Navigator layer (layer format
// 4.5 schema), SARIF (the OASIS SARIF 2.1.0 schema), CSV (the importer's RFC 4180 reader), YAML
// models (`twinpath convert` both ways).
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/import/csv';
import { FINDINGS_CSV_HEADER } from '../../../src/interchange/findings-csv';
import { PLAN_CSV_HEADER } from '../../../src/report/plan';
import { INVENTORY_CSV_HEADER } from '../../../src/session/inventory';
import type { PlantModel } from '../../../src/model/schema';
import { twinpath } from '../../helpers/cli';
import { layerErrors, sarifErrors } from '../interchange/schemas';

const REF = 'models/reference-plant.json';
const reference = JSON.parse(readFileSync(REF, 'utf8')) as PlantModel;
const dir = mkdtempSync(join(tmpdir(), 'twinpath-formats-'));
const out = (name: string) => join(dir, name);

function ok(args: string[]) {
  const r = twinpath(args);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

function csvRows(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const r = parseCsv(text, { delimiter: ',' });
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
  return [[...r.table.header], ...r.table.records.map((x) => [...x.fields])];
}

describe('twinpath graph --format', () => {
  it('gexf: the attack graph, read back by graphology-gexf', () => {
    ok(['graph', REF, '--format', 'gexf', '-o', out('attack.gexf')]);
    const g = parseGexf(Graph, readFileSync(out('attack.gexf'), 'utf8'));
    const json = JSON.parse(ok(['graph', REF, '--json']).stdout) as { edges: unknown[] };
    expect(g.order).toBe(reference.assets.length);
    expect(g.size).toBe(json.edges.length);
    expect(g.getNodeAttributes('sis-furnace')).toMatchObject({ kind: 'sis', crownJewel: true });
  });

  it('graphml: the plant graph, read back by graphology-graphml; stdout with -o -', () => {
    const r = ok(['graph', REF, '--format', 'graphml', '--graph', 'plant', '-o', '-']);
    const g = parseGraphml(Graph, r.stdout);
    expect(g.order).toBe(reference.assets.length);
    expect(g.getNodeAttributes('plc-u1')).toMatchObject({ kind: 'plc', zone: reference.assets.find((a) => a.id === 'plc-u1')!.zone });
    expect(r.stderr).toBe('');
  });

  it('graphology: the plant graph back into the same model with `twinpath import graphology`', () => {
    ok(['graph', REF, '--format', 'graphology', '--graph', 'plant', '-o', out('plant.json')]);
    expect(Graph.from(JSON.parse(readFileSync(out('plant.json'), 'utf8'))).order).toBe(reference.assets.length);
    ok(['import', 'graphology', out('plant.json'), '-o', out('back.json')]);
    expect(readFileSync(out('back.json'), 'utf8')).toBe(readFileSync(REF, 'utf8'));
    const attack = ok(['graph', REF, '--format', 'graphology', '-o', out('attack.json')]);
    expect(attack.stderr).toMatch(/^wrote /);
    const refused = twinpath(['import', 'graphology', out('attack.json')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/an attack graph does not map back to a model/);
  });

  it('usage errors name the choices', () => {
    expect(twinpath(['graph', REF, '--format', 'dot']).stderr).toMatch(/^twinpath: --format takes graphology, gexf or graphml, got "dot" \(twinpath graph --help shows the usage\)\n$/);
    expect(twinpath(['graph', REF, '--format', 'gexf', '--graph', 'zones']).code).toBe(2);
  });
});

describe('twinpath analyze --navigator', () => {
  it('writes an ICS layer valid under the layer format 4.5', () => {
    ok(['analyze', REF, '--navigator', out('layer.json'), '--samples', '100']);
    const layer = JSON.parse(readFileSync(out('layer.json'), 'utf8')) as { domain: string; techniques: { score: number; comment: string }[] };
    expect(layerErrors(layer)).toEqual([]);
    expect(layer.domain).toBe('ics-attack');
    expect(layer.techniques[0]!.score).toBeGreaterThan(0);
    expect(layer.techniques[0]!.comment).toMatch(/→/);
    // To stdout, alone.
    expect(JSON.parse(ok(['analyze', REF, '--navigator', '-']).stdout)).toEqual(layer);
  });
});

describe('twinpath diff --sarif', () => {
  const changed = out('changed.json');
  const m = JSON.parse(JSON.stringify(reference)) as PlantModel;
  m.connections.push({ id: 'c-new', from: 'supplier-net', to: 'ews-u', protocol: 'rdp', direction: 'one-way' });
  writeFileSync(changed, JSON.stringify(m, null, 2));

  it('writes valid SARIF 2.1.0 located at the added connection, and still fails the gate', () => {
    const r = twinpath(['diff', REF, changed, '--fail-on-increase', '--sarif', out('gate.sarif')]);
    expect(r.code).toBe(3);
    const log = JSON.parse(readFileSync(out('gate.sarif'), 'utf8')) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results.find((x) => x.ruleId === 'twinpath/plant-risk-increase')!.level).toBe('error');
    expect(results.filter((x) => x.ruleId === 'twinpath/new-attack-path').length).toBeGreaterThan(5);
    const lines = readFileSync(changed, 'utf8').split('\n');
    for (const x of results) {
      const loc = x.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uri).toBe(relative(process.cwd(), changed).startsWith('..') ? `file://${changed}` : relative(process.cwd(), changed));
      expect(lines[loc.region.startLine]).toContain('"id": "c-new"');
    }
  });

  it('--sarif - writes the log alone on stdout, the gate still decides the exit code', () => {
    const r = twinpath(['diff', REF, changed, '--fail-on-increase', '--sarif', '-']);
    expect(r.code).toBe(3);
    expect(sarifErrors(JSON.parse(r.stdout))).toEqual([]);
    expect(r.stderr).toMatch(/^twinpath diff: plant risk rose by /);
  });

  it('a model path inside the working directory is written relative, with / separators', () => {
    ok(['diff', REF, REF, '--sarif', out('same.sarif')]);
    const log = JSON.parse(readFileSync(out('same.sarif'), 'utf8')) as { runs: { artifacts: { location: { uri: string } }[]; results: unknown[] }[] };
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]!.artifacts.map((a) => a.location.uri)).toEqual([REF, REF]);
    expect(log.runs[0]!.results).toEqual([]);
  });
});

describe('CSV from the CLI', () => {
  it('remediate --csv: the plan, one record per step', () => {
    ok(['remediate', REF, '--steps', '3', '--csv', out('plan.csv')]);
    const rows = csvRows(readFileSync(out('plan.csv'), 'utf8'));
    expect(rows[0]).toEqual([...PLAN_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '3']);
  });

  it('findings --csv and inventory --csv, and formula-looking names written as text', () => {
    const hostile = JSON.parse(JSON.stringify(reference)) as PlantModel;
    hostile.assets[5]!.name = '=HYPERLINK("http://evil.example","click")';
    hostile.assets[6]!.name = '@SUM(A1:A9), "quoted"\nsecond line';
    const file = out('hostile.json');
    writeFileSync(file, JSON.stringify(hostile));
    const inventory = csvRows(ok(['inventory', file, '--csv', '-']).stdout);
    expect(inventory[0]).toEqual([...INVENTORY_CSV_HEADER]);
    expect(inventory).toHaveLength(reference.assets.length + 1);
    const names = new Map(inventory.slice(1).map((r) => [r[0], r[1]]));
    expect(names.get(hostile.assets[5]!.id)).toBe(`'${hostile.assets[5]!.name}`);
    expect(names.get(hostile.assets[6]!.id)).toBe(`'${hostile.assets[6]!.name}`);
    const findings = csvRows(ok(['findings', REF, '--csv', '-']).stdout);
    expect(findings[0]).toEqual([...FINDINGS_CSV_HEADER]);
    expect(findings.length).toBeGreaterThan(3);
    expect(findings.slice(1).every((r) => ['high', 'medium', 'low'].includes(r[0]!))).toBe(true);
    const json = JSON.parse(ok(['findings', REF, '--json']).stdout) as { findings: unknown[] };
    expect(json.findings).toHaveLength(findings.length - 1);
  });
});

describe('YAML models from the CLI', () => {
  it('convert JSON → YAML → JSON gives the same file; validate reads YAML with line and column in its errors', () => {
    ok(['convert', REF, '-o', out('ref.yaml')]);
    expect(ok(['validate', out('ref.yaml')]).stdout).toMatch(/valid plant model "Auteva Brake Systems — Plant Regensburg" — 110 assets/);
    ok(['convert', out('ref.yaml'), '-o', out('ref-back.json')]);
    expect(readFileSync(out('ref-back.json'), 'utf8')).toBe(readFileSync(REF, 'utf8'));
    expect(ok(['convert', REF, '--to', 'yaml', '-o', '-']).stdout).toBe(readFileSync(out('ref.yaml'), 'utf8'));
    const yaml = readFileSync(out('ref.yaml'), 'utf8');
    writeFileSync(out('bad.yml'), yaml.replace('protocol: vendor-remote', 'protocol: vendor_remote'));
    const r = twinpath(['validate', out('bad.yml')]);
    expect(r.code).toBe(1);
    const line = yaml.replace('protocol: vendor-remote', 'protocol: vendor_remote').split('\n').findIndex((l) => l.includes('vendor_remote')) + 1;
    // The first `protocol: vendor-remote` is a service of the remote access gateway: `      - protocol: ` puts the value at column 19.
    expect(r.stderr.split('\n')[0]).toBe(`${out('bad.yml')}: assets[26](id=ra-gw).services[0].protocol: unknown value "vendor_remote"; did you mean \`vendor-remote\`? (line ${line}, column 19)`);
    expect(yaml.split('\n')[line - 1]).toBe('      - protocol: vendor-remote');
    // The analyses read YAML too.
    expect(JSON.parse(ok(['risk', out('ref.yaml'), '--json']).stdout)).toEqual(JSON.parse(ok(['risk', REF, '--json']).stdout));
  });

  it('convert needs -o, and --to for stdout', () => {
    expect(twinpath(['convert', REF]).code).toBe(2);
    expect(twinpath(['convert', REF, '-o', '-']).stderr).toMatch(/convert -o - needs --to json or --to yaml/);
  });
});
