import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findings } from '../../../src/analysis/findings';
import type { PlantModel } from '../../../src/model/schema';
import { tinyPlant } from '../../helpers/builders';

const kinds = (m: PlantModel) => findings(m).map((f) => f.kind);

describe('62443 findings', () => {
  it('the tiny plant has one finding: the DMZ\'s SL gap', () => {
    const m = tinyPlant();
    expect(kinds(m)).toEqual(['sl-gap']);
    expect(findings(m)[0]).toMatchObject({ severity: 'medium', zones: ['z-dmz'] });
  });

  it('a level-4 host linked straight to level 2 skips the DMZ', () => {
    const m = tinyPlant();
    m.zones.push({ id: 'z-corp', name: 'Corp', purdueLevel: 4 }, { id: 'z-sup', name: 'Sup', purdueLevel: 2 });
    m.assets.push({ id: 'ws', name: 'WS', kind: 'workstation', zone: 'z-corp' }, { id: 'hmi2', name: 'HMI 2', kind: 'hmi', zone: 'z-sup' });
    m.connections.push({ id: 'c-x', from: 'ws', to: 'hmi2', protocol: 'vnc', direction: 'one-way' });
    const f = findings(m).find((x) => x.kind === 'conduit-skips-dmz')!;
    expect(f.assets).toEqual(['ws', 'hmi2']);
    expect(f.title).toBe('L4 → L2 without the DMZ: WS → HMI 2');
  });

  it('dual-homed hosts, worse when they bridge the DMZ boundary', () => {
    const m = tinyPlant();
    m.assets[3]!.extraZones = ['z-dmz']; // the PLC (level 1) also in the DMZ (3.5)
    const f = findings(m).find((x) => x.kind === 'dual-homed')!;
    expect(f).toMatchObject({ severity: 'high', assets: ['plc'] });
  });

  it('remote access without MFA landing below level 3; MFA silences it', () => {
    const m = tinyPlant();
    m.zones.push({ id: 'z-ven', name: 'Vendor', purdueLevel: 5 });
    m.assets.push({ id: 'vendor', name: 'Vendor', kind: 'supplier', zone: 'z-ven' }, { id: 'gw', name: 'GW', kind: 'remote-access-gateway', zone: 'z-dmz' });
    m.connections.push({ id: 'c-v', from: 'vendor', to: 'gw', protocol: 'vendor-remote', direction: 'one-way' }, { id: 'c-g', from: 'gw', to: 'plc', protocol: 'rdp', direction: 'one-way' });
    expect(kinds(m)).toContain('remote-access-without-mfa');
    m.assets.find((a) => a.id === 'gw')!.controls = ['mfa'];
    expect(kinds(m)).not.toContain('remote-access-without-mfa');
  });

  it('a safety system in the same zone as basic control', () => {
    const m = tinyPlant();
    m.assets.push({ id: 'sis', name: 'SIS', kind: 'sis', zone: 'z-ctl' });
    expect(findings(m).find((x) => x.kind === 'flat-safety-zone')).toMatchObject({ zones: ['z-ctl'], assets: ['sis', 'plc'] });
  });

  it('the reference plant shows every finding auditors raise there', () => {
    const m = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
    const f = findings(m);
    expect(new Set(f.map((x) => x.kind))).toEqual(new Set(['conduit-skips-dmz', 'dual-homed', 'remote-access-without-mfa', 'sl-gap', 'flat-safety-zone']));
    expect(f.filter((x) => x.kind === 'conduit-skips-dmz').map((x) => x.assets.join('>'))).toEqual(expect.arrayContaining(['ws-quality>hmi-a1', 'ws-quality>hmi-b1']));
    expect(f.find((x) => x.kind === 'dual-homed')!.assets).toEqual(['historian']);
    expect(f.find((x) => x.kind === 'flat-safety-zone')!.zones).toEqual(['z-a-ctl']);
    expect(f.some((x) => x.kind === 'remote-access-without-mfa' && x.assets[1] === 'ra-gw')).toBe(true);
  });
});
