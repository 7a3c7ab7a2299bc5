// What-if edits are checked as edits: each against the model as it stands when it applies (its own
// fields, the record it adds or changes, the ids it names), with errors whose paths name the edit —
// never by validating the whole changed model again.
import { describe, expect, it } from 'vitest';
import { applyAcceptedEdits, applyEdits, MAX_SCENARIO_EDITS, type ScenarioEdit } from '../../../src/analysis/scenario';
import { formatError } from '../../../src/model/errors';
import { serializeModel } from '../../../src/model/serialize';
import type { PlantModel } from '../../../src/model/schema';
import { createAnalysisSession } from '../../../src/session/analysis-session';
import { clone, tinyPlant } from '../../helpers/builders';

/** The errors of a refused scenario as lines (`path: message`), and the index of the edit refused. */
function refused(edits: readonly unknown[], base: PlantModel = tinyPlant()): { edit: number; lines: string[] } {
  const r = applyEdits(base, edits as ScenarioEdit[]);
  if (r.kind === 'ok') throw new Error('expected the scenario to be refused');
  return { edit: r.edit, lines: r.errors.map(formatError) };
}

function accepted(edits: readonly ScenarioEdit[], base: PlantModel = tinyPlant()): PlantModel {
  const r = applyEdits(base, edits);
  if (r.kind === 'invalid') throw new Error(r.errors.map(formatError).join('\n'));
  return r.model;
}

const conn = (extra: Record<string, unknown> = {}) => ({ id: 'c-new', from: 'inet', to: 'hmi', protocol: 'rdp', direction: 'one-way', ...extra });

describe('add-connection: the record against the schema, its ends, via and conduit resolved, its id new', () => {
  it('a valid connection is added', () => {
    const m = accepted([{ kind: 'add-connection', connection: { id: 'c-new', from: 'inet', to: 'plc', protocol: 'modbus-tcp', direction: 'both', via: 'fw', conduit: 'cd-1', likelihood: 0.5 } }]);
    expect(m.connections.at(-1)).toMatchObject({ id: 'c-new', via: 'fw', conduit: 'cd-1' });
  });
  it.each([
    [conn({ to: 'plc-99' }), 'edits[0](add-connection).connection(id=c-new).to: unknown asset "plc-99"'],
    [conn({ to: 'inet' }), 'edits[0](add-connection).connection(id=c-new).to: same asset as from ("inet"); an edge joins two different assets'],
    [conn({ via: 'nowhere' }), 'edits[0](add-connection).connection(id=c-new).via: unknown asset "nowhere"'],
    [conn({ conduit: 'cd-9' }), 'edits[0](add-connection).connection(id=c-new).conduit: unknown conduit "cd-9"'],
    [conn({ protocol: 'carrier-pigeon' }), /^edits\[0\]\(add-connection\)\.connection\(id=c-new\)\.protocol: unknown value "carrier-pigeon"; expected one of /],
    [conn({ likelihood: 1.5 }), 'edits[0](add-connection).connection(id=c-new).likelihood: likelihood 1.5 is outside (0, 1]'],
    [conn({ colour: 'red' }), 'edits[0](add-connection).connection(id=c-new).colour: unknown field "colour" (not in plant model v1)'],
    [conn({ id: 'c-2' }), 'edits[0](add-connection).connection(id=c-2).id: duplicate id "c-2" (already used by a connection)'],
    [conn({ id: 't-1' }), 'edits[0](add-connection).connection(id=t-1).id: duplicate id "t-1" (already used by a trust relation)'],
    [conn({ id: 'm-1' }), 'edits[0](add-connection).connection(id=m-1).id: duplicate id "m-1" (already used by a media path)'],
  ])('refused: %j', (connection, line) => {
    const r = refused([{ kind: 'add-connection', connection }]);
    expect(r.edit).toBe(0);
    expect(r.lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
  it('a forbidden key in the record is refused by the parser’s own walk', () => {
    const connection = JSON.parse('{"id":"c-new","from":"inet","to":"hmi","protocol":"rdp","direction":"one-way","__proto__":{"x":1}}') as unknown;
    expect(refused([{ kind: 'add-connection', connection }]).lines).toContain('edits[0](add-connection).connection(id=c-new).__proto__: forbidden key "__proto__" (never allowed in a model)');
  });
  it('a record that is not an object', () => {
    expect(refused([{ kind: 'add-connection', connection: 'c-new' }]).lines[0]).toMatch(/^edits\[0\]\(add-connection\)\.connection: /);
  });
});

describe('add-asset: the record against the schema, its zones resolved, its id new', () => {
  it('a valid asset is added', () => {
    const m = accepted([{ kind: 'add-asset', asset: { id: 'cam', name: 'IP camera', kind: 'server', zone: 'z-ctl', extraZones: ['z-io'] } }]);
    expect(m.assets.at(-1)?.id).toBe('cam');
  });
  it.each([
    [{ id: 'cam', name: 'Camera', kind: 'server', zone: 'z-nowhere' }, 'edits[0](add-asset).asset(id=cam).zone: unknown zone "z-nowhere"'],
    [{ id: 'cam', name: 'Camera', kind: 'server', zone: 'z-ctl', extraZones: ['z-ctl'] }, 'edits[0](add-asset).asset(id=cam).extraZones[0]: repeats the home zone "z-ctl"'],
    [{ id: 'hmi', name: 'Second HMI', kind: 'hmi', zone: 'z-ctl' }, 'edits[0](add-asset).asset(id=hmi).id: duplicate id "hmi" (already an asset of the plant)'],
    [{ id: 'cam', name: 'Camera', kind: 'toaster', zone: 'z-ctl' }, /^edits\[0\]\(add-asset\)\.asset\(id=cam\)\.kind: unknown kind "toaster"; expected one of sensor, /],
    [{ id: 'cam', kind: 'server', zone: 'z-ctl' }, 'edits[0](add-asset).asset(id=cam).name: required field is missing'],
  ])('refused: %j', (asset, line) => {
    expect(refused([{ kind: 'add-asset', asset }]).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
});

describe('move-asset: the asset exists, the zone exists and is not one of its extra zones', () => {
  it('a valid move', () => {
    expect(accepted([{ kind: 'move-asset', asset: 'hmi', zone: 'z-ctl' }]).assets.find((a) => a.id === 'hmi')?.zone).toBe('z-ctl');
  });
  it('refused with the path of what is wrong', () => {
    expect(refused([{ kind: 'move-asset', asset: 'hmi-9', zone: 'z-ctl' }]).lines).toEqual(['edits[0](move-asset).asset: unknown asset "hmi-9"']);
    expect(refused([{ kind: 'move-asset', asset: 'hmi', zone: 'z-missing' }]).lines).toEqual(['edits[0](move-asset).asset(id=hmi).zone: unknown zone "z-missing"']);
    const base = clone(tinyPlant());
    base.assets[2] = { ...base.assets[2]!, extraZones: ['z-ctl'] };
    expect(refused([{ kind: 'move-asset', asset: 'hmi', zone: 'z-ctl' }], base).lines).toEqual(['edits[0](move-asset).asset(id=hmi).extraZones[0]: repeats the home zone "z-ctl"']);
  });
});

describe('remediation actions: their target exists', () => {
  it('each kind applies', () => {
    const m = accepted([
      { kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708', cost: 1500 },
      { kind: 'add-control', asset: 'plc', control: 'key-switch-run', cost: 0 },
      { kind: 'require-authentication', connection: 'c-3', cost: 3000 },
      { kind: 'remove-connection', connection: 'c-4', cost: 0 },
      { kind: 'remove-trust', trust: 't-1', cost: 1000 },
      { kind: 'isolate-media', media: 'm-1', cost: 1500 },
    ]);
    expect(m.connections.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(m.connections[2]!.authenticated).toBe(true);
    expect(m.trust).toEqual([]);
    expect(m.media).toEqual([]);
  });
  it.each([
    [{ kind: 'patch-cve', asset: 'nobody', cve: 'CVE-2019-0708', cost: 0 }, 'edits[0](patch-cve).asset: unknown asset "nobody"'],
    [{ kind: 'patch-cve', asset: 'plc', cve: 'CVE-2019-0708', cost: 0 }, 'edits[0](patch-cve).cve: "CVE-2019-0708" is not a vulnerability of asset "plc"'],
    [{ kind: 'remove-connection', connection: 'nope', cost: 0 }, 'edits[0](remove-connection).connection: unknown connection "nope"'],
    [{ kind: 'require-authentication', connection: 't-1', cost: 0 }, 'edits[0](require-authentication).connection: unknown connection "t-1"'],
    [{ kind: 'remove-trust', trust: 'c-1', cost: 0 }, 'edits[0](remove-trust).trust: unknown trust relation "c-1"'],
    [{ kind: 'isolate-media', media: 'usb-9', cost: 0 }, 'edits[0](isolate-media).media: unknown media path "usb-9"'],
    [{ kind: 'add-control', asset: 'nobody', control: 'mfa', cost: 0 }, 'edits[0](add-control).asset: unknown asset "nobody"'],
    [{ kind: 'add-control', asset: 'hmi', control: 'prayer', cost: 0 }, /^edits\[0\]\(add-control\)\.control: unknown control "prayer"; expected one of mfa, /],
    [{ kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708', cost: -1 }, 'edits[0](patch-cve).cost: expected a cost from 0 to 1000000000000, got -1'],
    [{ kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708' }, 'edits[0](patch-cve).cost: required field is missing'],
    [{ kind: 'remove-trust', trust: 7, cost: 0 }, 'edits[0](remove-trust).trust: expected a string, got 7'],
  ])('refused: %j', (edit, line) => {
    expect(refused([edit]).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
  it('a control beyond the schema’s bound on the asset’s list is refused', () => {
    const base = clone(tinyPlant());
    base.assets[2] = { ...base.assets[2]!, controls: Array.from({ length: 32 }, () => 'mfa' as const) };
    expect(refused([{ kind: 'add-control', asset: 'hmi', control: 'edr', cost: 0 }], base).lines[0]).toMatch(/^edits\[0\]\(add-control\)\.asset\(id=hmi\)\.controls: .*32/);
    // A control the asset has changes nothing, so nothing can break.
    expect(accepted([{ kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 }], base).assets[2]!.controls).toHaveLength(32);
  });
});

describe('the list and the edits themselves (a scenario saved in the browser may hold anything)', () => {
  it.each([
    [[null], 'edits[0]: expected an edit (an object with a kind), got null'],
    [[{ kind: 'teleport', asset: 'hmi' }], /^edits\[0\]\.kind: unknown edit kind "teleport"; expected one of patch-cve, /],
    [[{ kind: 'move-asset', asset: 'hmi', zone: 'z-ctl', why: 'tidy' }], 'edits[0](move-asset).why: unknown field "why" (not in a move-asset edit)'],
    [[JSON.parse('{"kind":"move-asset","asset":"hmi","zone":"z-ctl","__proto__":{}}')], 'edits[0](move-asset).__proto__: unknown field "__proto__" (not in a move-asset edit)'],
  ])('refused: %j', (edits, line) => {
    expect(refused(edits).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
  it('a list that is not one, or too long, is refused as a whole (edit -1)', () => {
    expect(refused({} as unknown as unknown[])).toEqual({ edit: -1, lines: ['edits: expected a list of edits, got an object'] });
    const many = Array.from({ length: MAX_SCENARIO_EDITS + 1 }, () => ({ kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 }));
    expect(refused(many).edit).toBe(-1);
  });
});

describe('edits apply in order, each checked against the model as the edits before it left it', () => {
  it('an asset added by one edit can be connected and moved by the next', () => {
    const m = accepted([
      { kind: 'add-asset', asset: { id: 'cam', name: 'Camera', kind: 'server', zone: 'z-ctl' } },
      { kind: 'add-connection', connection: { id: 'c-cam', from: 'cam', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way' } },
      { kind: 'move-asset', asset: 'cam', zone: 'z-dmz' },
      { kind: 'remove-connection', connection: 'c-1', cost: 0 },
      // c-1 is free again once removed.
      { kind: 'add-connection', connection: { id: 'c-1', from: 'inet', to: 'hmi', protocol: 'https', direction: 'one-way' } },
    ]);
    expect(m.assets.find((a) => a.id === 'cam')?.zone).toBe('z-dmz');
    expect(m.connections.map((c) => c.id)).toEqual(['c-2', 'c-3', 'c-4', 'c-cam', 'c-1']);
  });
  it('an edit whose target an earlier edit removed is refused, named by its index', () => {
    const r = refused([
      { kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 },
      { kind: 'remove-connection', connection: 'c-3', cost: 0 },
      { kind: 'require-authentication', connection: 'c-3', cost: 0 },
    ]);
    expect(r).toEqual({ edit: 2, lines: ['edits[2](require-authentication).connection: unknown connection "c-3"'] });
  });
  it('the whole changed model is not validated again: a flaw elsewhere in the plant does not refuse an edit', () => {
    // Not a plant the parser would load; edits only look at what they touch.
    const base = clone(tinyPlant());
    base.productionLines![0]!.groups[0]!.assets = ['plc', 'no-such-asset'];
    expect(accepted([{ kind: 'remove-connection', connection: 'c-1', cost: 0 }], base).connections).toHaveLength(3);
  });
  it('applyAcceptedEdits gives the same model as applyEdits, and neither touches the baseline', () => {
    const base = tinyPlant();
    const before = JSON.stringify(base);
    const edits: ScenarioEdit[] = [
      { kind: 'add-asset', asset: { id: 'cam', name: 'Camera', kind: 'server', zone: 'z-ctl' } },
      { kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708', cost: 0 },
      { kind: 'remove-trust', trust: 't-1', cost: 0 },
    ];
    expect(applyAcceptedEdits(base, edits)).toEqual(accepted(edits, base));
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('the analysis session answers a scenario sent as edits', () => {
  it('applies valid edits and answers the diff; a refused edit changes nothing and is named', () => {
    const session = createAnalysisSession();
    expect(session.loadTextSummary(serializeModel(tinyPlant())).kind).toBe('ok');
    const cut: ScenarioEdit[] = [{ kind: 'remove-connection', connection: 'c-1', cost: 0 }];
    const ok = session.applyScenario(cut);
    expect(ok.kind).toBe('ok');
    if (ok.kind !== 'ok') return;
    expect(ok.summary.connections).toBe(3);
    expect(ok.diff!.risk.changed).toBeLessThan(ok.diff!.risk.base);
    const risk = session.risk().total;
    const bad = session.applyScenario([...cut, { kind: 'move-asset', asset: 'hmi', zone: 'z-missing' }]);
    expect(bad).toEqual({ kind: 'invalid', edit: 1, errors: [{ path: 'edits[1](move-asset).asset(id=hmi).zone', message: 'unknown zone "z-missing"' }], text: 'Move HMI to zone z-missing' });
    // Still the scenario accepted before.
    expect(session.summary().connections).toBe(3);
    expect(session.risk().total).toBe(risk);
    expect(session.applyScenario([]).kind).toBe('ok');
    expect(session.summary().connections).toBe(4);
  });
});
