// The helper thread's side of a two-thread parse (parse.ts, parseModelTextParallel): scan the first
// part of a connections array, then resolve it against the ids the other thread sends.
import { connectionBuffers, type ConnectionColumns } from './columns';
import { IdSet, scannedIds, type IdList } from './ids';
import { resolveConnections, type ConnectionRefs } from './resolve';
import { scanConnections, type ScannedConnections } from './scanner';

/** What the helper of a two-thread parse answers: its part's columns, and the hashes of their ids. */
export interface ResolvedPart {
  /** Per-record arrays may be longer than count: room for the parts that follow (appendColumns). */
  readonly cols: ConnectionColumns;
  readonly idHash: Int32Array;
}

/** The ids of a helper's part, for IdSet.meets. */
export function partIds(p: ResolvedPart): IdList {
  return { count: p.cols.count, chars: p.cols.idChars, offsets: p.cols.idOffsets, hashes: p.idHash };
}

/**
 * The scanning side of a two-thread parse (parse.ts, parseModelTextParallel), for a helper
 * worker: scan(token, partText, wholeLength) reads the first part of an array (see ArrayPart);
 * resolve(token, refs) answers with its columns, their ids checked among themselves, or
 * undefined when the scan declined, did not end exactly at the end of its text, or ids repeat.
 */
export function createScanService() {
  const scans = new Map<number, { text: string; scanned: ScannedConnections | undefined }>();
  return {
    scan(token: number, partText: string, wholeLength: number): void {
      scans.set(token, { text: partText, scanned: scanConnections(partText, 0, { wholeLength }) });
    },
    resolve(token: number, refs: ConnectionRefs): ResolvedPart | undefined {
      const entry = scans.get(token);
      scans.delete(token);
      const s = entry?.scanned;
      if (!s || s.end !== entry.text.length || !new IdSet([scannedIds(s)]).unique) return undefined;
      const cols = resolveConnections(entry.text, s, refs, false);
      return cols && { cols, idHash: s.idHash };
    },
  };
}

/** The buffers of a helper's answer, to transfer them. */
export function resolvedPartBuffers(p: ResolvedPart): ArrayBuffer[] {
  return [...new Set([...connectionBuffers(p.cols), p.idHash.buffer as ArrayBuffer])];
}
