// Named scenarios of one plant (src/ui/scenarios/scenario-set.ts): a new one, a copy, switching, deleting.
import { describe, expect, it } from 'vitest';
import { EMPTY_SCENARIO, type Scenario } from '../../../src/analysis/scenario';
import { duplicate, EMPTY_SET, MAX_SHELVED, nextName, readShelf, removeShelved, startNew, switchTo, type ScenarioSet } from '../../../src/ui/scenarios/scenario-set';

const cut: Scenario = { name: 'A', edits: [{ kind: 'remove-trust', trust: 't-13', cost: 1000 }], undone: [] };
const patch: Scenario = { name: 'B', edits: [{ kind: 'patch-cve', asset: 'hmi', cve: 'CVE-1', cost: 1500 }], undone: [] };

describe('scenario sets', () => {
  it('a new scenario keeps the active one beside it, named with the next free number', () => {
    const s = startNew({ active: cut, shelf: [] });
    expect(s).toEqual({ active: { ...EMPTY_SCENARIO, name: 'Scenario 1' }, shelf: [cut] });
    expect(startNew(s).active.name).toBe('Scenario 1'); // the blank one is not kept
    expect(startNew(s).shelf).toEqual([cut]);
    expect(nextName([{ ...EMPTY_SCENARIO, name: 'Scenario 1' }, { ...cut, name: 'Scenario 2' }])).toBe('Scenario 3');
  });
  it('a copy goes on with the same edits under a new name', () => {
    const s = duplicate({ active: cut, shelf: [] });
    expect(s.active).toEqual({ ...cut, name: 'A (copy)' });
    expect(s.shelf).toEqual([cut]);
    expect(duplicate(s).active.name).toBe('A (copy) (copy)');
    expect(duplicate({ active: cut, shelf: [{ ...cut, name: 'A (copy)' }] }).active.name).toBe('A (copy 2)');
  });
  it('switching swaps the active scenario with the one kept; deleting removes only that one', () => {
    const s: ScenarioSet = { active: cut, shelf: [patch] };
    expect(switchTo(s, 0)).toEqual({ active: patch, shelf: [cut] });
    expect(switchTo(s, 5)).toBe(s);
    expect(removeShelved(s, 0)).toEqual({ active: cut, shelf: [] });
    expect(removeShelved(s, 3)).toBe(s);
    // A blank active scenario is not kept when another is opened.
    expect(switchTo({ active: EMPTY_SCENARIO, shelf: [patch] }, 0)).toEqual({ active: patch, shelf: [] });
  });
  it('keeps at most MAX_SHELVED beside the active one, the oldest going first', () => {
    let s: ScenarioSet = EMPTY_SET;
    for (let i = 0; i < MAX_SHELVED + 3; i++) s = startNew({ ...s, active: { ...cut, name: `S${i}` } });
    expect(s.shelf).toHaveLength(MAX_SHELVED);
    expect(s.shelf[0]!.name).toBe('S3');
  });
  it('reads back from storage only scenarios of the right shape', () => {
    expect(readShelf([cut, null, { name: 3 }, { name: 'x', edits: [] }, patch])).toEqual([cut, patch]);
    expect(readShelf('nope')).toEqual([]);
    expect(readShelf(undefined)).toEqual([]);
  });
});
