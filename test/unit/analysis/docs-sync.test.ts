// docs/attack-rules.md must name every rule and every control factor of the code, with its value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACTORS, RULES } from '../../../src/analysis/rules';

const doc = readFileSync('docs/attack-rules.md', 'utf8');
const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
const row = (id: string) => rows.find((l) => l.startsWith(`| \`${id}\` |`));

describe('docs/attack-rules.md', () => {
  it.each(RULES.map((r) => [r.id, r.technique] as const))('documents rule %s with technique %s', (id, technique) => {
    expect(row(id), id).toBeDefined();
    if (id !== 'analyst-override') expect(row(id)).toContain(technique);
  });

  it.each(FACTORS.map((f) => [f.id, f.factor] as const))('documents factor %s as × %s', (id, factor) => {
    expect(row(id), id).toBeDefined();
    expect(row(id)).toContain(`| ${factor} |`);
  });
});
