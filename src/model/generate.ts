// Deterministic generator of realistic synthetic plants of any size (tests and benchmarks):
// external parties, enterprise, industrial DMZ, sites with operations zones, and production
// cells with supervisory, control, safety and field zones, wired the way plants are.
import { productsFor, type ProductProfile } from './catalog';
import { createRng, type Rng } from './prng';
import type {
  Asset, AssetKind, Connection, CrownJewel, EntryPoint, Media, PlantModel, ProductionLine, Protocol, Trust, Zone,
} from './schema';

export interface GenerateOptions {
  /** Exact number of assets (at least MIN_GENERATED_ASSETS). */
  readonly assets: number;
  /** Seed of the pseudo-random choices; the same options give the same plant. */
  readonly seed?: number;
  /** Number of network connections; default 10 per asset. Never below what the structure needs. */
  readonly connections?: number;
}

export const MIN_GENERATED_ASSETS = 60;
export const CELL_SIZE = 40;
const CELLS_PER_SITE = 25;
const CELLS_PER_LINE = 4;

export class GenerateError extends Error {
  readonly code = 'GENERATE_OPTIONS';
}

interface Cell {
  readonly index: number;
  readonly site: number;
  readonly hmis: number[];
  readonly ews: number;
  readonly scada: number;
  readonly plcs: number[];
  readonly sis: number | undefined;
  readonly field: number[];
  readonly members: number[];
}

interface Site {
  readonly index: number;
  /** The site's own zone: the parent of its operations zone and its cells' zones. */
  readonly zone: string;
  readonly historian: number;
  readonly mes: number;
  readonly patch: number;
  readonly dc: number;
  readonly nms: number;
  readonly firewall: number;
  readonly laptop: number;
  readonly cells: Cell[];
}

/** Builds a plant model; the result passes validateModel. */
export function generatePlant(options: GenerateOptions): PlantModel {
  const total = options.assets;
  if (!Number.isInteger(total) || total < MIN_GENERATED_ASSETS) {
    throw new GenerateError(`generatePlant: assets must be an integer ≥ ${MIN_GENERATED_ASSETS}, got ${String(total)}`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new GenerateError(`generatePlant: seed must be an integer, got ${String(seed)}`);
  const targetConnections = options.connections ?? total * 10;
  if (!Number.isInteger(targetConnections) || targetConnections < 0) {
    throw new GenerateError(`generatePlant: connections must be a non-negative integer, got ${String(targetConnections)}`);
  }
  const rng = createRng(seed);
  const b = new Builder(rng);

  // External parties and the enterprise.
  const zExt = b.zone('z-ext', 'External networks', 5);
  const zEnt = b.zone('z-ent', 'Enterprise network', 4, 1, 1);
  const zDmz = b.zone('z-dmz', 'Industrial DMZ', 3.5, 3, 2);
  const internet = b.asset('internet', 'Internet', 'internet', zExt);
  const supplier = b.asset('supplier', 'Supplier network (tier-1 parts supplier)', 'supplier', zExt);
  const vendor = b.asset('robot-vendor', 'Robot vendor support network', 'supplier', zExt);
  const cloud = b.asset('cloud-analytics', 'Cloud analytics (predictive maintenance)', 'cloud-service', zExt);
  const erp = b.asset('erp', 'ERP', 'erp', zEnt);
  const email = b.asset('mail', 'Mail server', 'email', zEnt);
  const corpDc = b.asset('corp-dc', 'Corporate domain controller', 'domain-controller', zEnt);
  const corpFw = b.asset('fw-dmz', 'DMZ firewall', 'firewall', zDmz);
  const jump = b.asset('jump-1', 'OT jump host', 'jump-host', zDmz);
  const rag = b.asset('ra-gw', 'Vendor remote-access gateway', 'remote-access-gateway', zDmz);
  const replica = b.asset('hist-replica', 'Historian replica', 'historian', zDmz);
  const portal = b.asset('supplier-portal', 'Supplier portal', 'server', zDmz);

  const fixed = b.assets.length;
  const cellCapacity = total - fixed;
  // Enterprise workstations take ~8% of the plant; each site adds its own ops assets.
  const siteCount = Math.max(1, Math.ceil(cellCapacity / (CELL_SIZE * CELLS_PER_SITE + 8)));
  const workstations = Math.max(2, Math.floor(total * 0.08));
  const siteOps = 7;
  let remaining = total - fixed - workstations - siteCount * siteOps;
  if (remaining < CELL_SIZE / 2) throw new GenerateError(`generatePlant: ${total} assets are too few for one site`);

  const corpWs: number[] = [];
  for (let i = 0; i < workstations; i++) corpWs.push(b.asset(`ws-${i + 1}`, `Corporate workstation ${i + 1}`, 'workstation', zEnt));

  const sites: Site[] = [];
  for (let s = 0; s < siteCount; s++) {
    // The site as a zone of its own (no assets, no security level): it encloses the site's
    // operations zone and its cells' zones, which a large plant's view groups by (layout.ts zoneGroups).
    const zSite = b.zone(`z-s${s + 1}`, `Site ${s + 1}`, 3);
    const zOps = b.zone(`z-s${s + 1}-ops`, `Site ${s + 1} operations`, 3, 2, 2, zSite);
    const site: Site = {
      index: s,
      zone: zSite,
      historian: b.asset(`s${s + 1}-hist`, `Site ${s + 1} process historian`, 'historian', zOps),
      mes: b.asset(`s${s + 1}-mes`, `Site ${s + 1} MES`, 'mes', zOps),
      patch: b.asset(`s${s + 1}-wsus`, `Site ${s + 1} patch server`, 'patch-server', zOps),
      dc: b.asset(`s${s + 1}-dc`, `Site ${s + 1} OT domain controller`, 'domain-controller', zOps),
      nms: b.asset(`s${s + 1}-nms`, `Site ${s + 1} network monitoring`, 'server', zOps),
      firewall: b.asset(`s${s + 1}-fw`, `Site ${s + 1} cell firewall`, 'firewall', zOps),
      laptop: b.asset(`s${s + 1}-laptop`, `Site ${s + 1} maintenance laptop`, 'laptop', zOps),
      cells: [],
    };
    sites.push(site);
  }

  // Production cells, spread over the sites round-robin until the asset budget is spent.
  let cellIndex = 0;
  while (remaining > 0) {
    const site = sites[cellIndex % siteCount]!;
    const size = remaining < CELL_SIZE + CELL_SIZE / 2 ? remaining : CELL_SIZE;
    site.cells.push(buildCell(b, rng, cellIndex, site.index, site.zone, size));
    remaining -= size;
    cellIndex++;
  }

  // Structural connections: how plants are actually wired.
  const net = new Wiring(b);
  net.link(internet, email, 'smtp', 25, 'one-way');
  net.link(internet, rag, 'tls-vpn', 443, 'one-way');
  net.link(vendor, rag, 'vendor-remote', 443, 'one-way');
  net.link(supplier, portal, 'https', 443, 'one-way');
  net.link(rag, jump, 'rdp', 3389, 'one-way', corpFw);
  net.link(portal, erp, 'https', 443, 'one-way', corpFw);
  net.link(erp, email, 'smtp', 25, 'one-way');
  for (const ws of corpWs) {
    net.link(ws, erp, 'https', 443, 'one-way');
    net.link(ws, email, 'https', 443, 'one-way');
    net.link(ws, corpDc, 'kerberos', 88, 'one-way');
    net.link(ws, replica, 'https', 443, 'one-way', corpFw);
    if (rng.chance(0.05)) net.link(ws, jump, 'rdp', 3389, 'one-way', corpFw);
  }
  net.link(email, corpDc, 'ldap', 389, 'one-way');
  net.link(erp, corpDc, 'ldap', 389, 'one-way');

  const trust: Trust[] = [];
  const media: Media[] = [];
  for (const site of sites) {
    net.link(site.historian, replica, 'historian-api', 5450, 'one-way', corpFw);
    net.link(site.historian, cloud, 'https', 443, 'one-way', corpFw);
    net.link(jump, site.dc, 'kerberos', 88, 'one-way', corpFw);
    net.link(site.mes, erp, 'https', 443, 'one-way', corpFw);
    for (const x of [site.historian, site.mes, site.patch, site.nms]) net.link(x, site.dc, 'kerberos', 88, 'one-way');
    net.link(site.mes, site.historian, 'mssql', 1433, 'one-way');
    trust.push(b.trust('domain-trust', corpDc, site.dc, 'one-way', 'Corporate AD trusts the OT domain'));
    for (const cell of site.cells) {
      wireCell(net, b, rng, site, cell, jump, trust);
      media.push({
        id: b.edgeId('m'),
        kind: 'transient-laptop',
        name: `Maintenance laptop rounds, cell ${cell.index + 1}`,
        carrier: b.id(site.laptop),
        from: [b.id(site.laptop)],
        to: cell.plcs.slice(0, 2).map((p) => b.id(p)),
      });
    }
    media.push({
      id: b.edgeId('m'),
      kind: 'removable-media',
      name: `USB sticks from the office to site ${site.index + 1} engineering`,
      from: [b.id(corpWs[site.index % corpWs.length]!)],
      to: site.cells.slice(0, 4).map((c) => b.id(c.ews)),
    });
  }

  fillConnections(net, rng, sites, corpWs, targetConnections);

  // Entry points, crown jewels and production lines.
  const entryPoints: EntryPoint[] = [
    { asset: b.id(internet), profile: 'cybercriminal', description: 'Internet-facing services and phishing' },
    { asset: b.id(supplier), profile: 'cybercriminal', description: 'Compromised supplier network' },
    { asset: b.id(vendor), profile: 'nation-state', description: 'Compromised robot vendor remote support' },
    { asset: b.id(sites[0]!.laptop), profile: 'insider', description: 'Infected maintenance laptop' },
  ];
  const lines: ProductionLine[] = [];
  const allCells = sites.flatMap((s) => s.cells).sort((x, y) => x.index - y.index);
  for (let i = 0; i < allCells.length; i += CELLS_PER_LINE) {
    const cells = allCells.slice(i, i + CELLS_PER_LINE);
    const lineNo = lines.length + 1;
    lines.push({
      id: `line-${lineNo}`,
      name: `Production line ${lineNo}`,
      revenuePerHour: 20000 + rng.int(60) * 1000,
      downtimeCostPerHour: 8000 + rng.int(30) * 500,
      restoreHours: 12 + rng.int(60),
      groups: cells.flatMap((c) => {
        const groups = [];
        for (let k = 0; k < c.plcs.length; k += 2) {
          groups.push({ name: `Cell ${c.index + 1} controller pair ${k / 2 + 1}`, assets: c.plcs.slice(k, k + 2).map((p) => b.id(p)) });
        }
        groups.push({ name: `Cell ${c.index + 1} operator stations`, assets: c.hmis.map((h) => b.id(h)) });
        return groups;
      }),
    });
  }
  const crownJewels: CrownJewel[] = [
    { asset: b.id(erp), impact: { dataLoss: 'confidential', downtimeCostPerHour: 15000 } },
    { asset: b.id(sites[0]!.historian), impact: { dataLoss: 'intellectual-property', downtimeCostPerHour: 2000 } },
  ];
  let jewelBudget = Math.max(2, Math.min(40, Math.ceil(allCells.length / 4)));
  for (let li = 0; li < lines.length && jewelBudget > 0; li++) {
    const cell = allCells[li * CELLS_PER_LINE]!;
    crownJewels.push({
      asset: b.id(cell.plcs[0]!),
      impact: { safety: 'none', productionLines: [lines[li]!.id], downtimeCostPerHour: lines[li]!.downtimeCostPerHour ?? 0 },
    });
    jewelBudget--;
    const sisCell = allCells.slice(li * CELLS_PER_LINE, (li + 1) * CELLS_PER_LINE).find((c) => c.sis !== undefined);
    if (sisCell && jewelBudget > 0) {
      crownJewels.push({ asset: b.id(sisCell.sis!), impact: { safety: 'fatality', productionLines: [lines[li]!.id] } });
      jewelBudget--;
    }
  }

  return {
    schemaVersion: 1,
    plant: {
      id: `gen-${total}-${seed}`,
      name: `Generated plant (${total} assets, seed ${seed})`,
      site: `${siteCount} site(s), ${allCells.length} cell(s)`,
      industry: 'Discrete manufacturing (synthetic)',
      description: 'Made by `twinpath generate`; deterministic for the same assets, connections and seed.',
    },
    zones: b.zones,
    assets: b.assets,
    connections: net.connections,
    trust,
    media,
    entryPoints,
    crownJewels,
    productionLines: lines,
  };
}

class Builder {
  readonly zones: Zone[] = [];
  readonly assets: Asset[] = [];
  private edgeCounter = 0;
  constructor(private readonly rng: Rng) {}

  zone(id: string, name: string, purdueLevel: Zone['purdueLevel'], slTarget?: number, slAchieved?: number, parent?: string): string {
    const z: Zone = { id, name, purdueLevel };
    if (slTarget !== undefined) z.slTarget = slTarget;
    if (slAchieved !== undefined) z.slAchieved = slAchieved;
    if (parent !== undefined) z.parent = parent;
    this.zones.push(z);
    return id;
  }

  asset(id: string, name: string, kind: AssetKind, zone: string): number {
    const a: Asset = { id, name, kind, zone };
    const products = productsFor(kind);
    if (products.length > 0) applyProduct(a, this.rng.pick(products), this.rng);
    if (kind === 'plc' || kind === 'sis') {
      a.patchable = this.rng.chance(0.3);
      a.hardeningCost = 5000 + this.rng.int(20) * 1000;
    } else if (kind === 'sensor' || kind === 'actuator') {
      a.hardeningCost = 500 + this.rng.int(10) * 100;
    } else {
      a.hardeningCost = 1000 + this.rng.int(40) * 250;
    }
    this.assets.push(a);
    return this.assets.length - 1;
  }

  id(index: number): string {
    return this.assets[index]!.id;
  }

  edgeId(prefix: string): string {
    this.edgeCounter++;
    return `${prefix}${this.edgeCounter}`;
  }

  trust(kind: Trust['kind'], from: number, to: number, direction: Trust['direction'], description: string): Trust {
    return { id: this.edgeId('t'), kind, from: this.id(from), to: this.id(to), direction, description };
  }
}

function applyProduct(a: Asset, p: ProductProfile, rng: Rng): void {
  a.vendor = p.vendor;
  a.product = p.product;
  if (p.firmware) a.firmware = p.firmware;
  if (p.os) a.os = p.os;
  if (p.services.length > 0) a.services = p.services.map((s) => ({ ...s }));
  const vulns = p.vulnerabilities.filter(() => rng.chance(0.6));
  if (vulns.length > 0) a.vulnerabilities = vulns.map((v) => ({ ...v }));
}

function buildCell(b: Builder, rng: Rng, index: number, site: number, siteZone: string, size: number): Cell {
  const n = index + 1;
  const zSup = b.zone(`z-c${n}-sup`, `Cell ${n} supervisory`, 2, 2, 1, siteZone);
  const zCtl = b.zone(`z-c${n}-ctl`, `Cell ${n} control`, 1, 3, 1, siteZone);
  const zIo = b.zone(`z-c${n}-io`, `Cell ${n} field devices`, 0, 2, 0, siteZone);
  const withSis = index % 2 === 0 && size >= 12;
  // One cell in five keeps its SIS in the control zone: the flat-network finding auditors raise.
  const zSis = withSis && index % 10 !== 0 ? b.zone(`z-c${n}-sis`, `Cell ${n} safety`, 1, 3, 2, siteZone) : zCtl;
  const members: number[] = [];
  const add = (id: string, name: string, kind: AssetKind, zone: string) => {
    const i = b.asset(id, name, kind, zone);
    members.push(i);
    return i;
  };
  const hmis = [add(`c${n}-hmi1`, `Cell ${n} HMI 1`, 'hmi', zSup)];
  if (size >= 12) hmis.push(add(`c${n}-hmi2`, `Cell ${n} HMI 2`, 'hmi', zSup));
  const ews = add(`c${n}-ews`, `Cell ${n} engineering workstation`, 'ews', zSup);
  const scada = add(`c${n}-scada`, `Cell ${n} SCADA / OPC server`, size >= 12 ? 'scada-server' : 'opc-server', zSup);
  const plcCount = size >= 12 ? 4 : 2;
  const plcs: number[] = [];
  for (let k = 0; k < plcCount; k++) plcs.push(add(`c${n}-plc${k + 1}`, `Cell ${n} PLC ${k + 1}`, 'plc', zCtl));
  const sis = withSis ? add(`c${n}-sis`, `Cell ${n} safety controller`, 'sis', zSis) : undefined;
  const field: number[] = [];
  const fieldKinds: AssetKind[] = ['sensor', 'sensor', 'sensor', 'actuator', 'actuator', 'drive', 'robot'];
  for (let k = 0; members.length < size; k++) {
    const kind = rng.pick(fieldKinds);
    field.push(add(`c${n}-io${k + 1}`, `Cell ${n} ${kind} ${k + 1}`, kind, zIo));
  }
  return { index, site, hmis, ews, scada, plcs, sis, field, members };
}

const FIELD_PROTOCOL: Partial<Record<AssetKind, Protocol>> = {
  sensor: 'profinet', actuator: 'profinet', drive: 'profinet', robot: 'enip-cip',
};

function controlProtocol(b: Builder, plc: number): { protocol: Protocol; port: number } {
  const vendor = b.assets[plc]!.vendor ?? '';
  if (vendor.startsWith('Rockwell')) return { protocol: 'enip-cip', port: 44818 };
  if (vendor.startsWith('Schneider')) return { protocol: 'modbus-tcp', port: 502 };
  return { protocol: 's7comm', port: 102 };
}

function wireCell(net: Wiring, b: Builder, rng: Rng, site: Site, cell: Cell, jump: number, trust: Trust[]): void {
  for (const f of cell.field) {
    const plc = cell.plcs[rng.int(cell.plcs.length)]!;
    net.link(plc, f, FIELD_PROTOCOL[b.assets[f]!.kind] ?? 'profinet', undefined, 'both');
  }
  for (const plc of cell.plcs) {
    const cp = controlProtocol(b, plc);
    for (const h of cell.hmis) net.link(h, plc, cp.protocol, cp.port, 'one-way');
    net.link(cell.scada, plc, cp.protocol, cp.port, 'one-way');
    net.link(cell.ews, plc, cp.protocol, cp.port, 'one-way');
  }
  for (let k = 0; k + 1 < cell.plcs.length; k += 2) net.link(cell.plcs[k]!, cell.plcs[k + 1]!, 'profinet', undefined, 'both');
  if (cell.sis !== undefined) {
    net.link(cell.ews, cell.sis, 'other', 1502, 'one-way');
    net.link(cell.plcs[0]!, cell.sis, 'modbus-tcp', 502, 'one-way');
  }
  for (const h of cell.hmis) net.link(h, cell.scada, 'opc-ua', 4840, 'one-way');
  net.link(site.historian, cell.scada, 'opc-ua', 4840, 'one-way', site.firewall);
  net.link(jump, cell.ews, 'rdp', 3389, 'one-way', site.firewall);
  for (const w of [...cell.hmis, cell.ews, cell.scada]) {
    net.link(w, site.dc, 'kerberos', 88, 'one-way', site.firewall);
    net.link(w, site.patch, 'https', 443, 'one-way', site.firewall);
    trust.push(b.trust('domain-membership', site.dc, w, 'one-way', 'OT domain admins administer this host'));
  }
  if (cell.index % 7 === 3) {
    // The auditors' favourite: a shared local administrator password between engineering and HMI.
    trust.push(b.trust('shared-credentials', cell.ews, cell.hmis[0]!, 'both', 'Same local administrator password'));
  }
}

/** Network connections with duplicate suppression by (from, to, protocol). */
class Wiring {
  readonly connections: Connection[] = [];
  private readonly seen = new Set<number>();
  constructor(private readonly b: Builder) {}

  link(from: number, to: number, protocol: Protocol, port: number | undefined, direction: Connection['direction'], via?: number): boolean {
    if (from === to) return false;
    const key = (from * this.b.assets.length + to) * 64 + (protocolSlot(protocol) % 64);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const c: Connection = { id: this.b.edgeId('n'), from: this.b.id(from), to: this.b.id(to), protocol, direction };
    if (port !== undefined) c.port = port;
    if (via !== undefined) c.via = this.b.id(via);
    if (protocol === 'https' || protocol === 'tls-vpn' || protocol === 'opc-ua') c.encrypted = true;
    if (protocol === 'rdp' || protocol === 'kerberos' || protocol === 'ldap' || protocol === 'vendor-remote') c.authenticated = true;
    this.connections.push(c);
    return true;
  }
}

const PROTOCOL_SLOTS = new Map<string, number>();
function protocolSlot(p: string): number {
  let s = PROTOCOL_SLOTS.get(p);
  if (s === undefined) {
    s = PROTOCOL_SLOTS.size;
    PROTOCOL_SLOTS.set(p, s);
  }
  return s;
}

/**
 * Brings the connection count up to the target with the flows a capture would show:
 * monitoring polls, time sync, peer traffic inside cells, some cross-cell traffic and a few
 * misconfigurations that skip the DMZ.
 */
function fillConnections(net: Wiring, rng: Rng, sites: Site[], corpWs: number[], target: number): void {
  const cells = sites.flatMap((s) => s.cells);
  // Monitoring: each site's NMS polls its devices by SNMP (one-way, the NMS opens the session).
  for (const site of sites) {
    for (const cell of site.cells) {
      for (const m of cell.members) {
        if (net.connections.length >= target) return;
        net.link(site.nms, m, 'snmp', 161, 'one-way', site.firewall);
      }
    }
  }
  let misconfigs = Math.max(1, Math.floor(target / 100000));
  let guard = 0;
  const guardLimit = target * 4 + 1000;
  while (net.connections.length < target && guard++ < guardLimit) {
    const roll = rng.next();
    if (roll < 0.9) {
      const cell = rng.pick(cells);
      const a = rng.pick(cell.members);
      const c = rng.pick(cell.members);
      net.link(a, c, rng.pick(PEER_PROTOCOLS), undefined, rng.chance(0.3) ? 'both' : 'one-way');
    } else if (roll < 0.99) {
      const c1 = rng.pick(cells);
      const c2 = rng.pick(sites[c1.site]!.cells);
      net.link(rng.pick(c1.plcs), rng.pick(c2.plcs), 'profinet', undefined, 'both');
    } else if (misconfigs > 0) {
      // A corporate host with a conduit straight to level 2, skipping the DMZ.
      const cell = rng.pick(cells);
      if (net.link(rng.pick(corpWs), cell.ews, 'vnc', 5900, 'one-way')) misconfigs--;
    } else {
      const cell = rng.pick(cells);
      net.link(rng.pick(cell.plcs), sites[cell.site]!.historian, 'opc-ua', 4840, 'one-way');
    }
  }
}

const PEER_PROTOCOLS: readonly Protocol[] = ['profinet', 'enip-cip', 'modbus-tcp', 's7comm', 'opc-ua', 'snmp', 'http'];
