// The analysis commands as a user runs them: JSON keys, tables, exit codes, the diff gate.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlantModel } from '../../../src/model/schema';
import { twinpath } from '../../helpers/cli';

const REF = 'models/reference-plant.json';
const dir = mkdtempSync(join(tmpdir(), 'twinpath-analysis-'));
const json = (args: string[]) => {
  const r = twinpath([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('twinpath analysis commands', () => {
  it('graph: nodes and explained edges', () => {
    const g = json(['graph', REF]) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    expect(g.nodes).toHaveLength(110);
    expect(Object.keys(g.nodes[0]!).sort()).toEqual(['id', 'kind', 'level', 'zone']);
    expect(Object.keys(g.edges[0]!).sort()).toEqual(['from', 'likelihood', 'provenance', 'rule', 'technique', 'to', 'why']);
    for (const e of g.edges) {
      expect(e.likelihood as number).toBeGreaterThan(0);
      expect(e.likelihood as number).toBeLessThanOrEqual(1);
      expect(e.technique as string).toMatch(/^T08\d\d$/);
      expect((e.why as string).length).toBeGreaterThan(20);
    }
  });

  it('paths: best first, k per pair, each step explained', () => {
    const r = json(['paths', REF, '--from', 'supplier-net', '--to', 'erp,mes', '--k', '3']) as { paths: { from: string; to: string; nodes: string[]; likelihood: number; edges: unknown[] }[] };
    // The portal is the supplier's only way to SAP (one path); the MES has more than three.
    expect(r.paths.filter((p) => p.to === 'erp')).toHaveLength(1);
    expect(r.paths.filter((p) => p.to === 'mes')).toHaveLength(3);
    expect(r.paths.every((p) => p.from === 'supplier-net' && ['erp', 'mes'].includes(p.to))).toBe(true);
    const ls = r.paths.map((p) => p.likelihood);
    expect(ls).toEqual([...ls].sort((a, b) => b - a));
    expect(r.paths[0]!.edges).toHaveLength(r.paths[0]!.nodes.length - 1);
    const table = twinpath(['paths', REF, '--from', 'supplier-net', '--to', 'erp']);
    expect(table.stdout).toMatch(/supplier-net → erp/);
    expect(table.stdout).toMatch(/Exploit Public-Facing Application \(T0819\)/);
  });

  it('blast, chokepoints, risk, contain, simulate: documented keys', () => {
    const b = json(['blast', REF, '--from', 'supplier-net']);
    expect(Object.keys(b).sort()).toEqual(['from', 'impact', 'reached']);
    const rows = (b as { reached: { id: string; likelihood: number; hops: number }[] }).reached;
    expect(rows).toHaveLength(103);
    expect(rows[0]).toEqual({ id: 'supplier-net', likelihood: 1, hops: 0 });
    expect(rows.every((x) => Object.keys(x).join() === 'id,likelihood,hops')).toBe(true);
    const c = json(['chokepoints', REF]) as { minCut: Record<string, unknown> };
    expect(Object.keys(c).sort()).toEqual(['dominators', 'minCut', 'ranking']);
    expect(c.minCut).toMatchObject({ kind: 'partial-cut', cost: 29_000, cannotProtect: ['sis-furnace', 'sis-a', 'plc-a1a', 'plc-u1'] });
    const r = json(['risk', REF]);
    expect(Object.keys(r).sort()).toEqual(['formula', 'jewels', 'total']);
    const k = json(['contain', REF, '--from', 'vendor-kuka']);
    expect(k).toMatchObject({ kind: 'contained', from: 'vendor-kuka', isolate: { connections: ['c-005'] }, cost: 500 });
    const s1 = json(['simulate', REF, '--samples', '2000', '--seed', '3']);
    const s2 = json(['simulate', REF, '--samples', '2000', '--seed', '3']);
    expect(s1).toEqual(s2);
    expect((s1 as { samples: number }).samples).toBe(2000);
  });

  it('remediate honours the budget', () => {
    const plan = json(['remediate', REF, '--budget', '5000']) as { steps: { cumulativeCost: number }[]; budget: number; curve: { risk: number }[] };
    expect(plan.budget).toBe(5000);
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.steps.every((s) => s.cumulativeCost <= 5000)).toBe(true);
    const risks = plan.curve.map((p) => p.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
  });

  it('diff: exit 3 when a change raises plant risk, 0 when it lowers it', () => {
    const base = JSON.parse(readFileSync(REF, 'utf8')) as PlantModel;
    const linked = structuredClone(base);
    // "What if we link the historian to the cloud?" — the cloud gets a session into the historian.
    linked.connections.push({ id: 'c-cloud-hist', from: 'cloud-analytics', to: 'historian', protocol: 'https', port: 443, direction: 'both' });
    const riskier = join(dir, 'linked.json');
    writeFileSync(riskier, JSON.stringify(linked));
    const up = twinpath(['diff', REF, riskier, '--fail-on-increase']);
    expect(up.code).toBe(3);
    expect(up.stderr).toMatch(/plant risk rose by/);
    expect(up.stdout).toMatch(/new path/);
    const d = json(['diff', REF, riskier]) as { risk: { delta: number }; newPaths: { nodes: string[] }[] };
    expect(d.risk.delta).toBeGreaterThan(0);
    expect(d.newPaths.some((p) => p.nodes[0] === 'cloud-analytics' && p.nodes[1] === 'historian')).toBe(true);
    const safer = structuredClone(base);
    safer.media = safer.media!.filter((m) => m.id !== 'm-laptop');
    const saferFile = join(dir, 'safer.json');
    writeFileSync(saferFile, JSON.stringify(safer));
    expect(twinpath(['diff', REF, saferFile, '--fail-on-increase']).code).toBe(0);
  });

  it('analyze: every key result in one document', () => {
    const a = json(['analyze', REF, '--samples', '1000']);
    expect(Object.keys(a).sort()).toEqual(['blast', 'chokepoints', 'paths', 'plant', 'remediation', 'risk', 'simulation']);
    const blast = (a as { blast: { reached: unknown[] }[] }).blast;
    expect(blast.length).toBeGreaterThan(0);
    expect(blast.every((b) => Array.isArray(b.reached) && b.reached.length > 0)).toBe(true);
  });

  it('errors: unknown ids exit 1, usage errors exit 2', () => {
    const unknown = twinpath(['blast', REF, '--from', 'plc-99']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown asset "plc-99"/);
    expect(twinpath(['paths', REF, '--to', 'nope']).code).toBe(1);
    expect(twinpath(['blast', REF]).code).toBe(2);
    expect(twinpath(['paths', REF, '--k', '0']).code).toBe(2);
    expect(twinpath(['simulate', REF, '--samples', 'lots']).code).toBe(2);
    expect(twinpath(['diff', REF]).code).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": 1}');
    const r = twinpath(['risk', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: plant: required field is missing/);
  });
});
