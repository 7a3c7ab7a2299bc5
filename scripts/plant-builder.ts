// Helpers for the sample-plant scripts: declare zones, assets (with real product profiles),
// connections and trust relations tersely, then validate through the one parser and write.
import { writeFileSync } from 'node:fs';
import { PRODUCTS, type ProductName } from '../src/model/catalog';
import { formatError } from '../src/model/errors';
import { validateModel } from '../src/model/parse';
import type { Asset, AssetKind, Connection, ControlKind, PlantModel, Protocol, Trust, Zone } from '../src/model/schema';
import { serializeModel } from '../src/model/serialize';

export interface AssetOptions {
  product?: ProductName;
  controls?: ControlKind[];
  patchable?: boolean;
  cost?: number;
  extraZones?: string[];
  description?: string;
  tags?: string[];
  addresses?: string[];
}

export function createPlantBuilder() {
  const zones: Zone[] = [];
  const assets: Asset[] = [];
  const connections: Connection[] = [];
  const trust: Trust[] = [];

  function zone(id: string, name: string, purdueLevel: Zone['purdueLevel'], slTarget: number, slAchieved: number, description?: string): string {
    zones.push({ id, name, purdueLevel, slTarget, slAchieved, ...(description ? { description } : {}) });
    return id;
  }

  function asset(id: string, name: string, kind: AssetKind, zoneId: string, o: AssetOptions = {}): string {
    const a: Asset = { id, name, kind, zone: zoneId };
    if (o.extraZones) a.extraZones = o.extraZones;
    if (o.product) {
      const p = PRODUCTS[o.product];
      a.vendor = p.vendor;
      a.product = p.product;
      if (p.firmware) a.firmware = p.firmware;
      if (p.os) a.os = p.os;
      if (p.services.length) a.services = p.services.map((s) => ({ ...s }));
      if (p.vulnerabilities.length) a.vulnerabilities = p.vulnerabilities.map((v) => ({ ...v }));
    }
    if (o.addresses) a.addresses = o.addresses;
    if (o.controls) a.controls = o.controls;
    if (o.patchable !== undefined) a.patchable = o.patchable;
    a.hardeningCost = o.cost ?? defaultCost(kind);
    if (o.tags) a.tags = o.tags;
    if (o.description) a.description = o.description;
    assets.push(a);
    return id;
  }

  function defaultCost(kind: AssetKind): number {
    switch (kind) {
      case 'plc': case 'sis': case 'robot': return 12000;
      case 'sensor': case 'actuator': return 800;
      case 'drive': return 2500;
      case 'hmi': case 'ews': case 'scada-server': return 4000;
      case 'firewall': case 'remote-access-gateway': return 9000;
      default: return 3000;
    }
  }

  let n = 0;
  function conn(from: string, to: string, protocol: Protocol, port: number | undefined, direction: Connection['direction'], extra: Partial<Connection> = {}): void {
    n++;
    const c: Connection = { id: `c-${String(n).padStart(3, '0')}`, from, to, protocol, direction };
    if (port !== undefined) c.port = port;
    if (protocol === 'https' || protocol === 'tls-vpn' || protocol === 'opc-ua' || protocol === 'ssh') c.encrypted = true;
    if (['rdp', 'ssh', 'kerberos', 'ldap', 'smb', 'mssql', 'winrm', 'historian-api'].includes(protocol)) c.authenticated = true;
    if (['modbus-tcp', 's7comm', 'enip-cip', 'profinet', 'dnp3', 'other', 'snmp', 'vnc'].includes(protocol)) c.authenticated = false;
    Object.assign(c, extra);
    connections.push(c);
  }

  let t = 0;
  function trustRel(kind: Trust['kind'], from: string, to: string, direction: Trust['direction'], description: string): void {
    t++;
    trust.push({ id: `t-${String(t).padStart(2, '0')}`, kind, from, to, direction, description });
  }

  /** Validates through the one parser and writes stable JSON; exits non-zero on any error. */
  function write(model: PlantModel, file: URL): void {
    const check = validateModel(model);
    if (check.kind === 'invalid') {
      for (const e of check.errors) console.error(formatError(e));
      process.exit(1);
    }
    writeFileSync(file, serializeModel(model));
    console.log(`${file.pathname}: ${assets.length} assets, ${zones.length} zones, ${connections.length} connections, ${trust.length} trust relations`);
  }

  return { zones, assets, connections, trust, zone, asset, conn, trustRel, write };
}
