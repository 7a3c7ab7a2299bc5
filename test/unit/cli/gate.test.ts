// The change-review gate (`twinpath diff --fail-on-increase`) cannot be fooled by money figures:
// every money and hour field is bounded by the schema (a clear error past the bound), every figure
// the analysis prints is finite, and a comparison that cannot be decided fails the gate.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { diffScenarios, type ScenarioDiff } from '../../../src/analysis/diff';
import { riskReport } from '../../../src/analysis/risk';
import { finiteJson, riskFiguresUndecidable } from '../../../src/cli/analysis-commands';
import { validateModel } from '../../../src/model/parse';
import { MAX_MONEY, MAX_RESTORE_HOURS, type PlantModel } from '../../../src/model/schema';
import { twinpath } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-gate-'));
const WATER = 'models/water-treatment.json';
const water = (): PlantModel => JSON.parse(readFileSync(WATER, 'utf8')) as PlantModel;
const write = (name: string, m: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(m));
  return f;
};

/** The attack of the issue: a real 80 % path from the internet to the chlorine SIS, plus one unreachable jewel worth "1e308 per hour". */
function bypassAttempt(downtime: number): PlantModel {
  const m = water();
  m.connections.push({ id: 'c-new-sis', from: 'internet', to: 'sis-cl2', protocol: 'modbus-tcp', direction: 'one-way' });
  m.assets.push({ id: 'island', name: 'Unconnected island', kind: 'server', zone: 'z-office' });
  m.crownJewels.push({ asset: 'island', impact: { downtimeCostPerHour: downtime } });
  return m;
}

describe('the diff gate fails closed', () => {
  it('refuses the 1e308 bypass: the changed model is invalid (exit 1, path named), never exit 0', () => {
    const r = twinpath(['diff', WATER, write('bypass.json', bypassAttempt(1e308)), '--fail-on-increase']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/crownJewels\[5\]\(asset=island\)\.impact\.downtimeCostPerHour: 1e\+308 is out of range/);
    expect(r.stdout).not.toMatch(/NaN/);
  });

  it('with the largest money the schema allows, the real new path still fails the gate (exit 3) and every figure is finite', () => {
    const changed = write('bypass-max.json', bypassAttempt(MAX_MONEY));
    const r = twinpath(['diff', WATER, changed, '--fail-on-increase']);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    expect(r.stderr).toMatch(/plant risk rose by/);
    expect(r.code).toBe(3);
    const j = twinpath(['diff', WATER, changed, '--json']);
    expect(j.code).toBe(0);
    expect(j.stdout).not.toMatch(/null|NaN|Infinity/);
    const d = JSON.parse(j.stdout) as ScenarioDiff;
    expect(d.risk.delta).toBeGreaterThan(0);
    expect(d.newPaths.some((p) => p.nodes.join('>') === 'internet>sis-cl2')).toBe(true);
  });

  it('an undecidable comparison is reported, and JSON output refuses a non-finite number instead of printing null', () => {
    const d = diffScenarios(buildContext(water()), buildContext(water()));
    expect(riskFiguresUndecidable(d)).toBeUndefined();
    expect(riskFiguresUndecidable({ ...d, risk: { base: 5, changed: NaN, delta: NaN } })).toBe('changed plant risk is NaN');
    expect(riskFiguresUndecidable({ ...d, jewels: [{ ...d.jewels[0]!, changedRisk: Infinity }] })).toMatch(/changed risk of .* is Infinity/);
    expect(() => finiteJson({ total: NaN })).toThrow(/refusing to print NaN for "total"/);
    expect(finiteJson({ total: 1 })).toBe('{\n  "total": 1\n}');
  });

  it('every money and hour field rejects values past its bound with the path and value', () => {
    const m = water();
    m.assets[0]!.hardeningCost = MAX_MONEY * 2;
    m.productionLines![0]!.downtimeCostPerHour = 1e300;
    m.productionLines![0]!.revenuePerHour = MAX_MONEY + 1;
    m.productionLines![0]!.restoreHours = MAX_RESTORE_HOURS + 1;
    m.crownJewels[0]!.impact.downtimeCostPerHour = 1e13;
    const r = validateModel(m);
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    const paths = r.errors.map((e) => e.path).sort();
    expect(paths).toEqual([
      'assets[0](id=internet).hardeningCost',
      'crownJewels[0](asset=plc-chem).impact.downtimeCostPerHour',
      'productionLines[0](id=supply).downtimeCostPerHour',
      'productionLines[0](id=supply).restoreHours',
      'productionLines[0](id=supply).revenuePerHour',
    ]);
    expect(r.errors.find((e) => e.path.endsWith('restoreHours'))!.message).toMatch(/87601 is out of range/);
  });

  it('property: for any money and hours within the bounds, risk, diff and their JSON are finite (no null)', () => {
    const money = fc.oneof(fc.constant(0), fc.constant(MAX_MONEY), fc.double({ min: 0, max: MAX_MONEY, noNaN: true }));
    const hours = fc.oneof(fc.constant(0), fc.constant(MAX_RESTORE_HOURS), fc.double({ min: 0, max: MAX_RESTORE_HOURS, noNaN: true }));
    const base = buildContext(water());
    fc.assert(
      fc.property(fc.array(money, { minLength: 8, maxLength: 8 }), hours, (ms, h) => {
        const m = bypassAttempt(ms[0]!);
        m.crownJewels.forEach((j, i) => (j.impact.downtimeCostPerHour = ms[(i + 1) % 8]!));
        for (const l of m.productionLines!) {
          l.downtimeCostPerHour = ms[6]!;
          l.revenuePerHour = ms[7]!;
          l.restoreHours = h;
        }
        expect(validateModel(m).kind).toBe('ok');
        const ctx = buildContext(m);
        const r = riskReport(ctx);
        expect(Number.isFinite(r.total)).toBe(true);
        expect(finiteJson(r)).not.toMatch(/null/);
        const d = diffScenarios(base, ctx);
        expect(riskFiguresUndecidable(d)).toBeUndefined();
        // The unreachable jewel contributes exactly 0, whatever its impact.
        expect(r.jewels.find((j) => j.asset === 'island')).toMatchObject({ reachable: false, likelihood: 0, risk: 0 });
      }),
      { numRuns: 60 },
    );
  });
});
