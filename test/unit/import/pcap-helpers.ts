// Test helpers for the capture importer: read fixtures, list the records of a pcap (a walker of
// its own, independent of the reader under test), and write pcap/pcapng containers around frames.
import { readFileSync } from 'node:fs';
import { CaptureReader, type CaptureSummary } from '../../../src/import/pcap/index';

export const FIXTURES = 'test/fixtures/pcaps';

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}/${name}`));
}

/** Imports bytes pushed in chunks of the given sizes (cycled), or in one piece. */
export function importBytes(name: string, bytes: Uint8Array, chunkSizes: readonly number[] = []): CaptureSummary {
  const r = new CaptureReader({ name });
  if (chunkSizes.length === 0) r.push(bytes);
  else {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const n = Math.max(1, chunkSizes[i % chunkSizes.length]!);
      r.push(bytes.subarray(at, at + n));
      at += n;
    }
  }
  return r.end();
}

export interface Rec {
  /** Byte offset of the record header in the file. */
  offset: number;
  sec: number;
  usec: number;
  origLen: number;
  frame: Uint8Array;
}

/** The records of a little-endian microsecond pcap (the fixtures' format). */
export function pcapRecords(bytes: Uint8Array): { link: number; records: Rec[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== 0xa1b2c3d4) throw new Error('not a little-endian microsecond pcap');
  const link = dv.getUint32(20, true);
  const records: Rec[] = [];
  for (let o = 24; o + 16 <= bytes.length; ) {
    const incl = dv.getUint32(o + 8, true);
    records.push({ offset: o, sec: dv.getUint32(o, true), usec: dv.getUint32(o + 4, true), origLen: dv.getUint32(o + 12, true), frame: bytes.slice(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  return { link, records };
}

class Out {
  private parts: Uint8Array[] = [];
  constructor(readonly le: boolean) {}
  u8(...v: number[]): this {
    this.parts.push(Uint8Array.from(v));
    return this;
  }
  u16(v: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.le);
    this.parts.push(b);
    return this;
  }
  u32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.le);
    this.parts.push(b);
    return this;
  }
  bytes(b: Uint8Array): this {
    this.parts.push(b);
    return this;
  }
  pad4(n: number): this {
    return this.bytes(new Uint8Array((4 - (n % 4)) % 4));
  }
  done(): Uint8Array {
    const total = this.parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

export interface Frame {
  frame: Uint8Array;
  /** Epoch seconds and sub-second part in microseconds. */
  sec: number;
  usec: number;
  origLen?: number;
  iface?: number;
}

/** A pcap file in either byte order, micro- or nanosecond timestamps. */
export function writePcap(link: number, frames: readonly Frame[], opts: { le?: boolean; nano?: boolean } = {}): Uint8Array {
  const o = new Out(opts.le ?? true);
  o.u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(link);
  for (const f of frames) {
    o.u32(f.sec).u32(opts.nano ? f.usec * 1000 : f.usec).u32(f.frame.length).u32(f.origLen ?? f.frame.length).bytes(f.frame);
  }
  return o.done();
}

export type Block =
  | { kind: 'shb' }
  | { kind: 'idb'; link: number; tsresol?: number; snaplen?: number }
  | { kind: 'epb'; f: Frame; unitsPerSec?: number }
  | { kind: 'pb'; f: Frame; unitsPerSec?: number }
  | { kind: 'spb'; f: Frame }
  | { kind: 'raw'; type: number; body: Uint8Array };

/** A pcapng section (or several) in one byte order. Timestamps are written in `unitsPerSec`. */
export function writePcapng(blocks: readonly Block[], le = true): Uint8Array {
  const o = new Out(le);
  const block = (type: number, body: Uint8Array) => {
    const len = 12 + body.length + ((4 - (body.length % 4)) % 4);
    o.u32(type).u32(len).bytes(body).pad4(body.length).u32(len);
  };
  for (const b of blocks) {
    const body = new Out(le);
    switch (b.kind) {
      case 'shb':
        body.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff);
        block(0x0a0d0d0a, body.done());
        break;
      case 'idb':
        body.u16(b.link).u16(0).u32(b.snaplen ?? 0);
        if (b.tsresol !== undefined) body.u16(9).u16(1).u8(b.tsresol, 0, 0, 0);
        body.u16(0).u16(0);
        block(1, body.done());
        break;
      case 'epb':
      case 'pb': {
        const units = b.unitsPerSec ?? 1e6;
        const ts = BigInt(b.f.sec) * BigInt(units) + (BigInt(b.f.usec) * BigInt(units)) / 1_000_000n;
        if (b.kind === 'epb') body.u32(b.f.iface ?? 0);
        else body.u16(b.f.iface ?? 0).u16(0);
        body.u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn)).u32(b.f.frame.length).u32(b.f.origLen ?? b.f.frame.length).bytes(b.f.frame).pad4(b.f.frame.length);
        block(b.kind === 'epb' ? 6 : 2, body.done());
        break;
      }
      case 'spb':
        body.u32(b.f.origLen ?? b.f.frame.length).bytes(b.f.frame).pad4(b.f.frame.length);
        block(3, body.done());
        break;
      case 'raw':
        block(b.type, b.body);
        break;
    }
  }
  return o.done();
}

/** Flows as comparable strings: key, protocol, recognition, packets, bytes. */
export function flowLines(s: CaptureSummary, filter: (t: string) => boolean = () => true): string[] {
  return s.flows.filter((f) => filter(f.transport)).map((f) => `${f.key} ${f.protocol} ${f.recognizedBy} ${f.packets}/${f.bytes}`);
}
