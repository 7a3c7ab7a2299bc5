// The random plants of the property tests (test/helpers/random.ts) exercise every attack-edge rule:
// the brute-force and oracle comparisons over them (paths, blast, dominators, cut, remediation) are
// then checks of every rule, not only of those a plant happens to contain.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { RULES } from '../../../src/analysis/rules';
import { randomPlant } from '../../helpers/random';

describe('random plants of the property tests', () => {
  it('derive an edge of every rule over 2,000 seeds', () => {
    const seen = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++) {
      const ctx = buildContext(randomPlant(seed));
      for (let e = 0; e < ctx.attack.edgeCount; e++) {
        const id = RULES[ctx.attack.rule[e]!]!.id;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    const missing = RULES.map((r) => r.id).filter((id) => !seen.has(id));
    expect(missing, `rules no random plant derives: ${missing.join(', ')}`).toEqual([]);
  });
});
