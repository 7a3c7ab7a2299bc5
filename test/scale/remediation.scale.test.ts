// The fast remediation plan on the generated M plant (10k assets, 100k connections, read from text
// into columns) against the former plan (test/helpers/remediation-reference.ts): the same steps,
// in the same order, with the same figures. Speed is measured by `npm run bench`, not here.
import { describe, expect, it } from 'vitest';
import { remediationPlan } from '../../src/analysis/remediation';
import { connectionColumns } from '../../src/model/connections';
import { generatePlant } from '../../src/model/generate';
import { parseModelText } from '../../src/model/parse';
import { serializeModel } from '../../src/model/serialize';
import { referenceRemediationPlan } from '../helpers/remediation-reference';

describe('remediation on the generated M plant', () => {
  it('plans the same 10 steps as the former greedy, with and without a budget', () => {
    const parsed = parseModelText(serializeModel(generatePlant({ assets: 10_000, seed: 1 })));
    if (parsed.kind !== 'ok') throw new Error('the generated plant is invalid');
    expect(connectionColumns(parsed.model)).toBeDefined();
    const plan = remediationPlan(parsed.model, { maxSteps: 10 });
    expect(plan.steps).toHaveLength(10);
    expect(plan).toEqual(referenceRemediationPlan(parsed.model, { maxSteps: 10 }));
    const budget = 12_000;
    expect(remediationPlan(parsed.model, { maxSteps: 6, budget })).toEqual(referenceRemediationPlan(parsed.model, { maxSteps: 6, budget }));
  }, 600_000);
});
