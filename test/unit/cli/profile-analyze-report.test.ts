// --profile on `analyze` and `report` (#19): the whole document — risk, paths, the remediation plan —
// and the executive report are computed as the attacker chosen, and say so.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const REF = 'models/reference-plant.json';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

interface Doc {
  profile?: string;
  risk: { total: number };
  remediation: { steps: { riskRemoved: number }[]; riskBefore: number };
}

describe('analyze and report --profile', () => {
  it('analyze: every figure as the attacker chosen, the same as the single commands give', async () => {
    const plain = JSON.parse((await cli(['analyze', REF, '--json', '--samples', '200'])).stdout) as Doc;
    const r = await cli(['analyze', REF, '--json', '--samples', '200', '--profile', 'opportunistic']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.profile).toBe('opportunistic');
    expect(plain.profile).toBeUndefined();
    const risk = JSON.parse((await cli(['risk', REF, '--json', '--profile', 'opportunistic'])).stdout) as { total: number };
    expect(doc.risk.total).toBe(risk.total);
    expect(doc.risk.total).toBeLessThan(plain.risk.total);
    // The plan is the profile's too: it starts from the profile's plant risk.
    const plan = JSON.parse((await cli(['remediate', REF, '--json', '--profile', 'opportunistic'])).stdout) as Doc['remediation'];
    expect(doc.remediation.steps.map((s) => s.riskRemoved)).toEqual(plan.steps.map((s) => s.riskRemoved));
    expect(doc.remediation.steps[0]!.riskRemoved).not.toBe(plain.remediation.steps[0]!.riskRemoved);
    const text = await cli(['analyze', REF, '--samples', '200', '--profile', 'hacktivist']);
    expect(text.stdout.split('\n')[0]).toBe('Analysis as a hacktivist:');
  });

  it('report: the breach story and plant-wide figures as the attacker chosen; a bad profile exits 2', async () => {
    const r = await cli(['report', REF, '--profile', 'cybercriminal', '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The breach story is told as a cybercriminal, the profile chosen for the analysis. Plant-wide figures as a cybercriminal.');
    expect(r.stdout).toMatch(/data-part="ttc-lead">A cybercriminal entering through /);
    const plain = await cli(['report', REF, '-o', '-']);
    expect(plain.stdout).toContain('Plant-wide figures with no attacker profile');
    const bad = await cli(['report', REF, '--profile', 'natoin-state', '-o', '-']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean `nation-state`?');
  });
});
