// Attacker profiles (src/analysis/profiles.ts) and the rule selection they go through: the profile
// table's factors reach every edge, a profile never makes a step more likely than no profile, and —
// under every profile — an unpatched CVE never makes a step less likely than it is without the CVE.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainEdge } from '../../../src/analysis/attack-graph';
import { buildContext, withProfile, type PlantContext } from '../../../src/analysis/context';
import { ATTACKER_PROFILES, capabilityFactor, PROFILES, SKILL_LEVELS, timeFactor } from '../../../src/analysis/profiles';
import { RULES } from '../../../src/analysis/rules';
import { EDGE_KINDS } from '../../../src/model/compact';
import type { AttackerProfile, PlantModel } from '../../../src/model/schema';
import { smallPlant } from '../../helpers/builders';
import { remediationPlant } from '../../helpers/exhaustive';

const PROFILE_OR_NONE: readonly (AttackerProfile | undefined)[] = [undefined, ...ATTACKER_PROFILES];

/** The most likely edge of each step: record (kind, index) × direction (from → to). */
function steps(ctx: PlantContext): Map<string, { likelihood: number; rule: string }> {
  const out = new Map<string, { likelihood: number; rule: string }>();
  const ag = ctx.attack;
  for (let e = 0; e < ag.edgeCount; e++) {
    const arc = ag.origin[e]!;
    const key = `${EDGE_KINDS[ctx.graph.edgeKind[arc]!]}:${ctx.graph.edgeRef[arc]}:${ag.edgeSource[e]}>${ag.edgeTarget[e]}`;
    const held = out.get(key);
    if (!held || ag.likelihood[e]! > held.likelihood) out.set(key, { likelihood: ag.likelihood[e]!, rule: RULES[ag.rule[e]!]!.id });
  }
  return out;
}

/** The model with every CVE of every asset marked patched. */
function allPatched(m: PlantModel): PlantModel {
  return { ...m, assets: m.assets.map((a) => (a.vulnerabilities ? { ...a, vulnerabilities: a.vulnerabilities.map((v) => ({ ...v, patched: true })) } : a)) };
}

describe('an unpatched CVE never makes a step less likely than without it', () => {
  it('holds on random plants for every profile: each step with the CVEs is at least as likely as with all of them patched', () => {
    let exploitSteps = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...PROFILE_OR_NONE), (seed, profile) => {
        const m = remediationPlant(seed, 10);
        const withCves = steps(buildContext(m, undefined, { profile }));
        const patched = steps(buildContext(allPatched(m), undefined, { profile }));
        for (const [key, before] of patched) {
          const now = withCves.get(key);
          expect(now, `seed ${seed}, ${profile ?? 'no profile'}: step ${key} (${before.rule} ${before.likelihood}) disappeared`).toBeDefined();
          expect(now!.likelihood, `seed ${seed}, ${profile ?? 'no profile'}: step ${key} ${before.rule} ${before.likelihood} → ${now!.rule} ${now!.likelihood}`).toBeGreaterThanOrEqual(before.likelihood);
        }
        for (const s of withCves.values()) if (s.rule.startsWith('exploit')) exploitSteps++;
      }),
      { numRuns: 400 },
    );
    // The property is about something: many steps of these plants are exploits.
    expect(exploitSteps).toBeGreaterThan(200);
  });
});

describe('attacker profiles', () => {
  it('the table: skill factors from Leversage & Byres, supply chain for nation-states only, KEV exploits and credentials at full strength for all', () => {
    expect(SKILL_LEVELS).toEqual({ expert: 1, intermediate: 0.55, beginner: 0.3, novice: 0.15 });
    for (const p of ATTACKER_PROFILES) {
      expect(capabilityFactor(p, 'kev-exploit')).toBe(1);
      expect(capabilityFactor(p, 'credentials')).toBe(1);
      expect(capabilityFactor(p, 'supply-chain')).toBe(p === 'nation-state' ? 1 : 0);
      expect(capabilityFactor(p, 'exploit')).toBe(SKILL_LEVELS[PROFILES[p].skill]);
      expect(timeFactor(p, 'exploit')).toBeCloseTo(1 / SKILL_LEVELS[PROFILES[p].skill], 12);
      expect(timeFactor(p, 'credentials')).toBe(1);
    }
    expect(capabilityFactor('opportunistic', 'unknown-flaw')).toBe(0);
    expect(capabilityFactor('insider', 'ics')).toBe(1);
    expect(capabilityFactor('cybercriminal', 'ics')).toBe(0.55);
    expect(capabilityFactor(undefined, 'supply-chain')).toBe(1);
  });

  it('no profile never makes a step less likely than a profile; a nation-state is no profile', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (seed) => {
        const m = remediationPlant(seed, 10);
        const none = buildContext(m);
        const plain = steps(none);
        for (const p of ATTACKER_PROFILES) {
          for (const [key, s] of steps(buildContext(m, undefined, { profile: p }))) {
            expect(plain.get(key)!.likelihood, `seed ${seed}, ${p}: ${key}`).toBeGreaterThanOrEqual(s.likelihood - 1e-15);
          }
        }
        const ns = buildContext(m, undefined, { profile: 'nation-state' });
        expect(Array.from(ns.attack.likelihood)).toEqual(Array.from(none.attack.likelihood));
        expect(Array.from(ns.attack.rule)).toEqual(Array.from(none.attack.rule));
      }),
      { numRuns: 150 },
    );
  });

  it('an opportunistic attacker has no unknown flaw and no supply chain; a non-KEV exploit is ×0.15, a KEV one ×1; the why says so', () => {
    const model = smallPlant({
      assets: [
        ['inet', 'internet', 'z5'], ['sup', 'supplier', 'z5'], ['web', 'server', 'z4', { vulnerabilities: [{ cve: 'CVE-2023-0001', cvss: 9 }] }],
        ['vpn', 'remote-access-gateway', 'z4', { vulnerabilities: [{ cve: 'CVE-2023-0002', cvss: 9, kev: true }] }], ['erp', 'erp', 'z4'],
      ],
      connections: [['inet', 'web', 'https'], ['inet', 'vpn', 'https'], ['web', 'erp', 'mssql'], ['sup', 'erp', 'https']],
      entryPoints: ['inet'], crownJewels: ['erp'],
    });
    const none = buildContext(model);
    const opp = withProfile(none, 'opportunistic');
    expect(withProfile(none, 'opportunistic')).toBe(opp);
    expect(withProfile(opp, undefined).attack.likelihood).toEqual(none.attack.likelihood);
    const view = (ctx: PlantContext) => {
      const out: Record<string, number> = {};
      for (let e = 0; e < ctx.attack.edgeCount; e++) {
        const x = explainEdge(ctx.graph, ctx.attack, e);
        out[`${x.from}>${x.to}:${x.rule}`] = Number(x.likelihood.toFixed(6));
      }
      return out;
    };
    expect(view(none)).toEqual({
      'inet>web:exploit-public-facing': 0.59, 'inet>vpn:exploit-public-facing': 0.815, 'web>erp:application-service': 0.1,
      'sup>erp:application-service': 0.1, 'sup>erp:supply-chain': 0.3,
    });
    expect(view(opp)).toEqual({ 'inet>web:exploit-public-facing': Number((0.59 * 0.15).toFixed(6)), 'inet>vpn:exploit-public-facing': 0.815 });
    const cyber = withProfile(none, 'cybercriminal');
    expect(view(cyber)['web>erp:application-service']).toBeCloseTo(0.055, 12);
    let why = '';
    for (let e = 0; e < opp.attack.edgeCount; e++) {
      const x = explainEdge(opp.graph, opp.attack, e);
      if (x.to === 'web') why = x.why;
    }
    expect(why).toContain('×0.15: an opportunistic attacker (novice skill, factor 0.15) at exploits of CVEs not known to be exploited.');
  });
});
