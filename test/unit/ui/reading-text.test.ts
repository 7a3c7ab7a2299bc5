// The diff in words (src/ui/scenarios/reading-text.ts) — on the reference plant's own diffs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { scenarioReport } from '../../../src/analysis/diff';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import { parseModelText } from '../../../src/model/parse';
import { changeText, countsText, reasonText, signedMoney, unchangedText } from '../../../src/ui/scenarios/reading-text';

const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const reference = parsed.model;
function report(edits: ScenarioEdit[]) {
  const r = applyEdits(reference, edits);
  if (r.kind !== 'ok') throw new Error('refused');
  return scenarioReport(buildContext(reference), buildContext(r.model), edits);
}

describe('reading-text', () => {
  it('signs money, and calls less than half a euro ±€0', () => {
    expect(signedMoney(1200)).toBe('+€1,200');
    expect(signedMoney(-3495892.15)).toBe('−€3,495,892');
    expect(signedMoney(0.4)).toBe('±€0');
    expect(signedMoney(-0.4)).toBe('±€0');
  });
  it('tells a re-routed pair by names with both likelihoods', () => {
    const r = report([{ kind: 'remove-trust', trust: 't-13', cost: 0 }]);
    const c = r.routes.changes.find((x) => x.kind === 're-routed' && x.entry === 'maint-laptop' && x.jewel === 'mes')!;
    expect(changeText(c)).toBe('Re-routed: Maintenance laptop (transient) → MES (orders, recipes, genealogy), 81.0% → 14.3%');
    expect(countsText(r.routes)).toBe(`${r.routes.counts['re-routed']} pairs re-routed, ${r.routes.counts.alternatives} pairs with only lesser paths changed`);
  });
  it('says why a patch moves no money: the same asset keeps an exploitable CVE', () => {
    const portal = reference.assets.find((a) => a.id === 'supplier-portal')!;
    const r = report([{ kind: 'patch-cve', asset: portal.id, cve: 'CVE-2019-19781', cost: 0 }]);
    expect(reasonText(r.whyUnchanged[0]!)).toBe(`${portal.name} is still exploitable via CVE-2023-3519 (CVSS 9.8, in CISA KEV) on the same asset; 1 more unpatched CVE (1 in KEV)`);
    expect(unchangedText(r.whyUnchanged)).toMatch(/^Why ±€0: .+ crown jewels keep their most likely path — none of them used what changed \(the one most at risk: .+\)\.$/);
  });
  it('has words for every reason', () => {
    expect(reasonText({ kind: 'no-crown-jewels' })).toContain('names no crown jewel');
    expect(reasonText({ kind: 'jewel-without-impact', asset: 'x', assetName: 'X' })).toBe('X has no impact set (€0): give it a downtime cost, a safety consequence or data');
    expect(reasonText({ kind: 'likelihood-without-impact', jewel: 'x', jewelName: 'X', before: 0.5, after: 0.25 })).toBe('X moved from 50.0% to 25.0%, but its impact is €0');
    expect(unchangedText([])).toBe('Why ±€0: nothing on any crown jewel’s most likely path changed.');
  });
});
