// Capture → plant model, and the merge of a capture into a twin (observed vs allowed). Every model
// produced goes through validateModel, and the shadow flows are usable by the analysis.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blastRadius } from '../../../src/analysis/blast';
import { buildContext } from '../../../src/analysis/context';
import { captureToModel, mergeCapture, normalizeAddress } from '../../../src/import/pcap/index';
import { formatError } from '../../../src/model/errors';
import { validateModel } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { FIXTURES, fixture, importBytes } from './pcap-helpers';

function valid(model: PlantModel): PlantModel {
  const r = validateModel(model);
  if (r.kind === 'invalid') throw new Error(r.errors.map(formatError).join('\n'));
  return r.model;
}
const load = (name: string) => importBytes(name, fixture(name));

describe('captureToModel', () => {
  it('turns every fixture into a valid model', () => {
    const names = readdirSync(FIXTURES).filter((n) => /\.pcap(ng)?$/.test(n));
    expect(names).toHaveLength(9);
    for (const name of names) valid(captureToModel(load(name)));
  });

  it('ModbusTCP.pcap: one HMI and 13 PLCs in a level-1 /24 zone, 13 observed Modbus connections', () => {
    const m = valid(captureToModel(load('ModbusTCP.pcap'), { name: 'Line 3 capture' }));
    expect(m.plant.name).toBe('Line 3 capture');
    expect(m.zones).toEqual([{ id: 'net-141-81-0', name: '141.81.0.0/24 (observed)', purdueLevel: 1, description: '14 host(s) seen in captured traffic' }]);
    expect(m.assets).toHaveLength(14);
    expect(m.assets.filter((a) => a.kind === 'plc')).toHaveLength(13);
    const hmi = m.assets.find((a) => a.kind === 'hmi')!;
    expect(hmi).toMatchObject({ id: 'ip-141-81-0-10', addresses: ['141.81.0.10', '78:e7:d1:e0:02:5e'], tags: ['observed', 'role-guess:hmi'] });
    expect(hmi.description).toMatch(/Modbus\/TCP master on tcp\/502, polls 13 hosts/);
    expect(m.assets.find((a) => a.id === 'ip-141-81-0-24')!.services).toEqual([{ protocol: 'modbus-tcp', port: 502, transport: 'tcp' }]);
    expect(m.connections).toHaveLength(13);
    for (const c of m.connections) {
      expect(c).toMatchObject({ from: 'ip-141-81-0-10', protocol: 'modbus-tcp', port: 502, transport: 'tcp', direction: 'one-way', observed: true });
    }
    expect(m.entryPoints).toEqual([]);
    expect(m.crownJewels).toEqual([]);
  });

  it('Sample MMS/GOOSE: /24 zones at the levels of their roles, group traffic and pings left out', () => {
    const m = valid(captureToModel(load('Sample_File_MMS_and_GOOSE.pcap')));
    expect(m.zones.map((z) => `${z.id} ${z.purdueLevel}`)).toEqual(['net-172-16-0 2', 'net-172-16-201 1', 'net-172-16-202 1', 'net-l2 1']);
    expect(m.assets).toHaveLength(16);
    expect(m.assets.filter((a) => a.kind === 'ied').map((a) => a.id)).toEqual([
      'ip-172-16-201-2', 'ip-172-16-201-4', 'ip-172-16-201-5', 'ip-172-16-201-7', 'ip-172-16-202-5', 'mac-0a-bb-fe-10-c9-06', 'mac-0a-bb-fe-10-c9-08',
    ]);
    // 26 flows − 3 ICMP − 7 to broadcast/multicast groups.
    expect(m.connections).toHaveLength(16);
    expect(m.connections.filter((c) => c.protocol === 'iec61850-mms')).toHaveLength(5);
    expect(m.connections.some((c) => c.protocol === 's7comm')).toBe(false);
    const undecided = m.connections.filter((c) => c.port === 102 && c.protocol === 'other');
    expect(undecided).toHaveLength(3);
    expect(undecided[0]!.description).toMatch(/^observed: ISO-TSAP \(S7comm or MMS, payload not seen\) tcp\/102 \(recognized by port/);
  });
});

/** A hand-written twin of the DNP3 capture's first group, with one connection never used. */
function dnp3Twin(): PlantModel {
  return {
    schemaVersion: 1,
    plant: { id: 'substation', name: 'Substation' },
    zones: [
      { id: 'z-ctl', name: 'Control', purdueLevel: 1 },
      { id: 'z-sup', name: 'Supervisory', purdueLevel: 2 },
    ],
    assets: [
      { id: 'rtu-1', name: 'Outstation', kind: 'rtu', zone: 'z-ctl', addresses: ['10.0.0.3'] },
      { id: 'scada', name: 'SCADA master', kind: 'scada-server', zone: 'z-sup', addresses: ['10.0.0.8'] },
      { id: 'hist', name: 'Historian', kind: 'historian', zone: 'z-sup', addresses: ['10.0.0.20'] },
    ],
    connections: [
      { id: 'c-1', from: 'scada', to: 'rtu-1', protocol: 'dnp3', port: 20000, transport: 'tcp', direction: 'one-way' },
      { id: 'c-2', from: 'hist', to: 'scada', protocol: 'opc-ua', port: 4840, direction: 'one-way' },
      { id: 'c-3', from: 'scada', to: 'rtu-1', protocol: 'modbus-tcp', port: 502, direction: 'one-way' },
    ],
    entryPoints: [{ asset: 'hist' }],
    crownJewels: [{ asset: 'rtu-1', impact: { safety: 'injury' } }],
  };
}

describe('mergeCapture', () => {
  const dnp3 = load('dnp3.pcap');

  it('marks the modeled connection seen, adds the shadow flows, lists the connections never seen', () => {
    const twin = dnp3Twin();
    const before = JSON.stringify(twin);
    const r = mergeCapture(twin, dnp3);
    expect(JSON.stringify(twin)).toBe(before); // the input is not modified
    const m = valid(r.model);
    expect(r.hostsMatched).toEqual([
      { host: '10.0.0.3', asset: 'rtu-1' },
      { host: '10.0.0.8', asset: 'scada' },
    ]);
    expect(r.matched).toEqual([{ connection: 'c-1', flow: 'tcp 10.0.0.8 → 10.0.0.3:20000' }]);
    expect(m.connections.find((c) => c.id === 'c-1')!.observed).toBe(true);
    expect(m.connections.find((c) => c.id === 'c-3')!.observed).toBeUndefined();
    expect(r.shadow.map((s) => `${s.connection} ${s.from} → ${s.to} ${s.flow.protocol}`)).toEqual([
      'obs-1 ip-10-0-0-9 → rtu-1 dnp3',
      'obs-2 ip-192-168-66-33 → ip-192-168-66-34 dnp3',
    ]);
    const obs1 = m.connections.find((c) => c.id === 'obs-1')!;
    expect(obs1).toMatchObject({ from: 'ip-10-0-0-9', to: 'rtu-1', protocol: 'dnp3', port: 20000, transport: 'tcp', direction: 'one-way', observed: true });
    expect(obs1.description).toMatch(/^observed, not modeled: DNP3 tcp\/20000 \(recognized by port\+payload; initiator by syn\): 58 packets/);
    expect(r.unseen).toEqual(['c-2', 'c-3']);
    expect(r.unseenCovered).toEqual(['c-3']);
    // New hosts: 10.0.0.9 joins the zone of its /24 neighbour; the other group gets its own zone.
    expect(r.newAssets).toEqual(['ip-10-0-0-9', 'ip-192-168-66-33', 'ip-192-168-66-34']);
    expect(m.assets.find((a) => a.id === 'ip-10-0-0-9')).toMatchObject({ zone: 'z-ctl', kind: 'hmi', tags: ['observed', 'role-guess:hmi', 'observed, not modeled'] });
    expect(m.zones.map((z) => `${z.id} ${z.purdueLevel}`)).toEqual(['z-ctl 1', 'z-sup 2', 'net-192-168-66 1']);
  });

  it('lets the analysis use the shadow path: the unmodeled master reaches the outstation', () => {
    const merged = mergeCapture(dnp3Twin(), dnp3).model;
    const reached = blastRadius(buildContext(valid(merged)), ['ip-10-0-0-9']).reached.ids;
    expect(reached).toContain('rtu-1');
    // Without the capture, the outstation is not reachable from where 10.0.0.9 sits: it is not even modeled.
    expect(dnp3Twin().assets.some((a) => a.addresses?.includes('10.0.0.9'))).toBe(false);
  });

  it('matches hosts by MAC in any notation when the model has no IP, and both-way connections either way', () => {
    const twin = dnp3Twin();
    twin.assets[0]!.addresses = ['00-02-B3-CE-70-51'];
    twin.connections[0] = { ...twin.connections[0]!, from: 'rtu-1', to: 'scada', direction: 'both' };
    const r = mergeCapture(twin, dnp3);
    valid(r.model);
    expect(r.hostsMatched).toContainEqual({ host: '10.0.0.3', asset: 'rtu-1' });
    expect(r.matched).toEqual([{ connection: 'c-1', flow: 'tcp 10.0.0.8 → 10.0.0.3:20000' }]);
  });

  it('is idempotent: merging the same capture again adds nothing', () => {
    const once = mergeCapture(dnp3Twin(), dnp3);
    const twice = mergeCapture(once.model, dnp3);
    valid(twice.model);
    expect(twice.shadow).toEqual([]);
    expect(twice.newAssets).toEqual([]);
    expect(twice.model.connections).toHaveLength(once.model.connections.length);
    expect(twice.matched.map((x) => x.connection)).toEqual(['c-1', 'obs-1', 'obs-2']);
  });

  it('keeps new ids clear of existing edge ids (connections, trust and media share them)', () => {
    const twin = dnp3Twin();
    twin.trust = [{ id: 'obs-1', kind: 'shared-credentials', from: 'scada', to: 'hist', direction: 'both' }];
    const r = mergeCapture(twin, dnp3);
    valid(r.model);
    expect(r.shadow.map((s) => s.connection)).toEqual(['obs-2', 'obs-3']);
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['192.168.000.001', '192.168.0.1'],
    ['10.0.0.3/24', '10.0.0.3'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ['AA-BB-CC-DD-EE-FF', 'aa:bb:cc:dd:ee:ff'],
    ['aabb.ccdd.eeff', 'aa:bb:cc:dd:ee:ff'],
  ])('%s → %s', (raw, norm) => expect(normalizeAddress(raw)).toBe(norm));
  it.each(['plc-1', '300.1.1.1', '1:2:3', '1::2::3', ''])('%s is no address', (raw) => expect(normalizeAddress(raw)).toBeUndefined());
});
