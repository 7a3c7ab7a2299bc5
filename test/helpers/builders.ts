// Small inline plants for tests: a valid minimal model and helpers to break it in one place.
import type { Asset, AssetKind, PlantModel, Protocol } from '../../src/model/schema';

/** A valid five-asset plant: internet → firewall → HMI → PLC → sensor, with every collection used. */
export function tinyPlant(): PlantModel {
  return {
    schemaVersion: 1,
    plant: { id: 'tiny', name: 'Tiny plant' },
    zones: [
      { id: 'z-ext', name: 'External', purdueLevel: 5 },
      { id: 'z-dmz', name: 'DMZ', purdueLevel: 3.5, slTarget: 3, slAchieved: 2 },
      { id: 'z-ctl', name: 'Control', purdueLevel: 1, parent: 'z-dmz' },
      { id: 'z-io', name: 'Field', purdueLevel: 0, parent: 'z-ctl' },
    ],
    conduits: [{ id: 'cd-1', zones: ['z-dmz', 'z-ctl'], via: ['fw'], protocols: ['modbus-tcp'] }],
    assets: [
      { id: 'inet', name: 'Internet', kind: 'internet', zone: 'z-ext' },
      { id: 'fw', name: 'Firewall', kind: 'firewall', zone: 'z-dmz' },
      { id: 'hmi', name: 'HMI', kind: 'hmi', zone: 'z-dmz', vulnerabilities: [{ cve: 'CVE-2019-0708', cvss: 9.8, kev: true }] },
      { id: 'plc', name: 'PLC', kind: 'plc', zone: 'z-ctl', patchable: false, hardeningCost: 5000 },
      { id: 'ts', name: 'Temperature sensor', kind: 'sensor', zone: 'z-io' },
    ],
    connections: [
      { id: 'c-1', from: 'inet', to: 'fw', protocol: 'https', port: 443, direction: 'one-way' },
      { id: 'c-2', from: 'fw', to: 'hmi', protocol: 'rdp', port: 3389, direction: 'one-way', authenticated: true },
      { id: 'c-3', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', port: 502, direction: 'one-way', via: 'fw', conduit: 'cd-1' },
      { id: 'c-4', from: 'plc', to: 'ts', protocol: 'profinet', direction: 'both', likelihood: 0.9 },
    ],
    trust: [{ id: 't-1', kind: 'shared-credentials', from: 'hmi', to: 'fw', direction: 'both' }],
    media: [{ id: 'm-1', kind: 'removable-media', from: ['fw'], to: ['plc', 'hmi'] }],
    entryPoints: [{ asset: 'inet', profile: 'cybercriminal' }],
    crownJewels: [{ asset: 'plc', impact: { safety: 'injury', productionLines: ['line-1'], downtimeCostPerHour: 1000 } }],
    productionLines: [{ id: 'line-1', name: 'Line 1', revenuePerHour: 5000, groups: [{ name: 'Controller', assets: ['plc'] }] }],
  };
}

/** A deep copy to break in one place. */
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * A plant written in a few lines: assets as [id, kind, zone, extra?] (the zones are made from the
 * ids used: "z3" is Purdue level 3, "z35" the DMZ), one-way connections as [from, to, protocol].
 */
export function smallPlant(spec: {
  readonly assets: readonly (readonly [string, AssetKind, string, Partial<Asset>?])[];
  readonly connections: readonly (readonly [string, string, Protocol])[];
  readonly entryPoints?: readonly string[];
  readonly crownJewels?: readonly string[];
}): PlantModel {
  const zones = [...new Set(spec.assets.map((a) => a[2]))].map((id) => ({ id, name: id, purdueLevel: (id === 'z35' ? 3.5 : Number(id.slice(1))) as 0 | 1 | 2 | 3 | 3.5 | 4 | 5 }));
  return {
    schemaVersion: 1, plant: { id: 'small', name: 'Small plant' }, zones,
    assets: spec.assets.map(([id, kind, zone, extra]) => ({ id, name: id.toUpperCase(), kind, zone, ...extra })),
    connections: spec.connections.map(([from, to, protocol], i) => ({ id: `c${i + 1}`, from, to, protocol, direction: 'one-way' })),
    entryPoints: (spec.entryPoints ?? []).map((asset) => ({ asset })),
    crownJewels: (spec.crownJewels ?? []).map((asset) => ({ asset, impact: {} })),
  };
}
