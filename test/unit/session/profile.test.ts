// The session analyses as the attacker profile set: every query (risk, paths, the scenario's diff,
// the executive summary) answers as a context built for that profile would.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { riskReport } from '../../../src/analysis/risk';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import { parseModelText } from '../../../src/model/parse';
import { createAnalysisSession } from '../../../src/session/analysis-session';

const text = readFileSync('models/reference-plant.json', 'utf8');
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;
const edits: ScenarioEdit[] = [{ kind: 'add-control', asset: 'ra-gw', control: 'mfa', cost: 0 }];

describe('analysis session profile', () => {
  it('answers every query as the profile set, the scenario included; null goes back', () => {
    const s = createAnalysisSession();
    expect(s.loadTextSummary(text).kind).toBe('ok');
    expect(s.profile()).toBeNull();
    const none = s.risk().total;
    expect(s.setProfile('cybercriminal')).toEqual({ kind: 'ok', profile: 'cybercriminal' });
    const want = riskReport(buildContext(model, undefined, { profile: 'cybercriminal' })).total;
    expect(want).not.toBeCloseTo(none, 0);
    expect(s.risk().total).toBeCloseTo(want, 6);
    expect(s.executive({ generatedAt: '2026-01-01' }).summary.profile).toBe('cybercriminal');
    // The scenario is analysed as the profile too, and its diff is against the profile's baseline.
    const r = s.applyScenario(edits);
    if (r.kind !== 'ok') throw new Error('scenario refused');
    const changed = applyEdits(model, edits);
    if (changed.kind !== 'ok') throw new Error('scenario does not apply');
    expect(r.diff!.risk.base).toBeCloseTo(want, 6);
    expect(r.diff!.risk.changed).toBeCloseTo(riskReport(buildContext(changed.model, undefined, { profile: 'cybercriminal' })).total, 6);
    expect(s.risk().total).toBeCloseTo(r.diff!.risk.changed, 6);
    expect(s.setProfile(null)).toEqual({ kind: 'ok', profile: null });
    expect(s.risk().total).toBeCloseTo(riskReport(buildContext(changed.model)).total, 6);
    expect(s.applyScenario(null).kind).toBe('ok');
    expect(s.risk().total).toBe(none);
  });

  it('refuses an unknown profile and keeps the one set', () => {
    const s = createAnalysisSession();
    s.loadTextSummary(text);
    s.setProfile('insider');
    expect(s.setProfile('apt' as never)).toEqual({ kind: 'invalid', errors: [{ path: 'profile', message: 'unknown attacker profile "apt"' }] });
    expect(s.profile()).toBe('insider');
  });

  it('keeps the profile across loads', () => {
    const s = createAnalysisSession();
    s.loadTextSummary(text);
    s.setProfile('opportunistic');
    s.loadTextSummary(readFileSync('models/water-treatment.json', 'utf8'));
    const water = parseModelText(readFileSync('models/water-treatment.json', 'utf8'));
    if (water.kind !== 'ok') throw new Error('water plant invalid');
    expect(s.risk().total).toBeCloseTo(riskReport(buildContext(water.model, undefined, { profile: 'opportunistic' })).total, 6);
  });
});
