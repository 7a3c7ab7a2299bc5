// Role guesses from the communication graph: who serves industrial protocols (PLC, RTU, IED), who
// polls them (HMI / master), who programs them (engineering workstation), who stores their data
// (historian). Every guess carries its evidence in words.
import { Hint, LABELS, type CaptureProtocol } from './protocols';
import type { CaptureFlow, RoleGuess, RoleName } from './types';

interface Group {
  role: RoleName;
  weight: number;
  phrase: string;
  /** What the peers are: hosts, or group addresses. */
  noun: string;
  /** The first five peers, for the evidence text. */
  peers: string[];
  seen: Set<string>;
}

const WEIGHTS: Readonly<Record<RoleName, number>> = {
  ews: 15, historian: 12, plc: 10, ied: 10, hmi: 10, 'opc-server': 8, switch: 8, server: 2, workstation: 1,
};

/** Industrial client/server protocols: server role, what the server is, the client's role and what it is. */
const SERVER_CLIENT: Partial<Record<CaptureProtocol, readonly [RoleName, string, RoleName | undefined, string]>> = {
  'modbus-tcp': ['plc', 'Modbus/TCP slave|polled by', 'hmi', 'Modbus/TCP master|polls'],
  s7comm: ['plc', 'S7comm server (PLC)|used by', 'hmi', 'S7comm client|of'],
  's7comm-plus': ['plc', 'S7comm-plus server (PLC)|used by', 'hmi', 'S7comm-plus client|of'],
  'enip-cip': ['plc', 'EtherNet/IP target (adapter)|used by', 'hmi', 'EtherNet/IP originator (scanner)|of'],
  dnp3: ['plc', 'DNP3 outstation|polled by', 'hmi', 'DNP3 master|polls'],
  iec104: ['plc', 'IEC 104 controlled station|polled by', 'hmi', 'IEC 104 controlling station|polls'],
  bacnet: ['plc', 'BACnet device|queried by', 'hmi', 'BACnet client|of'],
  'iec61850-mms': ['ied', 'IEC 61850 MMS server (IED)|used by', 'hmi', 'IEC 61850 MMS client|of'],
  'opc-ua': ['opc-server', 'OPC UA server|used by', undefined, ''],
  'historian-api': ['historian', 'historian (PI) server|used by', undefined, ''],
  'profinet-cm': ['plc', 'PROFINET IO device (CM)|connected by', undefined, ''],
};

/** "Modbus/TCP slave|polled by" + " on tcp/502" → "Modbus/TCP slave on tcp/502, polled by". */
const phrase = (template: string, where: string) => {
  const [what, verb] = template.split('|');
  return `${what}${where}, ${verb}`;
};

const IT_SERVICES: ReadonlySet<CaptureProtocol> = new Set<CaptureProtocol>([
  'smb', 'rdp', 'ssh', 'telnet', 'vnc', 'http', 'https', 'tls', 'dns', 'ntp', 'snmp', 'mssql', 'ldap', 'kerberos',
  'ftp', 'smtp', 'winrm', 'rpc', 'syslog', 'mqtt',
]);
const DESKTOP_CLIENTS: ReadonlySet<CaptureProtocol> = new Set<CaptureProtocol>(['smb', 'rdp', 'ssh', 'http', 'https', 'vnc', 'telnet']);

const bit = (h: number) => 1 << h;
const plural = (n: number, noun: string) => (n === 1 ? noun : noun.endsWith('s') ? `${noun}es` : `${noun}s`);

/**
 * Role guesses per host key. `hints(flowKey)` gives the payload hints the initiator (i) and the
 * responder (r) of a flow sent.
 */
export function guessRoles(flows: readonly CaptureFlow[], hints: (flowKey: string) => { i: number; r: number }): Map<string, RoleGuess[]> {
  const groups = new Map<string, Map<string, Group>>();
  const add = (host: string, role: RoleName, phrase: string, peer: string, noun = 'host') => {
    let g = groups.get(host);
    if (!g) groups.set(host, (g = new Map()));
    const id = `${role}|${phrase}`;
    let e = g.get(id);
    if (!e) g.set(id, (e = { role, weight: WEIGHTS[role], phrase, noun, peers: [], seen: new Set() }));
    if (!e.seen.has(peer)) {
      e.seen.add(peer);
      if (e.peers.length < 5) e.peers.push(peer);
    }
  };
  const industrialClient = new Set<string>();
  const servesData = new Map<string, Set<string>>();

  for (const fl of flows) {
    const h = hints(fl.key);
    const unicast = fl.directionBy !== 'group';
    const where = fl.port !== undefined ? ` on ${fl.transport}/${fl.port}` : '';
    const sc = SERVER_CLIENT[fl.protocol];
    if (sc && unicast) {
      let server = fl.responder;
      let client = fl.initiator;
      // DNP3 says who the master is in every frame (DIR bit): trust it over the TCP direction.
      if (fl.protocol === 'dnp3' && h.r & bit(Hint.Dnp3FromMaster) && !(h.i & bit(Hint.Dnp3FromMaster))) {
        server = fl.initiator;
        client = fl.responder;
      }
      add(server, sc[0], phrase(sc[1], where), client);
      if (sc[2] !== undefined) {
        add(client, sc[2], phrase(sc[3], where), server);
        industrialClient.add(client);
      }
    }
    if (fl.protocol === 'goose') add(fl.initiator, 'ied', 'publishes IEC 61850 GOOSE to', fl.responder, 'group address');
    if (fl.protocol === 'iec61850-sv') add(fl.initiator, 'ied', 'publishes IEC 61850 Sampled Values to', fl.responder, 'group address');
    if (fl.protocol === 'stp') add(fl.initiator, 'switch', 'sends spanning-tree BPDUs to', fl.responder, 'group address');
    if (fl.protocol === 'cdp') add(fl.initiator, 'switch', 'sends CDP announcements to', fl.responder, 'group address');
    if (h.i & bit(Hint.DcpIdentifyResponse)) add(fl.initiator, 'plc', 'PROFINET device: answers DCP Identify from', fl.responder);
    if (h.i & bit(Hint.DcpSet)) add(fl.initiator, 'ews', 'configures PROFINET devices with DCP Set,', fl.responder);
    if (h.i & bit(Hint.S7Programming)) add(fl.initiator, 'ews', 'opens S7 PG (programming device) connections to', fl.responder);
    if (h.i & bit(Hint.S7ProgramTransfer)) add(fl.initiator, 'ews', 'S7comm block download/upload or PLC start/stop to', fl.responder);
    if (h.i & bit(Hint.ModbusUmas)) add(fl.initiator, 'ews', 'Modbus function 90 (UMAS programming) to', fl.responder);
    if (unicast && IT_SERVICES.has(fl.protocol)) {
      add(fl.responder, 'server', `serves ${LABELS[fl.protocol]}${where} to`, fl.initiator);
      if (fl.protocol === 'mssql' || fl.protocol === 'http' || fl.protocol === 'https') {
        let s = servesData.get(fl.responder);
        if (!s) servesData.set(fl.responder, (s = new Set()));
        s.add(LABELS[fl.protocol]);
      }
    }
    if (unicast && DESKTOP_CLIENTS.has(fl.protocol)) add(fl.initiator, 'workstation', `${LABELS[fl.protocol]} client of`, fl.responder);
  }
  // A historian polls controllers and serves their data (SQL, web) to others.
  for (const host of industrialClient) {
    const serves = servesData.get(host);
    if (serves) add(host, 'historian', `polls industrial devices and serves ${[...serves].join(', ')} to other hosts`, '…');
  }

  const out = new Map<string, RoleGuess[]>();
  for (const [host, g] of groups) {
    const byRole = new Map<RoleName, { score: number; evidence: string[] }>();
    for (const e of g.values()) {
      const r = byRole.get(e.role) ?? { score: 0, evidence: [] };
      r.score += e.weight;
      const peers = e.peers.filter((p) => p !== '…');
      r.evidence.push(peers.length === 0 ? e.phrase : `${e.phrase} ${e.seen.size} ${plural(e.seen.size, e.noun)} (${peers.join(', ')}${e.seen.size > peers.length ? ', …' : ''})`);
      byRole.set(e.role, r);
    }
    const guesses = [...byRole].map(([role, r]) => ({ role, score: r.score, evidence: r.evidence })).sort((a, b) => b.score - a.score || a.role.localeCompare(b.role));
    out.set(host, guesses);
  }
  return out;
}
