// The diff as it is read (#17): each entry point × crown jewel pair classified — new, cut off,
// re-routed (same entry and jewel, another most likely route), likelihood changed, alternatives
// changed — with routes by asset names; and why a change that moves no money moves none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { diffScenarios, scenarioReport, unchangedMoney } from '../../../src/analysis/diff';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import { parseModelText } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { clone, tinyPlant } from '../../helpers/builders';

function load(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} does not load`);
  return r.model;
}

function report(base: PlantModel, edits: ScenarioEdit[]) {
  const r = applyEdits(base, edits);
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
  return scenarioReport(buildContext(base), buildContext(r.model), edits);
}

const reference = load('models/reference-plant.json');

describe('route changes on the reference plant', () => {
  const edits: ScenarioEdit[] = [{ kind: 'remove-trust', trust: 't-13', cost: 0 }]; // OT DC → MES domain membership
  const r = report(reference, edits);

  it('removing the OT domain’s hold on the MES re-routes paths to it instead of listing them as new', () => {
    expect(r.diff.newPaths.length).toBeGreaterThan(10); // what the raw diff calls new…
    expect(r.routes.counts.new).toBe(0); // …is not a new pair
    const rerouted = r.routes.changes.filter((c) => c.kind === 're-routed');
    expect(rerouted.length).toBeGreaterThan(0);
    for (const c of rerouted) {
      const step = (nodes: readonly string[]) => nodes.some((n, i) => n === 'ot-dc' && nodes[i + 1] === 'mes');
      // Same entry and jewel, the old route used the trust removed, the new one does not.
      expect([c.before!.nodes[0], c.before!.nodes.at(-1), c.after!.nodes[0], c.after!.nodes.at(-1)]).toEqual([c.entry, c.jewel, c.entry, c.jewel]);
      expect(step(c.before!.nodes)).toBe(true);
      expect(step(c.after!.nodes)).toBe(false);
      expect(c.after!.likelihood).toBeLessThanOrEqual(c.before!.likelihood);
      // Named, not ids.
      expect(c.after!.names).toEqual(c.after!.nodes.map((id) => reference.assets.find((a) => a.id === id)!.name));
    }
    expect(rerouted.find((c) => c.entry === 'maint-laptop' && c.jewel === 'mes')?.after?.names).toEqual([
      'Maintenance laptop (transient)', 'OT domain controller', 'OT jump host (RDP gateway)', 'MES (orders, recipes, genealogy)',
    ]);
  });

  it('accounts for every path the raw diff lists, pair by pair', () => {
    const added = r.routes.changes.reduce((s, c) => s + c.added, 0);
    const removed = r.routes.changes.reduce((s, c) => s + c.removed, 0);
    expect(added).toBe(r.diff.newPaths.length);
    expect(removed).toBe(r.diff.removedPaths.length);
    const pairs = reference.entryPoints.length * reference.crownJewels.length;
    const { counts } = r.routes;
    expect(counts.new + counts['re-routed'] + counts.likelihood + counts.cut + counts.alternatives + counts.unchanged).toBeLessThanOrEqual(pairs);
    expect(r.whyUnchanged).toEqual([]); // the risk moved
  });

  it('says why removing the corporate → OT domain trust moves no money: every jewel keeps its most likely route', () => {
    const t20 = report(reference, [{ kind: 'remove-trust', trust: 't-20', cost: 0 }]);
    expect(unchangedMoney(t20.diff.risk.delta)).toBe(true);
    const same = t20.whyUnchanged.find((w) => w.kind === 'same-routes');
    if (same?.kind !== 'same-routes' || !same.top) throw new Error('expected every jewel to keep its route');
    expect(same.jewels).toBe(reference.crownJewels.length);
    // The route named is the one to the jewel with the most risk, and it does not use the trust removed.
    const risk = t20.diff.jewels.reduce((a, b) => (b.changedRisk > a.changedRisk ? b : a));
    expect(same.top.jewel).toBe(risk.asset);
    const route = same.top.route.nodes;
    expect(route.some((n, i) => n === 'corp-dc' && route[i + 1] === 'ot-dc')).toBe(false);
    // The pairs that did lose likelihood are listed as such.
    expect(t20.routes.counts.likelihood).toBeGreaterThan(0);
  });

  it('says a patched asset is still exploitable through its most exploitable remaining CVE', () => {
    const portal = reference.assets.find((a) => a.id === 'supplier-portal')!;
    const [first, ...rest] = portal.vulnerabilities!;
    const p = report(reference, [{ kind: 'patch-cve', asset: portal.id, cve: first!.cve, cost: 0 }]);
    expect(unchangedMoney(p.diff.risk.delta)).toBe(true);
    const best = [...rest].sort((a, b) => (b.kev ? 0.85 : 0.6) * b.cvss! - (a.kev ? 0.85 : 0.6) * a.cvss!)[0]!;
    expect(p.whyUnchanged[0]).toEqual({
      kind: 'still-exploitable', asset: portal.id, assetName: portal.name, cve: best.cve, cvss: best.cvss, kev: best.kev, more: rest.length - 1, moreKev: rest.filter((v) => v !== best && v.kev).length,
    });
  });
});

describe('route changes on small plants', () => {
  it('a pair newly reachable is new; one no longer reachable is cut off; marking says so', () => {
    const cut = report(tinyPlant(), [{ kind: 'remove-connection', connection: 'c-1', cost: 0 }]);
    expect(cut.routes.changes.map((c) => [c.kind, c.entry, c.jewel, c.marking])).toEqual([['cut', 'inet', 'plc', undefined]]);
    expect(cut.routes.changes[0]!.before!.names[0]).toBe('Internet');
    const marked = report(tinyPlant(), [{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { downtimeCostPerHour: 100 } } }]);
    expect(marked.routes.changes.map((c) => [c.kind, c.jewel, c.marking])).toEqual([['new', 'hmi', 'marked']]);
    const unmarked = report(tinyPlant(), [{ kind: 'unmark-entry', asset: 'inet' }]);
    expect(unmarked.routes.changes.map((c) => [c.kind, c.marking])).toEqual([['cut', 'unmarked']]);
  });

  it('the same route made less likely is a likelihood change, not a new path', () => {
    const r = report(tinyPlant(), [{ kind: 'set-likelihood', record: 'c-1', likelihood: 0.01 }]);
    expect(r.diff.newPaths).toEqual([]);
    expect(r.routes.changes.map((c) => c.kind)).toEqual(['likelihood']);
    expect(r.routes.changes[0]!.after!.likelihood).toBeLessThan(r.routes.changes[0]!.before!.likelihood);
  });

  it('a second route taking over is a re-route', () => {
    const base = clone(tinyPlant());
    base.connections.push({ id: 'c-9', from: 'inet', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way', likelihood: 0.001 });
    const r = report(base, [{ kind: 'remove-connection', connection: 'c-3', cost: 0 }]);
    const c = r.routes.changes.find((x) => x.kind === 're-routed')!;
    const cutStep = (nodes: readonly string[]) => nodes.some((n, i) => n === 'hmi' && nodes[i + 1] === 'plc');
    expect(cutStep(c.before!.nodes)).toBe(true);
    expect(cutStep(c.after!.nodes)).toBe(false);
    expect([c.after!.nodes[0], c.after!.nodes.at(-1)]).toEqual(['inet', 'plc']);
  });

  it('matches the raw diff’s path lists on a plant with no change at all', () => {
    const r = report(tinyPlant(), []);
    expect(r.routes.changes).toEqual([]);
    expect(r.diff).toEqual(diffScenarios(buildContext(tinyPlant()), buildContext(tinyPlant())));
  });
});

describe('why ±0', () => {
  it('a plant with no crown jewel, or no entry point, says so first', () => {
    const none = clone(tinyPlant());
    none.crownJewels = [];
    expect(report(none, [{ kind: 'remove-connection', connection: 'c-1', cost: 0 }]).whyUnchanged).toEqual([{ kind: 'no-crown-jewels' }]);
    const noEntry = clone(tinyPlant());
    noEntry.entryPoints = [];
    expect(report(noEntry, [{ kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 }]).whyUnchanged).toEqual([{ kind: 'no-entry-points' }]);
  });
  it('a marked entry that reaches no jewel, a marked jewel nothing reaches, a control already there', () => {
    const lone = clone(tinyPlant());
    lone.assets.push({ id: 'island', name: 'Island', kind: 'server', zone: 'z-ctl' });
    expect(report(lone, [{ kind: 'mark-entry', entry: { asset: 'island' } }]).whyUnchanged[0]).toEqual({ kind: 'entry-reaches-no-jewel', asset: 'island', assetName: 'Island' });
    expect(report(lone, [{ kind: 'mark-jewel', jewel: { asset: 'island', impact: { downtimeCostPerHour: 5 } } }]).whyUnchanged[0]).toEqual({ kind: 'jewel-unreachable', asset: 'island', assetName: 'Island' });
    expect(report(tinyPlant(), [{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: {} } }]).whyUnchanged[0]).toEqual({ kind: 'jewel-without-impact', asset: 'hmi', assetName: 'HMI' });
    const mfa = clone(tinyPlant());
    mfa.assets[2] = { ...mfa.assets[2]!, controls: ['mfa'] };
    expect(report(mfa, [{ kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 }]).whyUnchanged[0]).toEqual({ kind: 'control-present', asset: 'hmi', assetName: 'HMI', control: 'mfa' });
  });
});

describe('the baseline side of a diff, kept per plant context', () => {
  it('answers every later diff against the same baseline as a fresh one would, for each k', () => {
    const base = buildContext(reference);
    const scenarios: ScenarioEdit[][] = [
      [{ kind: 'remove-trust', trust: 't-13', cost: 0 }],
      [{ kind: 'add-control', asset: 'ot-dc', control: 'allowlisting', cost: 0 }],
      [{ kind: 'remove-trust', trust: 't-13', cost: 0 }, { kind: 'add-control', asset: 'ra-gw', control: 'mfa', cost: 0 }],
    ];
    for (const edits of scenarios) {
      const r = applyEdits(reference, edits);
      if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
      const changed = buildContext(r.model);
      // The same baseline context asked again (its side kept) vs a baseline built anew.
      expect(scenarioReport(base, changed, edits)).toEqual(scenarioReport(buildContext(reference), changed, edits));
      for (const k of [1, 3, 5]) expect(diffScenarios(base, changed, k)).toEqual(diffScenarios(buildContext(reference), changed, k));
    }
  });
});
