// The host and flow tables: hosts by address, flows (initiator → responder, protocol, counts,
// first/last seen), TCP/UDP sessions (to tell each packet's direction), ARP and MAC ownership.
// Memory grows with hosts, flows and live sessions only, each capped.
import { directionRank, responderByPort } from './direction';
import type { Frame, PacketSink } from './frame';
import type { PacketLog } from './packet-log';
import { classify, Hint, isServerPort, portProtocol, type CaptureProtocol, type Verdict } from './protocols';
import type { CaptureFlow, CaptureLimits, FlowTransport, HostAddressKind, HostScope } from './types';

/** A host as counted: its address, MACs, packets and bytes each way, first and last seen. */
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

/** A flow as counted, with what its protocol and direction will be decided from. */
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

/** A TCP connection or UDP conversation: which flow it is in and which endpoint started it. */
interface Session {
  flow: FlowRec;
  /** The canonical first endpoint (a) is the initiator. */
  aInit: boolean;
  by: 'syn' | 'port' | 'lower-port' | 'first-packet';
}

/** Most MACs kept per host. */
export const MAX_MACS = 8;

/** The tables one analyzer fills; the summary reads them and changes nothing. */
export class CaptureTables implements PacketSink {
  readonly hosts = new Map<string, HostRec>();
  readonly flows = new Map<string, FlowRec>();
  private readonly sessions = new Map<string, Session>();
  /** Sessions each port took part in: a server port recurs, client ports come and go. */
  readonly portUseTcp = new Uint32Array(65536);
  readonly portUseUdp = new Uint32Array(65536);
  /** The session of the previous TCP/UDP packet, by its canonical endpoints. */
  private readonly last: { t: string; a: string; pa: number; b: string; pb: number; session: Session | undefined } = { t: '', a: '', pa: 0, b: '', pb: 0, session: undefined };
  /** MAC → the one IP seen behind it, or null when several (a router). */
  readonly macOwner = new Map<string, string | null>();
  /** IP → the MAC ARP announced for it. */
  readonly arpTable = new Map<string, string>();
  private readonly verdict: Verdict = { protocol: undefined, hint: Hint.None };
  truncHosts = false;
  truncFlows = false;
  truncSessions = false;

  constructor(
    private readonly lim: Required<CaptureLimits>,
    /** The frame being counted (its MACs, length and time), as the decoder fills it. */
    private readonly frame: Frame,
    private readonly log: PacketLog,
  ) {}

  arp(mac: string, ip: string): void {
    if (this.arpTable.size < this.lim.maxHosts || this.arpTable.has(ip)) this.arpTable.set(ip, mac);
    this.own(mac, ip);
  }

  l2(etherType: number | undefined, sap: number | undefined, proto: CaptureProtocol, hint: Hint): void {
    const f = this.frame;
    const src = f.srcMac!;
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

  ip(init: string, resp: string, scope: HostScope, proto: number, transport: 'ip' | 'icmp', srcMac: string | undefined, reply = false): void {
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

  transport(t: 'tcp' | 'udp', src: string, sp: number, dst: string, dp: number, scope: HostScope, flags: number, payload: Uint8Array): void {
    const kind: HostAddressKind = src.includes(':') ? 'ipv6' : 'ipv4';
    if (scope !== 'unicast') return this.groupTransport(t, src, dst, dp, kind, scope, payload);
    // Canonical session key: the endpoint with the smaller (address, port) first.
    const srcFirst = src < dst || (src === dst && sp <= dp);
    const s = this.session(t, src, sp, dst, dp, kind, flags, srcFirst);
    if (!s) return;
    const fromInit = s.aInit === srcFirst;
    this.inspect(s.flow, t, payload, fromInit);
    this.count(s.flow, fromInit, this.frame.srcMac);
  }

  /** TCP/UDP to a group address: one flow per sender, group and port. */
  private groupTransport(t: 'tcp' | 'udp', src: string, dst: string, dp: number, kind: HostAddressKind, scope: HostScope, payload: Uint8Array): void {
    const key = `${t} ${src} → ${dst}:${dp}`;
    const fl = this.resolve(key, src, kind, dst, kind, scope, t, 'group');
    if (!fl) return;
    if (fl.packets === 0) {
      fl.port = dp;
      fl.portProto = portProtocol(t, dp);
      fl.sessions = 1;
    }
    this.inspect(fl, t, payload, true);
    this.count(fl, true, this.frame.srcMac);
  }

  /**
   * The session of a unicast TCP/UDP packet, and so its flow and direction: the known session, or a
   * new one directed by SYN, the server port or the first packet (a SYN redirects a session that
   * was only guessed). Undefined when the tables are full.
   */
  private session(t: 'tcp' | 'udp', src: string, sp: number, dst: string, dp: number, kind: HostAddressKind, flags: number, srcFirst: boolean): Session | undefined {
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
      if (!fl) return undefined;
      if (fl.packets === 0) {
        fl.port = port;
        fl.portProto = portProtocol(t, port);
        fl.otherPort = srcInit ? sp : dp;
      }
      if (directionRank(by) > directionRank(fl.directionBy)) fl.directionBy = by;
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
    return s;
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

  /** Notes that `mac` carried `ip`; a MAC seen with several IPs is a router's. */
  private own(mac: string, ip: string): void {
    const cur = this.macOwner.get(mac);
    if (cur === undefined) {
      if (this.macOwner.size < this.lim.maxHosts * 2) this.macOwner.set(mac, ip);
    } else if (cur !== null && cur !== ip) this.macOwner.set(mac, null);
  }

  /** The host of `key`, created within the cap; undefined when the table is full. */
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
      this.log.skip('flow table full', `flow table full (${this.lim.maxFlows} flows): ${key} not kept`);
      return undefined;
    }
    const init = this.host(initKey, initKind, 'unicast');
    const resp = this.host(respKey, respKind, respScope);
    if (!init || !resp) {
      this.log.skip('host table full', `host table full (${this.lim.maxHosts} hosts): ${init ? respKey : initKey} not kept`);
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
    this.log.decoded++;
  }
}
