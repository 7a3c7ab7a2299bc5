// Likely entry points and crown jewels offered for one-click confirmation (#17): a twin made from a
// capture names neither; the suggestions are scenario edits that apply, and once applied the twin
// has attack paths.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { buildContext } from '../../../src/analysis/context';
import { isPublicAddress, suggestMarks } from '../../../src/analysis/mark-suggestions';
import { applyEdits } from '../../../src/analysis/scenario';
import { captureToModel, importCaptureBytes } from '../../../src/import/pcap/index';
import type { PlantModel } from '../../../src/model/schema';
import { clone, tinyPlant } from '../../helpers/builders';

const capture = (file: string): PlantModel =>
  captureToModel(importCaptureBytes(file, new Uint8Array(readFileSync(`test/fixtures/pcaps/${file}`))), { name: `Observed network (${file})` });

describe('isPublicAddress', () => {
  it.each([
    ['141.81.0.10', true], ['8.8.8.8', true], ['10.1.1.165', false], ['172.16.0.1', false], ['172.32.0.1', true], ['192.168.0.20', false],
    ['127.0.0.1', false], ['169.254.1.1', false], ['100.64.0.1', false], ['224.0.0.1', false], ['300.1.1.1', false],
    ['2001:4860::8888', true], ['fe80::1', false], ['fd00::1', false], ['00:1b:21:02:f7:9d', false], ['20:47:47:87:d4:96', false],
  ])('%s → %s', (address, pub) => expect(isPublicAddress(address)).toBe(pub));
});

describe('suggestMarks', () => {
  it('on a capture twin: the public-address HMI as entry, every controller as jewel — and confirmed, the twin has paths', () => {
    const twin = capture('ModbusTCP.pcap');
    expect(twin.entryPoints).toEqual([]);
    expect(twin.crownJewels).toEqual([]);
    const s = suggestMarks(twin);
    const hmis = twin.assets.filter((a) => a.kind === 'hmi');
    expect(s.entries.map((e) => e.asset)).toEqual(hmis.map((a) => a.id));
    expect(s.entries[0]!.reason).toBe(`public IP address ${hmis[0]!.addresses![0]}: internet-facing unless filtered`);
    expect(s.jewels.map((j) => j.asset).sort()).toEqual(twin.assets.filter((a) => a.kind === 'plc').map((a) => a.id).sort());
    const r = applyEdits(twin, [...s.entries, ...s.jewels].map((x) => x.edit));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(attackPaths(buildContext(r.model)).length).toBeGreaterThan(0);
  });

  it('a private-address capture offers no entry from addresses; controllers and safety systems (first) as jewels, with their lines', () => {
    expect(suggestMarks(capture('modbus_test.pcap')).entries).toEqual([]);
    const m = clone(tinyPlant());
    m.assets.push({ id: 'sis', name: 'SIS', kind: 'sis', zone: 'z-ctl' }, { id: 'lap', name: 'Laptop', kind: 'laptop', zone: 'z-dmz' });
    m.productionLines![0]!.groups.push({ name: 'Safety', assets: ['sis'] });
    m.crownJewels = [];
    const s = suggestMarks(m);
    expect(s.jewels.map((j) => [j.asset, j.edit])).toEqual([
      ['sis', { kind: 'mark-jewel', jewel: { asset: 'sis', impact: { safety: 'injury', productionLines: ['line-1'] } } }],
      ['plc', { kind: 'mark-jewel', jewel: { asset: 'plc', impact: { productionLines: ['line-1'] } } }],
    ]);
    // Internet is already an entry; the laptop is offered, as an insider's.
    expect(s.entries.map((e) => e.edit)).toEqual([{ kind: 'mark-entry', entry: { asset: 'lap', profile: 'insider' } }]);
  });

  it('remote access servers are entries, controllers never are', () => {
    const m = clone(tinyPlant());
    m.connections.push({ id: 'c-vpn', from: 'inet', to: 'hmi', protocol: 'tls-vpn', direction: 'one-way' }, { id: 'c-vr', from: 'inet', to: 'plc', protocol: 'vendor-remote', direction: 'one-way' });
    m.assets[3] = { ...m.assets[3]!, addresses: ['8.8.4.4'] };
    expect(suggestMarks(m).entries.map((e) => [e.asset, e.reason])).toEqual([['hmi', 'accepts remote access (tls-vpn)']]);
  });
});
