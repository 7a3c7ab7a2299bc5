// pcapng block lengths are checked, not trusted (issue #14, "Trust: hostile input"): one block whose
// length lies — 256 MB, beyond the file, below 12, not a multiple of 4, not repeated at its end —
// must not hide the packets after it. The real capture (Sample_File_MMS_and_GOOSE.converted.pcapng:
// a section header, an interface block and 301 packet blocks) is corrupted in memory and read whole
// and in chunks of 1, 7 and 4096 bytes; the packets are counted against the sound file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader, MAX_BLOCK, type CaptureSummary } from '../../../src/import/pcap/index';
import { fixture, importBytes, writePcapng, type Block } from './pcap-helpers';

const NAME = 'lie.pcapng';
const sound = fixture('Sample_File_MMS_and_GOOSE.converted.pcapng');
const soundSummary = importBytes(NAME, sound);
const MB256 = 256 * 1024 * 1024;
const CHUNKS: readonly (readonly number[])[] = [[], [1], [7], [4096]];

interface BlockAt {
  offset: number;
  type: number;
  len: number;
}

/** The blocks of the little-endian fixture, walked here (not by the reader under test). */
function blocksOf(b: Uint8Array): BlockAt[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: BlockAt[] = [];
  for (let o = 0; o + 12 <= b.length; ) {
    const len = dv.getUint32(o + 4, true);
    out.push({ offset: o, type: dv.getUint32(o, true), len });
    o += len;
  }
  return out;
}
const blocks = blocksOf(sound);
const epbs = blocks.filter((b) => b.type === 6);

/** The fixture with u32 fields overwritten: [offset, value]… */
function corrupt(...fields: [number, number][]): Uint8Array {
  const b = sound.slice();
  const dv = new DataView(b.buffer);
  for (const [at, v] of fields) dv.setUint32(at, v >>> 0, true);
  return b;
}

/** The same summary whatever the chunk sizes; returns it. */
function readAllWays(bytes: Uint8Array): CaptureSummary {
  const whole = importBytes(NAME, bytes);
  for (const sizes of CHUNKS.slice(1)) expect(importBytes(NAME, bytes, sizes), `chunks of ${sizes.join(',')}`).toEqual(whole);
  return whole;
}

describe('a pcapng block whose leading length lies, its trailing copy intact', () => {
  it('an interface block said to be 256 MB is read with its trailing length: all 301 packets decoded', () => {
    const idb = blocks[1]!;
    expect(idb.type).toBe(1);
    const s = readAllWays(corrupt([idb.offset + 4, MB256]));
    expect(s.counts).toMatchObject({ packets: 301, decoded: 301, skipped: 0, unreadableBytes: 0 });
    expect(s.hosts).toEqual(soundSummary.hosts);
    expect(s.flows).toEqual(soundSummary.flows);
    expect(s.files[0]).toMatchObject({ packets: 301, damaged: true, linkTypes: [1] });
    expect(s.warnings).toEqual([
      `${NAME}: corrupt block at byte ${idb.offset}: block length ${MB256} exceeds ${MAX_BLOCK} (type 0x1); searching for the next readable record`,
      `${NAME}: the block at byte ${idb.offset} is ${idb.len} bytes by the length repeated at its end, and a readable block at byte ${idb.offset + idb.len} follows: read with that length, nothing skipped`,
    ]);
  });

  it('a section header said to be 256 MB is read too (the file is not rejected as "not a capture")', () => {
    const s = readAllWays(corrupt([4, MB256]));
    expect(s.counts).toMatchObject({ packets: 301, decoded: 301, unreadableBytes: 0 });
    expect(s.flows).toEqual(soundSummary.flows);
  });

  const lies: [string, (v: BlockAt) => number, BlockAt][] = [
    ['256 MB', () => MB256, epbs[150]!],
    ['1 MB, beyond the end of the file (last block)', () => 1 << 20, epbs[300]!],
    ['1 MB, beyond the end of the file (a middle block)', () => 1 << 20, epbs[10]!],
    ['not a multiple of 4', (v) => v.len + 1, epbs[20]!],
    ['below 12', () => 8, epbs[30]!],
    ['shorter, plausible, not repeated at its end', () => 16, epbs[40]!],
    ['longer, inside the file, not repeated at its end', (v) => v.len + 124, epbs[50]!],
  ];
  for (const [what, value, victim] of lies) {
    it(`a packet block whose length is ${what}: read with its trailing length, every packet decoded`, () => {
      const s = readAllWays(corrupt([victim.offset + 4, value(victim)]));
      expect(s.counts).toMatchObject({ packets: 301, decoded: 301, skipped: 0, unreadableBytes: 0 });
      expect(s.flows).toEqual(soundSummary.flows);
      expect(s.files[0]!.damaged).toBe(true);
      expect(s.warnings[1]).toMatch(new RegExp(`^${NAME}: the block at byte ${victim.offset} is ${victim.len} bytes by the length repeated at its end, and (a readable block at byte|the end of the file at byte) ${victim.offset + victim.len} follows`));
    });
  }

  it('property: any wrong leading length of any one packet block costs no packet, whatever the chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: epbs.length - 1 }),
        fc.oneof(fc.constant(MB256), fc.constant(0xffffffff), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 70_000 })),
        fc.constantFrom(...CHUNKS),
        (k, len, sizes) => {
          const victim = epbs[k]!;
          fc.pre(len !== victim.len);
          const s = importBytes(NAME, corrupt([victim.offset + 4, len]), sizes);
          expect(s.counts).toMatchObject({ packets: 301, decoded: 301, unreadableBytes: 0 });
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('a pcapng block of a type not read (statistics) whose length says 256 MB', () => {
  // Packet block #150 retyped as an interface statistics block (type 5): the 150 packet blocks after
  // it must be read as from the file without it.
  const victim = epbs[150]!;
  const without = new Uint8Array([...sound.subarray(0, victim.offset), ...sound.subarray(victim.offset + victim.len)]);
  const expected = importBytes(NAME, without);

  it('hides nothing: passed over by its trailing length, the 150 packets after it decoded', () => {
    const s = readAllWays(corrupt([victim.offset, 5], [victim.offset + 4, MB256]));
    expect(s.counts).toMatchObject({ packets: 300, decoded: 300, unreadableBytes: 0 });
    expect(s.hosts).toEqual(expected.hosts);
    expect(s.flows).toEqual(expected.flows);
    expect(s.files[0]!.damaged).toBe(true);
    expect(s.warnings).toEqual([
      `${NAME}: corrupt block at byte ${victim.offset}: block length ${MB256} (type 0x5); searching for the next readable record`,
      `${NAME}: the block at byte ${victim.offset} is ${victim.len} bytes by the length repeated at its end, and a readable block at byte ${victim.offset + victim.len} follows: passed over, nothing skipped`,
    ]);
  });

  it('and with its trailing copy wrong too: skipped, the skipped range reported, the packets after it decoded', () => {
    const s = readAllWays(corrupt([victim.offset, 5], [victim.offset + 4, MB256], [victim.offset + victim.len - 4, 7]));
    expect(s.counts).toMatchObject({ packets: 300, decoded: 300, unreadableBytes: victim.len });
    expect(s.flows).toEqual(expected.flows);
    expect(s.warnings).toEqual([
      `${NAME}: corrupt block at byte ${victim.offset}: block length ${MB256} (type 0x5); searching for the next readable record`,
      `${NAME}: readable records again at byte ${victim.offset + victim.len} (${victim.len} bytes skipped from byte ${victim.offset})`,
    ]);
  });
});

describe('both lengths of a block wrong', () => {
  it('an interface block: the skipped range is reported and its 301 packets are counted as skipped, not lost in silence', () => {
    const idb = blocks[1]!;
    const s = readAllWays(corrupt([idb.offset + 4, MB256], [idb.offset + idb.len - 4, 7]));
    expect(s.counts).toMatchObject({ packets: 301, decoded: 0, skipped: 301, unreadableBytes: idb.len });
    expect(s.warnings.slice(0, 3)).toEqual([
      `${NAME}: corrupt block at byte ${idb.offset}: block length ${MB256} exceeds ${MAX_BLOCK} (type 0x1); searching for the next readable record`,
      `${NAME}: readable records again at byte ${idb.offset + idb.len} (${idb.len} bytes skipped from byte ${idb.offset})`,
      `${NAME}: interface block at byte ${idb.offset} unreadable; interface 0 unusable`,
    ]);
  });
});

describe('large blocks stream past without being held', () => {
  const frame = fixture('Sample_File_MMS_and_GOOSE.pcap').slice(24 + 16, 24 + 16 + 60);
  const packets = (n: number, from: number): Block[] => Array.from({ length: n }, (_, k) => ({ kind: 'epb', f: { frame, sec: 1_700_000_000 + from + k, usec: 0 } }));
  const stream = (bytes: Uint8Array, chunk: number): { s: CaptureSummary; maxBuffered: number } => {
    const r = new CaptureReader({ name: NAME });
    let maxBuffered = 0;
    for (let at = 0; at < bytes.length; at += chunk) {
      r.push(bytes.subarray(at, at + chunk));
      maxBuffered = Math.max(maxBuffered, r.bufferedBytes);
    }
    return { s: r.end(), maxBuffered };
  };

  it('a true 5 MB custom block is passed over quietly; a 256 MB length on a small one is caught; neither is buffered', () => {
    // Custom block (0x00000bad) of 5 MB whose bytes hold no block: a sound file, nothing to report.
    const body = new Uint8Array(5 * 1024 * 1024 + 8).map((_, i) => (i * 7) & 0xff);
    const big = writePcapng([{ kind: 'shb' }, { kind: 'idb', link: 1 }, ...packets(10, 0), { kind: 'raw', type: 0x0bad, body }, ...packets(2000, 10)]);
    for (const chunk of [65536, 4093]) {
      const { s, maxBuffered } = stream(big, chunk);
      expect(s.counts).toMatchObject({ packets: 2010, decoded: 2010, unreadableBytes: 0 });
      expect(s.files[0]!.damaged).toBe(false);
      expect(s.warnings).toEqual([]);
      expect(maxBuffered).toBeLessThanOrEqual(65536);
    }
    // A 40-byte custom block claiming 256 MB, followed by 9 MB of packets streamed in 64 KiB chunks.
    const small = writePcapng([{ kind: 'shb' }, { kind: 'idb', link: 1 }, ...packets(10, 0), { kind: 'raw', type: 0x0bad, body: new Uint8Array(40) }, ...packets(100_000, 10)]);
    const at = blocksOf(small).find((b) => b.type === 0x0bad)!.offset;
    new DataView(small.buffer).setUint32(at + 4, MB256, true);
    const { s, maxBuffered } = stream(small, 65536);
    expect(s.counts).toMatchObject({ packets: 100_010, decoded: 100_010, unreadableBytes: 0 });
    expect(s.warnings[1]).toBe(`${NAME}: the block at byte ${at} is 52 bytes by the length repeated at its end, and a readable block at byte ${at + 52} follows: passed over, nothing skipped`);
    expect(maxBuffered).toBeLessThanOrEqual(65536);
  });
});
