// A capture summary as a plant model (observed zones, assets, connections), and the merge of a
// capture into an existing twin: modeled connections seen are marked observed; flows seen but not
// modeled (shadow paths) are added as connections described "observed, not modeled"; modeled
// connections never seen are listed. Everything produced is meant for validateModel.
import type { Asset, Connection, PlantModel, Protocol, PurdueLevel, Service, Zone } from '../../model/schema';
import { compareHostKeys, normalizeAddress } from './addresses';
import { LABELS, modelProtocol } from './protocols';
import type { CaptureFlow, CaptureHost, CaptureSummary, RoleName } from './types';

export interface CaptureModelOptions {
  /** Plant id (default "observed-network"). */
  readonly id?: string;
  /** Plant name (default "Observed network"). */
  readonly name?: string;
}

export interface ShadowFlow {
  /** Id of the connection added for it. */
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly flow: CaptureFlow;
}

export interface MergeResult {
  readonly model: PlantModel;
  /** Modeled connections seen in the capture, with the flow that showed each. */
  readonly matched: readonly { readonly connection: string; readonly flow: string }[];
  /** Flows seen but not modeled: added to the model as connections (observed, not modeled). */
  readonly shadow: readonly ShadowFlow[];
  /** Modeled connections never seen. */
  readonly unseen: readonly string[];
  /** The unseen connections whose two assets were both seen in the capture (the capture covered them). */
  readonly unseenCovered: readonly string[];
  /** Capture hosts matched to modeled assets by address. */
  readonly hostsMatched: readonly { readonly host: string; readonly asset: string }[];
  /** Assets added for hosts the model did not have. */
  readonly newAssets: readonly string[];
  readonly warnings: readonly string[];
}

const ROLE_KIND: Readonly<Record<RoleName, Asset['kind']>> = {
  plc: 'plc', ied: 'ied', hmi: 'hmi', ews: 'ews', historian: 'historian', 'opc-server': 'opc-server', switch: 'switch',
  server: 'server', workstation: 'workstation',
};
const ROLE_LEVEL: Readonly<Partial<Record<RoleName, PurdueLevel>>> = { plc: 1, ied: 1, hmi: 2, ews: 2, 'opc-server': 2, historian: 3 };

const MAX_TEXT = 4096;
const cut = (s: string, n = MAX_TEXT) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
/** ISO time of a capture timestamp; '?' when a corrupt record's time is outside what Date holds (±8.64e15 ms). */
export const iso = (ms: number | undefined): string => (ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : '?');

/** Flows that become connections: unicast, between two different hosts, over TCP, UDP, L2 or IPsec. */
function modelable(fl: CaptureFlow, unicast: ReadonlySet<string>): boolean {
  if (!unicast.has(fl.initiator) || !unicast.has(fl.responder) || fl.initiator === fl.responder) return false;
  if (fl.transport === 'icmp') return false;
  if (fl.transport === 'ip') return fl.protocol === 'ipsec';
  return true;
}

function assetIdFor(h: CaptureHost): string {
  const base = h.kind === 'ipv4' ? `ip-${h.key.replace(/\./g, '-')}` : h.kind === 'ipv6' ? `ip6-${h.key.replace(/:/g, '-')}` : `mac-${h.key.replace(/:/g, '-')}`;
  return base.slice(0, 256);
}

function zoneKeyFor(h: CaptureHost): { id: string; name: string } {
  if (h.kind === 'ipv4') {
    const [a, b, c] = h.key.split('.');
    return { id: `net-${a}-${b}-${c}`, name: `${a}.${b}.${c}.0/24 (observed)` };
  }
  if (h.kind === 'ipv6') return { id: 'net-ipv6', name: 'IPv6 hosts (observed)' };
  return { id: 'net-l2', name: 'Layer-2-only devices (observed)' };
}

function flowText(fl: CaptureFlow): string {
  const what = fl.transport === 'l2' ? 'layer 2' : fl.port !== undefined ? `${fl.transport}/${fl.port}` : fl.transport;
  return (
    `${LABELS[fl.protocol]} ${what} (recognized by ${fl.recognizedBy}; initiator by ${fl.directionBy}): ` +
    `${fl.packets} packets, ${fl.bytes} bytes, ${fl.sessions} session(s), ${iso(fl.firstSeen)} – ${iso(fl.lastSeen)}`
  );
}

function hostDescription(h: CaptureHost): string {
  const roles = h.roles.map((r) => `${r.role}: ${r.evidence.join('; ')}`).join('. ');
  return cut(
    `Seen in captured traffic: ${h.packetsSent} packets sent, ${h.packetsReceived} received, ${iso(h.firstSeen)} – ${iso(h.lastSeen)}.` +
      (roles ? ` Role guess ${roles}.` : ' No role evidence.'),
  );
}

function defaultKind(h: CaptureHost, responders: ReadonlySet<string>): Asset['kind'] {
  const role = h.roles[0]?.role;
  if (role) return ROLE_KIND[role];
  return responders.has(h.key) ? 'server' : 'workstation';
}

function services(h: CaptureHost, flows: readonly CaptureFlow[]): Service[] {
  const out: Service[] = [];
  const seen = new Set<string>();
  for (const fl of flows) {
    if (fl.responder !== h.key || (fl.transport !== 'tcp' && fl.transport !== 'udp') || fl.directionBy === 'group') continue;
    const protocol = modelProtocol(fl.protocol);
    const k = `${protocol}|${fl.transport}|${fl.port}`;
    if (seen.has(k) || out.length >= 256) continue;
    seen.add(k);
    out.push({ protocol, ...(fl.port !== undefined ? { port: fl.port } : {}), transport: fl.transport });
  }
  return out;
}

function newAsset(h: CaptureHost, id: string, zone: string, flows: readonly CaptureFlow[], responders: ReadonlySet<string>, extraTags: readonly string[]): Asset {
  const addresses = [h.ip, h.mac].filter((x): x is string => x !== undefined);
  if (addresses.length === 0) addresses.push(h.key);
  const svc = services(h, flows);
  const role = h.roles[0]?.role;
  return {
    id,
    name: h.key,
    kind: defaultKind(h, responders),
    zone,
    addresses,
    ...(svc.length > 0 ? { services: svc } : {}),
    tags: ['observed', ...(role ? [`role-guess:${role}`] : []), ...extraTags],
    description: hostDescription(h),
  };
}

function zoneLevel(hosts: readonly CaptureHost[]): PurdueLevel {
  let level: PurdueLevel = 3;
  for (const h of hosts) {
    const l = ROLE_LEVEL[h.roles[0]?.role ?? 'workstation'];
    if (l !== undefined && l < level) level = l;
  }
  return level;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function connectionFor(fl: CaptureFlow, id: string, from: string, to: string, shadow: boolean): Connection {
  return {
    id,
    from,
    to,
    protocol: modelProtocol(fl.protocol),
    ...(fl.port !== undefined ? { port: fl.port } : {}),
    transport: fl.transport === 'l2' ? 'l2' : fl.transport === 'udp' ? 'udp' : 'tcp',
    direction: 'one-way',
    observed: true,
    description: cut(`${shadow ? 'observed, not modeled' : 'observed'}: ${flowText(fl)}`),
  };
}

/** A plant model of the observed network: /24 zones, one asset per host, one connection per flow. */
export function captureToModel(summary: CaptureSummary, options: CaptureModelOptions = {}): PlantModel {
  const unicast = summary.hosts.filter((h) => h.scope === 'unicast');
  const unicastKeys = new Set(unicast.map((h) => h.key));
  const flows = summary.flows.filter((fl) => modelable(fl, unicastKeys));
  const responders = new Set(flows.map((fl) => fl.responder));
  const zoneHosts = new Map<string, { name: string; hosts: CaptureHost[] }>();
  const assetId = new Map<string, string>();
  const taken = new Set<string>();
  for (const h of unicast) {
    const z = zoneKeyFor(h);
    const entry = zoneHosts.get(z.id) ?? { name: z.name, hosts: [] };
    entry.hosts.push(h);
    zoneHosts.set(z.id, entry);
    assetId.set(h.key, uniqueId(assetIdFor(h), taken));
  }
  const zones: Zone[] = [...zoneHosts].map(([id, z]) => ({ id, name: z.name, purdueLevel: zoneLevel(z.hosts), description: `${z.hosts.length} host(s) seen in captured traffic` }));
  const assets = unicast.map((h) => newAsset(h, assetId.get(h.key)!, zoneKeyFor(h).id, flows, responders, []));
  const connections = flows.map((fl, i) => connectionFor(fl, `obs-${i + 1}`, assetId.get(fl.initiator)!, assetId.get(fl.responder)!, false));
  const files = summary.files.map((f) => f.name).join(', ');
  return {
    schemaVersion: 1,
    plant: {
      id: options.id ?? 'observed-network',
      name: options.name ?? 'Observed network',
      description: cut(`Built from packet capture(s) ${files}: ${unicast.length} hosts, ${flows.length} connections. Zones are /24 subnets; kinds are role guesses.`),
    },
    zones,
    assets,
    connections,
    entryPoints: [],
    crownJewels: [],
  };
}

const ISO_FAMILY: ReadonlySet<Protocol> = new Set<Protocol>(['s7comm', 's7comm-plus', 'iec61850-mms']);

/** Does a modeled connection's protocol cover an observed flow's? */
function protocolMatches(fl: CaptureFlow, c: Connection): boolean {
  const p = modelProtocol(fl.protocol);
  if (p === c.protocol) return true;
  if (fl.protocol === 'iso-tsap') return ISO_FAMILY.has(c.protocol);
  if (fl.protocol === 'tls') return c.protocol === 'https' || c.protocol === 'tls-vpn' || c.protocol === 'vendor-remote';
  if (fl.protocol === 'unknown') return c.port !== undefined && c.port === fl.port;
  return false;
}

function portMatches(fl: CaptureFlow, c: Connection): boolean {
  return c.port === undefined || fl.port === undefined || c.port === fl.port;
}

/**
 * Merges a capture into a model (which is not modified): hosts are matched to assets by address
 * (IP, else MAC); flows to modeled connections by endpoints, protocol and port.
 */
export function mergeCapture(model: PlantModel, summary: CaptureSummary): MergeResult {
  const m = JSON.parse(JSON.stringify(model)) as PlantModel;
  const warnings: string[] = [];
  const byAddress = new Map<string, string>();
  for (const a of m.assets) {
    for (const raw of a.addresses ?? []) {
      const addr = normalizeAddress(raw);
      if (addr === undefined) continue;
      const prev = byAddress.get(addr);
      if (prev !== undefined && prev !== a.id) warnings.push(`address ${addr} is on both ${prev} and ${a.id}; matched to ${prev}`);
      else byAddress.set(addr, a.id);
    }
  }
  const unicast = summary.hosts.filter((h) => h.scope === 'unicast');
  const unicastKeys = new Set(unicast.map((h) => h.key));
  const flows = summary.flows.filter((fl) => modelable(fl, unicastKeys));
  const responders = new Set(flows.map((fl) => fl.responder));

  const assetOf = new Map<string, string>();
  const hostsMatched: { host: string; asset: string }[] = [];
  for (const h of unicast) {
    const id = (h.ip !== undefined ? byAddress.get(h.ip) : undefined) ?? (h.mac !== undefined ? byAddress.get(h.mac) : undefined) ?? (h.kind === 'mac' ? byAddress.get(h.key) : undefined);
    if (id !== undefined) {
      assetOf.set(h.key, id);
      hostsMatched.push({ host: h.key, asset: id });
    }
  }

  // Hosts the model lacks become assets: in the zone of a modeled asset of the same /24, else in
  // an observed zone.
  const zoneOfSubnet = new Map<string, string>();
  for (const a of m.assets) {
    for (const raw of a.addresses ?? []) {
      const addr = normalizeAddress(raw);
      const v4 = addr && /^(\d+\.\d+\.\d+)\.\d+$/.exec(addr);
      if (v4 && !zoneOfSubnet.has(v4[1]!)) zoneOfSubnet.set(v4[1]!, a.zone);
    }
  }
  const assetIds = new Set(m.assets.map((a) => a.id));
  const zoneIds = new Set(m.zones.map((z) => z.id));
  const newZones = new Map<string, { zone: Zone; hosts: CaptureHost[] }>();
  const newAssets: string[] = [];
  const pending: { h: CaptureHost; id: string; zone: string }[] = [];
  for (const h of unicast) {
    if (assetOf.has(h.key)) continue;
    const subnet = h.kind === 'ipv4' ? h.key.slice(0, h.key.lastIndexOf('.')) : undefined;
    let zone = subnet !== undefined ? zoneOfSubnet.get(subnet) : undefined;
    if (zone === undefined) {
      const zk = zoneKeyFor(h);
      let entry = [...newZones.values()].find((e) => e.zone.name === zk.name);
      if (!entry) {
        entry = { zone: { id: uniqueId(zk.id, zoneIds), name: zk.name, purdueLevel: 3 }, hosts: [] };
        newZones.set(entry.zone.id, entry);
      }
      entry.hosts.push(h);
      zone = entry.zone.id;
    }
    const id = uniqueId(assetIdFor(h), assetIds);
    assetOf.set(h.key, id);
    newAssets.push(id);
    pending.push({ h, id, zone });
  }
  for (const e of newZones.values()) {
    e.zone.purdueLevel = zoneLevel(e.hosts);
    e.zone.description = `${e.hosts.length} host(s) seen in captured traffic, not in the model`;
    m.zones.push(e.zone);
  }
  for (const p of pending) m.assets.push(newAsset(p.h, p.id, p.zone, flows, responders, ['observed, not modeled']));

  const edgeIds = new Set<string>([...m.connections.map((c) => c.id), ...(m.trust ?? []).map((t) => t.id), ...(m.media ?? []).map((x) => x.id)]);
  const byEnds = new Map<string, Connection[]>();
  for (const c of m.connections) {
    const put = (k: string) => {
      const list = byEnds.get(k);
      if (list) list.push(c);
      else byEnds.set(k, [c]);
    };
    put(`${c.from}\u0000${c.to}`);
    if (c.direction === 'both') put(`${c.to}\u0000${c.from}`);
  }
  const matchedIds = new Set<string>();
  const matched: { connection: string; flow: string }[] = [];
  const shadow: ShadowFlow[] = [];
  let n = 0;
  for (const fl of flows) {
    const from = assetOf.get(fl.initiator)!;
    const to = assetOf.get(fl.responder)!;
    if (from === to) {
      warnings.push(`flow ${fl.key} joins two addresses of the same asset ${from}: not a connection`);
      continue;
    }
    const candidates = (byEnds.get(`${from}\u0000${to}`) ?? []).filter((c) => protocolMatches(fl, c) && portMatches(fl, c));
    if (candidates.length > 0) {
      for (const c of candidates) {
        c.observed = true;
        matchedIds.add(c.id);
        matched.push({ connection: c.id, flow: fl.key });
      }
      continue;
    }
    let id: string;
    do id = `obs-${++n}`;
    while (edgeIds.has(id));
    edgeIds.add(id);
    m.connections.push(connectionFor(fl, id, from, to, true));
    shadow.push({ connection: id, from, to, flow: fl });
  }
  const seenAssets = new Set(hostsMatched.map((x) => x.asset));
  const unseen = model.connections.filter((c) => !matchedIds.has(c.id)).map((c) => c.id);
  const unseenCovered = model.connections.filter((c) => !matchedIds.has(c.id) && seenAssets.has(c.from) && seenAssets.has(c.to)).map((c) => c.id);
  return { model: m, matched, shadow, unseen, unseenCovered, hostsMatched, newAssets, warnings };
}

/** Groups of hosts that talk to each other (connected components over unicast flows), largest first. */
export function connectedGroups(summary: CaptureSummary): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    // Path compression, iteratively.
    let c = x;
    while (parent.get(c) !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const h of summary.hosts) if (h.scope === 'unicast') parent.set(h.key, h.key);
  for (const fl of summary.flows) {
    if (!parent.has(fl.initiator) || !parent.has(fl.responder)) continue;
    const a = find(fl.initiator);
    const b = find(fl.responder);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const r = find(k);
    const g = groups.get(r);
    if (g) g.push(k);
    else groups.set(r, [k]);
  }
  return [...groups.values()].map((g) => g.sort(compareHostKeys)).sort((a, b) => b.length - a.length || compareHostKeys(a[0]!, b[0]!));
}
