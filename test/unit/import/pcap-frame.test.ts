// Frame decoding (src/import/pcap/frame.ts) on hand-built frames: each link layer, IP version and
// transport reaches the sink with the right addresses, scope, direction and payload, and each
// malformed frame is skipped with its reason. The tables and the summary are not involved.
import { describe, expect, it } from 'vitest';
import { FrameDecoder, newFrame, type Frame, type PacketSink } from '../../../src/import/pcap/frame';
import { PacketLog } from '../../../src/import/pcap/packet-log';
import { Hint } from '../../../src/import/pcap/protocols';

type Call = { readonly call: keyof PacketSink; readonly args: unknown[]; readonly frame: Frame };

/** Decodes one frame into a sink that records its calls, each with the frame as it was then. */
function decode(link: number, bytes: readonly number[], wireLen = bytes.length): { calls: Call[]; log: PacketLog; frame: Frame } {
  const frame = newFrame();
  const calls: Call[] = [];
  const record = (call: keyof PacketSink) => (...args: unknown[]) => void calls.push({ call, args: args.map((a) => (a instanceof Uint8Array ? [...a] : a)), frame: { ...frame } });
  const sink: PacketSink = { arp: record('arp'), l2: record('l2'), ip: record('ip'), transport: record('transport') };
  const log = new PacketLog(100);
  log.at = { file: 't.pcap', index: 7, offset: 24 };
  new FrameDecoder(frame, sink, log).decode(link, Uint8Array.from(bytes), wireLen, 1000);
  return { calls, log, frame };
}

const be16 = (n: number) => [n >> 8, n & 0xff];
const MAC_A = [0x00, 0x0e, 0x8c, 0x00, 0x00, 0x01];
const MAC_B = [0x00, 0x0e, 0x8c, 0x00, 0x00, 0x02];
const BCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const eth = (dst: number[], src: number[], type: number, payload: number[]) => [...dst, ...src, ...be16(type), ...payload];
function ipv4(src: number[], dst: number[], proto: number, payload: number[], fragOffset = 0): number[] {
  return [0x45, 0, ...be16(20 + payload.length), 0, 0, ...be16(fragOffset), 64, proto, 0, 0, ...src, ...dst, ...payload];
}
const tcp = (sp: number, dp: number, flags: number, payload: number[] = []) => [...be16(sp), ...be16(dp), 0, 0, 0, 0, 0, 0, 0, 0, 0x50, flags, 0, 0, 0, 0, 0, 0, ...payload];
const udp = (sp: number, dp: number, payload: number[]) => [...be16(sp), ...be16(dp), ...be16(8 + payload.length), 0, 0, ...payload];
const IP_A = [10, 0, 0, 1];
const IP_B = [10, 0, 0, 2];
const skips = (log: PacketLog) => Object.fromEntries(log.skippedBy);

describe('Ethernet and IPv4', () => {
  it('passes a TCP segment with its ports, flags, payload, MACs and wire length', () => {
    const { calls, log } = decode(1, eth(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 6, tcp(49152, 502, 0x02, [1, 2, 3]))), 100);
    expect(calls.map((c) => [c.call, ...c.args])).toEqual([['transport', 'tcp', '10.0.0.1', 49152, '10.0.0.2', 502, 'unicast', 0x02, [1, 2, 3]]]);
    expect(calls[0]!.frame).toEqual({ cooked: false, srcMac: '00:0e:8c:00:00:01', dstMac: '00:0e:8c:00:00:02', dstGroup: 'unicast', wireLen: 100, ts: 1000 });
    expect(log.skipped).toBe(0);
  });

  it('reads through VLAN tags and cuts a UDP payload at the UDP length', () => {
    const packet = ipv4(IP_A, IP_B, 17, udp(2222, 44818, [9, 9]));
    const { calls } = decode(1, eth(MAC_B, MAC_A, 0x8100, [0, 5, ...be16(0x8100), 0, 6, ...be16(0x0800), ...packet, 0xee, 0xee]));
    expect(calls.map((c) => [c.call, ...c.args])).toEqual([['transport', 'udp', '10.0.0.1', 2222, '10.0.0.2', 44818, 'unicast', 0, [9, 9]]]);
  });

  it('takes the scope from a group destination MAC, and from .255 where there is no link layer', () => {
    expect(decode(1, eth(BCAST, MAC_A, 0x0800, ipv4(IP_A, IP_B, 17, udp(68, 67, [])))).calls[0]!.args[5]).toBe('broadcast');
    expect(decode(101, ipv4(IP_A, [10, 0, 0, 255], 17, udp(137, 137, []))).calls[0]!.args[5]).toBe('broadcast');
    expect(decode(1, eth(MAC_B, MAC_A, 0x0800, ipv4(IP_A, [10, 0, 0, 255], 17, udp(137, 137, [])))).calls[0]!.args[5]).toBe('unicast');
  });

  it('turns an ICMP answer round: the asker initiates', () => {
    const request = decode(1, eth(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 1, [8, 0, 0, 0])));
    expect(request.calls.map((c) => [c.call, ...c.args])).toEqual([['ip', '10.0.0.1', '10.0.0.2', 'unicast', 1, 'icmp', undefined]]);
    const reply = decode(1, eth(MAC_A, MAC_B, 0x0800, ipv4(IP_B, IP_A, 1, [0, 0, 0, 0])));
    expect(reply.calls.map((c) => [c.call, ...c.args])).toEqual([['ip', '10.0.0.1', '10.0.0.2', 'unicast', 1, 'icmp', '00:0e:8c:00:00:02', true]]);
  });

  it('counts a fragment after the first as IP traffic of its protocol', () => {
    const { calls } = decode(1, eth(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 6, [1, 2, 3, 4], 185)));
    expect(calls.map((c) => [c.call, ...c.args])).toEqual([['ip', '10.0.0.1', '10.0.0.2', 'unicast', 6, 'ip', undefined]]);
  });
});

describe('IPv6', () => {
  it('follows extension headers to the transport and reads multicast destinations', () => {
    const hopByHop = [17, 0, 0, 0, 0, 0, 0, 0];
    const body = [...hopByHop, ...udp(546, 547, [1])];
    const src = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const dst = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2];
    const { calls } = decode(1, eth([0x33, 0x33, 0, 1, 0, 2], MAC_A, 0x86dd, [0x60, 0, 0, 0, ...be16(body.length), 0, 64, ...src, ...dst, ...body]));
    expect(calls.map((c) => [c.call, ...c.args])).toEqual([['transport', 'udp', 'fe80::1', 546, 'ff02::1:2', 547, 'multicast', 0, [1]]]);
  });
});

describe('layer 2', () => {
  it('notes ARP announcements and counts every ARP packet as decoded', () => {
    const arp = (senderIp: number[]) => [0, 1, 8, 0, 6, 4, 0, 1, ...MAC_A, ...senderIp, 0, 0, 0, 0, 0, 0, ...IP_B];
    const seen = decode(1, eth(BCAST, MAC_A, 0x0806, arp(IP_A)));
    expect(seen.calls.map((c) => [c.call, ...c.args])).toEqual([['arp', '00:0e:8c:00:00:01', '10.0.0.1']]);
    expect(seen.log.decoded).toBe(1);
    const probe = decode(1, eth(BCAST, MAC_A, 0x0806, arp([0, 0, 0, 0])));
    expect(probe.calls).toEqual([]);
    expect(probe.log.decoded).toBe(1);
  });

  it('passes non-IP ethertypes and LLC frames by SAP; SNAP carries an ethertype on to IP', () => {
    const goose = decode(1, eth([0x01, 0x0c, 0xcd, 0x01, 0, 1], MAC_A, 0x88b8, [0, 1, 0, 8, 0, 0, 0, 0]));
    expect(goose.calls.map((c) => [c.call, ...c.args])).toEqual([['l2', 0x88b8, undefined, 'goose', Hint.None]]);
    expect(goose.calls[0]!.frame.dstGroup).toBe('multicast');
    const stp = decode(1, eth([0x01, 0x80, 0xc2, 0, 0, 0], MAC_A, 38, [0x42, 0x42, 0x03, 0, 0]));
    expect(stp.calls.map((c) => [c.call, ...c.args])).toEqual([['l2', undefined, 0x42, 'stp', Hint.None]]);
    const snap = decode(1, eth(MAC_B, MAC_A, 60, [0xaa, 0xaa, 0x03, 0, 0, 0, ...be16(0x0800), ...ipv4(IP_A, IP_B, 17, udp(1024, 161, []))]));
    expect(snap.calls.map((c) => c.call)).toEqual(['transport']);
  });
});

describe('other link types', () => {
  it('reads Linux cooked captures: the packet type gives the group, a unicast L2 frame goes to a stand-in group', () => {
    const sll = (packetType: number, proto: number, payload: number[]) => [...be16(packetType), 0, 1, 0, 6, ...MAC_A, 0, 0, ...be16(proto), ...payload];
    const bcast = decode(113, sll(1, 0x0800, ipv4(IP_A, IP_B, 17, udp(68, 67, []))));
    expect(bcast.calls[0]!.args[5]).toBe('broadcast');
    expect(bcast.calls[0]!.frame).toMatchObject({ cooked: true, srcMac: '00:0e:8c:00:00:01', dstMac: undefined });
    const lldp = decode(113, sll(0, 0x88cc, [0, 0]));
    expect(lldp.calls.map((c) => [c.call, ...c.args])).toEqual([['l2', 0x88cc, undefined, 'lldp', Hint.None]]);
    expect(lldp.calls[0]!.frame.dstGroup).toBe('multicast');
  });

  it('reads Linux cooked v2, raw IP and BSD loopback in either byte order', () => {
    const packet = ipv4(IP_A, IP_B, 6, tcp(40000, 102, 0x02));
    const sll2 = [...be16(0x0800), 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, ...MAC_A, 0, 0, ...packet];
    for (const [link, bytes] of [[276, sll2], [101, packet], [228, packet], [0, [2, 0, 0, 0, ...packet]], [108, [0, 0, 0, 2, ...packet]]] as const) {
      expect(decode(link, [...bytes]).calls.map((c) => [c.call, ...c.args.slice(0, 5)]), `link type ${link}`).toEqual([['transport', 'tcp', '10.0.0.1', 40000, '10.0.0.2', 102]]);
    }
  });
});

describe('skips', () => {
  it.each([
    ['frame shorter than its link header', 1, eth(MAC_B, MAC_A, 0x0800, []).slice(0, 10), 'Ethernet frame of 10 bytes (< 14)'],
    ['link type 147', 147, [1, 2, 3], 'unsupported link type 147'],
    ['unsupported loopback address family', 0, [99, 0, 0, 0, 0x45], 'loopback address family 99'],
    ['not IPv4 or IPv6', 101, [0x55, ...new Array(19).fill(0)], 'IP version 5'],
    ['malformed IPv4 header', 101, [0x44, ...new Array(19).fill(0)], 'IPv4 header length 16 (< 20)'],
    ['TCP header cut', 101, ipv4(IP_A, IP_B, 6, [0, 1, 0, 2]), 'TCP header cut: 4 bytes captured'],
    ['malformed TCP header', 101, ipv4(IP_A, IP_B, 6, tcp(1, 2, 0).map((b, i) => (i === 12 ? 0x40 : b))), 'TCP data offset 16 (< 20)'],
    ['unspecified source address', 101, ipv4([0, 0, 0, 0], IP_B, 17, udp(68, 67, [])), 'source address 0.0.0.0 (to 10.0.0.2)'],
  ])('%s (link type %i)', (reason, link, bytes, detail) => {
    const { calls, log } = decode(link, bytes);
    expect(calls).toEqual([]);
    expect(skips(log)).toEqual({ [reason]: 1 });
    expect(log.warnings).toEqual([`t.pcap: packet #7 at byte 24: ${detail}`]);
  });
});
