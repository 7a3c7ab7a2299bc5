// The scenario edits of the analyst workflows (#17): entry points and crown jewels marked and
// unmarked, trust relations and media paths added, a record's likelihood set, a conduit closed —
// each checked as an edit (its fields, the ids it names, the record it adds by the one parser),
// applied without touching the baseline, and described by asset names.
import { describe, expect, it } from 'vitest';
import { applyEdits, conduitConnections, describeEdit, editsCost, type ScenarioEdit } from '../../../src/analysis/scenario';
import { formatError } from '../../../src/model/errors';
import { parseModelText } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { PlantModel } from '../../../src/model/schema';
import { clone, tinyPlant } from '../../helpers/builders';

function accepted(edits: readonly ScenarioEdit[], base: PlantModel = tinyPlant()): PlantModel {
  const r = applyEdits(base, edits);
  if (r.kind === 'invalid') throw new Error(r.errors.map(formatError).join('\n'));
  return r.model;
}

function refused(edits: readonly unknown[], base: PlantModel = tinyPlant()): { edit: number; lines: string[] } {
  const r = applyEdits(base, edits as ScenarioEdit[]);
  if (r.kind === 'ok') throw new Error('expected the scenario to be refused');
  return { edit: r.edit, lines: r.errors.map(formatError) };
}

describe('mark and unmark entry points', () => {
  it('marks an asset as an entry point, replaces its record when marked again, and unmarks it', () => {
    const base = tinyPlant();
    const before = JSON.stringify(base);
    const m = accepted([{ kind: 'mark-entry', entry: { asset: 'hmi', profile: 'insider' } }], base);
    expect(m.entryPoints).toEqual([{ asset: 'inet', profile: 'cybercriminal' }, { asset: 'hmi', profile: 'insider' }]);
    const again = accepted([
      { kind: 'mark-entry', entry: { asset: 'hmi', profile: 'insider' } },
      { kind: 'mark-entry', entry: { asset: 'hmi', profile: 'nation-state', description: 'APT' } },
    ]);
    expect(again.entryPoints).toEqual([{ asset: 'inet', profile: 'cybercriminal' }, { asset: 'hmi', profile: 'nation-state', description: 'APT' }]);
    expect(accepted([{ kind: 'unmark-entry', asset: 'inet' }]).entryPoints).toEqual([]);
    expect(JSON.stringify(base)).toBe(before);
  });
  it.each([
    [{ kind: 'mark-entry', entry: { asset: 'nobody' } }, 'edits[0](mark-entry).entry(asset=nobody).asset: unknown asset "nobody"'],
    [{ kind: 'mark-entry', entry: { asset: 'hmi', profile: 'martian' } }, /^edits\[0\]\(mark-entry\)\.entry\(asset=hmi\)\.profile: unknown value "martian"; expected one of opportunistic, /],
    [{ kind: 'mark-entry', entry: { asset: 'hmi', colour: 'red' } }, 'edits[0](mark-entry).entry(asset=hmi).colour: unknown field "colour" (not in plant model v1)'],
    [{ kind: 'mark-entry', asset: 'hmi' }, 'edits[0](mark-entry).entry: required field is missing'],
    [{ kind: 'unmark-entry', asset: 'hmi' }, 'edits[0](unmark-entry).asset: asset "hmi" is not an entry point'],
    [{ kind: 'unmark-entry', asset: 'nobody' }, 'edits[0](unmark-entry).asset: unknown asset "nobody"'],
  ])('refused: %j', (edit, line) => {
    expect(refused([edit]).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
  it('an entry unmarked by one edit cannot be unmarked by the next; marked again, it can', () => {
    expect(refused([{ kind: 'unmark-entry', asset: 'inet' }, { kind: 'unmark-entry', asset: 'inet' }])).toEqual({ edit: 1, lines: ['edits[1](unmark-entry).asset: asset "inet" is not an entry point'] });
    expect(accepted([{ kind: 'unmark-entry', asset: 'inet' }, { kind: 'mark-entry', entry: { asset: 'inet' } }, { kind: 'unmark-entry', asset: 'inet' }]).entryPoints).toEqual([]);
  });
});

describe('mark and unmark crown jewels', () => {
  it('marks with an impact naming production lines, replaces, unmarks', () => {
    const m = accepted([{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { safety: 'none', productionLines: ['line-1'], downtimeCostPerHour: 2500, dataLoss: 'operational' } } }]);
    expect(m.crownJewels.map((j) => j.asset)).toEqual(['plc', 'hmi']);
    const replaced = accepted([{ kind: 'mark-jewel', jewel: { asset: 'plc', impact: { safety: 'fatality' } } }]);
    expect(replaced.crownJewels).toEqual([{ asset: 'plc', impact: { safety: 'fatality' } }]);
    expect(accepted([{ kind: 'unmark-jewel', asset: 'plc' }]).crownJewels).toEqual([]);
  });
  it.each([
    [{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { productionLines: ['line-9'] } } }, 'edits[0](mark-jewel).jewel(asset=hmi).impact.productionLines[0]: unknown production line "line-9"'],
    [{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { downtimeCostPerHour: 1e13 } } }, /^edits\[0\]\(mark-jewel\)\.jewel\(asset=hmi\)\.impact\.downtimeCostPerHour: 10000000000000 is out of range/],
    [{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { safety: 'mild' } } }, /^edits\[0\]\(mark-jewel\)\.jewel\(asset=hmi\)\.impact\.safety: unknown value "mild"/],
    [{ kind: 'mark-jewel', jewel: { asset: 'hmi' } }, 'edits[0](mark-jewel).jewel(asset=hmi).impact: required field is missing'],
    [{ kind: 'unmark-jewel', asset: 'hmi' }, 'edits[0](unmark-jewel).asset: asset "hmi" is not a crown jewel'],
  ])('refused: %j', (edit, line) => {
    expect(refused([edit]).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
  it('a line whose own members are broken is not this edit’s business', () => {
    const base = clone(tinyPlant());
    base.productionLines![0]!.groups[0]!.assets = ['plc', 'no-such-asset'];
    expect(accepted([{ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { productionLines: ['line-1'] } } }], base).crownJewels).toHaveLength(2);
  });
});

describe('add trust relations and media paths', () => {
  it('adds them in the one id space of connections, trust relations and media paths', () => {
    const m = accepted([
      { kind: 'add-trust', trust: { id: 't-new', kind: 'domain-membership', from: 'fw', to: 'plc', direction: 'one-way' } },
      { kind: 'add-media', media: { id: 'm-new', kind: 'transient-laptop', carrier: 'hmi', from: ['hmi'], to: ['plc', 'ts'] } },
      // The new ids are taken from now on.
      { kind: 'set-likelihood', record: 't-new', likelihood: 0.5 },
      { kind: 'remove-trust', trust: 't-new', cost: 0 },
      { kind: 'isolate-media', media: 'm-new', cost: 0 },
    ]);
    expect(m.trust!.map((t) => t.id)).toEqual(['t-1']);
    expect(m.media!.map((t) => t.id)).toEqual(['m-1']);
    expect(accepted([{ kind: 'add-media', media: { id: 'm-2', kind: 'removable-media', from: ['hmi'], to: ['plc'] } }]).media!.at(-1)).toEqual({ id: 'm-2', kind: 'removable-media', from: ['hmi'], to: ['plc'] });
  });
  it.each([
    [{ kind: 'add-trust', trust: { id: 'c-1', kind: 'shared-credentials', from: 'hmi', to: 'plc', direction: 'both' } }, 'edits[0](add-trust).trust(id=c-1).id: duplicate id "c-1" (already used by a connection)'],
    [{ kind: 'add-trust', trust: { id: 't-9', kind: 'shared-credentials', from: 'hmi', to: 'hmi', direction: 'both' } }, 'edits[0](add-trust).trust(id=t-9).to: same asset as from ("hmi"); an edge joins two different assets'],
    [{ kind: 'add-trust', trust: { id: 't-9', kind: 'friendship', from: 'hmi', to: 'plc', direction: 'both' } }, /^edits\[0\]\(add-trust\)\.trust\(id=t-9\)\.kind: unknown kind "friendship"/],
    [{ kind: 'add-trust', trust: { id: 't-9', kind: 'shared-credentials', from: 'hmi', to: 'plc-9', direction: 'both' } }, 'edits[0](add-trust).trust(id=t-9).to: unknown asset "plc-9"'],
    [{ kind: 'add-media', media: { id: 'm-9', kind: 'removable-media', from: ['hmi'], to: ['plc', 'plc-9'] } }, 'edits[0](add-media).media(id=m-9).to[1]: unknown asset "plc-9"'],
    [{ kind: 'add-media', media: { id: 'm-9', kind: 'removable-media', from: ['hmi'], to: [] } }, /^edits\[0\]\(add-media\)\.media\(id=m-9\)\.to: /],
    [{ kind: 'add-media', media: { id: 't-1', kind: 'removable-media', from: ['hmi'], to: ['plc'] } }, 'edits[0](add-media).media(id=t-1).id: duplicate id "t-1" (already used by a trust relation)'],
  ])('refused: %j', (edit, line) => {
    expect(refused([edit]).lines).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  });
});

describe('set-likelihood: the analyst’s likelihood on a connection, trust relation or media path', () => {
  it('sets it on each kind of record, and null takes it away', () => {
    const m = accepted([
      { kind: 'set-likelihood', record: 'c-1', likelihood: 0.25 },
      { kind: 'set-likelihood', record: 't-1', likelihood: 1 },
      { kind: 'set-likelihood', record: 'm-1', likelihood: 0.01 },
      { kind: 'set-likelihood', record: 'c-4', likelihood: null },
    ]);
    expect(m.connections.find((c) => c.id === 'c-1')!.likelihood).toBe(0.25);
    expect(m.trust![0]!.likelihood).toBe(1);
    expect(m.media![0]!.likelihood).toBe(0.01);
    expect('likelihood' in m.connections.find((c) => c.id === 'c-4')!).toBe(false);
  });
  it.each([
    [{ kind: 'set-likelihood', record: 'c-1', likelihood: 0 }, 'edits[0](set-likelihood).likelihood: likelihood 0 is outside (0, 1]'],
    [{ kind: 'set-likelihood', record: 'c-1', likelihood: 1.5 }, 'edits[0](set-likelihood).likelihood: likelihood 1.5 is outside (0, 1]'],
    [{ kind: 'set-likelihood', record: 'c-1', likelihood: '0.5' }, 'edits[0](set-likelihood).likelihood: expected a number in (0, 1] or null, got "0.5"'],
    [{ kind: 'set-likelihood', record: 'c-1' }, 'edits[0](set-likelihood).likelihood: required field is missing'],
    [{ kind: 'set-likelihood', record: 'hmi', likelihood: 0.5 }, 'edits[0](set-likelihood).record: unknown connection, trust relation or media path "hmi"'],
  ])('refused: %j', (edit, line) => {
    expect(refused([edit]).lines).toContainEqual(line);
  });
});

describe('remove-conduit: the conduit and the connections it carries', () => {
  it('carries the connections naming it', () => {
    expect(conduitConnections(tinyPlant(), 'cd-1').map((c) => c.id)).toEqual(['c-3']);
    const m = accepted([{ kind: 'remove-conduit', conduit: 'cd-1', cost: 2500 }]);
    expect(m.conduits).toEqual([]);
    expect(m.connections.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-4']);
  });
  it('and, when it is the only conduit between its zones, the connections between them that name no conduit', () => {
    const base = clone(tinyPlant());
    base.connections.push({ id: 'c-5', from: 'plc', to: 'fw', protocol: 'snmp', direction: 'one-way' }); // z-ctl → z-dmz
    expect(conduitConnections(base, 'cd-1').map((c) => c.id)).toEqual(['c-3', 'c-5']);
    base.conduits!.push({ id: 'cd-2', zones: ['z-ctl', 'z-dmz'] });
    // Two conduits join these zones: a connection naming neither is carried by neither.
    expect(conduitConnections(base, 'cd-1').map((c) => c.id)).toEqual(['c-3']);
    expect(conduitConnections(base, 'cd-2')).toEqual([]);
  });
  it('refuses an unknown conduit, and a connection naming a closed one', () => {
    expect(refused([{ kind: 'remove-conduit', conduit: 'cd-9', cost: 0 }]).lines).toEqual(['edits[0](remove-conduit).conduit: unknown conduit "cd-9"']);
    const r = refused([
      { kind: 'remove-conduit', conduit: 'cd-1', cost: 0 },
      { kind: 'add-connection', connection: { id: 'c-9', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way', conduit: 'cd-1' } },
    ]);
    expect(r).toEqual({ edit: 1, lines: ['edits[1](add-connection).connection(id=c-9).conduit: unknown conduit "cd-1"'] });
    // The connections it closed are gone for later edits too.
    expect(refused([{ kind: 'remove-conduit', conduit: 'cd-1', cost: 0 }, { kind: 'remove-connection', connection: 'c-3', cost: 0 }]).lines).toEqual(['edits[1](remove-connection).connection: unknown connection "c-3"']);
  });
});

describe('record ids of the plant a scenario starts from, kept per model', () => {
  it("one scenario's removals and additions do not leak into the next scenario of the same plant (records or parsed columns)", () => {
    const parsed = parseModelText(serializeModel(tinyPlant()));
    if (parsed.kind !== 'ok') throw new Error('the tiny plant parses');
    for (const base of [tinyPlant(), parsed.model]) {
      expect(accepted([{ kind: 'remove-connection', connection: 'c-1', cost: 0 }], base).connections.map((c) => c.id)).toEqual(['c-2', 'c-3', 'c-4']);
      // The same plant again: c-1 is still there, and c-9 (added by the next scenario only) is not yet.
      expect(accepted([{ kind: 'remove-connection', connection: 'c-1', cost: 0 }], base).connections).toHaveLength(3);
      expect(refused([{ kind: 'remove-connection', connection: 'c-9', cost: 0 }], base).lines).toEqual(['edits[0](remove-connection).connection: unknown connection "c-9"']);
      const added = [{ kind: 'add-connection', connection: { id: 'c-9', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way' } }] as const;
      expect(accepted([...added, { kind: 'set-likelihood', record: 'c-9', likelihood: 0.5 }], base).connections.map((c) => c.id)).toContain('c-9');
      // Removed, then added again under the same id; added twice is refused.
      expect(accepted([{ kind: 'remove-connection', connection: 'c-1', cost: 0 }, { ...added[0], connection: { ...added[0].connection, id: 'c-1' } }], base).connections.map((c) => c.id)).toContain('c-1');
      expect(refused([...added, ...added], base).edit).toBe(1);
      expect(refused([{ kind: 'remove-connection', connection: 'c-1', cost: 0 }, { kind: 'remove-connection', connection: 'c-1', cost: 0 }], base).lines).toEqual(['edits[1](remove-connection).connection: unknown connection "c-1"']);
    }
  });
});

describe('edits in words and their cost', () => {
  it('describes every new edit by asset, zone and line names', () => {
    const m = tinyPlant();
    const lines = [
      describeEdit({ kind: 'mark-entry', entry: { asset: 'hmi', profile: 'insider' } }, m),
      describeEdit({ kind: 'unmark-entry', asset: 'inet' }, m),
      describeEdit({ kind: 'mark-jewel', jewel: { asset: 'hmi', impact: { safety: 'fatality', downtimeCostPerHour: 30000, productionLines: ['line-1'], dataLoss: 'confidential' } } }, m),
      describeEdit({ kind: 'mark-jewel', jewel: { asset: 'ts', impact: {} } }, m),
      describeEdit({ kind: 'unmark-jewel', asset: 'plc' }, m),
      describeEdit({ kind: 'add-trust', trust: { id: 't-9', kind: 'shared-credentials', from: 'hmi', to: 'plc', direction: 'both' } }, m),
      describeEdit({ kind: 'add-media', media: { id: 'm-9', kind: 'transient-laptop', from: ['hmi'], to: ['plc', 'ts'] } }, m),
      describeEdit({ kind: 'set-likelihood', record: 't-1', likelihood: 0.2 }, m),
      describeEdit({ kind: 'set-likelihood', record: 'c-4', likelihood: null }, m),
      describeEdit({ kind: 'remove-conduit', conduit: 'cd-1', cost: 0 }, m),
      describeEdit({ kind: 'remove-connection', connection: 'c-3', cost: 0 }, m),
      describeEdit({ kind: 'move-asset', asset: 'hmi', zone: 'z-ctl' }, m),
    ];
    expect(lines).toEqual([
      'Mark HMI as an entry point (insider)',
      'Unmark Internet as an entry point',
      'Mark HMI as a crown jewel (safety: fatality, €30,000/h downtime, lines Line 1, data: confidential)',
      'Mark Temperature sensor as a crown jewel (impact not set)',
      'Unmark PLC as a crown jewel',
      'Add shared credentials HMI → PLC (both ways)',
      'Add transient laptop path HMI → PLC, Temperature sensor',
      'Set the likelihood of shared credentials HMI → Firewall (t-1) to 0.2',
      'Take the analyst likelihood off connection PLC → Temperature sensor (c-4)',
      'Close conduit cd-1 (1 connection)',
      'Block connection HMI → PLC (modbus-tcp, c-3)',
      'Move HMI to zone Control',
    ]);
  });
  it('sums the costs edits carry; modeling edits carry none', () => {
    expect(editsCost([
      { kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708', cost: 1500 },
      { kind: 'mark-entry', entry: { asset: 'hmi' } },
      { kind: 'remove-conduit', conduit: 'cd-1', cost: 2500 },
    ])).toBe(4000);
    expect(editsCost([])).toBe(0);
  });
});
