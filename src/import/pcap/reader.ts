// Push parser of pcap and pcapng files: feed chunks of any size with push(), then end(). Records
// split across chunks are carried over in a small buffer (one record at most); the rest of a chunk
// is parsed in place. Corrupt stretches are skipped by searching for the next plausible record;
// a file cut mid-record keeps every whole record before the cut.
//
// pcapng lengths are checked, not trusted: a block whose length is below 12, not a multiple of 4,
// beyond the bound for its type, beyond the end of the file or not repeated at its end starts a
// search for the next plausible block (a known type whose length is repeated at its end). Where the
// bytes just before that block repeat the distance back to the damaged block, that block's own
// trailing length copy is intact and the block is read with it (an interface block whose leading
// length lies still defines its interface); otherwise the bytes in between are reported as skipped.
import { CaptureAnalyzer, type PacketRef } from './analyzer';
import type { CaptureFileInfo, CaptureLimits, CaptureSummary } from './types';

/** Largest packet record accepted (pcap's maximum snapshot length). */
export const MAX_CAPLEN = 262_144;
/** Largest pcapng block held in memory: packet, interface and section blocks beyond it are corrupt. */
export const MAX_BLOCK = 4 * 1024 * 1024;
/**
 * Largest pcapng block of another type (statistics, name resolution, custom…) passed over; one
 * larger than MAX_BLOCK is not held in memory but scanned as it streams past, and accepted only
 * when no plausible block starts inside it and its length is repeated at its end. Beyond this
 * bound the length itself is taken as corrupt.
 */
const MAX_SKIP_BLOCK = 256 * 1024 * 1024;
/** A step changed state without consuming bytes: parse on. */
const CONTINUE = -1;

const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BOM = 0x1a2b3c4d;
const BLOCK_IDB = 1;
const BLOCK_PB = 2;
const BLOCK_SPB = 3;
const BLOCK_EPB = 6;
const PACKET_BLOCKS: ReadonlySet<number> = new Set([BLOCK_EPB, BLOCK_SPB, BLOCK_PB]);
/** Block types read (the others are checked and passed over). */
const READ_BLOCKS: ReadonlySet<number> = new Set([PCAPNG_SHB, BLOCK_IDB, BLOCK_EPB, BLOCK_SPB, BLOCK_PB]);
/** Block types a resync may land on. */
const RESYNC_TYPES: ReadonlySet<number> = new Set([PCAPNG_SHB, BLOCK_IDB, BLOCK_PB, BLOCK_SPB, 4, 5, BLOCK_EPB]);

/** pcap magic (as read big-endian) → [little-endian, nanosecond]. */
const PCAP_MAGIC: ReadonlyMap<number, readonly [boolean, boolean]> = new Map([
  [0xa1b2c3d4, [false, false]],
  [0xd4c3b2a1, [true, false]],
  [0xa1b23c4d, [false, true]],
  [0x4d3cb2a1, [true, true]],
]);

/** The pcapng block whose length could not be trusted, while the reader searches past it. */
interface Damaged {
  readonly type: number;
  /** The length its leading field gives. */
  readonly len: number;
  /** Its trailing length copy may still give its true length (false when only the byte-order magic is bad). */
  readonly repairable: boolean;
  /**
   * A large block of a type not read, not yet known to be damaged: nothing is reported unless a
   * plausible block starts inside it, or no block where it ends. Holds the message to report then.
   */
  readonly pending?: string;
}

interface Interface {
  link: number;
  snaplen: number;
  /** Timestamp units per second. */
  unitsPerSec: number;
  /** if_tsoffset, seconds. */
  offsetSec: number;
}

/** A growable byte queue for the carry-over between chunks. */
class Carry {
  buf = new Uint8Array(0);
  start = 0;
  end = 0;
  get length(): number {
    return this.end - this.start;
  }
  append(src: Uint8Array): void {
    if (src.length === 0) return;
    if (this.end + src.length > this.buf.length) {
      const need = this.length + src.length;
      if (need <= this.buf.length) this.buf.copyWithin(0, this.start, this.end);
      else {
        const next = new Uint8Array(Math.max(need, Math.min(this.buf.length * 2, need + MAX_CAPLEN), 4096));
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.end -= this.start;
      this.start = 0;
    }
    this.buf.set(src, this.end);
    this.end += src.length;
  }
  drop(n: number): void {
    this.start += n;
    if (this.start >= this.end) {
      this.start = 0;
      this.end = 0;
      // Give back a buffer grown for one large record.
      if (this.buf.length > 4 * MAX_CAPLEN) this.buf = new Uint8Array(0);
    }
  }
  view(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }
}

export interface CaptureReaderOptions {
  /** Name used in messages (the file name). */
  readonly name?: string;
  /** Aggregate several files into one analyzer; by default each reader has its own. */
  readonly analyzer?: CaptureAnalyzer;
  readonly limits?: CaptureLimits;
}

type State = 'magic' | 'pcap' | 'pcapng' | 'not-a-capture';

/**
 * Reads one pcap or pcapng file pushed in chunks. `end()` finishes the file and returns the
 * summary of the analyzer (which may hold several files).
 */
export class CaptureReader {
  readonly analyzer: CaptureAnalyzer;
  private readonly name: string;
  private readonly carry = new Carry();
  /** File offset of the first byte not yet consumed. */
  private pos = 0;
  /** Bytes the next unit needs, counted from `pos` (0: unknown yet). */
  private need = 0;
  private state: State = 'magic';
  private le = true;
  // pcap
  private nano = false;
  private snaplen = 0;
  private link = 1;
  // pcapng
  private ifaces: Interface[] = [];
  private sawSection = false;
  private resyncing = false;
  private resyncFrom = 0;
  /** pcapng resync: the block searched past, and the next offset (from `pos`) to examine. */
  private damagedBlock: Damaged | undefined;
  private scanAt = 0;
  private lastTs: number | undefined;
  private readonly ref: PacketRef;
  private packets = 0;
  private damaged = false;
  private ended = false;
  private readonly linkTypes = new Set<number>();
  private resolution: string | undefined;
  private magicHex = '';

  constructor(options: CaptureReaderOptions = {}) {
    this.name = options.name ?? 'capture';
    this.analyzer = options.analyzer ?? new CaptureAnalyzer(options.limits);
    this.ref = { file: this.name, index: 0, offset: 0 };
  }

  /** Feeds the next bytes of the file. Never throws on bad input. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error(`${this.name}: push() after end()`);
    let at = 0;
    while (at < chunk.length) {
      if (this.carry.length === 0) {
        // Parse in place; an incomplete unit at the end is carried over, and nothing more.
        at += this.parse(chunk, at, false);
        if (at < chunk.length) this.carry.append(chunk.subarray(at));
        return;
      }
      // Complete the carried unit with just the bytes it lacks, then parse it from the carry.
      const take = Math.min(Math.max(this.need - this.carry.length, 1), chunk.length - at);
      this.carry.append(chunk.subarray(at, at + take));
      at += take;
      if (this.carry.length < this.need) return;
      this.carry.drop(this.parse(this.carry.view(), 0, false));
      // Whatever the carry still holds is the start of the next unit: the loop completes it.
    }
  }

  /** Ends the file: reports a cut record or trailing garbage, and returns the summary so far. */
  end(): CaptureSummary {
    this.finish();
    return this.analyzer.summary();
  }

  /** Ends the file without building a summary (for several files into one analyzer). */
  finish(): void {
    if (this.ended) return;
    // Parse what the carry holds with the knowledge that no more bytes will come.
    if (this.carry.length > 0 && this.state !== 'not-a-capture') {
      const used = this.parse(this.carry.view(), 0, true);
      this.carry.drop(used);
    }
    this.ended = true;
    const left = this.carry.length;
    const a = this.analyzer;
    if (this.state === 'magic') {
      this.notCapture(this.pos + left === 0 ? 'empty file' : `not a pcap or pcapng file (only ${this.pos + left} bytes)`);
    } else if (this.state === 'not-a-capture') {
      // reported when detected
    } else if (this.resyncing && this.state === 'pcapng') {
      this.damaged = true;
      const bad = this.damagedBlock!;
      const end = this.pos + left;
      if (bad.pending !== undefined && this.resyncFrom + bad.len > end) {
        // A large block the file ends inside, with no block starting in what there is of it: a cut
        // file, or a length that hides the rest of it (nothing readable there either way).
        a.warn(
          `${this.name}: file ends inside a pcapng block of type 0x${bad.type.toString(16)} at byte ${this.resyncFrom}: ${this.resyncFrom + bad.len - end} bytes of it missing ` +
            `(a cut file, or a wrong block length: no readable block in the ${end - this.resyncFrom} bytes from its start)`,
        );
      } else {
        if (bad.pending !== undefined) a.warn(bad.pending);
        a.unreadableBytes += end - this.resyncFrom;
        a.warn(`${this.name}: bytes ${this.resyncFrom}–${end} hold no readable record (${end - this.resyncFrom} bytes skipped)`);
      }
    } else if (this.resyncing) {
      this.damaged = true;
      a.unreadableBytes += left;
      a.warn(`${this.name}: bytes ${this.resyncFrom}–${this.pos + left} hold no readable record (${this.pos + left - this.resyncFrom} bytes skipped)`);
    } else if (left > 0 && this.state === 'pcapng' && left >= 4 && !PACKET_BLOCKS.has(this.u32(this.carry.view(), 0))) {
      this.damaged = true;
      a.warn(`${this.name}: file ends inside a pcapng block of type 0x${this.u32(this.carry.view(), 0).toString(16)} at byte ${this.pos}: ${left} of ${this.need} bytes present`);
    } else if (left > 0) {
      this.damaged = true;
      this.packets++;
      a.record();
      this.ref.index = this.packets;
      this.ref.offset = this.pos;
      a.skip('truncated record', `file ends inside this record: ${left} of ${this.need} bytes present (cut capture)`);
    }
    this.carry.drop(left);
    this.pos += left;
    a.addFile(this.info());
  }

  private info(): CaptureFileInfo {
    return {
      name: this.name,
      format: this.state === 'pcap' ? 'pcap' : this.state === 'pcapng' ? 'pcapng' : 'unknown',
      ...(this.state === 'pcap' || this.state === 'pcapng' ? { byteOrder: this.le ? 'little-endian' : 'big-endian' } : {}),
      ...(this.resolution !== undefined ? { resolution: this.resolution } : {}),
      linkTypes: [...this.linkTypes],
      bytes: this.pos,
      packets: this.packets,
      damaged: this.damaged,
    };
  }

  /** Bytes held between chunks (the carry buffer's capacity): at most about one record. */
  get bufferedBytes(): number {
    return this.carry.buf.length;
  }

  /** Why the file could not be read as a capture at all (undefined while it can). */
  get failure(): string | undefined {
    return this.failureText;
  }

  private failureText: string | undefined;

  /** The bytes are not a capture: say why once, ignore the rest. */
  private notCapture(why: string): void {
    this.state = 'not-a-capture';
    this.failureText = `${this.name}: ${why}`;
    this.analyzer.warn(this.failureText);
  }

  private u32(b: Uint8Array, o: number): number {
    return this.le
      ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000
      : b[o]! * 0x1000000 + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
  }

  private u16(b: Uint8Array, o: number): number {
    return this.le ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
  }

  /**
   * Parses whole units from b[o…] and returns the bytes consumed; sets `need` to the bytes the
   * next unit needs from its start when it stops early. `eof`: no more bytes will come.
   */
  private parse(b: Uint8Array, o: number, eof: boolean): number {
    const start = o;
    while (o < b.length) {
      const avail = b.length - o;
      let used: number;
      if (this.state === 'magic') used = this.magic(b, o, avail);
      else if (this.state === 'not-a-capture') used = avail;
      else if (this.resyncing) used = this.state === 'pcap' ? this.resync(b, o, avail, eof) : this.pcapngResync(b, o, avail, eof);
      else if (this.state === 'pcap') used = this.pcapRecord(b, o, avail);
      else used = this.pcapngBlock(b, o, avail, eof);
      if (used === CONTINUE) continue;
      if (used === 0) break;
      o += used;
      this.pos += used;
      this.need = 0;
    }
    return o - start;
  }

  private magic(b: Uint8Array, o: number, avail: number): number {
    if (avail < 4) return this.wait(24);
    const m = ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
    this.magicHex = m.toString(16).padStart(8, '0');
    if (m === PCAPNG_SHB) {
      this.state = 'pcapng';
      return CONTINUE;
    }
    const known = PCAP_MAGIC.get(m);
    if (!known) {
      this.notCapture(`not a pcap or pcapng file (magic 0x${this.magicHex} at byte 0)`);
      return avail;
    }
    if (avail < 24) return this.wait(24);
    [this.le, this.nano] = known;
    this.resolution = this.nano ? 'ns' : 'us';
    this.snaplen = this.u32(b, o + 16);
    this.link = this.u32(b, o + 20) & 0xffff;
    this.linkTypes.add(this.link);
    this.state = 'pcap';
    const major = this.u16(b, o + 4);
    if (major !== 2) this.analyzer.warn(`${this.name}: pcap version ${major}.${this.u16(b, o + 6)} (expected 2.4); reading it as 2.4`);
    return 24;
  }

  private wait(n: number): number {
    this.need = n;
    return 0;
  }

  private locate(offsetInFile: number): PacketRef {
    this.packets++;
    this.analyzer.record();
    this.ref.index = this.packets;
    this.ref.offset = offsetInFile;
    return this.ref;
  }

  /** Is a pcap record header plausible at b[o]? Used to find the way back after corruption. */
  private pcapPlausible(b: Uint8Array, o: number): boolean {
    const frac = this.u32(b, o + 4);
    const incl = this.u32(b, o + 8);
    const orig = this.u32(b, o + 12);
    if (incl === 0 || incl > MAX_CAPLEN || orig < incl || orig > MAX_CAPLEN * 4) return false;
    if (this.snaplen > 0 && incl > Math.max(this.snaplen, 65535)) return false;
    if (frac >= (this.nano ? 1e9 : 1e6)) return false;
    if (this.lastTs !== undefined && Math.abs(this.u32(b, o) - this.lastTs / 1000) > 7 * 86400) return false;
    return true;
  }

  private pcapRecord(b: Uint8Array, o: number, avail: number): number {
    if (avail < 16) return this.wait(16);
    const incl = this.u32(b, o + 8);
    if (incl > MAX_CAPLEN) return this.corrupt(`record header at byte ${this.pos}: captured length ${incl} exceeds ${MAX_CAPLEN}`);
    if (avail < 16 + incl) return this.wait(16 + incl);
    const sec = this.u32(b, o);
    const frac = this.u32(b, o + 4);
    const ts = sec * 1000 + frac / (this.nano ? 1e6 : 1e3);
    this.lastTs = ts;
    const ref = this.locate(this.pos);
    this.analyzer.packet(this.link, b.subarray(o + 16, o + 16 + incl), this.u32(b, o + 12), ts, ref);
    return 16 + incl;
  }

  /** Enters the search for the next readable record; the parse loop continues in that state. */
  private corrupt(what: string, block?: Damaged): number {
    this.damaged = true;
    this.enterResync(block);
    this.analyzer.warn(`${this.name}: corrupt ${what}; searching for the next readable record`);
    return CONTINUE;
  }

  private enterResync(block: Damaged | undefined): void {
    this.resyncing = true;
    this.resyncFrom = this.pos;
    this.damagedBlock = block;
    this.scanAt = 1;
  }

  /** Scans forward for the next plausible pcap record: a sane header followed by another sane header or the end of file. */
  private resync(b: Uint8Array, o: number, avail: number, eof: boolean): number {
    for (let i = this.pos === this.resyncFrom ? 1 : 0; ; i++) {
      if (i + 16 > avail) return this.resyncWait(i, 16, eof);
      if (!this.pcapPlausible(b, o + i)) continue;
      const next = i + 16 + this.u32(b, o + i + 8);
      if (next + 16 > avail) {
        if (eof && next <= avail) return this.resynced(i);
        if (eof) continue;
        return this.resyncWait(i, next + 16 - i, eof);
      }
      if (!this.pcapPlausible(b, o + next)) continue;
      return this.resynced(i);
    }
  }

  /** Drops the scanned bytes and waits for `n` bytes from a candidate at i. */
  private resyncWait(i: number, n: number, eof: boolean): number {
    // At the end of file nothing plausible is left: finish() reports the rest as unreadable.
    if (eof) return 0;
    if (i > 0) {
      this.analyzer.unreadableBytes += i;
      return i;
    }
    return this.wait(n);
  }

  /** A record starts at i: drop the bytes before it and parse normally from there. */
  private resynced(i: number): number {
    this.resyncing = false;
    this.analyzer.unreadableBytes += i;
    this.analyzer.warn(`${this.name}: readable records again at byte ${this.pos + i} (${this.pos + i - this.resyncFrom} bytes skipped from byte ${this.resyncFrom})`);
    return i === 0 ? CONTINUE : i;
  }

  /**
   * Is there a plausible pcapng block at b[o+i]: a known type, a length within MAX_BLOCK repeated at
   * its end (a section header: its byte-order magic instead), a packet block naming a defined
   * interface? A number: the bytes from i needed to tell. `extraIface`: an interface the damaged
   * block defines once it is read (the packet blocks after it may name it).
   */
  private pcapngPlausible(b: Uint8Array, o: number, i: number, avail: number, eof: boolean, extraIface: number): boolean | number {
    if (i + 12 > avail) return eof ? false : 12;
    const type = this.u32(b, o + i);
    if (!RESYNC_TYPES.has(type)) return false;
    if (type === PCAPNG_SHB) {
      // The section may change the byte order: its length is read in the order its magic gives.
      const bom = this.u32(b, o + i + 8);
      if (bom !== PCAPNG_BOM && bom !== 0x4d3c2b1a) return false;
      const raw = this.u32(b, o + i + 4);
      const len = bom === PCAPNG_BOM ? raw : ((raw & 0xff) * 0x1000000 + ((raw >>> 8) & 0xff) * 0x10000 + ((raw >>> 16) & 0xff) * 0x100 + (raw >>> 24));
      return len >= 28 && len % 4 === 0 && len <= MAX_BLOCK;
    }
    const len = this.u32(b, o + i + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_BLOCK) return false;
    if (type === BLOCK_EPB && this.u32(b, o + i + 8) >= this.ifaces.length + extraIface) return false;
    if (i + len > avail) return eof ? false : len;
    return this.u32(b, o + i + len - 4) === len;
  }

  /** Does the block that starts at file offset `from` end at b[o+i] by the length repeated at its end? */
  private endsAt(b: Uint8Array, o: number, i: number, from: number): boolean {
    const len = this.pos + i - from;
    return i >= 4 && len >= 12 && len % 4 === 0 && this.u32(b, o + i - 4) === len;
  }

  /**
   * Scans forward from the damaged block for the next plausible block, a step at a time as bytes
   * arrive: what is scanned is dropped (all but 4 bytes, to check a trailing length at the next
   * block) unless the damaged block is one that is read and may still be, with its trailing length.
   */
  private pcapngResync(b: Uint8Array, o: number, avail: number, eof: boolean): number {
    const bad = this.damagedBlock!;
    for (let i = this.scanAt; ; i++) {
      if (i + 12 > avail) {
        if (!eof) return this.scanWait(i, 12);
        // No block starts in the last bytes; the damaged block may still end where the file ends.
        // Otherwise finish() reports the rest as unreadable.
        return bad.repairable && this.endsAt(b, o, avail, this.resyncFrom) ? this.landed(b, o, avail, true) : 0;
      }
      const whole = bad.repairable && this.endsAt(b, o, i, this.resyncFrom);
      // Packets may name the damaged interface: it is defined (read, or unusable) where the scan lands.
      const p = this.pcapngPlausible(b, o, i, avail, eof, bad.type === BLOCK_IDB ? 1 : 0);
      if (p === false) continue;
      if (p !== true) return this.scanWait(i, p);
      return this.landed(b, o, i, whole);
    }
  }

  /** Waits for `n` bytes from offset i of the scan, first dropping the bytes no longer needed. */
  private scanWait(i: number, n: number): number {
    const bad = this.damagedBlock!;
    const keep = bad.repairable && READ_BLOCKS.has(bad.type) && this.pos === this.resyncFrom && i <= MAX_BLOCK;
    const drop = keep ? 0 : Math.max(0, i - 4);
    this.scanAt = i - drop;
    return drop > 0 ? drop : this.wait(i + n);
  }

  /**
   * The scan found a plausible block at b[o+i] (or the end of the file). `whole`: the damaged
   * block ends there by its own trailing length: it is read (or passed over) with that length.
   * Otherwise the bytes from the damaged block to here are skipped, and the range reported.
   */
  private landed(b: Uint8Array, o: number, i: number, whole: boolean): number {
    const bad = this.damagedBlock!;
    const from = this.resyncFrom;
    const at = this.pos + i;
    const len = at - from;
    this.resyncing = false;
    this.damagedBlock = undefined;
    const next = at === this.pos + (b.length - o) ? `the end of the file at byte ${at}` : `a readable block at byte ${at}`;
    if (whole && !READ_BLOCKS.has(bad.type)) {
      // A block of a type not read: passed over whole; damaged only when its leading length was wrong.
      if (len !== bad.len) {
        this.damaged = true;
        if (bad.pending !== undefined) this.analyzer.warn(bad.pending);
        this.analyzer.warn(`${this.name}: the block at byte ${from} is ${len} bytes by the length repeated at its end, and ${next} follows: passed over, nothing skipped`);
      }
      return i;
    }
    if (whole && this.pos === from && len <= MAX_BLOCK) {
      this.damaged = true;
      this.analyzer.warn(`${this.name}: the block at byte ${from} is ${len} bytes by the length repeated at its end, and ${next} follows: read with that length, nothing skipped`);
      this.readBlock(bad.type, b, o, len);
      return i;
    }
    this.damaged = true;
    if (bad.pending !== undefined) this.analyzer.warn(bad.pending);
    this.analyzer.unreadableBytes += len;
    this.analyzer.warn(`${this.name}: readable records again at byte ${at} (${len} bytes skipped from byte ${from})`);
    if (bad.type === BLOCK_IDB) {
      // Keep the numbering of the interfaces after it; its packets are counted as skipped.
      this.analyzer.warn(`${this.name}: interface block at byte ${from} unreadable; interface ${this.ifaces.length} unusable`);
      this.ifaces.push({ link: -1, snaplen: 0, unitsPerSec: 1e6, offsetSec: 0 });
    }
    return i;
  }

  /** Is there, in what the file still holds of a block that goes beyond its end, a plausible block or the block's own end? */
  private blockInside(b: Uint8Array, o: number, avail: number, type: number): boolean {
    for (let i = 1; i + 12 <= avail; i++) {
      if (this.pcapngPlausible(b, o, i, avail, true, type === BLOCK_IDB ? 1 : 0) === true) return true;
    }
    return this.endsAt(b, o, avail, this.pos);
  }

  private pcapngBlock(b: Uint8Array, o: number, avail: number, eof: boolean): number {
    if (avail < 12) return this.wait(12);
    let type = this.u32(b, o);
    if (type === PCAPNG_SHB) {
      const bom = (b[o + 8]! | (b[o + 9]! << 8) | (b[o + 10]! << 16)) + b[o + 11]! * 0x1000000;
      if (bom === PCAPNG_BOM) this.le = true;
      else if (bom === 0x4d3c2b1a) this.le = false;
      else {
        if (!this.sawSection) {
          this.notCapture(`not a pcapng file: byte-order magic 0x${bom.toString(16)} at byte ${this.pos + 8}`);
          return avail;
        }
        return this.corrupt(`section header at byte ${this.pos}: byte-order magic 0x${bom.toString(16)}`, { type, len: this.u32(b, o + 4), repairable: false });
      }
      type = PCAPNG_SHB;
    } else if (!this.sawSection) {
      this.notCapture(`pcapng file does not start with a section header (block type 0x${type.toString(16)})`);
      return avail;
    }
    const len = this.u32(b, o + 4);
    const block: Damaged = { type, len, repairable: true };
    const what = `block at byte ${this.pos}: block length ${len}`;
    const typeText = `(type 0x${type.toString(16)})`;
    if (len < 12 || len % 4 !== 0) return this.corrupt(`${what} ${typeText}`, block);
    if (!READ_BLOCKS.has(type)) {
      if (len > MAX_SKIP_BLOCK) return this.corrupt(`${what} ${typeText}`, block);
      if (len > MAX_BLOCK) {
        // Too large to hold: scanned as it streams past, reported only if found damaged.
        this.enterResync({ ...block, pending: `${this.name}: corrupt ${what} ${typeText}; searching for the next readable record` });
        return CONTINUE;
      }
    } else if (len > MAX_BLOCK) {
      return this.corrupt(`${what} exceeds ${MAX_BLOCK} ${typeText}`, block);
    }
    if (avail < len) {
      // At the end of the file: a cut block, unless a block starts inside what there is of it.
      if (eof && this.blockInside(b, o, avail, type)) return this.corrupt(`${what} ${typeText} goes beyond the end of the file at byte ${this.pos + avail}`, block);
      return this.wait(len);
    }
    if (this.u32(b, o + len - 4) !== len) {
      return this.corrupt(`block at byte ${this.pos}: trailing length ${this.u32(b, o + len - 4)} differs from the leading ${len}`, block);
    }
    this.readBlock(type, b, o, len);
    return len;
  }

  /** Reads a whole block of `len` bytes at b[o] (blocks of other types are passed over). */
  private readBlock(type: number, b: Uint8Array, o: number, len: number): void {
    switch (type) {
      case PCAPNG_SHB:
        this.sawSection = true;
        this.ifaces = [];
        if (this.u16(b, o + 12) !== 1) this.analyzer.warn(`${this.name}: pcapng section at byte ${this.pos} has version ${this.u16(b, o + 12)}.${this.u16(b, o + 14)} (expected 1.0)`);
        break;
      case BLOCK_IDB:
        this.interfaceBlock(b, o, len);
        break;
      case BLOCK_EPB:
      case BLOCK_PB:
        this.packetBlock(type, b, o, len);
        break;
      case BLOCK_SPB:
        this.simplePacket(b, o, len);
        break;
    }
  }

  private interfaceBlock(b: Uint8Array, o: number, len: number): void {
    if (len < 20) {
      this.analyzer.warn(`${this.name}: interface block at byte ${this.pos} too short (${len} bytes); interface ${this.ifaces.length} unusable`);
      this.ifaces.push({ link: -1, snaplen: 0, unitsPerSec: 1e6, offsetSec: 0 });
      return;
    }
    const iface: Interface = { link: this.u16(b, o + 8), snaplen: this.u32(b, o + 12), unitsPerSec: 1e6, offsetSec: 0 };
    let p = o + 16;
    const end = o + len - 4;
    for (let guard = 0; p + 4 <= end && guard < 256; guard++) {
      const code = this.u16(b, p);
      const olen = this.u16(b, p + 2);
      if (code === 0 || p + 4 + olen > end) break;
      if (code === 9 && olen >= 1) {
        const v = b[p + 4]!;
        const exp = v & 0x7f;
        iface.unitsPerSec = v & 0x80 ? 2 ** Math.min(exp, 64) : 10 ** Math.min(exp, 18);
      } else if (code === 14 && olen >= 8) {
        const hi = this.le ? this.u32(b, p + 8) : this.u32(b, p + 4);
        const lo = this.le ? this.u32(b, p + 4) : this.u32(b, p + 8);
        iface.offsetSec = (hi >= 0x80000000 ? hi - 0x100000000 : hi) * 4294967296 + lo;
      }
      p += 4 + olen + ((4 - (olen % 4)) % 4);
    }
    if (this.ifaces.length === 0) this.resolution = resolutionText(iface.unitsPerSec);
    this.ifaces.push(iface);
    this.linkTypes.add(iface.link);
  }

  private packetBlock(type: number, b: Uint8Array, o: number, len: number): void {
    const ref = this.locate(this.pos);
    if (len < 32) return this.analyzer.skip('malformed pcapng block', `packet block of ${len} bytes (< 32)`);
    const ifId = type === BLOCK_EPB ? this.u32(b, o + 8) : this.u16(b, o + 8);
    const iface = this.ifaces[ifId];
    if (!iface) return this.analyzer.skip('packet on an undefined interface', `packet block names interface ${ifId}; the section defines ${this.ifaces.length}`);
    const hi = this.u32(b, o + 12);
    const lo = this.u32(b, o + 16);
    const caplen = this.u32(b, o + 20);
    const orig = this.u32(b, o + 24);
    if (caplen > len - 32) return this.analyzer.skip('malformed pcapng block', `captured length ${caplen} exceeds the block (${len - 32} bytes of data room)`);
    const ts = timestampMs(hi, lo, iface);
    this.lastTs = ts;
    this.analyzer.packet(iface.link, b.subarray(o + 28, o + 28 + caplen), orig, ts, ref);
  }

  private simplePacket(b: Uint8Array, o: number, len: number): void {
    const ref = this.locate(this.pos);
    const iface = this.ifaces[0];
    if (!iface) return this.analyzer.skip('packet on an undefined interface', 'simple packet block before any interface block');
    const orig = this.u32(b, o + 8);
    let caplen = Math.min(orig, len - 16);
    if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
    // Simple packet blocks carry no timestamp: the last one seen stands in.
    this.analyzer.packet(iface.link, b.subarray(o + 12, o + 12 + caplen), orig, this.lastTs ?? 0, ref);
  }
}

/**
 * Epoch milliseconds of a pcapng timestamp, computed as seconds plus a fraction so that it equals
 * what a pcap with the same resolution gives (beyond 2^53 units, in BigInt).
 */
function timestampMs(hi: number, lo: number, iface: Interface): number {
  const u = iface.unitsPerSec;
  const whole = hi * 4294967296 + lo;
  if (whole <= Number.MAX_SAFE_INTEGER && u <= Number.MAX_SAFE_INTEGER) {
    const sec = Math.floor(whole / u);
    return (sec + iface.offsetSec) * 1000 + ((whole - sec * u) * 1000) / u;
  }
  const big = (BigInt(hi) << 32n) | BigInt(lo);
  const units = BigInt(u);
  const sec = big / units;
  return (Number(sec) + iface.offsetSec) * 1000 + (Number(big - sec * units) * 1000) / u;
}

function resolutionText(unitsPerSec: number): string {
  if (unitsPerSec === 1e6) return 'us';
  if (unitsPerSec === 1e9) return 'ns';
  if (unitsPerSec === 1e3) return 'ms';
  return `1/${unitsPerSec} s`;
}
