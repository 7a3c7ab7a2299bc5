// `twinpath remediate --rank risk|time` (#19): the plan ranked by time bought on the reference
// plant, its JSON (rank, per-step daysBought), the default unchanged, and bad values refused.
// In-process through main(), as the other CLI tests.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

/** One in-process run of the CLI: its exit code and what it wrote to stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' };
  const code = await main(args, { out: (s) => void (written.stdout += s), err: (s) => void (written.stderr += s) });
  return { code, ...written };
}

const REF = 'models/reference-plant.json';

interface Step { action: { kind: string; cost: number }; description: string; riskRemoved: number; daysBefore?: number; daysAfter?: number; daysBought?: number }
interface Plan { profile?: string; rank: string; baselineDays?: number; finalDays?: number; steps: Step[]; curve: { cost: number; risk: number; days?: number }[] }

async function plan(args: string[]): Promise<Plan> {
  const r = await cli(['remediate', REF, '--steps', '5', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

describe('twinpath remediate --rank', () => {
  it('--rank time on the reference plant: days bought per step that add up, and a plan that parts from the risk ranking', async () => {
    const [byTime, byRisk, plain] = await Promise.all([plan(['--rank', 'time']), plan(['--rank', 'risk']), plan([])]);
    expect(byTime.rank).toBe('time');
    expect(byRisk.rank).toBe('risk');
    expect(plain).toEqual(byRisk); // risk is the default
    expect(byTime.steps.length).toBeGreaterThan(0);
    let days = byTime.baselineDays!;
    for (const s of byTime.steps) {
      expect(s.daysBefore).toBe(days);
      expect(s.daysBought).toBeGreaterThan(0);
      expect(s.daysBought).toBeCloseTo(s.daysAfter! - s.daysBefore!, 12);
      days = s.daysAfter!;
    }
    expect(byTime.finalDays).toBe(days);
    expect(byTime.curve.map((c) => c.days)).toEqual([byTime.baselineDays, ...byTime.steps.map((s) => s.daysAfter)]);
    for (const s of byRisk.steps) expect('daysBought' in s).toBe(false);
    // The first two steps agree: taking the MES out of the OT domain (the cheapest action) and
    // allow-listing the OT domain controller each sit on the most likely and on the quickest paths.
    // Then the rankings part: at the first step where they differ both plans start from the same
    // plant, so the time ranking's pick removes no more risk per cost than the risk ranking's.
    const k = byTime.steps.findIndex((s, i) => JSON.stringify(s.action) !== JSON.stringify(byRisk.steps[i]?.action));
    expect(k).toBe(2);
    expect(byTime.steps.slice(0, k).map((s) => s.description)).toEqual(byRisk.steps.slice(0, k).map((s) => s.description));
    expect(byTime.steps[k]!.riskRemoved / byTime.steps[k]!.action.cost).toBeLessThan(byRisk.steps[k]!.riskRemoved / byRisk.steps[k]!.action.cost);
    expect(byTime.steps[k]!.action.kind).toBe('patch-cve'); // slows the quickest path, removes no risk
    expect(byTime.steps[k]!.riskRemoved).toBe(0);
  });

  it('says the ranking in words, and leads the JSON with the profile when one is given', async () => {
    const human = await cli(['remediate', REF, '--steps', '2', '--rank', 'time']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Remediation plan by time bought:\n/);
    expect(human.stdout).toMatch(/days bought/);
    expect(human.stdout).toMatch(/Expected time to compromise \(impact-weighted, quickest paths\) 3\.2 days → /);
    const plain = await cli(['remediate', REF, '--steps', '2']);
    expect(plain.stdout).not.toMatch(/days bought|time bought/);
    expect((await cli(['remediate', REF, '--steps', '1', '--rank', 'time', '--profile', 'cybercriminal'])).stdout).toMatch(/^Remediation plan by time bought as a cybercriminal:\n/);
    const profiled = await plan(['--rank', 'time', '--profile', 'cybercriminal']);
    expect(Object.keys(profiled).slice(0, 2)).toEqual(['profile', 'rank']);
  });

  it('refuses a rank it does not know: exit 2, both named', async () => {
    for (const bad of ['tiem', '', 'Time']) {
      const r = await cli(['remediate', REF, '--rank', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`twinpath: --rank takes one of risk, time (risk removed or time bought per cost); got ${JSON.stringify(bad)} (twinpath remediate --help shows the usage)\n`);
    }
    expect((await cli(['remediate', REF, '--rank'])).code).toBe(2);
  });
});
