// The capture analyzer: frames in, a communication graph out — who talks to whom, initiator →
// responder, protocol, counts, first/last seen. A composition of the frame decoder (frame.ts), the
// host and flow tables (tables.ts), the packet log (packet-log.ts) and the summary (summary.ts).
// Memory grows with hosts, flows and live sessions only, each capped; no packet's bytes are kept.
import { FrameDecoder, newFrame } from './frame';
import { PacketLog, type PacketRef } from './packet-log';
import { summarize } from './summary';
import { CaptureTables } from './tables';
import type { CaptureFileInfo, CaptureLimits, CaptureSummary } from './types';

export type { PacketRef } from './packet-log';

const DEFAULTS = { maxHosts: 50_000, maxFlows: 200_000, maxSessions: 100_000, maxWarnings: 100, payloadChecks: 32 };

export class CaptureAnalyzer {
  private readonly lim: Required<CaptureLimits>;
  private readonly log: PacketLog;
  private readonly tables: CaptureTables;
  private readonly decoder: FrameDecoder;
  private readonly fileInfos: CaptureFileInfo[] = [];

  constructor(limits: CaptureLimits = {}) {
    this.lim = { ...DEFAULTS, ...limits };
    this.log = new PacketLog(this.lim.maxWarnings);
    const frame = newFrame();
    this.tables = new CaptureTables(this.lim, frame, this.log);
    this.decoder = new FrameDecoder(frame, this.tables, this.log);
  }

  /** Bytes of the files no record could be read from (the reader adds to it). */
  get unreadableBytes(): number {
    return this.log.unreadableBytes;
  }

  set unreadableBytes(n: number) {
    this.log.unreadableBytes = n;
  }

  /** Records a problem not tied to one packet (or already located by the caller). */
  warn(message: string): void {
    this.log.warn(message);
  }

  /** Counts a packet record that could not be used, with its reason; describes the first few. */
  skip(reason: string, detail?: string): void {
    this.log.skip(reason, detail);
  }

  /** A packet record seen by a reader (counted before it is decoded or skipped). */
  record(): void {
    this.log.packets++;
  }

  addFile(info: CaptureFileInfo): void {
    this.fileInfos.push(info);
  }

  /** One captured frame of link type `link`. */
  packet(link: number, d: Uint8Array, wireLen: number, ts: number, at: PacketRef): void {
    this.log.at = at;
    this.decoder.decode(link, d, wireLen, ts);
  }

  /** The communication graph so far. Cheap enough to call for progress, but it walks every flow. */
  summary(): CaptureSummary {
    return summarize(this.tables, this.log, this.fileInfos, this.lim);
  }
}
