// Protocol recognition where the port lies: the real frames of the captures moved to other ports,
// payload signatures on their own, and the initiator rules.
import { describe, expect, it } from 'vitest';
import { responderByPort } from '../../../src/import/pcap/direction';
import { classify, Hint, type Verdict } from '../../../src/import/pcap/protocols';
import { fixture, importBytes, pcapRecords, writePcap, type Frame } from './pcap-helpers';

/** The frames of a capture with every TCP/UDP port `from` replaced by `to` (checksums left stale). */
function movePort(name: string, from: number, to: number): Uint8Array {
  const { link, records } = pcapRecords(fixture(name));
  const frames = records.map((r): Frame => {
    const f = r.frame.slice();
    if (((f[12]! << 8) | f[13]!) === 0x0800) {
      const l4 = 14 + (f[14]! & 0x0f) * 4;
      for (const at of [l4, l4 + 2]) {
        if (((f[at]! << 8) | f[at + 1]!) === from) {
          f[at] = to >> 8;
          f[at + 1] = to & 0xff;
        }
      }
    }
    return { frame: f, sec: r.sec, usec: r.usec, origLen: r.origLen };
  });
  return writePcap(link, frames);
}

/** TCP/UDP payloads of a capture's frames (IPv4 over Ethernet). */
function payloads(name: string): Uint8Array[] {
  return pcapRecords(fixture(name)).records.flatMap((r) => {
    const f = r.frame;
    const ihl = (f[14]! & 0x0f) * 4;
    const l4 = 14 + ihl;
    const end = 14 + ((f[16]! << 8) | f[17]!);
    const start = f[23] === 6 ? l4 + (f[l4 + 12]! >> 4) * 4 : l4 + 8;
    return end > start ? [f.subarray(start, end)] : [];
  });
}

const verdict = (): Verdict => ({ protocol: undefined, hint: Hint.None });

describe('the port lies, the payload tells', () => {
  it('Modbus/TCP moved to tcp/80 is Modbus/TCP by payload, not HTTP', () => {
    const s = importBytes('modbus-on-80.pcap', movePort('modbus_test.pcap', 502, 80));
    expect(s.flows).toHaveLength(5);
    for (const f of s.flows) expect(f).toMatchObject({ port: 80, protocol: 'modbus-tcp', recognizedBy: 'payload' });
    expect(s.hosts.find((h) => h.key === '192.168.0.20')!.roles[0]).toMatchObject({ role: 'plc', evidence: ['Modbus/TCP slave on tcp/80, polled by 5 hosts (192.168.0.21, 192.168.0.112, 192.168.0.133, 192.168.0.144, 192.168.0.156)'] });
  });

  it('S7comm moved to tcp/502 is S7comm by payload, not Modbus', () => {
    const s = importBytes('s7-on-502.pcap', movePort('wincc_s400_production.pcapng', 102, 502));
    expect(s.flows.map((f) => `${f.port} ${f.protocol} ${f.recognizedBy}`)).toEqual(['502 s7comm payload']);
  });

  it('DNP3 moved to tcp/4444 is DNP3 by payload (header CRC)', () => {
    const s = importBytes('dnp3-on-4444.pcap', movePort('dnp3.pcap', 20000, 4444));
    expect(s.flows.map((f) => `${f.initiator} → ${f.responder}:${f.port} ${f.protocol} ${f.recognizedBy}`)).toEqual([
      '10.0.0.8 → 10.0.0.3:4444 dnp3 payload',
      '10.0.0.9 → 10.0.0.3:4444 dnp3 payload',
      '192.168.66.33 → 192.168.66.34:4444 dnp3 payload',
    ]);
  });

  it('OPC UA moved to the standard tcp/4840 is confirmed by payload', () => {
    const s = importBytes('opcua-4840.pcap', movePort('opc-ua-ap-method-wireshark-freeze.pcap', 12001, 4840));
    expect(s.flows.map((f) => `${f.port} ${f.protocol} ${f.recognizedBy}`)).toEqual(['4840 opc-ua port+payload']);
  });

  it('MMS moved to tcp/3000 is still MMS, and nothing on it says S7comm', () => {
    const s = importBytes('mms-3000.pcap', movePort('Sample_File_MMS_and_GOOSE.pcap', 102, 3000));
    const mms = s.flows.filter((f) => f.port === 3000 && f.protocol === 'iec61850-mms');
    expect(mms.map((f) => `${f.responder} ${f.recognizedBy}`)).toEqual([
      '172.16.201.2 payload', '172.16.201.4 payload', '172.16.201.5 payload', '172.16.201.7 payload', '172.16.202.5 payload',
    ]);
    expect(s.flows.some((f) => f.protocol === 's7comm')).toBe(false);
  });
});

describe('payload signatures', () => {
  it('every Modbus/TCP payload of modbus_test.pcap is Modbus; no DNP3 payload is', () => {
    const v = verdict();
    const modbus = payloads('modbus_test.pcap');
    expect(modbus.length).toBeGreaterThan(2000);
    for (const p of modbus) {
      classify(p, 'tcp', undefined, v);
      expect(v.protocol).toBe('modbus-tcp');
    }
    for (const p of payloads('dnp3.pcap')) {
      classify(p, 'tcp', 'modbus-tcp', v);
      expect(v.protocol).not.toBe('modbus-tcp');
    }
  });

  it('DNP3 frames carry the master/outstation direction', () => {
    const v = verdict();
    const seen = new Set<number>();
    for (const p of payloads('dnp3.pcap')) {
      classify(p, 'tcp', undefined, v);
      if (v.protocol === 'dnp3') seen.add(v.hint);
    }
    expect([...seen].sort()).toEqual([Hint.Dnp3FromMaster, Hint.Dnp3FromOutstation]);
  });

  it.each([
    ['IEC 104 STARTDT act', [0x68, 0x04, 0x07, 0x00, 0x00, 0x00], 'tcp', 'iec104'],
    ['EtherNet/IP ListIdentity', [0x63, 0x00, 0x00, 0x00, ...new Array(20).fill(0)], 'tcp', 'enip-cip'],
    ['EtherNet/IP RegisterSession', [0x65, 0x00, 0x04, 0x00, ...new Array(20).fill(0), 1, 0, 0, 0], 'tcp', 'enip-cip'],
    ['SSH banner', [...'SSH-2.0-OpenSSH_9.2\r\n'].map((c) => c.charCodeAt(0)), 'tcp', 'ssh'],
    ['HTTP request', [...'GET / HTTP/1.1\r\n'].map((c) => c.charCodeAt(0)), 'tcp', 'http'],
    ['TLS ClientHello record', [0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0], 'tcp', 'tls'],
    ['SMB2 over NetBIOS', [0, 0, 0, 8, 0xfe, 0x53, 0x4d, 0x42, 0, 0, 0, 0], 'tcp', 'smb'],
    ['BACnet Who-Is', [0x81, 0x0b, 0x00, 0x0c, 0x01, 0x20, 0xff, 0xff, 0x00, 0xff, 0x10, 0x08], 'udp', 'bacnet'],
  ] as const)('%s', (_name, bytes, transport, expected) => {
    const v = verdict();
    classify(Uint8Array.from(bytes), transport, undefined, v);
    expect(v.protocol).toBe(expected);
  });

  it('weak signatures only confirm their port: an NTP-looking payload on an unknown port says nothing', () => {
    const ntp = new Uint8Array(48);
    ntp[0] = 0x1b; // version 3, client
    const v = verdict();
    classify(ntp, 'udp', 'ntp', v);
    expect(v.protocol).toBe('ntp');
    classify(ntp, 'udp', undefined, v);
    expect(v.protocol).toBeUndefined();
  });

  it('an S7 connection request to a PG TSAP and a block download hint at an engineering workstation', () => {
    const v = verdict();
    // TPKT, COTP CR with calling TSAP 0x0100 and called TSAP 0x0102 (PG, rack 0 slot 2).
    const cr = [0x03, 0x00, 0x00, 0x16, 0x11, 0xe0, 0x00, 0x00, 0x00, 0x01, 0x00, 0xc1, 0x02, 0x01, 0x00, 0xc2, 0x02, 0x01, 0x02, 0xc0, 0x01, 0x0a];
    classify(Uint8Array.from(cr), 'tcp', 'iso-tsap', v);
    expect(v).toEqual({ protocol: 'iso-tsap', hint: Hint.S7Programming });
    // TPKT, COTP DT, S7 job (ROSCTR 1) with function 0x1a (request download).
    const job = [0x03, 0x00, 0x00, 0x1f, 0x02, 0xf0, 0x80, 0x32, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x00, 0x00, 0x1a, 0x00];
    classify(Uint8Array.from(job), 'tcp', 'iso-tsap', v);
    expect(v).toEqual({ protocol: 's7comm', hint: Hint.S7ProgramTransfer });
  });
});

describe('initiator by port', () => {
  it.each([
    ['tcp', 50000, 502, 'dst'],
    ['tcp', 102, 50058, 'src'],
    ['tcp', 58674, 12001, 'dst'], // neither known: the lower port serves
    ['tcp', 502, 44818, 'src'], // both known: the lower
    ['udp', 1073, 123, 'dst'],
    ['udp', 50000, 50001, undefined], // UDP, neither known: the first packet's sender starts
    ['udp', 47808, 47808, undefined],
  ] as const)('%s %d → %d: responder %s', (t, sp, dp, side) => expect(responderByPort(t, sp, dp)).toBe(side));
});

describe('BSD loopback (link type 0)', () => {
  it('reads IPv4 behind the 4-byte address family', () => {
    const { records } = pcapRecords(fixture('bacnet_test.pcap'));
    const frames = records.map((r): Frame => {
      const ip = r.frame.subarray(14);
      const f = new Uint8Array(4 + ip.length);
      f.set([2, 0, 0, 0]);
      f.set(ip, 4);
      return { frame: f, sec: r.sec, usec: r.usec };
    });
    const s = importBytes('lo.pcap', writePcap(0, frames));
    expect(s.flows.map((f) => `${f.key} ${f.protocol} ${f.recognizedBy} ${f.packets}`)).toEqual(['udp 10.1.1.167 → 10.1.1.165:47808 bacnet port+payload 26']);
  });
});
