// Phase 2 of reading connections: the references a scan read as text ranges resolved against the
// model's assets and conduits, and the edge ids checked.
import { NO_INDEX, type ConnectionColumns } from './columns';
import { findId, idListOf, idTable, IdSet, scannedIds, type IdList, type IdTable } from './ids';
import type { ScannedConnections } from './scanner';

/** What phase 2 resolves against: asset and conduit ids by position, and the trust and media ids. */
export interface ConnectionRefs {
  readonly assets: IdTable;
  readonly conduits: IdTable;
  /** Trust and media ids: connection ids share their id space. */
  readonly otherEdgeIds: IdList;
}

/** The ids of a document (validated or not: a non-string id becomes '', which no reference names). */
export function connectionRefs(doc: unknown): ConnectionRefs {
  const d = (doc ?? {}) as Record<string, unknown>;
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map((x: unknown) => ((x as { id?: unknown } | null)?.id as string) ?? '').map((id) => (typeof id === 'string' ? id : '')) : []);
  return { assets: idTable(ids(d.assets)), conduits: idTable(ids(d.conduits)), otherEdgeIds: idListOf([...ids(d.trust), ...ids(d.media)]) };
}

/**
 * Phase 2: resolves from / to / via / conduit against the model's assets and conduits (which the
 * schema check has already found unique); no self-loops. With checkIds, also the edge-id space:
 * connection, trust and media ids all distinct (without, the caller checks them: the two-thread
 * parse does it over its parts with IdSet). Undefined to decline.
 */
export function resolveConnections(t: string, s: ScannedConnections, refs: ConnectionRefs, checkIds = true): ConnectionColumns | undefined {
  const n = s.count;
  const cap = s.protocol.length; // room the scan reserved (scanConnections' part)
  const { assets, conduits } = refs;
  const from = new Int32Array(cap);
  const to = new Int32Array(cap);
  let anyVia = false;
  let anyConduit = false;
  for (let i = 0; i < n && !(anyVia && anyConduit); i++) {
    anyVia ||= s.refStart[4 * i + 2]! >= 0;
    anyConduit ||= s.refStart[4 * i + 3]! >= 0;
  }
  const via = anyVia ? new Int32Array(cap) : undefined;
  const conduit = anyConduit ? new Int32Array(cap) : undefined;
  for (let i = 0; i < n; i++) {
    const r = 4 * i;
    const a = findId(assets, t, s.refStart[r]!, s.refLength[r]!, s.refHash[r]!);
    const b = findId(assets, t, s.refStart[r + 1]!, s.refLength[r + 1]!, s.refHash[r + 1]!);
    if (a < 0 || b < 0 || a === b) return undefined;
    from[i] = a;
    to[i] = b;
    if (via) {
      if (s.refStart[r + 2]! < 0) via[i] = NO_INDEX;
      else if ((via[i] = findId(assets, t, s.refStart[r + 2]!, s.refLength[r + 2]!, s.refHash[r + 2]!)) < 0) return undefined;
    }
    if (conduit) {
      if (s.refStart[r + 3]! < 0) conduit[i] = NO_INDEX;
      else if ((conduit[i] = findId(conduits, t, s.refStart[r + 3]!, s.refLength[r + 3]!, s.refHash[r + 3]!)) < 0) return undefined;
    }
  }
  if (checkIds && !new IdSet([scannedIds(s), refs.otherEdgeIds]).unique) return undefined;
  return {
    count: n, idChars: s.idChars, idOffsets: s.idOffsets, from, to, protocol: s.protocol, direction: s.direction, transport: s.transport,
    port: s.port, via, conduit, bools: s.bools, likelihood: s.likelihood, descriptions: s.descriptions, shape: s.shape, shapes: s.shapes,
    shapeMask: s.shapeMask,
  };
}
