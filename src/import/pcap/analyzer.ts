// Decodes frames (Ethernet, VLAN, LLC/SNAP, Linux SLL/SLL2, raw IP, BSD loopback; IPv4, IPv6, TCP,
// UDP, ICMP) and aggregates them into hosts and flows: who talks to whom, initiator → responder,
// protocol, counts, first/last seen. Memory grows with hosts, flows and live sessions only, each
// capped. Nothing here keeps a packet's bytes after the call returns.
import { compareHostKeys, ipv4Scope, ipv4Text, ipv6Text, macText } from './addresses';
import { guessRoles } from './roles';
import {
  classify,
  etherProtocol,
  Hint,
  inIsoFamily,
  portProtocol,
  isServerPort,
  type CaptureProtocol,
  type Recognition,
  type Verdict,
} from './protocols';
import type {
  CaptureFileInfo,
  CaptureFlow,
  CaptureHost,
  CaptureLimits,
  CaptureSummary,
  FlowTransport,
  HostAddressKind,
  HostScope,
} from './types';

/** Where a packet sits, for messages. The reader mutates one instance; read it, never keep it. */
export interface PacketRef {
  file: string;
  /** 1-based packet number within the file. */
  index: number;
  /** Byte offset of the record in the file. */
  offset: number;
}

export interface HostRec {
  key: string;
  kind: HostAddressKind;
  scope: HostScope;
  macs: string[];
  /** The first MAC this host was sent to (noted once for MAC ownership). */
  dmac: string | undefined;
  pS: number;
  bS: number;
  pR: number;
  bR: number;
  first: number;
  last: number;
}

export interface FlowRec {
  key: string;
  init: HostRec;
  resp: HostRec;
  transport: FlowTransport;
  port: number | undefined;
  etherType: number | undefined;
  ipProtocol: number | undefined;
  /** The initiator's port in the first session (tcp/udp). */
  otherPort: number | undefined;
  /** Protocol named by the server port. */
  portProto: CaptureProtocol | undefined;
  /** Protocol named by a header field (ethertype, LLC SAP, IP protocol). */
  fixed: CaptureProtocol | undefined;
  directionBy: CaptureFlow['directionBy'];
  sessions: number;
  packets: number;
  bytes: number;
  pToR: number;
  bToR: number;
  first: number;
  last: number;
  checks: number;
  votes: Map<CaptureProtocol, number> | undefined;
  /** Bit (1 << hint) set when the initiator (hintsI) or the responder (hintsR) sent such a payload. */
  hintsI: number;
  hintsR: number;
}

interface Session {
  flow: FlowRec;
  /** The canonical first endpoint (a) is the initiator. */
  aInit: boolean;
  by: 'syn' | 'port' | 'lower-port' | 'first-packet';
}

const DEFAULTS = { maxHosts: 50_000, maxFlows: 200_000, maxSessions: 100_000, maxWarnings: 100, payloadChecks: 32 };
/** Same-reason skips described one by one before they are only counted. */
const DETAILS_PER_REASON = 3;
const MAX_MACS = 8;

const u16 = (d: Uint8Array, o: number) => (d[o]! << 8) | d[o + 1]!;

/** Decoded addressing of the current frame; one reused instance. */
interface Frame {
  /** Linux cooked capture: the group bit comes from the packet type, not a destination MAC. */
  cooked: boolean;
  srcMac: string | undefined;
  dstMac: string | undefined;
  dstGroup: HostScope;
  wireLen: number;
  ts: number;
}

export class CaptureAnalyzer {
  private readonly lim: Required<CaptureLimits>;
  private readonly hosts = new Map<string, HostRec>();
  private readonly flows = new Map<string, FlowRec>();
  private readonly sessions = new Map<string, Session>();
  /** Sessions each port took part in: a server port recurs, client ports come and go. */
  private readonly portUseTcp = new Uint32Array(65536);
  private readonly portUseUdp = new Uint32Array(65536);
  /** The session of the previous TCP/UDP packet, by its canonical endpoints. */
  private readonly last: { t: string; a: string; pa: number; b: string; pb: number; session: Session | undefined } = { t: '', a: '', pa: 0, b: '', pb: 0, session: undefined };
  /** MAC → the one IP seen behind it, or null when several (a router). */
  private readonly macOwner = new Map<string, string | null>();
  private readonly arp = new Map<string, string>();
  private readonly skippedBy = new Map<string, number>();
  private readonly warningList: string[] = [];
  private warningsDropped = 0;
  private readonly fileInfos: CaptureFileInfo[] = [];
  private readonly verdict: Verdict = { protocol: undefined, hint: Hint.None };
  private readonly frame: Frame = { cooked: false, srcMac: undefined, dstMac: undefined, dstGroup: 'unicast', wireLen: 0, ts: 0 };
  private at: PacketRef = { file: '', index: 0, offset: 0 };
  private packets = 0;
  private decoded = 0;
  private skipped = 0;
  unreadableBytes = 0;
  private truncHosts = false;
  private truncFlows = false;
  private truncSessions = false;

  constructor(limits: CaptureLimits = {}) {
    this.lim = { ...DEFAULTS, ...limits };
  }

  /** Records a problem not tied to one packet (or already located by the caller). */
  warn(message: string): void {
    if (this.warningList.length < this.lim.maxWarnings) this.warningList.push(message);
    else this.warningsDropped++;
  }

  /** Counts a packet record that could not be used, with its reason; describes the first few. */
  skip(reason: string, detail?: string): void {
    this.skipped++;
    const n = (this.skippedBy.get(reason) ?? 0) + 1;
    this.skippedBy.set(reason, n);
    if (n <= DETAILS_PER_REASON) {
      this.warn(`${this.at.file}: packet #${this.at.index} at byte ${this.at.offset}: ${detail ?? reason}`);
    }
  }

  /** A packet record seen by a reader (counted before it is decoded or skipped). */
  record(): void {
    this.packets++;
  }

  addFile(info: CaptureFileInfo): void {
    this.fileInfos.push(info);
  }

  /** One captured frame of link type `link`. */
  packet(link: number, d: Uint8Array, wireLen: number, ts: number, at: PacketRef): void {
    this.at = at;
    const f = this.frame;
    f.srcMac = undefined;
    f.dstMac = undefined;
    f.dstGroup = 'unicast';
    f.cooked = false;
    f.wireLen = Math.max(wireLen, d.length);
    f.ts = ts;
    switch (link) {
      case 1:
        this.ethernet(d);
        return;
      case 101:
      case 228:
      case 229:
        this.ip(d, 0);
        return;
      case 113:
        this.sll(d);
        return;
      case 276:
        this.sll2(d);
        return;
      case 0:
      case 108: {
        if (d.length < 4) return this.skip('frame shorter than its link header', `loopback frame of ${d.length} bytes`);
        // Address family in host byte order (0) or network order (108).
        const le = d[0]! | (d[1]! << 8) | (d[2]! << 16);
        const be = (d[1]! << 16) | (d[2]! << 8) | d[3]!;
        const af = link === 108 ? be : d[0] !== 0 ? le : be;
        if (af === 2) return this.ip(d, 4);
        if (af === 24 || af === 28 || af === 30) return this.ip(d, 4);
        return this.skip('unsupported loopback address family', `loopback address family ${af}`);
      }
      default:
        return this.skip(`link type ${link}`, `unsupported link type ${link}`);
    }
  }

  private ethernet(d: Uint8Array): void {
    if (d.length < 14) return this.skip('frame shorter than its link header', `Ethernet frame of ${d.length} bytes (< 14)`);
    const f = this.frame;
    f.dstMac = macText(d, 0);
    f.srcMac = macText(d, 6);
    f.dstGroup = d[0]! & 1 ? (f.dstMac === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : 'multicast') : 'unicast';
    let type = u16(d, 12);
    let o = 14;
    for (let tags = 0; (type === 0x8100 || type === 0x88a8 || type === 0x9100) && tags < 8; tags++) {
      if (o + 4 > d.length) return this.skip('frame shorter than its link header', `VLAN tag cut at ${o} of ${d.length} bytes`);
      type = u16(d, o + 2);
      o += 4;
    }
    this.etherPayload(type, d, o);
  }

  private etherPayload(type: number, d: Uint8Array, o: number): void {
    if (type === 0x0800 || type === 0x86dd) return this.ip(d, o);
    if (type === 0x0806) return this.arpFrame(d, o);
    if (type <= 1500) return this.llc(d, o);
    if (this.frame.srcMac === undefined) {
      return this.skip(`ethertype 0x${type.toString(16).padStart(4, '0')} without MAC addresses`);
    }
    etherProtocol(type, d.subarray(o), this.verdict);
    const hint = this.verdict.hint;
    this.l2Flow(type, undefined, this.verdict.protocol ?? 'unknown', hint);
  }

  /** 802.2 LLC (length field instead of an ethertype): SNAP carries an ethertype; STP and NetBIOS by SAP. */
  private llc(d: Uint8Array, o: number): void {
    if (o + 3 > d.length) return this.skip('frame shorter than its link header', `LLC header cut at ${o} of ${d.length} bytes`);
    const dsap = d[o]!;
    const ssap = d[o + 1]!;
    if (dsap === 0xaa && ssap === 0xaa && o + 8 <= d.length) return this.etherPayload(u16(d, o + 6), d, o + 8);
    if (this.frame.srcMac === undefined) return this.skip('LLC frame without MAC addresses');
    const proto: CaptureProtocol = dsap === 0x42 ? 'stp' : dsap === 0xf0 ? 'netbios' : 'unknown';
    this.l2Flow(undefined, dsap, proto, Hint.None);
  }

  private arpFrame(d: Uint8Array, o: number): void {
    // Ethernet/IPv4 ARP: sender MAC at 8, sender IP at 14.
    if (o + 28 > d.length || u16(d, o) !== 1 || u16(d, o + 2) !== 0x0800) {
      return this.skip('ARP packet not Ethernet/IPv4', `ARP packet of ${d.length - o} bytes, hardware type ${o + 2 <= d.length ? u16(d, o) : '?'}`);
    }
    const mac = macText(d, o + 8);
    const ip = ipv4Text(d, o + 14);
    if (ip !== '0.0.0.0' && !(d[o + 8]! & 1)) {
      if (this.arp.size < this.lim.maxHosts || this.arp.has(ip)) this.arp.set(ip, mac);
      this.own(mac, ip);
    }
    this.decoded++;
  }

  private sll(d: Uint8Array): void {
    if (d.length < 16) return this.skip('frame shorter than its link header', `Linux cooked frame of ${d.length} bytes (< 16)`);
    const hatype = u16(d, 2);
    const alen = u16(d, 4);
    if (hatype === 1 && alen === 6) this.frame.srcMac = macText(d, 6);
    this.cookedGroup(u16(d, 0));
    this.cooked(u16(d, 14), d, 16);
  }

  private sll2(d: Uint8Array): void {
    if (d.length < 20) return this.skip('frame shorter than its link header', `Linux cooked v2 frame of ${d.length} bytes (< 20)`);
    if (u16(d, 8) === 1 && d[11] === 6) this.frame.srcMac = macText(d, 12);
    this.cookedGroup(d[10]!);
    this.cooked(u16(d, 0), d, 20);
  }

  /** Linux cooked packet type: 1 sent to broadcast, 2 to multicast (there is no destination MAC). */
  private cookedGroup(packetType: number): void {
    if (packetType === 1) this.frame.dstGroup = 'broadcast';
    else if (packetType === 2) this.frame.dstGroup = 'multicast';
    this.frame.cooked = true;
  }

  /** Linux cooked capture: protocol 4 is 802.2 LLC, otherwise an ethertype. No destination MAC. */
  private cooked(proto: number, d: Uint8Array, o: number): void {
    if (proto === 0x0004) return this.llc(d, o);
    this.etherPayload(proto, d, o);
  }

  private ip(d: Uint8Array, o: number): void {
    if (o >= d.length) return this.skip('IP header cut', `no IP header (frame of ${d.length} bytes)`);
    const version = d[o]! >> 4;
    let src: string;
    let dst: string;
    let proto: number;
    let l4: number;
    let end: number;
    let scope: HostScope;
    let firstFragment = true;
    if (version === 4) {
      if (o + 20 > d.length) return this.skip('IP header cut', `IPv4 header cut: ${d.length - o} of 20 bytes`);
      const ihl = (d[o]! & 0x0f) * 4;
      const total = u16(d, o + 2);
      if (ihl < 20) return this.skip('malformed IPv4 header', `IPv4 header length ${ihl} (< 20)`);
      if (total !== 0 && total < ihl) return this.skip('malformed IPv4 header', `IPv4 total length ${total} < header length ${ihl}`);
      src = ipv4Text(d, o + 12);
      dst = ipv4Text(d, o + 16);
      scope = ipv4Scope(d, o + 16);
      proto = d[o + 9]!;
      firstFragment = (u16(d, o + 6) & 0x1fff) === 0;
      l4 = o + ihl;
      end = total === 0 ? d.length : Math.min(d.length, o + total);
    } else if (version === 6) {
      if (o + 40 > d.length) return this.skip('IP header cut', `IPv6 header cut: ${d.length - o} of 40 bytes`);
      src = ipv6Text(d, o + 8);
      dst = ipv6Text(d, o + 24);
      scope = d[o + 24] === 0xff ? 'multicast' : 'unicast';
      end = Math.min(d.length, o + 40 + u16(d, o + 4));
      proto = d[o + 6]!;
      l4 = o + 40;
      // Extension headers: hop-by-hop, routing, fragment, destination options, AH.
      for (let n = 0; n < 8 && [0, 43, 44, 51, 60].includes(proto); n++) {
        if (l4 + 8 > end) break;
        const next = d[l4]!;
        if (proto === 44) {
          if ((u16(d, l4 + 2) & 0xfff8) !== 0) firstFragment = false;
          l4 += 8;
        } else if (proto === 51) l4 += (d[l4 + 1]! + 2) * 4;
        else l4 += (d[l4 + 1]! + 1) * 8;
        proto = next;
      }
    } else {
      return this.skip('not IPv4 or IPv6', `IP version ${version}`);
    }
    const f = this.frame;
    if (f.dstGroup !== 'unicast' && scope === 'unicast') scope = f.dstGroup;
    // No link-layer destination to tell (raw IP): an IPv4 address ending in .255 is taken as a
    // subnet broadcast.
    if (f.dstMac === undefined && !f.cooked && version === 4 && d[o + 19] === 255) scope = 'broadcast';
    if (src === '0.0.0.0' || src === '::') return this.skip('unspecified source address', `source address ${src} (to ${dst})`);
    if (!firstFragment) return this.ipFlow(src, dst, scope, proto, 'ip', undefined);
    if (proto === 6 || proto === 17) return this.transport(proto === 6 ? 'tcp' : 'udp', d, l4, end, src, dst, scope);
    if (proto === 1 || proto === 58) {
      // Requests and unsolicited messages go from the initiator; replies and errors answer one.
      const type = l4 < end ? d[l4]! : -1;
      const answer = proto === 1 ? type === 0 || type === 3 || type === 11 || type === 12 || type === 14 || type === 4 : type === 129 || (type >= 1 && type <= 4);
      if (answer && scope === 'unicast') return this.ipFlow(dst, src, 'unicast', proto, 'icmp', f.srcMac, true);
      return this.ipFlow(src, dst, scope, proto, 'icmp', undefined);
    }
    this.ipFlow(src, dst, scope, proto, 'ip', undefined);
  }

  /** Notes that `mac` carried `ip`; a MAC seen with several IPs is a router's. */
  private own(mac: string, ip: string): void {
    const cur = this.macOwner.get(mac);
    if (cur === undefined) {
      if (this.macOwner.size < this.lim.maxHosts * 2) this.macOwner.set(mac, ip);
    } else if (cur !== null && cur !== ip) this.macOwner.set(mac, null);
  }

  private host(key: string, kind: HostAddressKind, scope: HostScope): HostRec | undefined {
    let h = this.hosts.get(key);
    if (h) return h;
    if (this.hosts.size >= this.lim.maxHosts) {
      this.truncHosts = true;
      return undefined;
    }
    h = { key, kind, scope, macs: [], dmac: undefined, pS: 0, bS: 0, pR: 0, bR: 0, first: this.frame.ts, last: this.frame.ts };
    this.hosts.set(key, h);
    return h;
  }

  private newFlow(
    key: string,
    init: HostRec,
    resp: HostRec,
    transport: FlowTransport,
    directionBy: CaptureFlow['directionBy'],
  ): FlowRec | undefined {
    if (this.flows.size >= this.lim.maxFlows) {
      this.truncFlows = true;
      return undefined;
    }
    const fl: FlowRec = {
      key, init, resp, transport, port: undefined, otherPort: undefined, etherType: undefined, ipProtocol: undefined, portProto: undefined,
      fixed: undefined, directionBy, sessions: 0, packets: 0, bytes: 0, pToR: 0, bToR: 0, first: this.frame.ts,
      last: this.frame.ts, checks: 0, votes: undefined, hintsI: 0, hintsR: 0,
    };
    this.flows.set(key, fl);
    return fl;
  }

  /** Looks up both hosts, then the flow; creates what is missing within the caps. */
  private resolve(
    key: string,
    initKey: string,
    initKind: HostAddressKind,
    respKey: string,
    respKind: HostAddressKind,
    respScope: HostScope,
    transport: FlowTransport,
    directionBy: CaptureFlow['directionBy'],
  ): FlowRec | undefined {
    const existing = this.flows.get(key);
    if (existing) return existing;
    if (this.flows.size >= this.lim.maxFlows) {
      this.truncFlows = true;
      this.skip('flow table full', `flow table full (${this.lim.maxFlows} flows): ${key} not kept`);
      return undefined;
    }
    const init = this.host(initKey, initKind, 'unicast');
    const resp = this.host(respKey, respKind, respScope);
    if (!init || !resp) {
      this.skip('host table full', `host table full (${this.lim.maxHosts} hosts): ${init ? respKey : initKey} not kept`);
      return undefined;
    }
    return this.newFlow(key, init, resp, transport, directionBy);
  }

  /** Counts the current frame in `fl`; `fromInit` says which side sent it. */
  private count(fl: FlowRec, fromInit: boolean, srcMac: string | undefined): void {
    const f = this.frame;
    const len = f.wireLen;
    const s = fromInit ? fl.init : fl.resp;
    const r = fromInit ? fl.resp : fl.init;
    s.pS++;
    s.bS += len;
    r.pR++;
    r.bR += len;
    if (f.ts < s.first) s.first = f.ts;
    if (f.ts > s.last) s.last = f.ts;
    if (f.ts < r.first) r.first = f.ts;
    if (f.ts > r.last) r.last = f.ts;
    fl.packets++;
    fl.bytes += len;
    if (fromInit) {
      fl.pToR++;
      fl.bToR += len;
    }
    if (f.ts < fl.first) fl.first = f.ts;
    if (f.ts > fl.last) fl.last = f.ts;
    if (s.kind !== 'mac') {
      // MAC ownership is noted when a host shows a new MAC, not on every packet.
      if (srcMac !== undefined && s.macs.length < MAX_MACS && !s.macs.includes(srcMac)) {
        s.macs.push(srcMac);
        this.own(srcMac, s.key);
      }
      // The frame's destination MAC is the receiver's (or its router's).
      if (f.dstMac !== undefined && r.dmac === undefined && f.dstGroup === 'unicast' && r.scope === 'unicast') {
        r.dmac = f.dstMac;
        this.own(f.dstMac, r.key);
      }
    }
    this.decoded++;
  }

  private l2Flow(etherType: number | undefined, sap: number | undefined, proto: CaptureProtocol, hint: Hint): void {
    const f = this.frame;
    const src = f.srcMac!;
    // Cooked captures have no destination MAC: group frames go to a stand-in group address.
    if (f.dstMac === undefined && f.dstGroup === 'unicast') f.dstGroup = 'multicast';
    const dst = f.dstMac ?? (f.dstGroup === 'broadcast' ? 'l2-broadcast' : 'l2-group');
    const what = etherType !== undefined ? `ethertype 0x${etherType.toString(16).padStart(4, '0')}` : `llc 0x${sap!.toString(16).padStart(2, '0')}`;
    const key = `l2 ${src} → ${dst} ${what}`;
    const fl = this.resolve(key, src, 'mac', dst, 'mac', f.dstGroup, 'l2', 'group');
    if (!fl) return;
    if (fl.packets === 0) {
      fl.etherType = etherType;
      fl.fixed = proto;
      fl.directionBy = f.dstGroup === 'unicast' ? 'first-packet' : 'group';
      fl.sessions = 1;
    }
    if (hint !== Hint.None) fl.hintsI |= 1 << hint;
    this.count(fl, true, undefined);
  }

  private ipFlow(init: string, resp: string, scope: HostScope, proto: number, transport: 'ip' | 'icmp', srcMac: string | undefined, reply = false): void {
    const kind: HostAddressKind = init.includes(':') ? 'ipv6' : 'ipv4';
    const key = transport === 'icmp' ? `icmp ${init} → ${resp}` : `ip ${init} → ${resp} proto ${proto}`;
    const fl = this.resolve(key, init, kind, resp, kind, scope, transport, scope === 'unicast' ? 'first-packet' : 'group');
    if (!fl) return;
    if (fl.packets === 0) {
      fl.ipProtocol = proto;
      fl.sessions = 1;
      fl.fixed = transport === 'icmp' ? 'icmp' : proto === 2 ? 'igmp' : proto === 50 || proto === 51 ? 'ipsec' : 'unknown';
    }
    this.count(fl, !reply, reply ? srcMac : this.frame.srcMac);
  }

  private transport(t: 'tcp' | 'udp', d: Uint8Array, o: number, end: number, src: string, dst: string, scope: HostScope): void {
    if (o + (t === 'tcp' ? 14 : 8) > end) {
      return this.skip(`${t.toUpperCase()} header cut`, `${t.toUpperCase()} header cut: ${Math.max(0, end - o)} bytes captured`);
    }
    const sp = u16(d, o);
    const dp = u16(d, o + 2);
    let payloadStart: number;
    let flags = 0;
    if (t === 'tcp') {
      const doff = (d[o + 12]! >> 4) * 4;
      if (doff < 20) return this.skip('malformed TCP header', `TCP data offset ${doff} (< 20)`);
      flags = d[o + 13]!;
      payloadStart = Math.min(o + doff, end);
    } else {
      const ulen = u16(d, o + 4);
      if (ulen >= 8) end = Math.min(end, o + ulen);
      payloadStart = o + 8;
    }
    const payload = d.subarray(payloadStart, Math.max(payloadStart, end));
    const kind: HostAddressKind = src.includes(':') ? 'ipv6' : 'ipv4';
    const f = this.frame;

    if (scope !== 'unicast') {
      const key = `${t} ${src} → ${dst}:${dp}`;
      const fl = this.resolve(key, src, kind, dst, kind, scope, t, 'group');
      if (!fl) return;
      if (fl.packets === 0) {
        fl.port = dp;
        fl.portProto = portProtocol(t, dp);
        fl.sessions = 1;
      }
      this.inspect(fl, t, payload, true);
      this.count(fl, true, f.srcMac);
      return;
    }

    // Canonical session key: the endpoint with the smaller (address, port) first.
    const srcFirst = src < dst || (src === dst && sp <= dp);
    // Request/response traffic hits the same session packet after packet: check the last one first.
    const lc = this.last;
    const hit = lc.session !== undefined && lc.t === t && (srcFirst
      ? lc.a === src && lc.pa === sp && lc.b === dst && lc.pb === dp
      : lc.a === dst && lc.pa === dp && lc.b === src && lc.pb === sp);
    const skey = hit ? '' : srcFirst ? `${t}|${src}|${sp}|${dst}|${dp}` : `${t}|${dst}|${dp}|${src}|${sp}`;
    let s = hit ? lc.session : this.sessions.get(skey);
    const syn = t === 'tcp' && (flags & 0x02) !== 0;
    if (!s || (syn && s.by !== 'syn')) {
      // TCP: SYN from the initiator, SYN+ACK from the responder. Otherwise the known server port.
      let srcInit: boolean;
      let by: Session['by'];
      if (syn) {
        srcInit = (flags & 0x10) === 0;
        by = 'syn';
      } else {
        const side = responderByPort(t, sp, dp);
        if (side === undefined) {
          srcInit = true;
          by = 'first-packet';
        } else {
          srcInit = side === 'dst';
          // Neither port is a known server port: the lower one is a guess, revisited in summary().
          by = isServerPort(t, sp) || isServerPort(t, dp) ? 'port' : 'lower-port';
        }
      }
      const init = srcInit ? src : dst;
      const resp = srcInit ? dst : src;
      const port = srcInit ? dp : sp;
      const key = `${t} ${init} → ${resp}:${port}`;
      const fl = this.resolve(key, init, kind, resp, kind, 'unicast', t, by);
      if (!fl) return;
      if (fl.packets === 0) {
        fl.port = port;
        fl.portProto = portProtocol(t, port);
        fl.otherPort = srcInit ? sp : dp;
      }
      if (rank(by) > rank(fl.directionBy)) fl.directionBy = by;
      fl.sessions++;
      if (s) {
        s.flow = fl;
        s.aInit = srcFirst === srcInit;
        s.by = by;
      } else {
        if (this.sessions.size >= this.lim.maxSessions) {
          // Forget the oldest session; its later packets are placed again by port.
          this.sessions.delete(this.sessions.keys().next().value!);
          this.truncSessions = true;
        }
        s = { flow: fl, aInit: srcFirst === srcInit, by };
        this.sessions.set(skey, s);
        const use = t === 'tcp' ? this.portUseTcp : this.portUseUdp;
        use[sp]!++;
        if (dp !== sp) use[dp]!++;
      }
    }
    if (!hit) {
      lc.t = t;
      lc.a = srcFirst ? src : dst;
      lc.pa = srcFirst ? sp : dp;
      lc.b = srcFirst ? dst : src;
      lc.pb = srcFirst ? dp : sp;
      lc.session = s;
    }
    const fromInit = s.aInit === srcFirst;
    this.inspect(s.flow, t, payload, fromInit);
    this.count(s.flow, fromInit, f.srcMac);
  }

  /** Payload signatures: votes for the flow's protocol, and hints for role guesses. */
  private inspect(fl: FlowRec, t: 'tcp' | 'udp', payload: Uint8Array, fromInit: boolean): void {
    if (payload.length === 0) return;
    const v = this.verdict;
    if (fl.checks < this.lim.payloadChecks) {
      fl.checks++;
      classify(payload, t, fl.portProto, v);
      if (v.protocol !== undefined) {
        fl.votes ??= new Map();
        fl.votes.set(v.protocol, (fl.votes.get(v.protocol) ?? 0) + 1);
      }
    } else if (fl.votes?.has('s7comm') || fl.votes?.has('modbus-tcp')) {
      // Past the vote budget, S7comm and Modbus flows are still watched for programming traffic.
      classify(payload, t, fl.portProto, v);
    } else return;
    if (v.hint !== Hint.None) {
      if (fromInit) fl.hintsI |= 1 << v.hint;
      else fl.hintsR |= 1 << v.hint;
    }
  }

  /** The communication graph so far. Cheap enough to call for progress, but it walks every flow. */
  summary(): CaptureSummary {
    const alias = this.mergeL2Hosts();
    const hostOf = (h: HostRec) => alias.get(h.key) ?? h;
    // Flows re-keyed onto merged hosts, duplicates summed.
    const flows = new Map<string, FlowRec>();
    for (const raw of this.flows.values()) {
      const fl = this.settle(raw);
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
        prev.first = Math.min(prev.first, fl.first);
        prev.last = Math.max(prev.last, fl.last);
        prev.hintsI |= fl.hintsI;
        prev.hintsR |= fl.hintsR;
        if (fl.votes) {
          const votes = new Map(prev.votes ?? []);
          for (const [p, n] of fl.votes) votes.set(p, (votes.get(p) ?? 0) + n);
          prev.votes = votes;
        }
        if (rank(fl.directionBy) > rank(prev.directionBy)) prev.directionBy = fl.directionBy;
      }
    }
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
    const hintsOf = new Map<string, { i: number; r: number }>();
    for (const fl of flows.values()) hintsOf.set(fl.key, { i: fl.hintsI, r: fl.hintsR });
    const roles = guessRoles(outFlows, (key) => hintsOf.get(key) ?? { i: 0, r: 0 });

    const hosts: CaptureHost[] = [];
    for (const raw of this.hosts.values()) {
      if (raw.kind === 'mac' && alias.has(raw.key)) continue; // merged into its IP host
      const h = hostOf(raw);
      const ip = h.kind === 'mac' ? undefined : h.key;
      const macs = h.kind === 'mac' ? [h.key] : [...h.macs];
      if (ip !== undefined && macs.length === 0) {
        const viaArp = this.arp.get(ip);
        if (viaArp !== undefined) macs.push(viaArp);
      }
      const own = macs.length === 1 && (h.kind === 'mac' || this.macOwner.get(macs[0]!) === ip) ? macs[0] : undefined;
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

    const protoStats = new Map<CaptureProtocol, { flows: number; packets: number }>();
    for (const fl of outFlows) {
      const p = protoStats.get(fl.protocol) ?? { flows: 0, packets: 0 };
      p.flows++;
      p.packets += fl.packets;
      protoStats.set(fl.protocol, p);
    }
    const protocols = [...protoStats].map(([protocol, s]) => ({ protocol, ...s })).sort((a, b) => b.flows - a.flows || b.packets - a.packets || a.protocol.localeCompare(b.protocol));
    let first: number | undefined;
    let last: number | undefined;
    for (const h of hosts) {
      if (first === undefined || h.firstSeen < first) first = h.firstSeen;
      if (last === undefined || h.lastSeen > last) last = h.lastSeen;
    }
    const warnings = [...this.warningList];
    if (this.truncHosts) warnings.push(`host table full: only the first ${this.lim.maxHosts} hosts are listed`);
    if (this.truncFlows) warnings.push(`flow table full: only the first ${this.lim.maxFlows} flows are listed`);
    if (this.warningsDropped > 0) warnings.push(`…and ${this.warningsDropped} more warning(s) not listed`);
    return {
      files: this.fileInfos.map((x) => ({ ...x })),
      hosts,
      flows: outFlows,
      counts: {
        packets: this.packets,
        decoded: this.decoded,
        skipped: this.skipped,
        skippedBy: Object.fromEntries([...this.skippedBy].sort((a, b) => b[1] - a[1])),
        unreadableBytes: this.unreadableBytes,
      },
      protocols,
      ...(first !== undefined ? { firstSeen: first, lastSeen: last } : {}),
      truncated: { hosts: this.truncHosts, flows: this.truncFlows, sessions: this.truncSessions },
      warnings,
    };
  }

  /**
   * A flow whose direction was only the lower-port guess is turned round when its initiator's port
   * took part in more sessions than its responder's: the recurring port is the server's. Returns a
   * copy; the flow table is not changed.
   */
  private settle(fl: FlowRec): FlowRec {
    if (fl.directionBy !== 'lower-port' || fl.port === undefined || fl.otherPort === undefined) return fl;
    if (fl.transport !== 'tcp' && fl.transport !== 'udp') return fl;
    const use = fl.transport === 'tcp' ? this.portUseTcp : this.portUseUdp;
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
  private mergeL2Hosts(): Map<string, HostRec> {
    const alias = new Map<string, HostRec>();
    // MAC → the one IP ARP announced for it (null: several).
    const arpOwner = new Map<string, string | null>();
    for (const [ip, mac] of this.arp) {
      const cur = arpOwner.get(mac);
      arpOwner.set(mac, cur === undefined || cur === ip ? ip : null);
    }
    for (const h of this.hosts.values()) {
      if (h.kind !== 'mac' || h.scope !== 'unicast') continue;
      const owner = this.macOwner.has(h.key) ? this.macOwner.get(h.key) : arpOwner.get(h.key);
      const target = owner ? this.hosts.get(owner) : undefined;
      if (!target || target.scope !== 'unicast') continue;
      alias.set(h.key, target);
    }
    // Counters are copied, not moved, so that calling summary() twice gives the same answer.
    const add = new Map<HostRec, HostRec>();
    for (const [macKey, target] of alias) {
      const h = this.hosts.get(macKey)!;
      let acc = add.get(target);
      if (!acc) {
        acc = { ...target, macs: [...target.macs] };
        add.set(target, acc);
      }
      acc.pS += h.pS;
      acc.bS += h.bS;
      acc.pR += h.pR;
      acc.bR += h.bR;
      acc.first = Math.min(acc.first, h.first);
      acc.last = Math.max(acc.last, h.last);
      if (!acc.macs.includes(macKey) && acc.macs.length < MAX_MACS) acc.macs.push(macKey);
    }
    const result = new Map<string, HostRec>();
    for (const [macKey, target] of alias) result.set(macKey, add.get(target)!);
    for (const [target, acc] of add) result.set(target.key, acc);
    return result;
  }

}

function rank(by: CaptureFlow['directionBy']): number {
  return by === 'syn' ? 4 : by === 'port' ? 3 : by === 'port-usage' ? 2 : by === 'lower-port' ? 1.5 : by === 'first-packet' ? 1 : 0;
}

/**
 * Which side of a TCP/UDP packet is the server, from the ports alone: the known server port; both
 * known: the lower; neither: for TCP the lower port (ephemeral ports are high), for UDP nothing
 * (the first packet's sender starts the conversation). Equal ports: nothing.
 */
export function responderByPort(t: 'tcp' | 'udp', sp: number, dp: number): 'src' | 'dst' | undefined {
  if (sp === dp) return undefined;
  const sk = isServerPort(t, sp);
  const dk = isServerPort(t, dp);
  if (sk && !dk) return 'src';
  if (dk && !sk) return 'dst';
  if (sk && dk) return sp < dp ? 'src' : 'dst';
  if (t === 'udp' && sp >= 1024 && dp >= 1024) return undefined;
  return sp < dp ? 'src' : 'dst';
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
