// The summary of the tables: hosts seen only at layer 2 merged into their IP host, flows settled
// (direction by port usage) and merged, each flow's protocol decided, roles guessed, counts and
// warnings. Reads the tables; changes nothing, so it can be called for progress and again at the end.
import { compareHostKeys } from './addresses';
import { directionRank } from './direction';
import type { PacketLog } from './packet-log';
import { inIsoFamily, portProtocol, type CaptureProtocol, type Recognition } from './protocols';
import { guessRoles } from './roles';
import { MAX_MACS, type CaptureTables, type FlowRec, type HostRec } from './tables';
import type { CaptureFileInfo, CaptureFlow, CaptureHost, CaptureLimits, CaptureSummary } from './types';

/** The communication graph so far. Cheap enough to call for progress, but it walks every flow. */
export function summarize(tables: CaptureTables, log: PacketLog, files: readonly CaptureFileInfo[], lim: Required<CaptureLimits>): CaptureSummary {
  const alias = mergeL2Hosts(tables);
  const flows = mergeFlows(tables, alias);
  const outFlows = sortedFlows(flows);
  const hintsOf = new Map<string, { i: number; r: number }>();
  for (const fl of flows.values()) hintsOf.set(fl.key, { i: fl.hintsI, r: fl.hintsR });
  const roles = guessRoles(outFlows, (key) => hintsOf.get(key) ?? { i: 0, r: 0 });
  const hosts = hostList(tables, alias, roles);
  let first: number | undefined;
  let last: number | undefined;
  for (const h of hosts) {
    if (first === undefined || h.firstSeen < first) first = h.firstSeen;
    if (last === undefined || h.lastSeen > last) last = h.lastSeen;
  }
  const warnings = [...log.warnings];
  if (tables.truncHosts) warnings.push(`host table full: only the first ${lim.maxHosts} hosts are listed`);
  if (tables.truncFlows) warnings.push(`flow table full: only the first ${lim.maxFlows} flows are listed`);
  if (log.warningsDropped > 0) warnings.push(`…and ${log.warningsDropped} more warning(s) not listed`);
  return {
    files: files.map((x) => ({ ...x })),
    hosts,
    flows: outFlows,
    counts: {
      packets: log.packets,
      decoded: log.decoded,
      skipped: log.skipped,
      skippedBy: Object.fromEntries([...log.skippedBy].sort((a, b) => b[1] - a[1])),
      unreadableBytes: log.unreadableBytes,
    },
    protocols: protocolStats(outFlows),
    ...(first !== undefined ? { firstSeen: first, lastSeen: last } : {}),
    truncated: { hosts: tables.truncHosts, flows: tables.truncFlows, sessions: tables.truncSessions },
    warnings,
  };
}

/** Flows settled, re-keyed onto merged hosts (`alias`: MAC host key → IP host), duplicates summed. */
function mergeFlows(tables: CaptureTables, alias: ReadonlyMap<string, HostRec>): Map<string, FlowRec> {
  const hostOf = (h: HostRec) => alias.get(h.key) ?? h;
  const flows = new Map<string, FlowRec>();
  for (const raw of tables.flows.values()) {
    const fl = settle(raw, tables);
    const init = hostOf(fl.init);
    const resp = hostOf(fl.resp);
    if (init === resp) continue; // a host's L2 frames to itself: nothing to draw
    const key = init === fl.init && resp === fl.resp ? fl.key : fl.key.replace(fl.init.key, init.key).replace(fl.resp.key, resp.key);
    const prev = flows.get(key);
    if (!prev) flows.set(key, { ...fl, key, init, resp });
    else {
      prev.packets += fl.packets;
      prev.bytes += fl.bytes;
      prev.pToR += fl.pToR;
      prev.bToR += fl.bToR;
      prev.sessions += fl.sessions;
      widenSpan(prev, fl);
      prev.hintsI |= fl.hintsI;
      prev.hintsR |= fl.hintsR;
      if (fl.votes) {
        const votes = new Map(prev.votes ?? []);
        for (const [p, n] of fl.votes) votes.set(p, (votes.get(p) ?? 0) + n);
        prev.votes = votes;
      }
      if (directionRank(fl.directionBy) > directionRank(prev.directionBy)) prev.directionBy = fl.directionBy;
    }
  }
  return flows;
}

/** The flows as reported: protocol decided, in a stable order (initiator, responder, transport, port). */
function sortedFlows(flows: ReadonlyMap<string, FlowRec>): CaptureFlow[] {
  const outFlows: CaptureFlow[] = [];
  for (const fl of flows.values()) outFlows.push(finalFlow(fl));
  outFlows.sort(
    (a, b) =>
      compareHostKeys(a.initiator, b.initiator) ||
      compareHostKeys(a.responder, b.responder) ||
      a.transport.localeCompare(b.transport) ||
      (a.port ?? a.etherType ?? a.ipProtocol ?? 0) - (b.port ?? b.etherType ?? b.ipProtocol ?? 0) ||
      a.key.localeCompare(b.key),
  );
  return outFlows;
}

/** The hosts as reported, MAC-only hosts merged into their IP host left out, sorted by address. */
function hostList(tables: CaptureTables, alias: ReadonlyMap<string, HostRec>, roles: ReturnType<typeof guessRoles>): CaptureHost[] {
  const hostOf = (h: HostRec) => alias.get(h.key) ?? h;
  const hosts: CaptureHost[] = [];
  for (const raw of tables.hosts.values()) {
    if (raw.kind === 'mac' && alias.has(raw.key)) continue; // merged into its IP host
    const h = hostOf(raw);
    const ip = h.kind === 'mac' ? undefined : h.key;
    const macs = h.kind === 'mac' ? [h.key] : [...h.macs];
    if (ip !== undefined && macs.length === 0) {
      const viaArp = tables.arpTable.get(ip);
      if (viaArp !== undefined) macs.push(viaArp);
    }
    const own = macs.length === 1 && (h.kind === 'mac' || tables.macOwner.get(macs[0]!) === ip) ? macs[0] : undefined;
    hosts.push({
      key: h.key,
      kind: h.kind,
      scope: h.scope,
      ...(ip !== undefined ? { ip } : {}),
      ...(own !== undefined ? { mac: own } : {}),
      macs,
      packetsSent: h.pS,
      bytesSent: h.bS,
      packetsReceived: h.pR,
      bytesReceived: h.bR,
      firstSeen: h.first,
      lastSeen: h.last,
      roles: h.scope === 'unicast' ? (roles.get(h.key) ?? []) : [],
    });
  }
  hosts.sort((a, b) => compareHostKeys(a.key, b.key));
  return hosts;
}

/** Flows and packets per protocol, most flows first. */
function protocolStats(outFlows: readonly CaptureFlow[]): CaptureSummary['protocols'] {
  const protoStats = new Map<CaptureProtocol, { flows: number; packets: number }>();
  for (const fl of outFlows) {
    const p = protoStats.get(fl.protocol) ?? { flows: 0, packets: 0 };
    p.flows++;
    p.packets += fl.packets;
    protoStats.set(fl.protocol, p);
  }
  const protocols = [...protoStats].map(([protocol, s]) => ({ protocol, ...s })).sort((a, b) => b.flows - a.flows || b.packets - a.packets || a.protocol.localeCompare(b.protocol));
  return protocols;
}

/** Widens the first and last seen of `into` to cover those of `from`. */
function widenSpan(into: { first: number; last: number }, from: { readonly first: number; readonly last: number }): void {
  into.first = Math.min(into.first, from.first);
  into.last = Math.max(into.last, from.last);
}

/**
 * A flow whose direction was only the lower-port guess is turned round when its initiator's port
 * took part in more sessions than its responder's: the recurring port is the server's. Returns a
 * copy; the flow table is not changed.
 */
function settle(fl: FlowRec, tables: CaptureTables): FlowRec {
  if (fl.directionBy !== 'lower-port' || fl.port === undefined || fl.otherPort === undefined) return fl;
  if (fl.transport !== 'tcp' && fl.transport !== 'udp') return fl;
  const use = fl.transport === 'tcp' ? tables.portUseTcp : tables.portUseUdp;
  if (use[fl.otherPort]! <= use[fl.port]!) return fl;
  return {
    ...fl,
    key: `${fl.transport} ${fl.resp.key} → ${fl.init.key}:${fl.otherPort}`,
    init: fl.resp,
    resp: fl.init,
    port: fl.otherPort,
    otherPort: fl.port,
    portProto: portProtocol(fl.transport, fl.otherPort),
    pToR: fl.packets - fl.pToR,
    bToR: fl.bytes - fl.bToR,
    hintsI: fl.hintsR,
    hintsR: fl.hintsI,
    directionBy: 'port-usage',
  };
}

/**
 * Hosts seen only at layer 2 (GOOSE, DCP, STP senders) whose MAC belongs to exactly one IP host
 * become that host: returns MAC host key → IP host record, with the counters moved over.
 */
function mergeL2Hosts(tables: CaptureTables): Map<string, HostRec> {
  const alias = new Map<string, HostRec>();
  // MAC → the one IP ARP announced for it (null: several).
  const arpOwner = new Map<string, string | null>();
  for (const [ip, mac] of tables.arpTable) {
    const cur = arpOwner.get(mac);
    arpOwner.set(mac, cur === undefined || cur === ip ? ip : null);
  }
  for (const h of tables.hosts.values()) {
    if (h.kind !== 'mac' || h.scope !== 'unicast') continue;
    const owner = tables.macOwner.has(h.key) ? tables.macOwner.get(h.key) : arpOwner.get(h.key);
    const target = owner ? tables.hosts.get(owner) : undefined;
    if (!target || target.scope !== 'unicast') continue;
    alias.set(h.key, target);
  }
  // Counters are copied, not moved, so that calling summary() twice gives the same answer.
  const add = new Map<HostRec, HostRec>();
  for (const [macKey, target] of alias) {
    const h = tables.hosts.get(macKey)!;
    let acc = add.get(target);
    if (!acc) {
      acc = { ...target, macs: [...target.macs] };
      add.set(target, acc);
    }
    widenSpan(acc, h);
    acc.pS += h.pS;
    acc.bS += h.bS;
    acc.pR += h.pR;
    acc.bR += h.bR;
    if (!acc.macs.includes(macKey) && acc.macs.length < MAX_MACS) acc.macs.push(macKey);
  }
  const result = new Map<string, HostRec>();
  for (const [macKey, target] of alias) result.set(macKey, add.get(target)!);
  for (const [target, acc] of add) result.set(target.key, acc);
  return result;
}

const ISO_MEMBERS: readonly CaptureProtocol[] = ['s7comm-plus', 's7comm', 'iec61850-mms'];

/** Decides a flow's protocol from its port, its header and its payload votes. */
export function decideProtocol(fl: Pick<FlowRec, 'fixed' | 'portProto' | 'votes'>): { protocol: CaptureProtocol; recognizedBy: Recognition } {
  if (fl.fixed !== undefined) return { protocol: fl.fixed, recognizedBy: fl.fixed === 'unknown' ? 'none' : 'header' };
  const votes = fl.votes;
  const pp = fl.portProto;
  const count = (p: CaptureProtocol) => votes?.get(p) ?? 0;
  if (votes && votes.size > 0) {
    // On tcp/102 the port names the ISO-TSAP family; the payload names the member.
    const iso = ISO_MEMBERS.filter((p) => count(p) > 0).sort((a, b) => count(b) - count(a))[0];
    if (pp === 'iso-tsap') {
      if (iso) return { protocol: iso, recognizedBy: 'port+payload' };
      if (count('iso-tsap') > 0) return { protocol: 'iso-tsap', recognizedBy: 'port+payload' };
    } else if (pp !== undefined && count(pp) > 0) return { protocol: pp, recognizedBy: 'port+payload' };
    let best: CaptureProtocol | undefined;
    for (const [p, n] of votes) if (best === undefined || n > count(best)) best = p;
    if (best !== undefined && inIsoFamily(best) && iso) best = iso;
    if (best !== undefined) return { protocol: best, recognizedBy: 'payload' };
  }
  if (pp !== undefined) return { protocol: pp, recognizedBy: 'port' };
  return { protocol: 'unknown', recognizedBy: 'none' };
}

function finalFlow(fl: FlowRec): CaptureFlow {
  const { protocol, recognizedBy } = decideProtocol(fl);
  return {
    key: fl.key,
    initiator: fl.init.key,
    responder: fl.resp.key,
    transport: fl.transport,
    ...(fl.port !== undefined ? { port: fl.port } : {}),
    ...(fl.etherType !== undefined ? { etherType: fl.etherType } : {}),
    ...(fl.ipProtocol !== undefined ? { ipProtocol: fl.ipProtocol } : {}),
    protocol,
    recognizedBy,
    directionBy: fl.directionBy,
    sessions: fl.sessions,
    packets: fl.packets,
    bytes: fl.bytes,
    packetsToResponder: fl.pToR,
    bytesToResponder: fl.bToR,
    firstSeen: fl.first,
    lastSeen: fl.last,
  };
}
