// The what-if scenario's change in time to compromise, as the session answers the app: the same as
// ttcChange over the plant as loaded and the changed plant built directly, as the attacker set.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import { ttcChange } from '../../../src/analysis/ttc-change';
import { parseModelText } from '../../../src/model/parse';
import { createAnalysisSession } from '../../../src/session/analysis-session';

const text = readFileSync('models/reference-plant.json', 'utf8');
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;
// The maintenance laptop's rounds stopped: the jewels it reached directly fall later (or never).
const edits: ScenarioEdit[] = [{ kind: 'isolate-media', media: 'm-laptop', cost: 0 }];

describe('session.scenarioTtc', () => {
  it('answers null without a scenario, and the median change per jewel with one, as the attacker set', () => {
    const s = createAnalysisSession();
    s.loadTextSummary(text);
    expect(s.scenarioTtc(300, 1)).toBeNull();
    expect(s.applyScenario(edits).kind).toBe('ok');
    const changed = applyEdits(model, edits);
    if (changed.kind !== 'ok') throw new Error('scenario does not apply');
    const got = s.scenarioTtc(300, 1)!;
    expect(got).toEqual(ttcChange(buildContext(model), buildContext(changed.model), 300, 1));
    // Asked again (the baseline's run kept) and with other samples (not the kept run): as computed afresh.
    expect(s.scenarioTtc(300, 1)).toEqual(got);
    expect(s.scenarioTtc(200, 2)).toEqual(ttcChange(buildContext(model), buildContext(changed.model), 200, 2));
    // Stopping the laptop delays the furnace SIS it reached directly: the check can fail.
    const sis = got.jewels.find((j) => j.asset === 'sis-furnace')!;
    expect(sis.changedProbability < sis.baseProbability || (sis.medianChangeDays ?? 0) > 0).toBe(true);
    s.setProfile('cybercriminal');
    expect(s.scenarioTtc(300, 1)).toEqual(ttcChange(buildContext(model, undefined, { profile: 'cybercriminal' }), buildContext(changed.model, undefined, { profile: 'cybercriminal' }), 300, 1));
    expect(() => s.scenarioTtc(0)).toThrow('scenarioTtc: samples must be an integer in 1..100000, got 0');
  });
});
