// Remediation steps in words: names only (no model id in the text), the ids kept apart; the plan as
// CSV reads back with the plan's own figures.
import { describe, expect, it } from 'vitest';
import { remediationPlan, type RemediationAction } from '../../../src/analysis/remediation';
import { parseCsv } from '../../../src/import/csv';
import { nameList, PLAN_CSV_HEADER, planCsv, stepTexts } from '../../../src/report/plan';
import type { PlantModel } from '../../../src/model/schema';
import { load, loadModel, SAMPLES } from './fixtures';

/** Every id of a model (assets, zones, connections, trust, media, lines) — what must not show in a sentence. */
function modelIds(m: PlantModel): string[] {
  return [
    ...m.assets.map((a) => a.id), ...m.zones.map((z) => z.id), ...m.connections.map((c) => c.id),
    ...(m.trust ?? []).map((t) => t.id), ...(m.media ?? []).map((x) => x.id), ...(m.productionLines ?? []).map((l) => l.id),
  ];
}

/** The text with every name of the model taken out (longest first): what is left must hold no id. */
function withoutNames(text: string, m: PlantModel): string {
  const names = [...m.assets.map((a) => a.name), ...(m.media ?? []).flatMap((x) => (x.name ? [x.name] : []))].sort((a, b) => b.length - a.length);
  for (const n of names) text = text.split(n).join(' ');
  return text;
}

const mentions = (text: string, id: string) => new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(text);

describe('stepTexts', () => {
  const ref = loadModel('models/reference-plant.json');

  it('names the records an action acts on, and keeps their ids apart', () => {
    const laptop = ref.media!.find((m) => m.kind === 'transient-laptop')!;
    const membership = ref.trust!.find((t) => t.kind === 'domain-membership')!;
    const domainTrust = ref.trust!.find((t) => t.kind === 'domain-trust')!;
    const conn = ref.connections[0]!;
    const name = (id: string) => ref.assets.find((a) => a.id === id)!.name;
    const actions: RemediationAction[] = [
      { kind: 'isolate-media', media: laptop.id, cost: 1 },
      { kind: 'remove-trust', trust: membership.id, cost: 1 },
      { kind: 'remove-trust', trust: domainTrust.id, cost: 1 },
      { kind: 'remove-connection', connection: conn.id, cost: 1 },
      { kind: 'require-authentication', connection: conn.id, cost: 1 },
      { kind: 'add-control', asset: conn.to, control: 'mfa', cost: 1 },
      { kind: 'patch-cve', asset: conn.to, cve: 'CVE-2023-4966', cost: 1 },
    ];
    const t = stepTexts(ref, actions);
    expect(laptop.to.length).toBeGreaterThan(3);
    expect(t[0]).toEqual({ text: `Stop the transient laptop path “${laptop.name}” (from ${nameList(laptop.from.map(name))} to ${name(laptop.to[0]!)}, ${name(laptop.to[1]!)} and ${laptop.to.length - 2} more)`, refs: [laptop.id] });
    expect(t[1]).toEqual({ text: `Take ${name(membership.to)} out of the domain of ${name(membership.from)}`, refs: [membership.id] });
    expect(t[2]).toEqual({ text: `Remove the domain trust from ${name(domainTrust.from)} to ${name(domainTrust.to)}`, refs: [domainTrust.id] });
    expect(t[3]).toEqual({ text: `Block the ${conn.protocol} connection from ${name(conn.from)} to ${name(conn.to)}`, refs: [conn.id] });
    expect(t[4]!.text).toBe(`Require authentication on the ${conn.protocol} connection from ${name(conn.from)} to ${name(conn.to)}`);
    expect(t[5]).toEqual({ text: `Add multi-factor authentication to ${name(conn.to)}`, refs: [conn.to] });
    expect(t[6]).toEqual({ text: `Patch CVE-2023-4966 on ${name(conn.to)}`, refs: [conn.to] });
  });

  it('lists up to three names, then the first two and how many more', () => {
    expect(nameList([])).toBe('');
    expect(nameList(['A'])).toBe('A');
    expect(nameList(['A', 'B'])).toBe('A and B');
    expect(nameList(['A', 'B', 'C'])).toBe('A, B and C');
    expect(nameList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B and 3 more');
  });

  it('says so when a record is gone, without its id', () => {
    const t = stepTexts(ref, [{ kind: 'remove-connection', connection: 'c-gone', cost: 1 }, { kind: 'remove-trust', trust: 't-gone', cost: 1 }]);
    expect(t.map((x) => x.text)).toEqual(['Block a connection no longer in the plant', 'Remove a trust relation no longer in the plant']);
    expect(t.map((x) => x.refs)).toEqual([['c-gone'], ['t-gone']]);
  });

  for (const file of SAMPLES) {
    it(`${file}: no step of the plan names a model id`, () => {
      const ctx = load(file);
      const plan = remediationPlan(ctx.model, { maxSteps: 20 });
      expect(plan.steps.length).toBeGreaterThan(3);
      const ids = modelIds(ctx.model);
      for (const { text, refs } of stepTexts(ctx.model, plan.steps.map((s) => s.action))) {
        expect(refs.length).toBe(1);
        const rest = withoutNames(text, ctx.model);
        for (const id of ids) expect(mentions(rest, id), `"${text}" names the id ${id}`).toBe(false);
        // The old wording did: the refs are what it named.
        for (const r of refs) expect(ids).toContain(r);
      }
    });
  }
});

describe('planCsv', () => {
  it('reads back with the plan’s steps, costs and risks, in order', () => {
    const ctx = load('models/reference-plant.json');
    const plan = remediationPlan(ctx.model, { maxSteps: 12 });
    const r = parseCsv(planCsv(ctx.model, plan), { delimiter: ',' });
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
    expect(r.table.header).toEqual([...PLAN_CSV_HEADER]);
    expect(r.table.records).toHaveLength(plan.steps.length);
    const texts = stepTexts(ctx.model, plan.steps.map((s) => s.action));
    r.table.records.forEach((rec, i) => {
      const s = plan.steps[i]!;
      expect(rec.fields).toEqual([
        String(i + 1), texts[i]!.text, s.action.kind, texts[i]!.refs.join(' '), String(s.action.cost), String(s.cumulativeCost),
        String(Math.round(s.riskRemoved)), String(Math.round(s.riskAfter)),
      ]);
    });
    expect(Number(r.table.records.at(-1)!.fields[5])).toBe(plan.steps.at(-1)!.cumulativeCost);
  });
});
