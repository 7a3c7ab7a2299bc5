// The result of reading packet captures: a plain, JSON-serializable communication graph.
import type { CaptureProtocol, Recognition } from './protocols';

export type HostAddressKind = 'ipv4' | 'ipv6' | 'mac';
/** unicast: a device; multicast/broadcast: a group address (never an asset). */
export type HostScope = 'unicast' | 'multicast' | 'broadcast';
export type RoleName = 'plc' | 'ied' | 'hmi' | 'ews' | 'historian' | 'opc-server' | 'switch' | 'server' | 'workstation';

export interface RoleGuess {
  readonly role: RoleName;
  /** Higher is stronger; only the order between a host's guesses means something. */
  readonly score: number;
  /** Why, in words: "Modbus/TCP master: polls 13 devices on tcp/502 (141.81.0.24, …)". */
  readonly evidence: readonly string[];
}

export interface CaptureHost {
  /** The IP address (IPv4 dotted, IPv6 RFC 5952), or the MAC address for hosts seen only at layer 2. */
  readonly key: string;
  readonly kind: HostAddressKind;
  readonly scope: HostScope;
  readonly ip?: string;
  /** The MAC address when exactly one was seen for this IP and no other IP used it (not a router's). */
  readonly mac?: string;
  /** Every MAC seen for this host (at most 8). */
  readonly macs: readonly string[];
  readonly packetsSent: number;
  readonly bytesSent: number;
  readonly packetsReceived: number;
  readonly bytesReceived: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Best guess first; empty when nothing hints at a role. */
  readonly roles: readonly RoleGuess[];
}

export type FlowTransport = 'tcp' | 'udp' | 'icmp' | 'ip' | 'l2';

export interface CaptureFlow {
  /** `transport initiator → responder:port` (stable, unique). */
  readonly key: string;
  readonly initiator: string;
  readonly responder: string;
  readonly transport: FlowTransport;
  /** Server port (tcp/udp). */
  readonly port?: number;
  /** Ethertype (l2 flows). */
  readonly etherType?: number;
  /** IP protocol number (ip flows). */
  readonly ipProtocol?: number;
  readonly protocol: CaptureProtocol;
  readonly recognizedBy: Recognition;
  /**
   * How the initiator was told: TCP SYN; a known server port; neither port known: the port used in
   * more sessions ('port-usage'), else the lower port ('lower-port'); the first packet's sender;
   * 'group' for traffic to a broadcast/multicast address.
   */
  readonly directionBy: 'syn' | 'port' | 'port-usage' | 'lower-port' | 'first-packet' | 'group';
  /** TCP connections or UDP conversations (distinct client ports) aggregated in this flow. */
  readonly sessions: number;
  readonly packets: number;
  /** Wire bytes (frame lengths as captured on the link), both directions. */
  readonly bytes: number;
  readonly packetsToResponder: number;
  readonly bytesToResponder: number;
  /** Epoch milliseconds (fractional below the millisecond). */
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface CaptureFileInfo {
  readonly name: string;
  readonly format: 'pcap' | 'pcapng' | 'unknown';
  readonly byteOrder?: 'little-endian' | 'big-endian';
  /** Timestamp resolution of the file (pcap) or of its first interface (pcapng). */
  readonly resolution?: 'us' | 'ns' | string;
  readonly linkTypes: readonly number[];
  readonly bytes: number;
  readonly packets: number;
  /** True when the file ended inside a record, or a corrupt stretch was skipped. */
  readonly damaged: boolean;
}

export interface CaptureCounts {
  /** Packet records read from the files. */
  readonly packets: number;
  /** Packets decoded at least to layer 2 addresses and counted in hosts or flows. */
  readonly decoded: number;
  readonly skipped: number;
  /** Skipped packets and bytes by reason ("truncated record", "link type 147", …). */
  readonly skippedBy: Readonly<Record<string, number>>;
  /** Bytes of the files that could not be read as records (corrupt or cut stretches). */
  readonly unreadableBytes: number;
}

export interface CaptureSummary {
  readonly files: readonly CaptureFileInfo[];
  readonly hosts: readonly CaptureHost[];
  readonly flows: readonly CaptureFlow[];
  readonly counts: CaptureCounts;
  /** Protocols seen, with their flow counts (most flows first). */
  readonly protocols: readonly { readonly protocol: CaptureProtocol; readonly flows: number; readonly packets: number }[];
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  /** Table caps reached: the hosts or flows beyond them were counted, not listed. */
  readonly truncated: { readonly hosts: boolean; readonly flows: boolean; readonly sessions: boolean };
  /** Problems met, each naming the file, the packet number and byte offset, and the value. */
  readonly warnings: readonly string[];
}

export interface CaptureLimits {
  /** Most hosts kept (default 50,000). */
  readonly maxHosts?: number;
  /** Most flows kept (default 200,000). */
  readonly maxFlows?: number;
  /** Most live TCP/UDP sessions tracked for direction; the oldest are forgotten (default 100,000). */
  readonly maxSessions?: number;
  /** Most warnings listed (default 100); the rest are counted. */
  readonly maxWarnings?: number;
  /** Payload-carrying packets of a flow examined by every signature (default 32). */
  readonly payloadChecks?: number;
}
