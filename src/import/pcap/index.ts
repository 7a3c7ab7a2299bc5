// pcap / pcapng → communication graph → plant model. Pure: runs in a Web Worker, the CLI and tests.
//
//   const r = new CaptureReader({ name: 'plant.pcap' });
//   for await (const chunk of stream) r.push(chunk);
//   const summary = r.end();
//   const model = captureToModel(summary);            // or mergeCapture(existingModel, summary)
import { iso } from './model';
import { CaptureAnalyzer } from './analyzer';
import { LABELS } from './protocols';
import { CaptureReader } from './reader';
import type { CaptureLimits, CaptureSummary } from './types';

export { CaptureAnalyzer } from './analyzer';
export { CaptureReader, MAX_BLOCK, MAX_CAPLEN, type CaptureReaderOptions } from './reader';
export { captureToModel, mergeCapture, connectedGroups, type CaptureModelOptions, type MergeResult, type ShadowFlow } from './model';
export { CAPTURE_PROTOCOLS, LABELS as PROTOCOL_LABELS, modelProtocol, type CaptureProtocol, type Recognition } from './protocols';
export { normalizeAddress } from './addresses';
export type * from './types';

/** One capture file as a name and its bytes in chunks (a stream, a generator, an array). */
export interface CaptureSource {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** Reads several captures into one communication graph. Never throws on bad capture bytes. */
export async function importCaptures(sources: Iterable<CaptureSource> | AsyncIterable<CaptureSource>, limits: CaptureLimits = {}): Promise<CaptureSummary> {
  const analyzer = new CaptureAnalyzer(limits);
  for await (const src of sources) {
    const reader = new CaptureReader({ name: src.name, analyzer });
    for await (const chunk of src.chunks) reader.push(chunk);
    reader.finish();
  }
  return analyzer.summary();
}

/** Synchronous variant for bytes already in memory. */
export function importCaptureBytes(name: string, bytes: Uint8Array, limits: CaptureLimits = {}): CaptureSummary {
  const r = new CaptureReader({ name, limits });
  r.push(bytes);
  return r.end();
}

const isoShort = (ms: number | undefined) => iso(ms).replace('.000Z', 'Z');

/** One paragraph describing a summary, for a status line or the CLI. */
export function summaryText(s: CaptureSummary): string {
  const devices = s.hosts.filter((h) => h.scope === 'unicast');
  const groups = s.hosts.length - devices.length;
  const files = s.files.length === 1 ? s.files[0]!.name : `${s.files.length} files`;
  const protos = s.protocols
    .filter((p) => p.protocol !== 'unknown')
    .slice(0, 12)
    .map((p) => `${LABELS[p.protocol]} (${p.flows})`)
    .join(', ');
  const roleCounts = new Map<string, number>();
  for (const h of devices) {
    const r = h.roles[0]?.role;
    if (r) roleCounts.set(r, (roleCounts.get(r) ?? 0) + 1);
  }
  const roles = [...roleCounts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} ${r}`).join(', ');
  const skipped = Object.entries(s.counts.skippedBy).map(([r, n]) => `${n} ${r}`).join(', ');
  const parts = [
    `${files}: ${s.counts.packets} packets from ${isoShort(s.firstSeen)} to ${isoShort(s.lastSeen)};`,
    `${devices.length} hosts${groups ? ` (and ${groups} broadcast/multicast groups)` : ''}, ${s.flows.length} flows.`,
    protos ? `Protocols (flows): ${protos}.` : 'No protocol recognized.',
    roles ? `Role guesses: ${roles}.` : '',
    s.counts.skipped > 0 ? `Skipped ${s.counts.skipped} packets: ${skipped}.` : 'No packet skipped.',
    s.counts.unreadableBytes > 0 ? `${s.counts.unreadableBytes} unreadable bytes.` : '',
    s.truncated.hosts || s.truncated.flows ? 'Tables full: not every host or flow is listed.' : '',
  ];
  return parts.filter(Boolean).join(' ');
}
