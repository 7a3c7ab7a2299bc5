// The importer on real industrial captures (test/fixtures/pcaps, ITI/ICS-Security-Tools, CC BY 4.0).
// Expected figures were cross-checked with tshark 4.0.17 (endpoints, conversations, protocol
// hierarchy), never computed by the code under test.
import { describe, expect, it } from 'vitest';
import { connectedGroups, type CaptureFlow, type CaptureHost, type CaptureSummary } from '../../../src/import/pcap/index';
import { fixture, flowLines, importBytes } from './pcap-helpers';

const load = (name: string) => importBytes(name, fixture(name));
const host = (s: CaptureSummary, key: string): CaptureHost => {
  const h = s.hosts.find((x) => x.key === key);
  if (!h) throw new Error(`no host ${key}`);
  return h;
};
const unicast = (s: CaptureSummary) => s.hosts.filter((h) => h.scope === 'unicast');
const role = (h: CaptureHost) => h.roles[0]?.role;
const sum = (flows: readonly CaptureFlow[], f: (x: CaptureFlow) => number) => flows.reduce((a, x) => a + f(x), 0);

describe('ModbusTCP.pcap: one master polling 13 slaves', () => {
  const s = load('ModbusTCP.pcap');

  it('reads every packet, 14 hosts, 13 Modbus/TCP flows confirmed by payload', () => {
    expect(s.counts).toMatchObject({ packets: 15387, decoded: 15387, skipped: 0, unreadableBytes: 0 });
    expect(s.hosts).toHaveLength(14);
    expect(s.flows).toHaveLength(13);
    for (const f of s.flows) expect(f).toMatchObject({ transport: 'tcp', port: 502, protocol: 'modbus-tcp', recognizedBy: 'port+payload', initiator: '141.81.0.10' });
    expect(sum(s.flows, (f) => f.packets)).toBe(15387);
    expect(s.protocols).toEqual([{ protocol: 'modbus-tcp', flows: 13, packets: 15387 }]);
  });

  it('finds the master (HMI) and the 13 slaves (PLC), with evidence', () => {
    const master = host(s, '141.81.0.10');
    expect(role(master)).toBe('hmi');
    expect(master.roles[0]!.evidence[0]).toMatch(/^Modbus\/TCP master on tcp\/502, polls 13 hosts/);
    const slaves = s.hosts.filter((h) => h.key !== '141.81.0.10');
    expect(slaves).toHaveLength(13);
    for (const h of slaves) {
      expect(role(h)).toBe('plc');
      expect(h.roles[0]!.evidence).toEqual(['Modbus/TCP slave on tcp/502, polled by 1 host (141.81.0.10)']);
    }
  });

  it('counts packets and bytes per host as tshark does', () => {
    expect(host(s, '141.81.0.10')).toMatchObject({ packetsSent: 7845, bytesSent: 524282, packetsReceived: 7542, bytesReceived: 708110, mac: '78:e7:d1:e0:02:5e' });
    expect(host(s, '141.81.0.66')).toMatchObject({ packetsSent: 832, bytesSent: 77636, packetsReceived: 723, bytesReceived: 50042 });
    expect(host(s, '141.81.0.46')).toMatchObject({ packetsSent: 441, bytesSent: 40674, packetsReceived: 389, bytesReceived: 26965 });
    // Two TCP connections to .46, the second opened with a SYN inside the capture.
    expect(s.flows.find((f) => f.responder === '141.81.0.46')).toMatchObject({ sessions: 2, directionBy: 'syn', packets: 830 });
  });
});

describe('modbus_test.pcap: five masters, one slave', () => {
  const s = load('modbus_test.pcap');
  it('has 6 hosts, 5 flows into 192.168.0.20:502, the slave a PLC and the masters HMIs', () => {
    expect(s.counts).toMatchObject({ packets: 2257, decoded: 2257, skipped: 0 });
    expect(s.hosts.map((h) => h.key)).toEqual(['192.168.0.20', '192.168.0.21', '192.168.0.112', '192.168.0.133', '192.168.0.144', '192.168.0.156']);
    expect(s.flows).toHaveLength(5);
    for (const f of s.flows) expect(f).toMatchObject({ responder: '192.168.0.20', port: 502, protocol: 'modbus-tcp', recognizedBy: 'port+payload' });
    expect(role(host(s, '192.168.0.20'))).toBe('plc');
    expect(host(s, '192.168.0.20').roles[0]!.evidence[0]).toMatch(/polled by 5 hosts/);
    for (const k of ['192.168.0.21', '192.168.0.112', '192.168.0.133', '192.168.0.144', '192.168.0.156']) expect(role(host(s, k))).toBe('hmi');
    expect(host(s, '192.168.0.21')).toMatchObject({ packetsSent: 720, bytesSent: 47520, packetsReceived: 705, bytesReceived: 54743 });
  });
});

describe('dnp3.pcap: two separate master → outstation groups', () => {
  const s = load('dnp3.pcap');
  it('has 5 hosts, 3 DNP3 flows and two connected groups', () => {
    expect(s.counts).toMatchObject({ packets: 214, decoded: 214, skipped: 0 });
    expect(unicast(s)).toHaveLength(5);
    expect(flowLines(s)).toEqual([
      'tcp 10.0.0.8 → 10.0.0.3:20000 dnp3 port+payload 123/8970',
      'tcp 10.0.0.9 → 10.0.0.3:20000 dnp3 port+payload 58/3948',
      'tcp 192.168.66.33 → 192.168.66.34:20000 dnp3 port+payload 33/2424',
    ]);
    expect(connectedGroups(s)).toEqual([
      ['10.0.0.3', '10.0.0.8', '10.0.0.9'],
      ['192.168.66.33', '192.168.66.34'],
    ]);
  });
  it('calls the outstations PLC and the masters HMI; a MAC shared by two IPs is nobody\'s', () => {
    expect(role(host(s, '10.0.0.3'))).toBe('plc');
    expect(role(host(s, '192.168.66.34'))).toBe('plc');
    for (const k of ['10.0.0.8', '10.0.0.9', '192.168.66.33']) expect(role(host(s, k))).toBe('hmi');
    expect(host(s, '10.0.0.3')).toMatchObject({ packetsSent: 84, bytesSent: 6481, packetsReceived: 97, bytesReceived: 6437 });
    // 10.0.0.8 and 10.0.0.9 arrive through the same MAC 00:50:04:93:70:67 (a router, or one host).
    expect(host(s, '10.0.0.8').mac).toBeUndefined();
    expect(host(s, '10.0.0.8').macs).toEqual(['00:50:04:93:70:67']);
  });
  it('reads the nanosecond-pcap copy to the same hosts, flows and times', () => {
    const ns = load('dnp3.converted-nsec.pcap');
    expect(ns.files[0]).toMatchObject({ format: 'pcap', resolution: 'ns' });
    expect(ns.hosts).toEqual(s.hosts);
    expect(ns.flows).toEqual(s.flows);
    expect(new Date(s.firstSeen!).toISOString()).toBe('2004-10-11T13:38:58.503Z');
  });
});

describe('Sample_File_MMS_and_GOOSE.pcap: IEC 61850 substation', () => {
  const s = load('Sample_File_MMS_and_GOOSE.pcap');
  const byProto = (p: string) => s.flows.filter((f) => f.protocol === p);

  it('decodes all 301 frames: 12 IP hosts, 4 layer-2-only devices, 4 group addresses', () => {
    expect(s.counts).toMatchObject({ packets: 301, decoded: 301, skipped: 0 });
    const ip = unicast(s).filter((h) => h.kind === 'ipv4');
    expect(ip).toHaveLength(12);
    expect(unicast(s).filter((h) => h.kind === 'mac').map((h) => h.key)).toEqual(['00:0a:dc:06:19:6b', '00:0a:dc:06:19:6e', '0a:bb:fe:10:c9:06', '0a:bb:fe:10:c9:08']);
    expect(s.hosts.filter((h) => h.scope !== 'unicast').map((h) => `${h.key} ${h.scope}`)).toEqual([
      '172.16.255.255 broadcast', '01:0c:cd:01:00:00 multicast', '01:80:c2:00:00:00 multicast', '03:00:00:00:00:01 multicast',
    ]);
    expect(s.flows).toHaveLength(26);
  });

  it('names MMS on tcp/102 MMS, never S7comm, and leaves payload-less tcp/102 undecided', () => {
    expect(byProto('s7comm')).toEqual([]);
    expect(byProto('iec61850-mms').map((f) => `${f.responder} ${f.recognizedBy}`)).toEqual([
      '172.16.201.2 port+payload', '172.16.201.4 port+payload', '172.16.201.5 port+payload', '172.16.201.7 port+payload', '172.16.202.5 port+payload',
    ]);
    // SYN/RST only: the port says ISO-TSAP, nothing says which.
    expect(byProto('iso-tsap').map((f) => `${f.responder} ${f.recognizedBy} ${f.packets}`)).toEqual(['172.16.0.121 port 8', '172.16.201.6 port 2', '172.16.201.8 port 2']);
  });

  it('finds GOOSE by ethertype, and merges a publisher seen also over IP into its IP host', () => {
    const goose = byProto('goose');
    expect(goose.map((f) => `${f.initiator} → ${f.responder} ${f.packets}`)).toEqual([
      '172.16.201.2 → 01:0c:cd:01:00:00 32', '0a:bb:fe:10:c9:06 → 01:0c:cd:01:00:00 1', '0a:bb:fe:10:c9:08 → 01:0c:cd:01:00:00 1',
    ]);
    expect(goose.every((f) => f.transport === 'l2' && f.etherType === 0x88b8 && f.recognizedBy === 'header')).toBe(true);
    const ied = host(s, '172.16.201.2');
    expect(ied).toMatchObject({ mac: '00:00:23:06:30:fe', packetsSent: 26 + 32, bytesSent: 4998 + 7680 });
    expect(ied.roles[0]!.role).toBe('ied');
    expect(ied.roles[0]!.evidence).toEqual([
      'IEC 61850 MMS server (IED) on tcp/102, used by 1 host (172.16.0.101)',
      'publishes IEC 61850 GOOSE to 1 group address (01:0c:cd:01:00:00)',
    ]);
  });

  it('recognizes the IT protocols and counts their packets as tshark does', () => {
    const packets = (p: string) => sum(byProto(p), (f) => f.packets);
    expect(packets('ntp')).toBe(52);
    expect(packets('snmp')).toBe(14);
    expect(packets('goose')).toBe(34);
    expect(packets('stp')).toBe(12);
    expect(byProto('ntp').map((f) => `${f.initiator} → ${f.responder}:${f.port} ${f.recognizedBy}`)).toEqual([
      '172.16.201.2 → 172.16.0.101:123 port+payload', '172.16.201.4 → 172.16.0.101:123 port+payload', '172.16.201.7 → 172.16.0.101:123 port+payload',
    ]);
    expect(byProto('smb').map((f) => `${f.key} ${f.recognizedBy} ${f.sessions}`)).toEqual(['tcp 172.16.0.101 → 172.16.0.122:139 port+payload 4']);
    expect(byProto('rpc')).toHaveLength(2);
    expect(byProto('netbios')).toHaveLength(2);
  });

  it('guesses the station HMI, the IEDs and the switches', () => {
    expect(role(host(s, '172.16.0.101'))).toBe('hmi');
    expect(host(s, '172.16.0.101')).toMatchObject({ packetsSent: 127, bytesSent: 13107, packetsReceived: 120, bytesReceived: 15596 });
    for (const k of ['172.16.201.2', '172.16.201.4', '172.16.201.5', '172.16.201.7', '172.16.202.5', '0a:bb:fe:10:c9:06']) expect(role(host(s, k))).toBe('ied');
    for (const k of ['00:0a:dc:06:19:6b', '00:0a:dc:06:19:6e']) expect(role(host(s, k))).toBe('switch');
  });

  it('gives the same summary when asked twice (merged layer-2 hosts are not moved for good)', async () => {
    const { CaptureReader } = await import('../../../src/import/pcap/index');
    const r = new CaptureReader({ name: 'Sample_File_MMS_and_GOOSE.pcap' });
    r.push(fixture('Sample_File_MMS_and_GOOSE.pcap'));
    const first = r.end();
    expect(r.analyzer.summary()).toEqual(first);
    expect(first).toEqual(s);
  });

  it('reads the pcapng copy to the same hosts and flows', () => {
    const ng = load('Sample_File_MMS_and_GOOSE.converted.pcapng');
    expect(ng.files[0]).toMatchObject({ format: 'pcapng', byteOrder: 'little-endian', linkTypes: [1], packets: 301 });
    expect(ng.hosts).toEqual(s.hosts);
    expect(ng.flows).toEqual(s.flows);
  });
});

describe('wincc_s400_production.pcapng: WinCC ↔ S7-400', () => {
  const s = load('wincc_s400_production.pcapng');
  it('is a pcap despite its name, and carries S7comm on tcp/102', () => {
    expect(s.files[0]).toMatchObject({ format: 'pcap', packets: 1658, damaged: false });
    expect(s.counts).toMatchObject({ packets: 1658, decoded: 1658 });
    expect(flowLines(s)).toEqual(['tcp 194.250.63.239 → 194.250.63.170:102 s7comm port+payload 1658/267520']);
    // No SYN in the capture: the tcp/102 side is the responder.
    expect(s.flows[0]!.directionBy).toBe('port');
    expect(role(host(s, '194.250.63.170'))).toBe('plc');
    expect(role(host(s, '194.250.63.239'))).toBe('hmi');
    expect(host(s, '194.250.63.170')).toMatchObject({ packetsSent: 1213, bytesSent: 213439 });
  });
});

describe('opc-ua-ap-method-wireshark-freeze.pcap: OPC UA on tcp/12001', () => {
  it('finds OPC UA by payload alone on a port nobody registered', () => {
    const s = load('opc-ua-ap-method-wireshark-freeze.pcap');
    expect(s.counts).toMatchObject({ packets: 90, decoded: 90 });
    expect(s.flows).toHaveLength(1);
    expect(s.flows[0]).toMatchObject({
      initiator: '192.168.41.176', responder: '192.168.41.212', port: 12001, protocol: 'opc-ua', recognizedBy: 'payload',
      directionBy: 'syn', sessions: 2, packets: 90, bytes: 45052,
    });
    expect(role(host(s, '192.168.41.212'))).toBe('opc-server');
  });
});

describe('bacnet_test.pcap', () => {
  it('has two hosts and one BACnet/IP flow over five client ports', () => {
    const s = load('bacnet_test.pcap');
    expect(s.counts).toMatchObject({ packets: 26, decoded: 26 });
    expect(flowLines(s)).toEqual(['udp 10.1.1.167 → 10.1.1.165:47808 bacnet port+payload 26/1620']);
    expect(s.flows[0]!.sessions).toBe(5);
    expect(role(host(s, '10.1.1.165'))).toBe('plc');
    expect(role(host(s, '10.1.1.167'))).toBe('hmi');
  });
});

describe('several captures into one graph', () => {
  it('adds up hosts and flows of different files', async () => {
    const { importCaptures } = await import('../../../src/import/pcap/index');
    const names = ['dnp3.pcap', 'bacnet_test.pcap', 'wincc_s400_production.pcapng'];
    const s = await importCaptures(names.map((name) => ({ name, chunks: [fixture(name)] })));
    expect(s.files.map((f) => f.name)).toEqual(names);
    expect(s.counts.packets).toBe(214 + 26 + 1658);
    expect(unicast(s)).toHaveLength(5 + 2 + 2);
    expect(s.flows).toHaveLength(3 + 1 + 1);
  });
});
