// Attacker profiles in the app (#19): the analysis panel's picker analyses the reference plant "as"
// a profile — plant risk, paths and the executive view change to that attacker's figures, computed
// by the workers — and the executive view leads with the time to compromise and says which attacker.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { buildContext } from '../../src/analysis/context';
import { riskReport } from '../../src/analysis/risk';
import { parseModelText } from '../../src/model/parse';
import type { AttackerProfile } from '../../src/model/schema';
import { formatMoney as money } from '../../src/report/format';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const reference = parsed.model;
const riskAs = (profile?: AttackerProfile) => money(riskReport(buildContext(reference, undefined, { profile })).total);
const app = useApp(baseUrl);

async function riskShown(): Promise<string> {
  await app.page.waitForFunction(() => document.querySelector('[data-testid="plant-risk"]')?.textContent?.startsWith('€'), undefined, { timeout: 60_000 });
  return (await app.page.getByTestId('plant-risk').textContent()) ?? '';
}

describe('attacker profiles', () => {
  it('analyses the plant as the attacker chosen: plant risk is that attacker\'s', async () => {
    await app.page.getByTestId('paths-panel').waitFor({ timeout: 30_000 });
    expect(await riskShown()).toBe(riskAs());
    const opportunistic = riskAs('opportunistic');
    expect(opportunistic).not.toBe(riskAs()); // the profile changes the figure, so the check below can fail
    await app.page.getByTestId('profile-select').selectOption('opportunistic');
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-risk"]')?.textContent === want, opportunistic, { timeout: 60_000 });
    await app.page.getByTestId('paths-panel').waitFor({ timeout: 30_000 });
    await app.page.waitForSelector('[data-testid="graph-view"][data-drawn="true"]', { timeout: 60_000 });
    await app.page.waitForTimeout(300);
    await shot(app.page, '90-profile-opportunistic');
    // A nation-state has every capability at expert skill: the figures with no profile.
    await app.page.getByTestId('profile-select').selectOption('nation-state');
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-risk"]')?.textContent === want, riskAs('nation-state'), { timeout: 60_000 });
    expect(riskAs('nation-state')).toBe(riskAs());
    expect(app.health.errors).toEqual([]);
  });

  it('the executive view leads with the time to compromise, told as the attacker chosen', async () => {
    await app.page.getByTestId('profile-select').selectOption('cybercriminal');
    await app.page.waitForFunction((want) => document.querySelector('[data-testid="plant-risk"]')?.textContent === want, riskAs('cybercriminal'), { timeout: 60_000 });
    await app.page.getByTestId('executive-toggle').click();
    const lead = app.page.getByTestId('exec-ttc');
    await lead.waitFor({ timeout: 60_000 });
    const text = (await lead.textContent()) ?? '';
    expect(text).toMatch(/^A cybercriminal entering through .+ reaches .+ (in a median of [\d.]+ (minute|hour|day|year)s?|in (\d+ of 10|fewer than 1 in 10) attempts)/);
    expect(text).toMatch(/within 30 days/);
    expect(text).toMatch(/Within 1 day \d+(\.\d+)?% · 7 days \d+(\.\d+)?% · 30 days \d+(\.\d+)?% · ever \d+(\.\d+)?%/);
    // The lead comes before the key figures.
    const order = await app.page.evaluate(() => {
      const ttc = document.querySelector('[data-testid="exec-ttc"]')!;
      const kpis = document.querySelector('[data-testid="exec-kpis"]')!;
      return ttc.compareDocumentPosition(kpis) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(await app.page.getByTestId('exec-attacker').textContent()).toContain('The breach story is told as a cybercriminal, the profile chosen for the analysis. Plant-wide figures as a cybercriminal.');
    expect(await app.page.getByTestId('kpi-risk').textContent()).toBe(riskAs('cybercriminal'));
    await shot(app.page, '91-executive-ttc-lead');
    await app.page.getByTestId('exec-close').click();
    expect(app.health.errors).toEqual([]);
  });
});
