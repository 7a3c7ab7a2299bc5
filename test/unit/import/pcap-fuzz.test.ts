// Fuzzing: random bytes and random mutations of the real captures never make the importer throw;
// the counts stay consistent and the model built from whatever was read passes the one parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureToModel, CaptureReader, type CaptureSummary } from '../../../src/import/pcap/index';
import { formatError } from '../../../src/model/errors';
import { validateModel } from '../../../src/model/parse';
import { fixture } from './pcap-helpers';

function run(bytes: Uint8Array, chunk: number): { summary: CaptureSummary; reader: CaptureReader } {
  const reader = new CaptureReader({ name: 'fuzz' });
  for (let at = 0; at < bytes.length; at += chunk) reader.push(bytes.subarray(at, at + chunk));
  return { summary: reader.end(), reader };
}

function checkInvariants(s: CaptureSummary): void {
  expect(s.counts.decoded + s.counts.skipped).toBe(s.counts.packets);
  expect(s.flows.reduce((a, f) => a + f.packets, 0)).toBeLessThanOrEqual(s.counts.decoded);
  for (const f of s.flows) {
    expect(f.packets).toBeGreaterThan(0);
    expect(f.packetsToResponder).toBeLessThanOrEqual(f.packets);
    expect(s.hosts.some((h) => h.key === f.initiator)).toBe(true);
    expect(s.hosts.some((h) => h.key === f.responder)).toBe(true);
  }
  expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  const model = captureToModel(s);
  const check = validateModel(model);
  if (check.kind === 'invalid') throw new Error(check.errors.map(formatError).join('\n'));
}

const PCAP_LE = Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
const PCAP_BE_NS = Uint8Array.from([0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 113]);
const PCAPNG_HEAD = fixture('Sample_File_MMS_and_GOOSE.converted.pcapng').subarray(0, 108 + 20);

describe('random bytes', () => {
  it('never throw, behind no header, a pcap header or a pcapng section header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(new Uint8Array(0), PCAP_LE, PCAP_BE_NS, PCAPNG_HEAD),
        fc.uint8Array({ maxLength: 4096 }),
        fc.integer({ min: 1, max: 600 }),
        (head, body, chunk) => {
          const bytes = new Uint8Array(head.length + body.length);
          bytes.set(head);
          bytes.set(body, head.length);
          const { summary } = run(bytes, chunk);
          checkInvariants(summary);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mutations of real captures', () => {
  const files = ['Sample_File_MMS_and_GOOSE.pcap', 'Sample_File_MMS_and_GOOSE.converted.pcapng', 'opc-ua-ap-method-wireshark-freeze.pcap', 'bacnet_test.pcap', 'dnp3.pcap'].map(
    (name) => fixture(name),
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;
  const apply = (src: Uint8Array, ms: readonly Mutation[]): Uint8Array => {
    let b = src.slice();
    for (const m of ms) {
      const at = b.length === 0 ? 0 : m.at % b.length;
      if (m.kind === 'set') b[at] = m.value;
      else if (m.kind === 'delete') b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + m.n)]);
      else if (m.kind === 'insert') b = Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
      else b = b.slice(0, at);
    }
    return b;
  };

  it('never throw, keep their counts consistent and give a valid model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 70_000 }), (fi, ms, chunk) => {
        const { summary } = run(apply(files[fi]!, ms), chunk);
        checkInvariants(summary);
      }),
      { numRuns: 200 },
    );
  });

  it("a byte changed inside a packet's data (not its record header) never costs a packet record", () => {
    const bytes = fixture('dnp3.pcap');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 213 }), fc.integer({ min: 0, max: 255 }), fc.nat(), (index, value, pos) => {
        const dv = new DataView(bytes.buffer, bytes.byteOffset);
        let o = 24;
        for (let i = 0; i < index; i++) o += 16 + dv.getUint32(o + 8, true);
        const incl = dv.getUint32(o + 8, true);
        const b = bytes.slice();
        b[o + 16 + (pos % incl)] = value;
        const { summary } = run(b, 4096);
        expect(summary.counts.packets).toBe(214);
        checkInvariants(summary);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a corrupt timestamp beyond what Date holds', () => {
  it('is written as "?" instead of throwing (fuzz counterexample, seed 1399752888)', () => {
    let b = fixture('Sample_File_MMS_and_GOOSE.converted.pcapng');
    b = Uint8Array.from(b);
    b[1775997107 % b.length] = 120;
    const at = 128 % b.length;
    b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1)]);
    const { summary } = run(b, 70_000);
    checkInvariants(summary);
  });
});
