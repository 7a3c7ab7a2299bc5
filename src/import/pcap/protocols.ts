// Protocol knowledge of the capture importer: well-known ports, payload signatures, labels and the
// mapping to the plant model's protocol list. Pure: bytes in, verdicts out.
import type { Protocol } from '../../model/schema';

/** Protocols the importer names. A superset of the model's list; `modelProtocol` maps them. */
export const CAPTURE_PROTOCOLS = [
  // industrial
  'modbus-tcp', 's7comm', 's7comm-plus', 'iec61850-mms', 'iso-tsap', 'enip-cip', 'dnp3', 'iec104', 'opc-ua',
  'bacnet', 'goose', 'iec61850-sv', 'profinet-dcp', 'profinet-rt', 'profinet-cm', 'historian-api', 'mqtt',
  // IT
  'smb', 'rdp', 'ssh', 'telnet', 'vnc', 'http', 'https', 'tls', 'dns', 'ntp', 'snmp', 'netbios', 'mssql',
  'ldap', 'kerberos', 'ftp', 'smtp', 'syslog', 'winrm', 'rpc', 'dhcp', 'ssdp', 'ipsec',
  // network control
  'icmp', 'igmp', 'stp', 'lldp', 'cdp',
  'unknown',
] as const;
export type CaptureProtocol = (typeof CAPTURE_PROTOCOLS)[number];

/**
 * How a flow's protocol was recognized: by the server port, the payload, both, or a header field
 * (ethertype, LLC SAP, IP protocol); 'none' when nothing said.
 */
export type Recognition = 'port' | 'payload' | 'port+payload' | 'header' | 'none';

export const INDUSTRIAL: ReadonlySet<CaptureProtocol> = new Set<CaptureProtocol>([
  'modbus-tcp', 's7comm', 's7comm-plus', 'iec61850-mms', 'iso-tsap', 'enip-cip', 'dnp3', 'iec104', 'opc-ua',
  'bacnet', 'goose', 'iec61850-sv', 'profinet-dcp', 'profinet-rt', 'profinet-cm', 'historian-api',
]);

export const LABELS: Readonly<Record<CaptureProtocol, string>> = {
  'modbus-tcp': 'Modbus/TCP', s7comm: 'S7comm', 's7comm-plus': 'S7comm-plus', 'iec61850-mms': 'IEC 61850 MMS',
  'iso-tsap': 'ISO-TSAP (S7comm or MMS, payload not seen)', 'enip-cip': 'EtherNet/IP-CIP', dnp3: 'DNP3',
  iec104: 'IEC 60870-5-104', 'opc-ua': 'OPC UA binary', bacnet: 'BACnet/IP', goose: 'IEC 61850 GOOSE',
  'iec61850-sv': 'IEC 61850 Sampled Values', 'profinet-dcp': 'PROFINET DCP', 'profinet-rt': 'PROFINET RT',
  'profinet-cm': 'PROFINET CM (DCE/RPC)', 'historian-api': 'historian (OSIsoft PI)', mqtt: 'MQTT',
  smb: 'SMB', rdp: 'RDP', ssh: 'SSH', telnet: 'Telnet', vnc: 'VNC', http: 'HTTP', https: 'HTTPS', tls: 'TLS',
  dns: 'DNS', ntp: 'NTP', snmp: 'SNMP', netbios: 'NetBIOS', mssql: 'MS-SQL (TDS)', ldap: 'LDAP',
  kerberos: 'Kerberos', ftp: 'FTP', smtp: 'SMTP', syslog: 'syslog', winrm: 'WinRM', rpc: 'RPC', dhcp: 'DHCP',
  ssdp: 'SSDP', ipsec: 'IPsec/IKE', icmp: 'ICMP', igmp: 'IGMP', stp: 'spanning tree', lldp: 'LLDP',
  cdp: 'CDP', unknown: 'unknown',
};

const TO_MODEL: Partial<Record<CaptureProtocol, Protocol>> = {
  'modbus-tcp': 'modbus-tcp', s7comm: 's7comm', 's7comm-plus': 's7comm-plus', 'iec61850-mms': 'iec61850-mms',
  'enip-cip': 'enip-cip', dnp3: 'dnp3', iec104: 'iec104', 'opc-ua': 'opc-ua', bacnet: 'bacnet', goose: 'goose',
  'profinet-dcp': 'profinet', 'profinet-rt': 'profinet', 'profinet-cm': 'profinet', 'historian-api': 'historian-api',
  mqtt: 'mqtt', smb: 'smb', rdp: 'rdp', ssh: 'ssh', telnet: 'telnet', vnc: 'vnc', http: 'http', https: 'https',
  dns: 'dns', ntp: 'ntp', snmp: 'snmp', netbios: 'netbios', mssql: 'mssql', ldap: 'ldap', kerberos: 'kerberos',
  ftp: 'ftp', smtp: 'smtp', syslog: 'syslog', winrm: 'winrm', rpc: 'rpc', ipsec: 'ipsec',
};

/** The plant-model protocol for a capture protocol; 'other' where the model has no name for it. */
export function modelProtocol(p: CaptureProtocol): Protocol {
  return TO_MODEL[p] ?? 'other';
}

const TCP_PORTS: ReadonlyMap<number, CaptureProtocol> = new Map<number, CaptureProtocol>([
  [502, 'modbus-tcp'], [102, 'iso-tsap'], [44818, 'enip-cip'], [20000, 'dnp3'], [2404, 'iec104'], [4840, 'opc-ua'],
  [4843, 'opc-ua'], [5450, 'historian-api'], [5457, 'historian-api'], [5459, 'historian-api'], [1883, 'mqtt'],
  [8883, 'mqtt'], [445, 'smb'], [139, 'smb'], [3389, 'rdp'], [22, 'ssh'], [23, 'telnet'], [5900, 'vnc'],
  [80, 'http'], [8080, 'http'], [8000, 'http'], [443, 'https'], [8443, 'https'], [53, 'dns'], [1433, 'mssql'],
  [389, 'ldap'], [636, 'ldap'], [3268, 'ldap'], [88, 'kerberos'], [21, 'ftp'], [25, 'smtp'], [587, 'smtp'],
  [5985, 'winrm'], [5986, 'winrm'], [135, 'rpc'], [111, 'rpc'], [34964, 'profinet-cm'],
]);
const UDP_PORTS: ReadonlyMap<number, CaptureProtocol> = new Map<number, CaptureProtocol>([
  [47808, 'bacnet'], [2222, 'enip-cip'], [44818, 'enip-cip'], [20000, 'dnp3'], [34964, 'profinet-cm'],
  [4840, 'opc-ua'], [123, 'ntp'], [161, 'snmp'], [162, 'snmp'], [137, 'netbios'], [138, 'netbios'], [53, 'dns'],
  [5353, 'dns'], [5355, 'dns'], [514, 'syslog'], [67, 'dhcp'], [68, 'dhcp'], [1900, 'ssdp'], [500, 'ipsec'],
  [4500, 'ipsec'], [111, 'rpc'], [88, 'kerberos'], [389, 'ldap'], [1434, 'mssql'],
]);

/** The protocol a well-known server port stands for, if any. */
export function portProtocol(transport: 'tcp' | 'udp', port: number): CaptureProtocol | undefined {
  return (transport === 'tcp' ? TCP_PORTS : UDP_PORTS).get(port);
}

/** Ports a server listens on: the known ones, and everything below 1024. */
export function isServerPort(transport: 'tcp' | 'udp', port: number): boolean {
  return portProtocol(transport, port) !== undefined;
}

/** TLS-capable port protocols a TLS record confirms. */
const TLS_PORTS: ReadonlySet<CaptureProtocol> = new Set<CaptureProtocol>(['https', 'rdp', 'ldap', 'mqtt', 'winrm', 'opc-ua', 'smtp']);
/** Port protocols a NetBIOS session header confirms. */
const NBSS_PORTS: ReadonlySet<CaptureProtocol> = new Set<CaptureProtocol>(['smb', 'netbios']);

const u16be = (p: Uint8Array, o: number) => (p[o]! << 8) | p[o + 1]!;
const u16le = (p: Uint8Array, o: number) => p[o]! | (p[o + 1]! << 8);
const u32le = (p: Uint8Array, o: number) => (p[o]! | (p[o + 1]! << 8) | (p[o + 2]! << 16)) + p[o + 3]! * 0x1000000;

/** Payload facts that feed role guesses (who programs a PLC, who is the DNP3 master…). */
export const Hint = {
  None: 0,
  /** S7 COTP connection request to a PG (programming device) TSAP. */
  S7Programming: 1,
  /** S7comm block download/upload, PI service or PLC stop. */
  S7ProgramTransfer: 2,
  /** Modbus function 90 (Schneider UMAS programming). */
  ModbusUmas: 3,
  /** DNP3 frame sent by the master (DIR bit set). */
  Dnp3FromMaster: 4,
  /** DNP3 frame sent by the outstation (DIR bit clear). */
  Dnp3FromOutstation: 5,
  /** OPC UA Hello (sent by the client). */
  OpcUaHello: 6,
  /** PROFINET DCP Set request (configuring a device: an engineering tool). */
  DcpSet: 7,
  /** PROFINET DCP Identify response (a PROFINET device answering). */
  DcpIdentifyResponse: 8,
  /** PROFINET DCP Identify request. */
  DcpIdentifyRequest: 9,
} as const;
export type Hint = (typeof Hint)[keyof typeof Hint];

/** The verdict of one payload: a protocol (or undefined) and a hint. Reused, never kept. */
export interface Verdict {
  protocol: CaptureProtocol | undefined;
  hint: Hint;
}

/** TPKT (RFC 1006) + ISO 8073 COTP: CR/CC confirm ISO-TSAP, DT data says S7comm, S7comm-plus or MMS. */
function tpkt(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 7 || p[0] !== 3 || p[1] !== 0) return false;
  const len = u16be(p, 2);
  const li = p[4]!;
  if (len < 7 || li < 2 || 5 + li > len) return false;
  const type = p[5]! & 0xf0;
  if (type === 0xf0) {
    const d = 5 + li;
    if (d >= p.length) {
      v.protocol = 'iso-tsap';
      return true;
    }
    const b = p[d]!;
    if (b === 0x32 && d + 1 < p.length && [1, 2, 3, 7].includes(p[d + 1]!)) {
      v.protocol = 's7comm';
      // Job (ROSCTR 1): 10-byte header, then the function code of the first parameter.
      if (p[d + 1] === 1 && d + 10 < p.length) {
        const fn = p[d + 10]!;
        if ((fn >= 0x1a && fn <= 0x1f) || fn === 0x28 || fn === 0x29) v.hint = Hint.S7ProgramTransfer;
      }
      return true;
    }
    if (b === 0x72 && d + 1 < p.length && p[d + 1]! >= 1 && p[d + 1]! <= 3) {
      v.protocol = 's7comm-plus';
      return true;
    }
    // ISO 8327 session: CONNECT (13), ACCEPT (14), or GIVE-TOKENS + DATA TRANSFER (01 00 01 00).
    if ((b === 0x0d || b === 0x0e) && d + 2 < p.length) {
      v.protocol = 'iec61850-mms';
      return true;
    }
    if (b === 0x01 && d + 3 < p.length && p[d + 1] === 0 && p[d + 2] === 0x01 && p[d + 3] === 0) {
      v.protocol = 'iec61850-mms';
      return true;
    }
    v.protocol = 'iso-tsap';
    return true;
  }
  if (type === 0xe0 || type === 0xd0) {
    v.protocol = 'iso-tsap';
    if (type === 0xe0) {
      // Parameters after the 7-byte fixed part: 0xC2 is the called TSAP; S7 uses 2 bytes, the first
      // the connection type: 1 PG (programming device), 2 OP, 3 S7 basic.
      let o = 5 + 6;
      const end = Math.min(5 + li, p.length);
      for (let guard = 0; o + 2 <= end && guard < 16; guard++) {
        const code = p[o]!;
        const plen = p[o + 1]!;
        if (code === 0xc2 && plen === 2 && o + 3 < p.length && p[o + 2] === 0x01) v.hint = Hint.S7Programming;
        o += 2 + plen;
      }
    }
    return true;
  }
  if (type === 0x80 || type === 0xc0 || type === 0x70) {
    v.protocol = 'iso-tsap';
    return true;
  }
  return false;
}

/** Modbus/TCP: MBAP headers (protocol id 0, length matching) tiling the payload exactly. */
function modbus(p: Uint8Array, v: Verdict): boolean {
  let o = 0;
  let count = 0;
  let umas = false;
  while (o < p.length && count < 64) {
    if (o + 8 > p.length || p[o + 2] !== 0 || p[o + 3] !== 0) return false;
    const len = u16be(p, o + 4);
    if (len < 2 || len > 254 || o + 6 + len > p.length) return false;
    const fn = p[o + 7]!;
    if ((fn & 0x7f) === 0) return false;
    if (fn >= 0x80 && len !== 3) return false;
    if (fn === 90) umas = true;
    o += 6 + len;
    count++;
  }
  if (o !== p.length) return false;
  v.protocol = 'modbus-tcp';
  if (umas) v.hint = Hint.ModbusUmas;
  return true;
}

/** CRC of DNP3 (polynomial 0x3D65, reflected, complemented). */
function crcDnp(p: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    crc ^= p[i]!;
    for (let b = 0; b < 8; b++) crc = crc & 1 ? (crc >>> 1) ^ 0xa6bc : crc >>> 1;
  }
  return ~crc & 0xffff;
}

/** DNP3 link layer: 0x05 0x64, a length ≥ 5 and a valid header CRC. */
function dnp3(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 10 || p[0] !== 0x05 || p[1] !== 0x64 || p[2]! < 5) return false;
  if (crcDnp(p, 0, 8) !== u16le(p, 8)) return false;
  v.protocol = 'dnp3';
  v.hint = p[3]! & 0x80 ? Hint.Dnp3FromMaster : Hint.Dnp3FromOutstation;
  return true;
}

const OPC_TYPES = new Set(['HEL', 'ACK', 'OPN', 'MSG', 'CLO', 'ERR', 'RHE']);

/** OPC UA binary (UA-TCP): three-letter message type, chunk type F/C/A, a plausible size. */
function opcua(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 8) return false;
  const t = String.fromCharCode(p[0]!, p[1]!, p[2]!);
  const chunk = p[3]!;
  if (!OPC_TYPES.has(t) || (chunk !== 0x46 && chunk !== 0x43 && chunk !== 0x41)) return false;
  const size = u32le(p, 4);
  if (size < 8 || size > 0x1000000) return false;
  if ((t === 'HEL' || t === 'ACK') && (size < 28 || chunk !== 0x46)) return false;
  v.protocol = 'opc-ua';
  if (t === 'HEL') v.hint = Hint.OpcUaHello;
  return true;
}

const ENIP_COMMANDS = new Set([0x0001, 0x0004, 0x0063, 0x0064, 0x0065, 0x0066, 0x006f, 0x0070, 0x0072, 0x0073]);

/** EtherNet/IP encapsulation: a known command, length matching, options zero. */
function enip(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 24 || !ENIP_COMMANDS.has(u16le(p, 0))) return false;
  const len = u16le(p, 2);
  if (24 + len > p.length || u32le(p, 20) !== 0) return false;
  // A segment may hold several encapsulation messages; the first must fit and the rest start cleanly.
  if (24 + len < p.length && p.length - (24 + len) < 24) return false;
  v.protocol = 'enip-cip';
  return true;
}

/** CIP implicit I/O over UDP: common packet format with a sequenced address item and connected data. */
function cipIo(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 12) return false;
  const count = u16le(p, 0);
  if (count < 2 || count > 4 || u16le(p, 2) !== 0x8002 || u16le(p, 4) !== 8) return false;
  if (p.length < 16 || u16le(p, 14) !== 0x00b1) return false;
  v.protocol = 'enip-cip';
  return true;
}

/** BACnet/IP: BVLC type 0x81, a known function, length equal to the payload. */
function bacnet(p: Uint8Array, v: Verdict): boolean {
  if (p.length < 4 || p[0] !== 0x81 || p[1]! > 0x0c || u16be(p, 2) !== p.length) return false;
  v.protocol = 'bacnet';
  return true;
}

/** IEC 60870-5-104 APDUs (0x68, length) tiling the payload exactly. */
function iec104(p: Uint8Array, v: Verdict): boolean {
  let o = 0;
  let n = 0;
  while (o < p.length && n < 64) {
    if (p[o] !== 0x68 || o + 1 >= p.length) return false;
    const len = p[o + 1]!;
    if (len < 4 || o + 2 + len > p.length) return false;
    o += 2 + len;
    n++;
  }
  if (o !== p.length) return false;
  v.protocol = 'iec104';
  return true;
}

function startsWith(p: Uint8Array, s: string): boolean {
  if (p.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (p[i] !== s.charCodeAt(i)) return false;
  return true;
}

const HTTP_STARTS = ['GET ', 'POST ', 'PUT ', 'HEAD ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'HTTP/1.'];

/** Signatures that stand on their own: they name a protocol on any port. */
function strong(p: Uint8Array, transport: 'tcp' | 'udp', v: Verdict): boolean {
  if (transport === 'tcp') {
    if (tpkt(p, v) || opcua(p, v) || dnp3(p, v) || enip(p, v) || modbus(p, v) || iec104(p, v)) return true;
    if (startsWith(p, 'SSH-')) return set(v, 'ssh');
    if (HTTP_STARTS.some((s) => startsWith(p, s))) return set(v, 'http');
    // NetBIOS session message carrying SMB1/2/3.
    if (p.length >= 8 && p[0] === 0 && p[5] === 0x53 && p[6] === 0x4d && p[7] === 0x42 && (p[4] === 0xff || p[4] === 0xfe || p[4] === 0xfd)) {
      return set(v, 'smb');
    }
    if (p.length >= 5 && p[0]! >= 0x14 && p[0]! <= 0x17 && p[1] === 3 && p[2]! <= 4 && u16be(p, 3) > 0 && u16be(p, 3) <= 18432) {
      return set(v, 'tls');
    }
    return false;
  }
  return bacnet(p, v) || dnp3(p, v) || enip(p, v) || cipIo(p, v) || opcua(p, v);
}

function set(v: Verdict, p: CaptureProtocol): true {
  v.protocol = p;
  return true;
}

/** Weak signatures: only confirm the protocol the port already suggests. */
function confirms(p: Uint8Array, port: CaptureProtocol): boolean {
  switch (port) {
    case 'ntp':
      return p.length >= 48 && ((p[0]! >> 3) & 7) >= 1 && ((p[0]! >> 3) & 7) <= 4 && (p[0]! & 7) >= 1 && (p[0]! & 7) <= 5;
    case 'snmp':
      return p.length >= 8 && p[0] === 0x30 && snmpVersionAt(p);
    case 'dns': {
      const o = p.length >= 14 && u16be(p, 0) + 2 === p.length ? 2 : 0; // TCP: length prefix
      return p.length >= o + 12 && ((p[o + 2]! >> 3) & 0xf) <= 6 && u16be(p, o + 4) <= 64;
    }
    case 'netbios':
      // Name service header (137) or datagram service message types 0x10-0x16 (138).
      return (p.length >= 12 && u16be(p, 4) <= 64 && ((p[2]! >> 3) & 0xf) <= 8) || (p.length >= 14 && p[0]! >= 0x10 && p[0]! <= 0x16);
    case 'mssql':
      return p.length >= 8 && [1, 2, 3, 4, 6, 7, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x17].includes(p[0]!) && p[1]! <= 0x1f && u16be(p, 2) >= 8;
    case 'rpc': {
      // ONC RPC: call (0) with RPC version 2, or reply (1); over TCP behind a 4-byte record mark.
      const o = p.length >= 28 && (p[0]! & 0x80) !== 0 ? 4 : 0;
      if (p.length < o + 12) return false;
      const type = u32be(p, o + 4);
      return (type === 0 && u32be(p, o + 8) === 2) || type === 1 || (p[0] === 5 && p[1] === 0); // or DCE/RPC v5
    }
    case 'syslog':
      return p.length >= 3 && p[0] === 0x3c;
    case 'dhcp':
      return p.length >= 240 && (p[0] === 1 || p[0] === 2) && u32be(p, 236) === 0x63825363;
    case 'ssdp':
      return startsWith(p, 'M-SEARCH') || startsWith(p, 'NOTIFY') || startsWith(p, 'HTTP/1.');
    case 'ftp':
    case 'smtp':
      return p.length >= 4 && p[0]! >= 0x30 && p[0]! <= 0x35 && p[3] === 0x20;
    case 'vnc':
      return startsWith(p, 'RFB ');
    case 'mqtt':
      return p.length >= 2 && p[0] === 0x10;
    case 'profinet-cm':
      return p.length >= 16 && p[0] === 4; // DCE/RPC connectionless, version 4
    default:
      return false;
  }
}

const u32be = (p: Uint8Array, o: number) => p[o]! * 0x1000000 + ((p[o + 1]! << 16) | (p[o + 2]! << 8) | p[o + 3]!);

function snmpVersionAt(p: Uint8Array): boolean {
  // 0x30 <BER length> 0x02 0x01 <version 0|1|3>
  let o = 1;
  const l = p[o]!;
  o += l & 0x80 ? 1 + (l & 0x7f) : 1;
  return o + 2 < p.length && p[o] === 2 && p[o + 1] === 1 && [0, 1, 3].includes(p[o + 2]!);
}

/**
 * Classifies one payload. `port` is the protocol the server port suggests (if any). Strong
 * signatures name a protocol on any port; a TLS record or a NetBIOS session header confirms a
 * port protocol that carries them; weak signatures only confirm the port's protocol.
 */
export function classify(p: Uint8Array, transport: 'tcp' | 'udp', port: CaptureProtocol | undefined, v: Verdict): void {
  v.protocol = undefined;
  v.hint = Hint.None;
  if (p.length === 0) return;
  if (strong(p, transport, v)) {
    if (port !== undefined) {
      if (v.protocol === 'tls' && TLS_PORTS.has(port)) v.protocol = port;
      if (port === 'rdp' && v.protocol === 'iso-tsap') v.protocol = 'rdp';
    }
    return;
  }
  if (port === undefined) return;
  // NetBIOS session service header: request/response/keep-alive of exact length, or a session message.
  if (transport === 'tcp' && NBSS_PORTS.has(port) && p.length >= 4 && p[1]! <= 1) {
    const len = ((p[1]! & 1) << 16) | u16be(p, 2);
    if ((p[0]! >= 0x81 && p[0]! <= 0x85 && len + 4 === p.length) || (p[0] === 0 && len > 0 && len + 4 >= p.length)) {
      v.protocol = port;
      return;
    }
  }
  if (confirms(p, port)) v.protocol = port;
}

/** ISO-TSAP family: on tcp/102 the port names the family, the payload names the member. */
export function inIsoFamily(p: CaptureProtocol): boolean {
  return p === 'iso-tsap' || p === 's7comm' || p === 's7comm-plus' || p === 'iec61850-mms';
}

/** Protocols of Ethernet frames that are not IP, by ethertype. */
export function etherProtocol(etherType: number, payload: Uint8Array, v: Verdict): void {
  v.protocol = undefined;
  v.hint = Hint.None;
  switch (etherType) {
    case 0x88b8:
      v.protocol = 'goose';
      return;
    case 0x88ba:
      v.protocol = 'iec61850-sv';
      return;
    case 0x88cc:
      v.protocol = 'lldp';
      return;
    case 0x2000:
      v.protocol = 'cdp';
      return;
    case 0x8892: {
      if (payload.length < 2) {
        v.protocol = 'profinet-rt';
        return;
      }
      const frameId = u16be(payload, 0);
      if (frameId >= 0xfefc && frameId <= 0xfeff) {
        v.protocol = 'profinet-dcp';
        if (payload.length >= 4) {
          const service = payload[2]!;
          const type = payload[3]! & 0x01; // 0 request, 1 response
          if (service === 4 && type === 0) v.hint = Hint.DcpSet;
          else if (service === 5) v.hint = type === 1 ? Hint.DcpIdentifyResponse : Hint.DcpIdentifyRequest;
        }
      } else v.protocol = 'profinet-rt';
      return;
    }
    default:
      return;
  }
}
