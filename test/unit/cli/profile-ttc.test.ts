// Attacker profiles and time to compromise on the command line (#19): --profile on the analysis
// commands, `simulate --profile P --horizon T` (the timed Monte Carlo), and the change in median
// time to compromise that `diff` reports. In-process through main() (a spawned CLI per case would
// cost a second each); bin.test.ts covers the binary itself.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACKER_PROFILES } from '../../../src/analysis/profiles';
import { MAX_HORIZON_DAYS } from '../../../src/analysis/simulate';
import { horizonOption, type TtcChange } from '../../../src/cli/analysis-commands';
import { main } from '../../../src/cli/main';
import type { PlantModel } from '../../../src/model/schema';

const REF = 'models/reference-plant.json';
const WATER = 'models/water-treatment.json';
const dir = mkdtempSync(join(tmpdir(), 'twinpath-profile-ttc-'));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const r = await cli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

interface Within { days: number; probability: number; ci95: [number, number] }
interface TimedJewel {
  asset: string; probability: number; ci95: [number, number]; hits: number;
  time: { within: Within[]; p10Days: number | null; medianDays: number | null; p90Days: number | null; medianIfCompromisedDays: number | null };
}
interface TimedRun { profile: string | null; horizonDays: number | null; samples: number; seed: number; timed: { horizonsDays: number[]; profile: string | null }; jewels: TimedJewel[] }
interface UntimedRun { samples: number; seed: number; jewels: { asset: string; probability: number; ci95: [number, number]; hits: number }[] }

/** The keys README's JSON table documents for `command` (the backticked row's text). */
function documented(command: string): string {
  const row = readFileSync('README.md', 'utf8').split('\n').find((l) => l.startsWith(`| \`${command}\` |`));
  expect(row, `README documents ${command}'s JSON`).toBeDefined();
  return row!;
}

/** Every key of `x`, nested objects and the first element of arrays included. */
function keysOf(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) {
    if (x.length) keysOf(x[0], out);
  } else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('--profile on the analysis commands', () => {
  it('moves the plant risk the documented way: opportunistic ≤ cybercriminal ≤ no profile = nation-state', async () => {
    const total = async (extra: string[]) => (await json<{ total: number; profile?: string }>(['risk', REF, ...extra])).total;
    const none = await total([]);
    const byProfile = Object.fromEntries(await Promise.all(ATTACKER_PROFILES.map(async (p) => [p, await total(['--profile', p])] as const)));
    expect(byProfile['nation-state']).toBe(none); // an expert with every capability: the rules as documented
    expect(byProfile.opportunistic).toBeLessThan(none); // no unknown flaw, novice at exploits: strictly less on this plant
    expect(byProfile.opportunistic).toBeLessThanOrEqual(byProfile.hacktivist!);
    expect(byProfile.hacktivist).toBeLessThanOrEqual(byProfile.cybercriminal!);
    expect(byProfile.cybercriminal).toBeLessThanOrEqual(byProfile.insider!);
    expect(byProfile.insider).toBeLessThanOrEqual(none);
  });

  it('each command says the attacker in its header line and its JSON, and keeps today\'s output without --profile', async () => {
    const commands: [string, string[]][] = [
      ['graph', []], ['paths', ['--from', 'supplier-net', '--to', 'mes']], ['blast', ['--from', 'supplier-net']], ['chokepoints', []], ['risk', []],
      ['remediate', ['--steps', '1']], ['contain', ['--from', 'vendor-kuka']], ['inventory', []], ['simulate', ['--samples', '200']],
    ];
    for (const [command, extra] of commands) {
      const human = await cli([command, REF, ...extra, '--profile', 'cybercriminal']);
      expect(human.code, command).toBe(0);
      expect(human.stdout.split('\n')[0], command).toMatch(/ as a cybercriminal[ :(]/);
      const doc = await json([command, REF, ...extra, '--profile', 'cybercriminal']);
      expect(doc.profile, command).toBe('cybercriminal');
      expect(Object.keys(doc)[0], command).toBe('profile');
      const plain = await cli([command, REF, ...extra]);
      expect(plain.stdout, command).not.toMatch(/as a |attacker profile/);
      expect('profile' in (await json([command, REF, ...extra])), command).toBe(false);
    }
  });

  it('an opportunistic attacker gets no edge that needs an unknown flaw or supply-chain reach', async () => {
    const edges = async (extra: string[]) => (await json<{ edges: { rule: string; likelihood: number }[] }>(['graph', REF, ...extra])).edges;
    const all = await edges([]);
    const opportunistic = await edges(['--profile', 'opportunistic']);
    expect(all.some((e) => e.rule === 'application-service')).toBe(true);
    expect(opportunistic.some((e) => e.rule === 'application-service' || e.rule === 'supply-chain')).toBe(false);
    expect(opportunistic.length).toBeLessThan(all.length);
    // The files for other tools carry the same edges (--format: graphology JSON on stdout).
    const file = await cli(['graph', REF, '--format', 'graphology', '--profile', 'opportunistic']);
    expect((JSON.parse(file.stdout) as { edges: unknown[] }).edges).toHaveLength(opportunistic.length);
  });

  it('refuses a value that is not a profile: exit 2, the five named, the closest suggested', async () => {
    for (const command of ['paths', 'risk', 'chokepoints', 'remediate', 'simulate', 'inventory', 'graph']) {
      const r = await cli([command, REF, '--profile', 'cybercriminl']);
      expect(r.code, command).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `twinpath: --profile takes one of opportunistic, cybercriminal, hacktivist, insider, nation-state; got "cybercriminl"; did you mean \`cybercriminal\`? (twinpath ${command} --help shows the usage)\n`,
      );
    }
    expect((await cli(['diff', REF, REF, '--profile', 'nation_state'])).stderr).toMatch(/did you mean `nation-state`\?/);
    const far = await cli(['blast', REF, '--from', 'supplier-net', '--profile', 'script-kiddie']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^twinpath: --profile takes one of opportunistic, cybercriminal, hacktivist, insider, nation-state; got "script-kiddie" \(twinpath blast/);
    expect((await cli(['contain', REF, '--from', 'vendor-kuka', '--profile', ''])).code).toBe(2);
    expect((await cli(['risk', REF, '--profile'])).code).toBe(2); // the value is missing
  });
});

describe('simulate --profile P --horizon T: the timed Monte Carlo', () => {
  it('reads 12h, 30d, 2w, 1y and plain days; refuses 0, negatives, non-numbers and more than the maximum', async () => {
    expect(horizonOption(undefined)).toBeUndefined();
    expect(horizonOption('12h')).toBe(0.5);
    expect(horizonOption('30d')).toBe(30);
    expect(horizonOption('2w')).toBe(14);
    expect(horizonOption('1y')).toBe(365);
    expect(horizonOption('45')).toBe(45);
    expect(horizonOption('1.5d')).toBe(1.5);
    expect(horizonOption(`${MAX_HORIZON_DAYS}`)).toBe(MAX_HORIZON_DAYS);
    expect(horizonOption('10y')).toBe(MAX_HORIZON_DAYS);
    for (const bad of ['0', '0d', '-5', '-1w', 'abc', '30 days', '1e3', '', '11y', `${MAX_HORIZON_DAYS + 1}`, '30m', 'Infinity']) {
      const r = await cli(['simulate', WATER, `--horizon=${bad}`, '--samples', '10']);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^twinpath: --horizon takes a time of at most 3650 days \(10 years\): 12h, 30d, 2w, 1y or a number of days; got /);
    }
    const { timed, horizonDays } = await json<TimedRun>(['simulate', WATER, '--horizon', '2w', '--samples', '100']);
    expect(horizonDays).toBe(14);
    expect(timed.horizonsDays).toEqual([1, 7, 14, 30]);
    expect((await json<TimedRun>(['simulate', WATER, '--horizon', '30d', '--samples', '100'])).timed.horizonsDays).toEqual([1, 7, 30]);
  });

  it('is identical across runs with a seed, and another seed gives other figures', async () => {
    const args = ['simulate', WATER, '--profile', 'hacktivist', '--horizon', '12h', '--samples', '3000', '--seed', '7'];
    const a = await cli(args);
    const b = await cli(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).toBe('Time to compromise as a hacktivist (3,000 samples, seed 7; 95% intervals):');
    expect(a.stdout.split('\n')[1]).toMatch(/^crown jewel +within 12 hours +within 1 day +within 7 days +within 30 days +ever +median +10th–90th pct$/);
    const other = await cli([...args.slice(0, -1), '8']);
    expect(other.stdout).not.toBe(a.stdout);
    expect(await json(args)).toEqual(await json(args));
  });

  it('P(ever) of the timed run is the untimed run\'s (same seed: the same samples), its interval overlaps another seed\'s, and the times are ordered', async () => {
    for (const profile of [undefined, 'opportunistic', 'cybercriminal']) {
      const p = profile ? ['--profile', profile] : [];
      const timed = await json<TimedRun>(['simulate', WATER, ...p, '--horizon', '60', '--samples', '4000', '--seed', '3']);
      // Without --profile (and --horizon) the untimed run; --profile alone times it, so compare by hits.
      const untimed = await json<UntimedRun>(['simulate', WATER, '--samples', '4000', '--seed', '3']);
      const reseeded = await json<TimedRun>(['simulate', WATER, ...p, '--horizon', '60', '--samples', '4000', '--seed', '4']);
      expect(timed.profile).toBe(profile ?? null);
      expect(timed.timed.profile).toBe(profile ?? null);
      timed.jewels.forEach((j, i) => {
        if (!profile) expect(j.hits, j.asset).toBe(untimed.jewels[i]!.hits);
        const r = reseeded.jewels[i]!;
        // Two independent estimates of one probability: their 95 % intervals overlap (apart by chance
        // about 1 time in 200; seeded, so fixed either way, not flaky).
        expect(j.ci95[0], j.asset).toBeLessThanOrEqual(r.ci95[1]);
        expect(r.ci95[0], j.asset).toBeLessThanOrEqual(j.ci95[1]);
        const within = j.time.within.map((w) => w.probability);
        expect(j.time.within.map((w) => w.days)).toEqual([1, 7, 30, 60]);
        expect(within).toEqual([...within].sort((a, b) => a - b));
        expect(within[within.length - 1]!).toBeLessThanOrEqual(j.probability);
        for (const w of j.time.within) expect(w.ci95[0] <= w.probability && w.probability <= w.ci95[1]).toBe(true);
        if (j.time.p90Days !== null) expect(j.time.p10Days! <= j.time.medianDays! && j.time.medianDays! <= j.time.p90Days).toBe(true);
        expect(j.time.medianDays === null).toBe(j.hits < 2000); // the median of all attempts exists when half of them succeed
      });
    }
  });

  it('a less able attacker is slower and succeeds less often (water plant, same seed)', async () => {
    const none = await json<TimedRun>(['simulate', WATER, '--horizon', '30d', '--samples', '4000']);
    const opportunistic = await json<TimedRun>(['simulate', WATER, '--profile', 'opportunistic', '--samples', '4000']);
    const within30 = (j: TimedJewel) => j.time.within.find((w) => w.days === 30)!;
    let strictlyLess = 0;
    none.jewels.forEach((j, i) => {
      const o = opportunistic.jewels[i]!;
      expect(o.asset).toBe(j.asset);
      expect(o.ci95[0]).toBeLessThanOrEqual(j.ci95[1]);
      expect(within30(o).ci95[0]).toBeLessThanOrEqual(within30(j).ci95[1]);
      if (o.ci95[1] < j.ci95[0]) strictlyLess++;
    });
    expect(strictlyLess).toBeGreaterThan(0);
  });

  it('without --profile and --horizon, simulate prints what it printed before (no time columns, no profile key)', async () => {
    const r = await cli(['simulate', WATER, '--samples', '500']);
    expect(r.stdout.split('\n')[0]).toMatch(/^crown jewel +P\(compromise\) +95% CI$/);
    expect(Object.keys(await json(['simulate', WATER, '--samples', '500'])).sort()).toEqual(['jewels', 'samples', 'seed']);
  });

  it('--json: every key of the timed run is documented in README', async () => {
    const doc = await json<TimedRun>(['simulate', WATER, '--profile', 'insider', '--horizon', '2w', '--samples', '500']);
    const row = documented('simulate');
    for (const k of keysOf(doc)) expect(row, k).toContain(k);
    expect([...keysOf(doc)].sort()).toEqual(
      ['ci95', 'days', 'hits', 'horizonDays', 'horizonsDays', 'jewels', 'medianDays', 'medianIfCompromisedDays', 'p10Days', 'p90Days', 'probability', 'profile', 'samples', 'seed', 'asset', 'time', 'timed', 'within'].sort(),
    );
  });
});

describe('diff: the change in median time to compromise', () => {
  const base = (): PlantModel => JSON.parse(readFileSync(REF, 'utf8')) as PlantModel;
  const write = (name: string, m: PlantModel) => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(m));
    return f;
  };
  // "What if we link the historian to the cloud?" — a direct session from the cloud into the historian.
  const linkedModel = base();
  linkedModel.connections.push({ id: 'c-cloud-hist', from: 'cloud-analytics', to: 'historian', protocol: 'https', port: 443, direction: 'both' });
  const linked = write('linked.json', linkedModel);

  it('reports each jewel\'s median before and after; the new link makes the historian fall sooner', async () => {
    const d = await json<{ timeToCompromise: { samples: number; seed: number; jewels: TtcChange[] }; jewels: { asset: string }[] }>(['diff', REF, linked]);
    const t = d.timeToCompromise;
    expect(t.samples).toBe(2000);
    expect(t.seed).toBe(1);
    expect(t.jewels.map((j) => j.asset)).toEqual(d.jewels.map((j) => j.asset));
    const hist = t.jewels.find((j) => j.asset === 'historian')!;
    expect(hist.changedMedianDays!).toBeLessThan(hist.baseMedianDays! / 1.5); // 1.2 days → 15 hours at seed 1
    for (const j of t.jewels) if (j.medianChangeDays !== undefined) expect(j.medianChangeDays).toBeCloseTo(j.changedMedianDays! - j.baseMedianDays!, 12);
    const human = await cli(['diff', REF, linked]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Median time to compromise \(timed Monte Carlo, 2,000 samples, seed 1\):$/m);
    expect(human.stdout).toMatch(/^crown jewel +before +after +change +P\(ever\) before → after$/m);
    expect(human.stdout).toMatch(/^historian +1\.\d days +\d+ hours +−\d+ hours +\d+\.\d% → \d+\.\d%$/m);
    const row = documented('diff');
    for (const k of keysOf(t)) expect(row, k).toContain(k);
  });

  it('the same plant twice changes nothing, exactly; --samples 0 leaves the timed runs out', async () => {
    const same = await json<{ timeToCompromise: { jewels: TtcChange[] } }>(['diff', REF, REF, '--samples', '500', '--seed', '9']);
    expect(same.timeToCompromise.jewels.length).toBe(8);
    for (const j of same.timeToCompromise.jewels) {
      expect(j.baseProbability).toBe(j.changedProbability);
      if (j.baseMedianDays !== undefined) expect(j.medianChangeDays).toBe(0);
    }
    expect('timeToCompromise' in (await json(['diff', REF, linked, '--samples', '0']))).toBe(false);
    expect((await cli(['diff', REF, linked, '--samples', '0'])).stdout).not.toMatch(/Median time to compromise/);
  });

  it('as a profile: both plants analysed as that attacker, the gate\'s exit codes unchanged', async () => {
    const asOpportunist = await json<{ profile: string; risk: { base: number }; timeToCompromise: { jewels: TtcChange[] } }>(['diff', REF, linked, '--profile', 'opportunistic', '--samples', '500']);
    const asNobody = await json<{ risk: { base: number }; timeToCompromise: { jewels: TtcChange[] } }>(['diff', REF, linked, '--samples', '500']);
    expect(asOpportunist.profile).toBe('opportunistic');
    expect(asOpportunist.risk.base).toBe((await json<{ total: number }>(['risk', REF, '--profile', 'opportunistic'])).total);
    expect(asOpportunist.timeToCompromise).not.toEqual(asNobody.timeToCompromise);
    const gate = await cli(['diff', REF, linked, '--fail-on-increase', '--profile', 'cybercriminal', '--samples', '200']);
    expect(gate.stdout.split('\n')[0]).toBe('Plant change as a cybercriminal:');
    expect(gate.code).toBe(3);
    expect(gate.stderr).toMatch(/plant risk rose by/);
    const saferModel = base();
    saferModel.media = saferModel.media!.filter((m) => m.id !== 'm-laptop');
    expect((await cli(['diff', REF, write('safer.json', saferModel), '--fail-on-increase', '--profile', 'cybercriminal', '--samples', '200'])).code).toBe(0);
  });
});
