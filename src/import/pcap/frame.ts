// Frame decoding: link layers (Ethernet, VLAN tags, LLC/SNAP, Linux SLL/SLL2, raw IP, BSD loopback),
// ARP, IPv4 and IPv6 (extension headers, fragments), ICMP, and the TCP/UDP headers. Each decoded
// packet goes to a PacketSink (the host and flow tables); what cannot be used is skipped in the log
// with its reason. Nothing here keeps a packet's bytes after the call returns.
import { ipv4Scope, ipv4Text, ipv6Text, macText } from './addresses';
import type { PacketLog } from './packet-log';
import { etherProtocol, Hint, type CaptureProtocol, type Verdict } from './protocols';
import type { HostScope } from './types';

/** Decoded addressing of the current frame; one reused instance. */
export interface Frame {
  /** Linux cooked capture: the group bit comes from the packet type, not a destination MAC. */
  cooked: boolean;
  srcMac: string | undefined;
  dstMac: string | undefined;
  dstGroup: HostScope;
  wireLen: number;
  ts: number;
}

/** A frame record to decode into. */
export function newFrame(): Frame {
  return { cooked: false, srcMac: undefined, dstMac: undefined, dstGroup: 'unicast', wireLen: 0, ts: 0 };
}

/** Where decoded packets go. Addressing beyond the arguments (MACs, length, time) is in the decoder's frame. */
export interface PacketSink {
  /** ARP says `mac` has `ip`. */
  arp(mac: string, ip: string): void;
  /** A frame without IP, by ethertype or LLC SAP, with its protocol and payload hint. */
  l2(etherType: number | undefined, sap: number | undefined, proto: CaptureProtocol, hint: Hint): void;
  /**
   * An IP packet other than TCP/UDP (or a fragment after the first), `init` → `resp`. A `reply`
   * (an ICMP answer) was sent by `resp`, from `srcMac`.
   */
  ip(init: string, resp: string, scope: HostScope, proto: number, transport: 'ip' | 'icmp', srcMac: string | undefined, reply?: boolean): void;
  /** A TCP or UDP packet: its ports, TCP flags (0 for UDP) and payload. */
  transport(t: 'tcp' | 'udp', src: string, sp: number, dst: string, dp: number, scope: HostScope, flags: number, payload: Uint8Array): void;
}

const u16 = (d: Uint8Array, o: number) => (d[o]! << 8) | d[o + 1]!;

/** Decodes one frame at a time into the frame's addressing and a call on the sink. */
export class FrameDecoder {
  private readonly verdict: Verdict = { protocol: undefined, hint: Hint.None };

  constructor(
    /** Filled for each frame; the sink reads it. */
    private readonly frame: Frame,
    private readonly sink: PacketSink,
    private readonly log: PacketLog,
  ) {}

  /** One captured frame of link type `link`; `wireLen` is its length on the wire. */
  decode(link: number, d: Uint8Array, wireLen: number, ts: number): void {
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
        if (d.length < 4) return this.log.skip('frame shorter than its link header', `loopback frame of ${d.length} bytes`);
        // Address family in host byte order (0) or network order (108).
        const le = d[0]! | (d[1]! << 8) | (d[2]! << 16);
        const be = (d[1]! << 16) | (d[2]! << 8) | d[3]!;
        const af = link === 108 ? be : d[0] !== 0 ? le : be;
        if (af === 2) return this.ip(d, 4);
        if (af === 24 || af === 28 || af === 30) return this.ip(d, 4);
        return this.log.skip('unsupported loopback address family', `loopback address family ${af}`);
      }
      default:
        return this.log.skip(`link type ${link}`, `unsupported link type ${link}`);
    }
  }

  private ethernet(d: Uint8Array): void {
    if (d.length < 14) return this.log.skip('frame shorter than its link header', `Ethernet frame of ${d.length} bytes (< 14)`);
    const f = this.frame;
    f.dstMac = macText(d, 0);
    f.srcMac = macText(d, 6);
    f.dstGroup = d[0]! & 1 ? (f.dstMac === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : 'multicast') : 'unicast';
    let type = u16(d, 12);
    let o = 14;
    for (let tags = 0; (type === 0x8100 || type === 0x88a8 || type === 0x9100) && tags < 8; tags++) {
      if (o + 4 > d.length) return this.log.skip('frame shorter than its link header', `VLAN tag cut at ${o} of ${d.length} bytes`);
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
      return this.log.skip(`ethertype 0x${type.toString(16).padStart(4, '0')} without MAC addresses`);
    }
    etherProtocol(type, d.subarray(o), this.verdict);
    this.l2(type, undefined, this.verdict.protocol ?? 'unknown', this.verdict.hint);
  }

  /** 802.2 LLC (length field instead of an ethertype): SNAP carries an ethertype; STP and NetBIOS by SAP. */
  private llc(d: Uint8Array, o: number): void {
    if (o + 3 > d.length) return this.log.skip('frame shorter than its link header', `LLC header cut at ${o} of ${d.length} bytes`);
    const dsap = d[o]!;
    const ssap = d[o + 1]!;
    if (dsap === 0xaa && ssap === 0xaa && o + 8 <= d.length) return this.etherPayload(u16(d, o + 6), d, o + 8);
    if (this.frame.srcMac === undefined) return this.log.skip('LLC frame without MAC addresses');
    const proto: CaptureProtocol = dsap === 0x42 ? 'stp' : dsap === 0xf0 ? 'netbios' : 'unknown';
    this.l2(undefined, dsap, proto, Hint.None);
  }

  private arpFrame(d: Uint8Array, o: number): void {
    // Ethernet/IPv4 ARP: sender MAC at 8, sender IP at 14.
    if (o + 28 > d.length || u16(d, o) !== 1 || u16(d, o + 2) !== 0x0800) {
      return this.log.skip('ARP packet not Ethernet/IPv4', `ARP packet of ${d.length - o} bytes, hardware type ${o + 2 <= d.length ? u16(d, o) : '?'}`);
    }
    const mac = macText(d, o + 8);
    const ip = ipv4Text(d, o + 14);
    if (ip !== '0.0.0.0' && !(d[o + 8]! & 1)) this.sink.arp(mac, ip);
    this.log.decoded++;
  }

  private sll(d: Uint8Array): void {
    if (d.length < 16) return this.log.skip('frame shorter than its link header', `Linux cooked frame of ${d.length} bytes (< 16)`);
    const hatype = u16(d, 2);
    const alen = u16(d, 4);
    if (hatype === 1 && alen === 6) this.frame.srcMac = macText(d, 6);
    this.cookedGroup(u16(d, 0));
    this.cooked(u16(d, 14), d, 16);
  }

  private sll2(d: Uint8Array): void {
    if (d.length < 20) return this.log.skip('frame shorter than its link header', `Linux cooked v2 frame of ${d.length} bytes (< 20)`);
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
    if (o >= d.length) return this.log.skip('IP header cut', `no IP header (frame of ${d.length} bytes)`);
    const version = d[o]! >> 4;
    let src: string;
    let dst: string;
    let proto: number;
    let l4: number;
    let end: number;
    let scope: HostScope;
    let firstFragment = true;
    if (version === 4) {
      if (o + 20 > d.length) return this.log.skip('IP header cut', `IPv4 header cut: ${d.length - o} of 20 bytes`);
      const ihl = (d[o]! & 0x0f) * 4;
      const total = u16(d, o + 2);
      if (ihl < 20) return this.log.skip('malformed IPv4 header', `IPv4 header length ${ihl} (< 20)`);
      if (total !== 0 && total < ihl) return this.log.skip('malformed IPv4 header', `IPv4 total length ${total} < header length ${ihl}`);
      src = ipv4Text(d, o + 12);
      dst = ipv4Text(d, o + 16);
      scope = ipv4Scope(d, o + 16);
      proto = d[o + 9]!;
      firstFragment = (u16(d, o + 6) & 0x1fff) === 0;
      l4 = o + ihl;
      end = total === 0 ? d.length : Math.min(d.length, o + total);
    } else if (version === 6) {
      if (o + 40 > d.length) return this.log.skip('IP header cut', `IPv6 header cut: ${d.length - o} of 40 bytes`);
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
      return this.log.skip('not IPv4 or IPv6', `IP version ${version}`);
    }
    const f = this.frame;
    if (f.dstGroup !== 'unicast' && scope === 'unicast') scope = f.dstGroup;
    // No link-layer destination to tell (raw IP): an IPv4 address ending in .255 is taken as a
    // subnet broadcast.
    if (f.dstMac === undefined && !f.cooked && version === 4 && d[o + 19] === 255) scope = 'broadcast';
    if (src === '0.0.0.0' || src === '::') return this.log.skip('unspecified source address', `source address ${src} (to ${dst})`);
    if (!firstFragment) return this.sink.ip(src, dst, scope, proto, 'ip', undefined);
    if (proto === 6 || proto === 17) return this.transport(proto === 6 ? 'tcp' : 'udp', d, l4, end, src, dst, scope);
    if (proto === 1 || proto === 58) {
      // Requests and unsolicited messages go from the initiator; replies and errors answer one.
      const type = l4 < end ? d[l4]! : -1;
      const answer = proto === 1 ? type === 0 || type === 3 || type === 11 || type === 12 || type === 14 || type === 4 : type === 129 || (type >= 1 && type <= 4);
      if (answer && scope === 'unicast') return this.sink.ip(dst, src, 'unicast', proto, 'icmp', f.srcMac, true);
      return this.sink.ip(src, dst, scope, proto, 'icmp', undefined);
    }
    this.sink.ip(src, dst, scope, proto, 'ip', undefined);
  }


  /** A frame without IP; a cooked capture has no destination MAC: its group frames go to a stand-in group address. */
  private l2(etherType: number | undefined, sap: number | undefined, proto: CaptureProtocol, hint: Hint): void {
    const f = this.frame;
    if (f.dstMac === undefined && f.dstGroup === 'unicast') f.dstGroup = 'multicast';
    this.sink.l2(etherType, sap, proto, hint);
  }

  /** TCP/UDP header at `o`; the IP payload ends at `end`. */
  private transport(t: 'tcp' | 'udp', d: Uint8Array, o: number, end: number, src: string, dst: string, scope: HostScope): void {
    if (o + (t === 'tcp' ? 14 : 8) > end) {
      return this.log.skip(`${t.toUpperCase()} header cut`, `${t.toUpperCase()} header cut: ${Math.max(0, end - o)} bytes captured`);
    }
    const sp = u16(d, o);
    const dp = u16(d, o + 2);
    let payloadStart: number;
    let flags = 0;
    if (t === 'tcp') {
      const doff = (d[o + 12]! >> 4) * 4;
      if (doff < 20) return this.log.skip('malformed TCP header', `TCP data offset ${doff} (< 20)`);
      flags = d[o + 13]!;
      payloadStart = Math.min(o + doff, end);
    } else {
      const ulen = u16(d, o + 4);
      if (ulen >= 8) end = Math.min(end, o + ulen);
      payloadStart = o + 8;
    }
    const payload = d.subarray(payloadStart, Math.max(payloadStart, end));
    this.sink.transport(t, src, sp, dst, dp, scope, flags, payload);
  }
}
