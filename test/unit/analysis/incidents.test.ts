// Known incidents reproduced (#19): the three sourced models under models/incidents/ (README there
// gives the sources and what each simplifies). For each: it validates; the tool's most likely path
// from the documented entry to the jewel is the documented chain (asset ids and techniques); the
// chokepoints name the documented choke (the SIS engineering workstation, the SCADA VPN, the
// Active Directory domain controller); the breach story starts at the documented entry. Each claim
// is also checked against the model with the key record removed or changed, so it can fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { buildContext, withProfile, type PlantContext } from '../../../src/analysis/context';
import type { ExplainedPath } from '../../../src/analysis/explain';
import { parseModelText } from '../../../src/model/parse';
import type { ControlKind } from '../../../src/model/schema';
import { breachStory, withTimeToCompromise } from '../../../src/report/story';

const DIR = 'models/incidents';

interface Change {
  /** Connection and trust ids to drop. */
  readonly drop?: readonly string[];
  /** Controls to add, by asset id. */
  readonly controls?: Readonly<Record<string, readonly ControlKind[]>>;
}

/** The incident model as a plain document (its JSON text parsed, no validation). */
function doc(file: string): Record<string, unknown> & { connections: { id: string }[]; trust?: { id: string }[]; assets: { id: string; controls?: string[] }[] } {
  return JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as ReturnType<typeof doc>;
}

/** The incident model, changed, through the one parser: its context (throws with the errors when invalid). */
function load(file: string, change: Change = {}): PlantContext {
  const d = doc(file);
  const drop = new Set(change.drop ?? []);
  const dropped = [...d.connections, ...(d.trust ?? [])].filter((r) => drop.has(r.id)).map((r) => r.id);
  expect(dropped.sort(), 'every record the change drops exists').toEqual([...drop].sort());
  d.connections = d.connections.filter((c) => !drop.has(c.id));
  if (d.trust) d.trust = d.trust.filter((t) => !drop.has(t.id));
  for (const [id, controls] of Object.entries(change.controls ?? {})) {
    const a = d.assets.find((x) => x.id === id);
    if (!a) throw new Error(`no asset ${id}`);
    a.controls = [...(a.controls ?? []), ...controls];
  }
  const r = parseModelText(JSON.stringify(d));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid: ${JSON.stringify(r).slice(0, 500)}`);
  return buildContext(r.model);
}

function best(ctx: PlantContext, from: string, to: string): ExplainedPath | undefined {
  return attackPaths(ctx, { from: [from], to: [to] })[0];
}

function top3(ctx: PlantContext, from: string, to: string): string[][] {
  return attackPaths(ctx, { from: [from], to: [to], k: 3 }).map((p) => [...p.nodes]);
}

/** Checks a path's assets against the documented chain, one set of allowed assets per hop. */
function follows(p: ExplainedPath | undefined, chain: readonly (string | readonly string[])[]): void {
  expect(p, 'a path exists').toBeDefined();
  expect(p!.nodes.length).toBe(chain.length);
  p!.nodes.forEach((id, i) => {
    const allowed = chain[i]!;
    expect(typeof allowed === 'string' ? [allowed] : allowed, `hop ${i}: ${p!.nodes.join(' > ')}`).toContain(id);
  });
}

const techniques = (p: ExplainedPath | undefined) => p?.edges.map((e) => e.technique);
const rules = (p: ExplainedPath | undefined) => p?.edges.map((e) => e.rule);

describe('models/incidents: every model validates and names one entry point with its attacker', () => {
  it.each([
    ['triton-2017.json', 'it-foothold', 'nation-state', 15],
    ['ukraine-2015.json', 'mail', 'nation-state', 15],
    ['norsk-hydro-2019.json', 'mail', 'cybercriminal', 12],
  ] as const)('%s', (file, entry, profile, assets) => {
    const r = parseModelText(readFileSync(`${DIR}/${file}`, 'utf8'));
    expect(r.kind === 'ok' ? [] : r.errors).toEqual([]);
    if (r.kind !== 'ok') return;
    expect(r.model.entryPoints).toEqual([expect.objectContaining({ asset: entry, profile })]);
    expect(r.model.assets.length).toBe(assets);
    // The sources are cited in the model itself.
    expect(r.model.plant.description).toMatch(/Sources: .*ATT&CK for ICS/);
  });
});

describe('TRITON / TRISIS 2017: IT foothold → jump box → DCS → SIS engineering workstation → Tricon program download', () => {
  const file = 'triton-2017.json';
  const ctx = load(file);

  it('the most likely path is the documented chain, ending in a TriStation program download', () => {
    const p = best(ctx, 'it-foothold', 'tricon-1');
    follows(p, ['it-foothold', ['jump-1', 'jump-2'], ['dcs-ews', 'dcs-hmi'], 'sis-ews', 'tricon-1']);
    expect(techniques(p)).toEqual(['T0886', 'T0886', 'T0886', 'T0843']);
    expect(rules(p)!.at(-1)).toBe('program-download');
    expect(p!.likelihood).toBeCloseTo(0.4 * 0.4 * 0.4 * 0.9, 12); // three RDP logons with stolen credentials, a download
    expect(top3(ctx, 'it-foothold', 'tricon-1')).toContainEqual(['it-foothold', 'jump-1', 'dcs-ews', 'sis-ews', 'tricon-1']);
  });

  it('the SIS engineering workstation is the chokepoint: it dominates both Tricons and is the whole minimum cut', () => {
    const c = chokepoints(ctx);
    expect(c.dominators).toEqual([
      { jewel: 'tricon-1', reachable: true, assets: ['sis-ews'] },
      { jewel: 'tricon-2', reachable: true, assets: ['sis-ews'] },
    ]);
    expect(c.minCut).toEqual({ kind: 'cut', assets: ['sis-ews'], cost: 10_000, protects: ['tricon-1', 'tricon-2'] });
    expect(c.ranking[0]!.id).toBe('sis-ews');
  });

  it('without the TriStation link the Tricon is out of reach; without the jump boxes the open firewall rule still leads there', () => {
    expect(best(load(file, { drop: ['c-13'] }), 'it-foothold', 'tricon-1')).toBeUndefined();
    expect(best(load(file, { drop: ['c-11', 'c-12'] }), 'it-foothold', 'tricon-1')).toBeUndefined();
    const noJump = load(file, { drop: ['c-02', 'c-03'] });
    const p = best(noJump, 'it-foothold', 'tricon-1');
    follows(p, ['it-foothold', 'dcs-hist', ['dcs-ews', 'dcs-hmi'], 'sis-ews', 'tricon-1']);
    expect(techniques(p)).toEqual(['T0886', 'T0863', 'T0886', 'T0843']);
    expect(chokepoints(noJump).dominators[0]!.assets).toEqual(['sis-ews']); // the jump boxes still take domain accounts
    // The key switch in RUN makes the download 0.2 as likely (0.18); the unauthenticated TriStation
    // command (T0855, 0.8, also in ATT&CK C0030) is then the likelier last step: the switch alone is not enough.
    const keyed = best(load(file, { controls: { 'tricon-1': ['key-switch-run'] } }), 'it-foothold', 'tricon-1');
    expect(rules(keyed)!.at(-1)).toBe('unauthenticated-command');
    expect(keyed!.likelihood).toBeCloseTo(0.4 ** 3 * 0.8, 12);
  });

  it('the breach story starts at the IT foothold, as a nation-state, and ends in the program download', () => {
    const s = withTimeToCompromise(ctx, breachStory(ctx, 'it-foothold'));
    expect(s.entry.id).toBe('it-foothold');
    expect(s.attacker).toEqual({ profile: 'nation-state', article: 'a nation-state attacker', from: 'entry' });
    expect(['tricon-1', 'tricon-2']).toContain(s.target?.id);
    expect(s.steps.at(-1)).toMatchObject({ fromId: 'sis-ews', technique: 'T0843' });
    expect(s.headline).toMatch(/^Corporate workstation \(attacker foothold\) breached: 4 steps to Triconex safety controller/);
    expect(s.ttc!.sentence).toMatch(/^A nation-state attacker entering through Corporate workstation \(attacker foothold\) reaches Triconex/);
    expect(breachStory(load(file, { drop: ['c-13', 'c-14'] }), 'it-foothold').target).toBeNull();
  });
});

describe('Ukraine 2015: spearphishing → VPN into the SCADA network → HMI / DMS → breaker commands', () => {
  const file = 'ukraine-2015.json';
  const ctx = load(file);
  const chain = (sub: 'a' | 'b') =>
    ['mail', ['ws-admin', 'ws-it'], 'vpn', ['hmi-1', 'hmi-2'], ['dms-a', 'dms-b'], `s2e-${sub}`, `rtu-${sub}`, `brk-${sub}`] as const;
  const documented = ['T0865', 'T0822', 'T0886', 'T0859', 'T0855', 'T0855', 'T0831'];

  it('the most likely path to each breaker is the documented chain, ending in manipulation of control', () => {
    for (const sub of ['a', 'b'] as const) {
      const p = best(ctx, 'mail', `brk-${sub}`);
      follows(p, chain(sub));
      expect(techniques(p)).toEqual(documented);
      expect(rules(p)).toEqual([
        'phishing', 'external-remote-access', 'remote-admin-service', 'shared-credentials', 'unauthenticated-command', 'unauthenticated-command', 'io-manipulation',
      ]);
      expect(p!.likelihood).toBeCloseTo(0.3 * 0.5 * 0.4 * 0.7 * 0.8 * 0.8 * 0.95, 12);
    }
    expect(top3(ctx, 'mail', 'brk-a')).toContainEqual(['mail', 'ws-admin', 'vpn', 'hmi-1', 'dms-a', 's2e-a', 'rtu-a', 'brk-a']);
  });

  it('the VPN is the chokepoint: it dominates both breakers and is the whole minimum cut', () => {
    const c = chokepoints(ctx);
    expect(c.dominators).toEqual([
      { jewel: 'brk-a', reachable: true, assets: ['rtu-a', 's2e-a', 'vpn'] },
      { jewel: 'brk-b', reachable: true, assets: ['rtu-b', 's2e-b', 'vpn'] },
    ]);
    expect(c.minCut).toMatchObject({ kind: 'cut', assets: ['vpn'], protects: ['brk-a', 'brk-b'] });
  });

  it('with the VPN closed to the business network, the domain controller route (ATT&CK C0028) remains; without its accounts, nothing', () => {
    const viaDc = load(file, { drop: ['c-05', 'c-06'] });
    const p = best(viaDc, 'mail', 'brk-a');
    follows(p, ['mail', ['ws-admin', 'ws-it'], 'dc', 'vpn', ['hmi-1', 'hmi-2'], ['dms-a', 'dms-b'], 's2e-a', 'rtu-a', 'brk-a']);
    expect(techniques(p)!.slice(0, 3)).toEqual(['T0865', 'T0886', 'T0859']);
    expect(chokepoints(viaDc).dominators[0]!.assets).toEqual(['rtu-a', 's2e-a', 'vpn', 'dc']);
    expect(best(load(file, { drop: ['c-05', 'c-06', 't-01'] }), 'mail', 'brk-a')).toBeUndefined();
    // Two-factor authentication on the VPN (the E-ISAC recommendation): the password alone is a tenth
    // as likely (0.05), the domain's accounts a fifth (0.9 × 0.2): the attacker goes through the DC.
    const mfa = best(load(file, { controls: { vpn: ['mfa'] } }), 'mail', 'brk-a');
    expect(mfa!.nodes.slice(2, 4)).toEqual(['dc', 'vpn']);
    expect(mfa!.likelihood).toBeCloseTo(0.3 * 0.4 * 0.9 * 0.2 * 0.4 * 0.7 * 0.8 * 0.8 * 0.95, 12);
    // The breaker is the process: unwired from its RTU, it is out of reach.
    expect(best(load(file, { drop: ['c-19'] }), 'mail', 'brk-a')).toBeUndefined();
  });

  it('the breach story starts at the spearphishing mail, as a nation-state, and opens a breaker', () => {
    const s = withTimeToCompromise(ctx, breachStory(ctx, 'mail'));
    expect(s.entry).toMatchObject({ id: 'mail', profile: 'nation-state' });
    expect(s.attacker.profile).toBe('nation-state');
    expect(['brk-a', 'brk-b']).toContain(s.target?.id);
    expect(s.steps.map((x) => x.technique)).toEqual(documented);
    expect(s.steps[0]!.sentence).toMatch(/malicious e-mail attachment/);
    expect(s.ttc!.sentence).toMatch(/^A nation-state attacker entering through Company mail server \(spearphishing delivered here\) reaches Substation . feeder breaker/);
  });
});

describe('Norsk Hydro 2019 (LockerGoga): phishing → Active Directory → the plant hosts in the same domain', () => {
  const file = 'norsk-hydro-2019.json';
  const ctx = load(file);
  const jewels = ['hmi-press-1', 'hmi-press-2', 'mes'] as const;

  it('the most likely path to each production host is the documented chain, for a cybercriminal too', () => {
    for (const c of [ctx, withProfile(ctx, 'cybercriminal')]) {
      for (const j of jewels) {
        const p = best(c, 'mail', j);
        follows(p, ['mail', ['ws-sales', 'ws-finance'], 'dc', j]);
        expect(techniques(p)).toEqual(['T0865', 'T0886', 'T0859']);
        expect(rules(p)).toEqual(['phishing', 'remote-admin-service', 'domain-membership']);
        expect(p!.likelihood).toBeCloseTo(0.3 * 0.4 * 0.9, 12); // no step needs skill the profile scales
      }
    }
    expect(top3(ctx, 'mail', 'hmi-press-1')).toContainEqual(['mail', 'ws-sales', 'dc', 'hmi-press-1']);
  });

  it('the domain controller is the chokepoint: it dominates every production jewel and is the whole minimum cut', () => {
    const c = chokepoints(ctx);
    expect(c.dominators).toEqual(jewels.map((jewel) => ({ jewel, reachable: true, assets: ['dc'] })));
    expect(c.minCut).toMatchObject({ kind: 'cut', assets: ['dc'], protects: [...jewels] });
  });

  it('with the plant hosts out of the company domain, or the DC out of the workstations\' reach, no production host is reachable', () => {
    const apart = load(file, { drop: ['t-06', 't-07', 't-08', 't-09'] });
    for (const j of jewels) expect(best(apart, 'mail', j), j).toBeUndefined();
    expect(best(apart, 'mail', 'erp')).toBeDefined(); // the office still falls
    // Without the harvested-credential logon to the DC, the domain is out of reach from the workstations.
    expect(best(load(file, { drop: ['c-03', 'c-04'] }), 'mail', 'hmi-press-1')).toBeUndefined();
  });

  it('the breach story starts at the hijacked customer e-mail, as a cybercriminal', () => {
    const s = withTimeToCompromise(ctx, breachStory(ctx, 'mail'));
    expect(s.entry).toMatchObject({ id: 'mail', profile: 'cybercriminal' });
    expect(s.attacker).toEqual({ profile: 'cybercriminal', article: 'a cybercriminal', from: 'entry' });
    expect(jewels).toContain(s.target?.id);
    expect(s.steps.map((x) => `${x.fromId}>${x.toId}`)).toEqual(['mail>ws-sales', 'ws-sales>dc', `dc>${s.target!.id}`]);
    expect(s.ttc!.sentence).toMatch(/^A cybercriminal entering through Company e-mail \(customer's hijacked thread arrives\) reaches /);
  });
});
