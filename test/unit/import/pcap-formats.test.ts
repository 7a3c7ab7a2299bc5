// Containers, link types and damage: the frames of the real captures re-wrapped in every supported
// container (both byte orders, micro/nanoseconds, pcapng EPB/SPB/PB, several interfaces, unknown
// blocks), link type (Ethernet, VLAN/QinQ, raw IP, Linux SLL/SLL2) and network layer (IPv6), then
// cut and corrupted. The expected figures are those of the original captures (pcap-captures.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader, MAX_CAPLEN, type CaptureSummary } from '../../../src/import/pcap/index';
import { fixture, importBytes, pcapRecords, writePcap, writePcapng, type Block, type Frame } from './pcap-helpers';

const sample = fixture('Sample_File_MMS_and_GOOSE.pcap');
const sampleRecs = pcapRecords(sample).records;
const sampleSummary = importBytes('Sample_File_MMS_and_GOOSE.pcap', sample);
const asFrame = (r: (typeof sampleRecs)[number]): Frame => ({ frame: r.frame, sec: r.sec, usec: r.usec, origLen: r.origLen });
const etherType = (f: Uint8Array) => (f[12]! << 8) | f[13]!;
const isIp = (f: Uint8Array) => etherType(f) === 0x0800;
/** Flow lines without bytes (headers of other sizes change the byte counts, not the packets). */
const packetsOnly = (s: CaptureSummary, keep: (t: string) => boolean) =>
  s.flows.filter((f) => keep(f.transport)).map((f) => `${f.key} ${f.protocol} ${f.recognizedBy} ${f.packets}`);
const ipTransports = (t: string) => t === 'tcp' || t === 'udp' || t === 'icmp';

describe('chunk boundaries', () => {
  it('give the same summary whatever the chunk sizes (1 byte, odd sizes, random)', () => {
    for (const name of ['Sample_File_MMS_and_GOOSE.pcap', 'Sample_File_MMS_and_GOOSE.converted.pcapng']) {
      const bytes = fixture(name);
      const whole = importBytes(name, bytes);
      expect(importBytes(name, bytes, [1])).toEqual(whole);
      expect(importBytes(name, bytes, [7, 13, 1000, 3])).toEqual(whole);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }), (sizes) => {
          expect(importBytes(name, bytes, sizes)).toEqual(whole);
        }),
        { numRuns: 25 },
      );
    }
  });
});

describe('pcap variants', () => {
  it('big-endian, micro- and nanosecond pcaps read like the original', () => {
    const frames = sampleRecs.map(asFrame);
    for (const nano of [false, true]) {
      const s = importBytes('be.pcap', writePcap(1, frames, { le: false, nano }));
      expect(s.files[0]).toMatchObject({ format: 'pcap', byteOrder: 'big-endian', resolution: nano ? 'ns' : 'us', packets: 301 });
      expect(s.hosts).toEqual(sampleSummary.hosts);
      expect(s.flows).toEqual(sampleSummary.flows);
    }
  });
});

describe('pcapng variants', () => {
  it('reads EPB, SPB and obsolete PB blocks, two interfaces with their own link type and resolution, and skips unknown blocks', () => {
    const ipFrames = sampleRecs.filter((r) => isIp(r.frame));
    const blocks: Block[] = [
      { kind: 'shb' },
      { kind: 'idb', link: 1 }, // Ethernet, microseconds by default
      { kind: 'raw', type: 0x00000bad, body: new Uint8Array(37).fill(0xee) }, // custom block
      { kind: 'idb', link: 228, tsresol: 9 }, // raw IPv4, nanoseconds
      { kind: 'raw', type: 4, body: Uint8Array.from([1, 0, 8, 0, 172, 16, 0, 1, 104, 0, 0, 0, 0, 0, 0, 0]) }, // name resolution
    ];
    ipFrames.forEach((r, i) => {
      const f = asFrame(r);
      if (i % 4 === 0) blocks.push({ kind: 'epb', f });
      else if (i % 4 === 1) blocks.push({ kind: 'epb', f: { ...f, frame: r.frame.slice(14), origLen: r.origLen - 14, iface: 1 }, unitsPerSec: 1e9 });
      else if (i % 4 === 2) blocks.push({ kind: 'pb', f });
      else blocks.push({ kind: 'spb', f });
      if (i === 100) blocks.push({ kind: 'raw', type: 5, body: new Uint8Array(24) }); // interface statistics
    });
    for (const le of [true, false]) {
      const s = importBytes('variants.pcapng', writePcapng(blocks, le));
      expect(s.files[0]).toMatchObject({ format: 'pcapng', byteOrder: le ? 'little-endian' : 'big-endian', linkTypes: [1, 228], packets: ipFrames.length, damaged: false });
      expect(s.counts).toMatchObject({ packets: 253, decoded: 253, skipped: 0 });
      expect(packetsOnly(s, ipTransports)).toEqual(packetsOnly(sampleSummary, ipTransports));
      // EPB timestamps in microseconds and nanoseconds land on the same instants as the pcap's.
      expect(s.firstSeen).toBe(sampleSummary.firstSeen);
    }
  });

  it('starts a new section with its own byte order and interfaces', () => {
    const ip = sampleRecs.filter((r) => isIp(r.frame)).map(asFrame);
    const half = Math.floor(ip.length / 2);
    const first = writePcapng([{ kind: 'shb' }, { kind: 'idb', link: 1 }, ...ip.slice(0, half).map((f): Block => ({ kind: 'epb', f }))], true);
    const second = writePcapng(
      [{ kind: 'shb' }, { kind: 'idb', link: 101 }, ...ip.slice(half).map((f): Block => ({ kind: 'epb', f: { ...f, frame: f.frame.slice(14), origLen: f.origLen! - 14 } }))],
      false,
    );
    const both = new Uint8Array(first.length + second.length);
    both.set(first);
    both.set(second, first.length);
    const s = importBytes('sections.pcapng', both, [4096]);
    expect(s.counts).toMatchObject({ packets: 253, decoded: 253 });
    expect(packetsOnly(s, ipTransports)).toEqual(packetsOnly(sampleSummary, ipTransports));
  });
});

describe('link types', () => {
  const ip = sampleRecs.filter((r) => isIp(r.frame));

  it('raw IP (101 and 228) gives the same IP flows', () => {
    for (const link of [101, 228]) {
      const s = importBytes('raw.pcap', writePcap(link, ip.map((r) => ({ ...asFrame(r), frame: r.frame.slice(14), origLen: r.origLen - 14 }))));
      expect(s.counts).toMatchObject({ packets: 253, decoded: 253 });
      expect(packetsOnly(s, ipTransports)).toEqual(packetsOnly(sampleSummary, ipTransports));
      // Without MACs, the .255 address is still taken for a broadcast.
      expect(s.hosts.find((h) => h.key === '172.16.255.255')?.scope).toBe('broadcast');
    }
  });

  it('802.1Q and QinQ tags are looked through', () => {
    const tag = (f: Uint8Array, tags: number[][]) => {
      const out = new Uint8Array(f.length + 4 * tags.length);
      out.set(f.subarray(0, 12));
      tags.forEach(([tpid, vid], i) => out.set([tpid! >> 8, tpid! & 0xff, (vid! >> 8) & 0x0f, vid! & 0xff], 12 + 4 * i));
      out.set(f.subarray(12), 12 + 4 * tags.length);
      return out;
    };
    const frames = sampleRecs.map((r, i) => ({ ...asFrame(r), frame: tag(r.frame, i % 2 ? [[0x8100, 10]] : [[0x88a8, 100], [0x8100, 10]]) }));
    const s = importBytes('vlan.pcap', writePcap(1, frames));
    expect(s.counts).toMatchObject({ packets: 301, decoded: 301 });
    expect(packetsOnly(s, () => true)).toEqual(packetsOnly(sampleSummary, () => true));
    expect(s.flows.filter((f) => f.protocol === 'goose').map((f) => f.initiator)).toEqual(['172.16.201.2', '0a:bb:fe:10:c9:06', '0a:bb:fe:10:c9:08']);
  });

  it('Linux cooked captures SLL (113) and SLL2 (276) keep the sender MAC and the group bit', () => {
    const cooked = (v2: boolean) =>
      sampleRecs.map((r): Frame => {
        const f = r.frame;
        const group = f[0]! & 1 ? (f[0] === 0xff ? 1 : 2) : 0;
        const type = etherType(f);
        const proto = type <= 1500 ? 0x0004 : type;
        const head = new Uint8Array(v2 ? 20 : 16);
        const dv = new DataView(head.buffer);
        if (v2) {
          dv.setUint16(0, proto);
          dv.setUint32(4, 2);
          dv.setUint16(8, 1);
          head[10] = group;
          head[11] = 6;
          head.set(f.subarray(6, 12), 12);
        } else {
          dv.setUint16(0, group);
          dv.setUint16(2, 1);
          dv.setUint16(4, 6);
          head.set(f.subarray(6, 12), 6);
          dv.setUint16(14, proto);
        }
        const body = f.subarray(14);
        const out = new Uint8Array(head.length + body.length);
        out.set(head);
        out.set(body, head.length);
        return { ...asFrame(r), frame: out, origLen: out.length };
      });
    for (const [link, v2] of [[113, false], [276, true]] as const) {
      const s = importBytes('cooked.pcap', writePcap(link, cooked(v2)));
      expect(s.counts).toMatchObject({ packets: 301, decoded: 301 });
      expect(packetsOnly(s, ipTransports)).toEqual(packetsOnly(sampleSummary, ipTransports));
      // GOOSE publishers are known by their source MAC; the group has no address in SLL.
      expect(s.flows.filter((f) => f.protocol === 'goose').map((f) => `${f.initiator} → ${f.responder} ${f.packets}`)).toEqual([
        '172.16.201.2 → l2-group 32', '0a:bb:fe:10:c9:06 → l2-group 1', '0a:bb:fe:10:c9:08 → l2-group 1',
      ]);
      expect(s.hosts.find((h) => h.key === '172.16.201.2')?.mac).toBe('00:00:23:06:30:fe');
    }
  });

  it('reports an unsupported link type per packet, naming it', () => {
    const s = importBytes('odd.pcap', writePcap(147, sampleRecs.slice(0, 5).map(asFrame)));
    expect(s.counts).toMatchObject({ packets: 5, decoded: 0, skipped: 5, skippedBy: { 'link type 147': 5 } });
    expect(s.warnings[0]).toBe('odd.pcap: packet #1 at byte 24: unsupported link type 147');
  });
});

describe('IPv6', () => {
  it('reads Modbus/TCP carried over IPv6 (with a hop-by-hop header on some packets) like over IPv4', () => {
    const bytes = fixture('modbus_test.pcap');
    const v4 = importBytes('modbus_test.pcap', bytes);
    const frames = pcapRecords(bytes).records.map((r, i): Frame => {
      const f = r.frame;
      const ihl = (f[14]! & 0x0f) * 4;
      const total = (f[16]! << 8) | f[17]!;
      const l4 = f.subarray(14 + ihl, 14 + total);
      const hop = i % 3 === 0 ? Uint8Array.from([6, 0, 1, 4, 0, 0, 0, 0]) : new Uint8Array(0);
      const out = new Uint8Array(14 + 40 + hop.length + l4.length);
      out.set(f.subarray(0, 12));
      out.set([0x86, 0xdd], 12);
      const h = 14;
      out[h] = 0x60;
      out[h + 4] = (hop.length + l4.length) >> 8;
      out[h + 5] = (hop.length + l4.length) & 0xff;
      out[h + 6] = hop.length ? 0 : 6;
      out[h + 7] = 64;
      // 2001:db8::<IPv4 address> for source and destination.
      out.set([0x20, 0x01, 0x0d, 0xb8], h + 8);
      out.set(f.subarray(26, 30), h + 20);
      out.set([0x20, 0x01, 0x0d, 0xb8], h + 24);
      out.set(f.subarray(30, 34), h + 36);
      out.set(hop, h + 40);
      out.set(l4, h + 40 + hop.length);
      return { frame: out, sec: r.sec, usec: r.usec };
    });
    const s = importBytes('modbus6.pcap', writePcap(1, frames));
    expect(s.counts).toMatchObject({ packets: 2257, decoded: 2257 });
    expect(s.hosts.map((h) => `${h.key} ${h.kind} ${h.roles[0]?.role}`)).toEqual([
      '2001:db8::c0a8:14 ipv6 plc', '2001:db8::c0a8:15 ipv6 hmi', '2001:db8::c0a8:70 ipv6 hmi', '2001:db8::c0a8:85 ipv6 hmi',
      '2001:db8::c0a8:90 ipv6 hmi', '2001:db8::c0a8:9c ipv6 hmi',
    ]);
    expect(s.flows.map((f) => `${f.protocol} ${f.recognizedBy} ${f.packets}`)).toEqual(v4.flows.map((f) => `${f.protocol} ${f.recognizedBy} ${f.packets}`));
  });
});

describe('PROFINET DCP (ethertype 0x8892)', () => {
  // Built from the DCP frame layout (IEC 61158-6-10): FrameID, ServiceID, ServiceType, Xid, …
  const ews = [0x00, 0x1b, 0x1b, 0x11, 0x22, 0x33];
  const dev = [0x00, 0x0e, 0x8c, 0x44, 0x55, 0x66];
  const dcp = (dst: number[], src: number[], frameId: number, service: number, type: number) =>
    Uint8Array.from([...dst, ...src, 0x88, 0x92, frameId >> 8, frameId & 0xff, service, type, 0, 0, 0, 1, 0, 0, 0, 4, 0xff, 0xff, 0, 0, ...new Array(26).fill(0)]);
  it('names DCP, calls the device that answers Identify a PLC and the host that sends Set an engineering workstation', () => {
    const frames: Frame[] = [
      { frame: dcp([0x01, 0x0e, 0xcf, 0, 0, 0], ews, 0xfefe, 5, 0), sec: 1, usec: 0 },
      { frame: dcp(ews, dev, 0xfeff, 5, 1), sec: 1, usec: 10 },
      { frame: dcp(dev, ews, 0xfefd, 4, 0), sec: 2, usec: 0 },
      { frame: dcp(ews, dev, 0xfefd, 4, 1), sec: 2, usec: 10 },
      { frame: dcp(ews, dev, 0x8000, 0, 0), sec: 3, usec: 0 }, // cyclic RT data
    ];
    const s = importBytes('dcp.pcap', writePcap(1, frames));
    expect(s.flows.map((f) => `${f.key} ${f.protocol} ${f.packets}`)).toEqual([
      'l2 00:0e:8c:44:55:66 → 00:1b:1b:11:22:33 ethertype 0x8892 profinet-dcp 3',
      'l2 00:1b:1b:11:22:33 → 00:0e:8c:44:55:66 ethertype 0x8892 profinet-dcp 1',
      'l2 00:1b:1b:11:22:33 → 01:0e:cf:00:00:00 ethertype 0x8892 profinet-dcp 1',
    ]);
    const role = (k: string) => s.hosts.find((h) => h.key === k)!.roles[0]!;
    expect(role('00:0e:8c:44:55:66')).toMatchObject({ role: 'plc', evidence: ['PROFINET device: answers DCP Identify from 1 host (00:1b:1b:11:22:33)'] });
    expect(role('00:1b:1b:11:22:33')).toMatchObject({ role: 'ews', evidence: ['configures PROFINET devices with DCP Set, 1 host (00:0e:8c:44:55:66)'] });
  });
});

/** Offsets of the blocks of a little-endian pcapng. */
function pcapngBlocks(b: Uint8Array): { offset: number; type: number; len: number }[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: { offset: number; type: number; len: number }[] = [];
  for (let o = 0; o + 12 <= b.length; ) {
    const len = dv.getUint32(o + 4, true);
    out.push({ offset: o, type: dv.getUint32(o, true), len });
    o += len;
  }
  return out;
}

describe('truncated captures', () => {
  const modbus = fixture('ModbusTCP.pcap');
  const recs = pcapRecords(modbus).records;
  const r1000 = recs[999]!;
  const sound = importBytes('ModbusTCP.pcap', modbus.subarray(0, r1000.offset));

  it('a cut inside packet #1000 keeps the 999 whole packets and reports the cut one', () => {
    for (const into of [10 + 16, 7]) {
      const s = importBytes('ModbusTCP.pcap', modbus.slice(0, r1000.offset + into), [65536]);
      expect(s.counts).toMatchObject({ packets: 1000, decoded: 999, skipped: 1, skippedBy: { 'truncated record': 1 } });
      expect(s.files[0]).toMatchObject({ packets: 1000, damaged: true });
      expect(s.warnings).toContain(`ModbusTCP.pcap: packet #1000 at byte ${r1000.offset}: file ends inside this record: ${into} of ${into > 16 ? 16 + r1000.frame.length : 16} bytes present (cut capture)`);
      expect(s.hosts).toEqual(sound.hosts);
      expect(s.flows).toEqual(sound.flows);
      expect(s.flows.reduce((a, f) => a + f.packets, 0)).toBe(999);
    }
  });

  it('a pcapng cut inside a block keeps the blocks before it', () => {
    const ng = fixture('Sample_File_MMS_and_GOOSE.converted.pcapng');
    const blocks = pcapngBlocks(ng);
    const epbs = blocks.filter((b) => b.type === 6);
    expect(epbs).toHaveLength(301);
    const cut = epbs[150]!;
    const s = importBytes('cut.pcapng', ng.slice(0, cut.offset + 20), [1000]);
    expect(s.counts).toMatchObject({ packets: 151, decoded: 150, skippedBy: { 'truncated record': 1 } });
    expect(s.files[0]!.damaged).toBe(true);
  });

  it('a file cut inside its header is not a capture, and an empty file says so', () => {
    const r = new CaptureReader({ name: 'stub.pcap' });
    r.push(modbus.subarray(0, 10));
    const s = r.end();
    expect(r.failure).toBe('stub.pcap: not a pcap or pcapng file (only 10 bytes)');
    expect(s.counts.packets).toBe(0);
    const e = new CaptureReader({ name: 'empty.pcap' });
    e.end();
    expect(e.failure).toBe('empty.pcap: empty file');
  });

  it('text is not a capture, and the message shows its magic', () => {
    const r = new CaptureReader({ name: 'notes.txt' });
    r.push(new TextEncoder().encode('hello, this is not a capture'));
    r.end();
    expect(r.failure).toBe('notes.txt: not a pcap or pcapng file (magic 0x68656c6c at byte 0)');
  });
});

describe('corrupt stretches', () => {
  it('a corrupt pcap record header is skipped and reading resumes at the next record', () => {
    const bytes = fixture('dnp3.pcap').slice();
    const recs = pcapRecords(fixture('dnp3.pcap')).records;
    const bad = recs[99]!;
    new DataView(bytes.buffer).setUint32(bad.offset + 8, 0x7fffffff, true);
    const s = importBytes('dnp3.pcap', bytes, [333]);
    expect(s.counts).toMatchObject({ packets: 213, decoded: 213, skipped: 0, unreadableBytes: 16 + bad.frame.length });
    expect(s.warnings).toEqual([
      `dnp3.pcap: corrupt record header at byte ${bad.offset}: captured length 2147483647 exceeds ${MAX_CAPLEN}; searching for the next readable record`,
      `dnp3.pcap: readable records again at byte ${recs[100]!.offset} (${16 + bad.frame.length} bytes skipped from byte ${bad.offset})`,
    ]);
    expect(s.flows).toHaveLength(3);
    expect(s.files[0]!.damaged).toBe(true);
  });

  it('a pcapng block with a wrong trailing length is skipped, the next block is read', () => {
    const ng = fixture('Sample_File_MMS_and_GOOSE.converted.pcapng').slice();
    const blocks = pcapngBlocks(ng);
    const victim = blocks.filter((b) => b.type === 6)[200]!;
    new DataView(ng.buffer).setUint32(victim.offset + victim.len - 4, 12345, true);
    const s = importBytes('bad.pcapng', ng);
    expect(s.counts).toMatchObject({ packets: 300, decoded: 300, unreadableBytes: victim.len });
    expect(s.warnings[0]).toBe(`bad.pcapng: corrupt block at byte ${victim.offset}: trailing length 12345 differs from the leading ${victim.len}; searching for the next readable record`);
  });
});

describe('caps and streaming', () => {
  it('host and flow tables stop at their caps, say so, and keep counting', () => {
    const s = importBytes('Sample_File_MMS_and_GOOSE.pcap', sample);
    const capped = new CaptureReader({ name: 'capped.pcap', limits: { maxHosts: 5, maxFlows: 3 } });
    capped.push(sample);
    const c = capped.end();
    expect(c.flows.length).toBeLessThanOrEqual(3);
    expect(c.hosts.length).toBeLessThanOrEqual(5);
    expect(c.truncated.flows).toBe(true);
    expect(c.warnings).toContain('flow table full: only the first 3 flows are listed');
    expect(c.counts.packets).toBe(s.counts.packets);
    expect(c.counts.decoded + c.counts.skipped).toBe(c.counts.packets);
    expect(c.counts.skippedBy['flow table full']).toBeGreaterThan(0);
  });

  it('streams a 40 MB capture with a carry buffer of at most about one record', () => {
    const modbus = fixture('ModbusTCP.pcap');
    const body = modbus.subarray(24);
    const copies = Math.ceil((40 * 1024 * 1024) / body.length);
    const r = new CaptureReader({ name: 'big.pcap' });
    r.push(modbus.subarray(0, 24));
    let maxBuffered = 0;
    // 1 MiB chunks cut at arbitrary places in the records.
    const chunk = 1024 * 1024;
    let pending = new Uint8Array(0);
    for (let i = 0; i < copies; i++) {
      const data = new Uint8Array(pending.length + body.length);
      data.set(pending);
      data.set(body, pending.length);
      let at = 0;
      for (; at + chunk <= data.length; at += chunk) {
        r.push(data.subarray(at, at + chunk));
        maxBuffered = Math.max(maxBuffered, r.bufferedBytes);
      }
      pending = data.slice(at);
    }
    r.push(pending);
    const s = r.end();
    expect(s.counts).toMatchObject({ packets: copies * 15387, decoded: copies * 15387, skipped: 0 });
    expect(s.hosts).toHaveLength(14);
    expect(s.flows).toHaveLength(13);
    expect(maxBuffered).toBeLessThanOrEqual(2 * MAX_CAPLEN + 16);
  });
});
