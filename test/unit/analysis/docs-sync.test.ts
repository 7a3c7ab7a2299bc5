// docs/attack-rules.md must name every rule and every control factor of the code, with its value;
// every rule's capability and time class, every attacker profile with its skill factors and every
// time class with its mean.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTACKER_PROFILES, CAPABILITIES, PROFILES, SKILL_LEVELS } from '../../../src/analysis/profiles';
import { FACTORS, RULES } from '../../../src/analysis/rules';
import { TTC_CLASSES } from '../../../src/analysis/ttc';

const doc = readFileSync('docs/attack-rules.md', 'utf8');
const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
const row = (id: string) => rows.find((l) => l.startsWith(`| \`${id}\` |`));

describe('docs/attack-rules.md', () => {
  it.each(RULES.map((r) => [r.id, r.technique] as const))('documents rule %s with technique %s', (id, technique) => {
    expect(row(id), id).toBeDefined();
    if (id !== 'analyst-override') expect(row(id)).toContain(technique);
  });

  it.each(RULES.filter((r) => !['analyst-override', 'shared-credentials', 'domain-membership', 'domain-trust', 'removable-media', 'transient-laptop'].includes(r.id)).map((r) => [r.id, r.capability, r.ttc] as const))(
    'documents network rule %s with capability %s and time class %s',
    (id, capability, ttc) => {
      const cells = row(id)!.split('|').map((c) => c.trim());
      expect(cells[4], `${id} capability`).toMatch(new RegExp(`^${capability}\\b`));
      expect(cells[5], `${id} time class`).toMatch(new RegExp(`^${ttc}\\b`));
    },
  );

  it('says the capability and time class of trust relations and media paths', () => {
    for (const id of ['shared-credentials', 'domain-membership', 'domain-trust']) expect(RULES.find((r) => r.id === id)).toMatchObject({ capability: 'credentials', ttc: 'easy' });
    for (const id of ['removable-media', 'transient-laptop']) expect(RULES.find((r) => r.id === id)).toMatchObject({ capability: 'physical', ttc: 'rounds' });
    expect(doc).toContain('Trust relations have capability `credentials` and time class `easy`; media paths capability\n`physical` and time class `rounds`.');
  });

  it.each(FACTORS.map((f) => [f.id, f.factor] as const))('documents factor %s as × %s', (id, factor) => {
    expect(row(id), id).toBeDefined();
    expect(row(id)).toContain(`| ${factor} |`);
  });

  it.each([...ATTACKER_PROFILES])('documents attacker profile %s with its skill levels and what it cannot use', (id) => {
    const p = PROFILES[id];
    const cells = row(id)!.split('|').map((c) => c.trim());
    expect(cells[2]).toBe(`${p.skill} ${SKILL_LEVELS[p.skill]}`);
    expect(cells[3]).toBe(`${p.processSkill} ${SKILL_LEVELS[p.processSkill]}`);
    expect(cells[4]).toBe(p.cannot.length ? p.cannot.join(', ') : '—');
  });

  it('names every capability and every time class with its mean', () => {
    for (const c of CAPABILITIES) expect(doc).toContain(`\`${c}\``);
    for (const [id, c] of Object.entries(TTC_CLASSES)) {
      expect(row(id), id).toBeDefined();
      if (c.kind === 'exponential') expect(row(id)).toContain(`| exponential | ${c.meanDays} day${c.meanDays === 1 ? '' : 's'} |`);
    }
  });
});
