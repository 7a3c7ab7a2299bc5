// Attacker profiles: the one table of what each kind of attacker can do and how fast — which
// capabilities (classes of attack-edge rules) it can use, and its skill factor on their likelihood
// and on their time to compromise. docs/attack-rules.md ("Attacker profiles") gives the sources; a
// test (docs-sync) fails when a profile or capability is missing there.
import { ATTACKER_PROFILES, type AttackerProfile } from '../model/schema';

export { ATTACKER_PROFILES, type AttackerProfile };

/**
 * What an attack-edge rule asks of the attacker. Every rule has one (rules.ts, RuleDef.capability);
 * an exploit is `kev-exploit` when the target's most exploitable CVE is in CISA KEV.
 */
export const CAPABILITIES = ['kev-exploit', 'exploit', 'unknown-flaw', 'supply-chain', 'ics', 'credentials', 'delivery', 'physical'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Attacker skill levels and their factor S: the share of existing exploits an attacker of that level
 * can use or adapt (Leversage & Byres 2008, "Estimating a system's mean time-to-compromise", IEEE
 * Security & Privacy 6(1), after McQueen et al. 2006; the values as tabulated in "Risk mitigation in
 * electric power systems: where to start?", Energy Informatics 2019, table 1).
 */
export const SKILL_LEVELS = { expert: 1, intermediate: 0.55, beginner: 0.3, novice: 0.15 } as const;
export type SkillLevel = keyof typeof SKILL_LEVELS;

/** Capabilities whose likelihood and time follow the attacker's skill; the others are the same for everyone. */
export const SKILL_BOUND: ReadonlySet<Capability> = new Set<Capability>(['exploit', 'unknown-flaw', 'supply-chain', 'ics']);

export interface ProfileDef {
  readonly id: AttackerProfile;
  /** "a cybercriminal": how sentences name the attacker. */
  readonly article: string;
  /** Skill level in IT exploitation (S of Leversage & Byres); the mapping of profiles to levels is an assumption. */
  readonly skill: SkillLevel;
  /** Skill in the industrial process and its controllers (commands, logic, I/O): insiders know the plant. */
  readonly processSkill: SkillLevel;
  /** Capabilities the profile cannot use at all (factor 0). */
  readonly cannot: readonly Capability[];
  /** One line for the docs and the UI. */
  readonly summary: string;
}

/** The profile table. Sources and assumptions: docs/attack-rules.md, "Attacker profiles". */
export const PROFILES: Readonly<Record<AttackerProfile, ProfileDef>> = {
  opportunistic: {
    id: 'opportunistic', article: 'an opportunistic attacker', skill: 'novice', processSkill: 'novice', cannot: ['unknown-flaw', 'supply-chain'],
    summary: 'Needs a public or KEV exploit, stolen credentials or a careless user; finds no new flaw and has no supply-chain reach.',
  },
  hacktivist: {
    id: 'hacktivist', article: 'a hacktivist', skill: 'beginner', processSkill: 'beginner', cannot: ['supply-chain'],
    summary: 'Uses public exploits and default passwords on exposed devices (the Unitronics defacements, T0812); little process knowledge.',
  },
  cybercriminal: {
    id: 'cybercriminal', article: 'a cybercriminal', skill: 'intermediate', processSkill: 'intermediate', cannot: ['supply-chain'],
    summary: 'A ransomware crew: KEV exploits, credentials and domain takeover at full strength, custom work at intermediate skill.',
  },
  insider: {
    id: 'insider', article: 'an insider', skill: 'intermediate', processSkill: 'expert', cannot: ['supply-chain'],
    summary: 'Starts with the valid credentials of its host and knows the process and its controllers; intermediate IT skill.',
  },
  'nation-state': {
    id: 'nation-state', article: 'a nation-state attacker', skill: 'expert', processSkill: 'expert', cannot: [],
    summary: 'Expert skill, unknown flaws and supply-chain reach (Dragonfly/Havex, TEMP.Veles: ATT&CK for ICS T0862).',
  },
};

/** What no profile means: every rule at its documented likelihood (an expert with every capability). */
export const NO_PROFILE_TEXT = 'no attacker profile: every rule at its documented likelihood (an expert with every capability)';

/** Likelihood factor of a capability for a profile (1 without a profile; 0: the profile cannot use it). */
export function capabilityFactor(profile: AttackerProfile | undefined, capability: Capability): number {
  if (profile === undefined) return 1;
  const p = PROFILES[profile];
  if (p.cannot.includes(capability)) return 0;
  if (capability === 'ics') return SKILL_LEVELS[p.processSkill];
  return SKILL_BOUND.has(capability) ? SKILL_LEVELS[p.skill] : 1;
}

/**
 * Time factor of a capability for a profile: skill-bound work takes 1/S as long (McQueen et al.'s
 * exploit-development time scales with the attacker's skill); 1 for the rest and without a profile.
 */
export function timeFactor(profile: AttackerProfile | undefined, capability: Capability): number {
  const f = capabilityFactor(profile, capability);
  return SKILL_BOUND.has(capability) && f > 0 ? 1 / f : 1;
}

/** Likelihood factors by profile (index in ATTACKER_PROFILES, then 'none' last) and capability, for the rules' hot loop. */
export const CAPABILITY_FACTORS: readonly Float64Array[] = [...ATTACKER_PROFILES, undefined].map((p) => Float64Array.from(CAPABILITIES, (c) => capabilityFactor(p, c)));

/** Index of a profile in CAPABILITY_FACTORS. */
export function profileIndex(profile: AttackerProfile | undefined): number {
  return profile === undefined ? ATTACKER_PROFILES.length : ATTACKER_PROFILES.indexOf(profile);
}

/** Whether a string names a profile. */
export function isAttackerProfile(x: unknown): x is AttackerProfile {
  return typeof x === 'string' && (ATTACKER_PROFILES as readonly string[]).includes(x);
}
