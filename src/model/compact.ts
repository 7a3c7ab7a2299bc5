// Compact typed-array form of a plant's graph: CSR adjacency (out and in) with per-edge
// attributes in parallel arrays. Every array's buffer can be transferred to a worker.
import { charsToString, connectionColumns } from './connections';
import {
  ASSET_KINDS, CONTROL_KINDS, DIRECTIONS, MEDIA_KINDS, PROTOCOLS, TRUST_KINDS, type AttackerProfile, type PlantModel, type Vulnerability,
} from './schema';

/** What produced an arc: a network connection, a trust relation, or a removable-media path. */
export const EDGE_KINDS = ['network', 'trust', 'media'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const EDGE_NETWORK = 0;
export const EDGE_TRUST = 1;
export const EDGE_MEDIA = 2;

/** Bits of CompactGraph.edgeFlags. */
export const FLAG_REVERSE = 1; // arc runs to → from of its record (the "both" direction's second arc)
export const FLAG_AUTHENTICATED = 2;
export const FLAG_ENCRYPTED = 4;
export const FLAG_OBSERVED = 8;
export const FLAG_UNAUTHENTICATED = 16; // the model says authenticated: false (absent means unknown)

export const NO_PROTOCOL = 255;

/** Bits of CompactGraph.serviceFlags. */
export const SERVICE_AUTHENTICATED = 1; // the model says authenticated: true
export const SERVICE_UNAUTHENTICATED = 2; // the model says authenticated: false
export const SERVICE_DEFAULT_CREDENTIALS = 4; // defaultCredentials: true

export interface CompactGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node ids as UTF-16 code units; id of node v is idChars[idOffsets[v] .. idOffsets[v+1]). */
  readonly idChars: Uint16Array;
  readonly idOffsets: Uint32Array;
  /** Index into ASSET_KINDS. */
  readonly nodeKind: Uint8Array;
  /** Index into model.zones of the node's home zone. */
  readonly nodeZone: Int32Array;
  /** Purdue level × 2 (so 3.5 → 7). */
  readonly nodeLevel2: Uint8Array;
  /** Bit i set when the asset has CONTROL_KINDS[i]. */
  readonly nodeControls: Uint16Array;
  /**
   * Exploit likelihood of the asset's most exploitable unpatched CVE:
   * max over CVEs of 0.05 + (0.85 if KEV else 0.6) × CVSS/10 (0 when none; CVSS 5 when unscored).
   */
  readonly nodeExploit: Float64Array;
  /** CVSS of that CVE (0 when none). */
  readonly nodeVulnScore: Float64Array;
  /** 1 when that CVE is in CISA KEV. */
  readonly nodeKev: Uint8Array;
  /** hardeningCost, NaN where the model sets none. */
  readonly nodeCost: Float64Array;
  /** Declared services of v: serviceProtocol / serviceFlags[serviceOffsets[v] .. serviceOffsets[v+1]). */
  readonly serviceOffsets: Int32Array;
  /** Index into PROTOCOLS. */
  readonly serviceProtocol: Uint8Array;
  /** SERVICE_* bits. */
  readonly serviceFlags: Uint8Array;
  /**
   * The attacker the rules derive edges for (docs/attack-rules.md "Attacker profiles"); absent: no
   * profile, every rule at its documented likelihood. Set by the analysis, never by the model.
   */
  readonly profile?: AttackerProfile;
  /** Out-edges of v are the CSR positions offsets[v] .. offsets[v+1]-1. */
  readonly offsets: Int32Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Index into EDGE_KINDS. */
  readonly edgeKind: Uint8Array;
  /** Index of the producing record in model.connections / trust / media (by edgeKind). */
  readonly edgeRef: Int32Array;
  readonly edgeFlags: Uint8Array;
  /** Index into PROTOCOLS, NO_PROTOCOL for trust and media arcs. */
  readonly edgeProtocol: Uint8Array;
  /** Index into TRUST_KINDS or MEDIA_KINDS for trust and media arcs, 0 for network arcs. */
  readonly edgeSubkind: Uint8Array;
  /** The analyst's likelihood override; NaN where the model sets none. */
  readonly edgeLikelihood: Float64Array;
  /** Node index of the connection's `via` asset (firewall, diode, gateway), -1 where none. */
  readonly edgeVia: Int32Array;
  /** In-edges of v are inEdges[inOffsets[v] .. inOffsets[v+1]-1] (CSR positions). */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
}

const KIND_INDEX = new Map<string, number>(ASSET_KINDS.map((k, i) => [k, i]));
const PROTOCOL_INDEX = new Map<string, number>(PROTOCOLS.map((p, i) => [p, i]));
const CONTROL_BIT = new Map<string, number>(CONTROL_KINDS.map((c, i) => [c, 1 << i]));

/** Score used for a vulnerability listed without a CVSS score. */
export const UNSCORED_CVSS = 5;
/** Exploit likelihood slope per CVSS/10, for CVEs in CISA KEV and for the rest (see rules.ts). */
export const EXPLOIT_KEV = 0.85;
export const EXPLOIT_NON_KEV = 0.6;

/** The most exploitable unpatched CVE of a list: its exploit likelihood, CVSS and KEV flag. */
export function bestExploit(vulns: readonly Vulnerability[] | undefined, skipCve?: string): { exploit: number; cvss: number; kev: boolean } {
  let best = { exploit: 0, cvss: 0, kev: false };
  for (const v of vulns ?? []) {
    if (v.patched || v.cve === skipCve) continue;
    const cvss = v.cvss ?? UNSCORED_CVSS;
    const kev = v.kev === true;
    const exploit = 0.05 + (kev ? EXPLOIT_KEV : EXPLOIT_NON_KEV) * (cvss / 10);
    if (exploit > best.exploit) best = { exploit, cvss, kev };
  }
  return best;
}

export function hasControl(g: CompactGraph, v: number, control: (typeof CONTROL_KINDS)[number]): boolean {
  return (g.nodeControls[v]! & CONTROL_BIT.get(control)!) !== 0;
}

/** The buffers to list in a postMessage / comlink.transfer call. */
export function compactBuffers(g: CompactGraph): ArrayBuffer[] {
  const arrays = [
    g.idChars, g.idOffsets, g.nodeKind, g.nodeZone, g.nodeLevel2, g.nodeControls, g.nodeExploit, g.nodeVulnScore, g.nodeKev, g.nodeCost,
    g.serviceOffsets, g.serviceProtocol, g.serviceFlags, g.offsets, g.edgeSource, g.edgeTarget, g.edgeKind, g.edgeRef, g.edgeFlags, g.edgeProtocol, g.edgeSubkind, g.edgeLikelihood, g.edgeVia,
    g.inOffsets, g.inEdges,
  ];
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

export function nodeId(g: CompactGraph, v: number): string {
  return charsToString(g.idChars, g.idOffsets[v]!, g.idOffsets[v + 1]!);
}

/** Map from id to node index (built once per graph by its user). */
export function nodeIndex(g: CompactGraph): Map<string, number> {
  const m = new Map<string, number>();
  for (let v = 0; v < g.nodeCount; v++) m.set(nodeId(g, v), v);
  return m;
}

export function purdueLevelOf(g: CompactGraph, v: number): number {
  return g.nodeLevel2[v]! / 2;
}

/** The node half of a compact graph, and the asset index by id. */
export interface CompiledNodes extends Pick<
  CompactGraph,
  'idChars' | 'idOffsets' | 'nodeKind' | 'nodeZone' | 'nodeLevel2' | 'nodeControls' | 'nodeExploit' | 'nodeVulnScore' | 'nodeKev' | 'nodeCost'
  | 'serviceOffsets' | 'serviceProtocol' | 'serviceFlags'
> {
  /** Asset id → node index (position in model.assets). */
  readonly index: ReadonlyMap<string, number>;
}

export function compileNodes(model: PlantModel): CompiledNodes {
  const n = model.assets.length;
  const index = new Map<string, number>();
  let idLen = 0;
  model.assets.forEach((a, i) => {
    index.set(a.id, i);
    idLen += a.id.length;
  });
  const zoneIdx = new Map<string, number>(model.zones.map((z, i) => [z.id, i]));
  const idChars = new Uint16Array(idLen);
  const idOffsets = new Uint32Array(n + 1);
  const nodeKind = new Uint8Array(n);
  const nodeZone = new Int32Array(n);
  const nodeLevel2 = new Uint8Array(n);
  const nodeControls = new Uint16Array(n);
  const nodeExploit = new Float64Array(n);
  const nodeVulnScore = new Float64Array(n);
  const nodeKev = new Uint8Array(n);
  const nodeCost = new Float64Array(n);
  const serviceOffsets = new Int32Array(n + 1);
  let services = 0;
  for (let i = 0; i < n; i++) services += model.assets[i]!.services?.length ?? 0;
  const serviceProtocol = new Uint8Array(services);
  const serviceFlags = new Uint8Array(services);
  let sp = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const a = model.assets[i]!;
    idOffsets[i] = p;
    for (let c = 0; c < a.id.length; c++) idChars[p++] = a.id.charCodeAt(c);
    nodeKind[i] = KIND_INDEX.get(a.kind)!;
    const z = zoneIdx.get(a.zone)!;
    nodeZone[i] = z;
    nodeLevel2[i] = model.zones[z]!.purdueLevel * 2;
    let bits = 0;
    for (const c of a.controls ?? []) bits |= CONTROL_BIT.get(c)!;
    nodeControls[i] = bits;
    const best = bestExploit(a.vulnerabilities);
    nodeExploit[i] = best.exploit;
    nodeVulnScore[i] = best.cvss;
    nodeKev[i] = best.kev ? 1 : 0;
    nodeCost[i] = a.hardeningCost ?? NaN;
    serviceOffsets[i] = sp;
    for (const svc of a.services ?? []) {
      serviceProtocol[sp] = PROTOCOL_INDEX.get(svc.protocol)!;
      serviceFlags[sp++] =
        (svc.authenticated === true ? SERVICE_AUTHENTICATED : 0) |
        (svc.authenticated === false ? SERVICE_UNAUTHENTICATED : 0) |
        (svc.defaultCredentials === true ? SERVICE_DEFAULT_CREDENTIALS : 0);
    }
  }
  idOffsets[n] = p;
  serviceOffsets[n] = sp;
  return { index, idChars, idOffsets, nodeKind, nodeZone, nodeLevel2, nodeControls, nodeExploit, nodeVulnScore, nodeKev, nodeCost, serviceOffsets, serviceProtocol, serviceFlags };
}

/**
 * Builds the compact graph of a validated model, with its nodes compiled ahead (compileNodes of
 * this model: a two-thread load does it while its helper still reads the connections) or now. Linear in assets + arcs; no recursion.
 */
export function compileModel(model: PlantModel, nodes: CompiledNodes = compileNodes(model)): CompactGraph {
  const n = model.assets.length;
  const assetIdx = nodes.index;
  const { idChars, idOffsets, nodeKind, nodeZone, nodeLevel2, nodeControls, nodeExploit, nodeVulnScore, nodeKev, nodeCost, serviceOffsets, serviceProtocol, serviceFlags } = nodes;

  // Arcs go straight to their CSR position: count the out-degrees, prefix-sum them, then place
  // every arc in declaration order at its source's cursor (the same order a stable sort by
  // source of the declaration-ordered arcs gives).
  const cols = connectionColumns(model);
  const BOTH = DIRECTIONS.indexOf('both');
  const offsets = new Int32Array(n + 1);
  const count = (s: number) => offsets[s + 1]!++;
  let reverseCount = 0; // connections in both directions, read from columns
  if (cols) {
    for (let i = 0; i < cols.count; i++) {
      count(cols.from[i]!);
      if (cols.direction[i] === BOTH) {
        count(cols.to[i]!);
        reverseCount++;
      }
    }
  } else {
    for (const c of model.connections) {
      count(assetIdx.get(c.from)!);
      if (c.direction === 'both') count(assetIdx.get(c.to)!);
    }
  }
  for (const t of model.trust ?? []) {
    count(assetIdx.get(t.from)!);
    if (t.direction === 'both') count(assetIdx.get(t.to)!);
  }
  for (const md of model.media ?? []) {
    for (const f of md.from) {
      const s = assetIdx.get(f)!;
      for (const t of md.to) if (f !== t) count(s);
    }
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const m = offsets[n]!;
  const cursor = offsets.slice(0, n);
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeKind = new Uint8Array(m);
  const edgeRef = new Int32Array(m);
  const edgeFlags = new Uint8Array(m);
  const edgeProtocol = new Uint8Array(m);
  const edgeLikelihood = new Float64Array(m);
  const edgeVia = new Int32Array(m);
  const edgeSubkind = new Uint8Array(m);
  const place = (s: number, d: number, k: number, r: number, f: number, pr: number, l: number, vi: number, sk: number) => {
    const at = cursor[s]!++;
    edgeSource[at] = s;
    edgeTarget[at] = d;
    edgeKind[at] = k;
    edgeRef[at] = r;
    edgeFlags[at] = f;
    edgeProtocol[at] = pr;
    edgeLikelihood[at] = l;
    edgeVia[at] = vi;
    edgeSubkind[at] = sk;
  };
  if (cols) {
    // Connections read into columns: no records, no id lookups. Each arc's CSR position first
    // (declaration order, as `place` would take them), then one column at a time: a scattered
    // write stream into one array stays in the cache, nine at once do not.
    const k = cols.count;
    const forward = new Int32Array(k);
    const reverse = new Int32Array(reverseCount);
    const reverseOf = new Int32Array(reverseCount);
    for (let i = 0, r = 0; i < k; i++) {
      forward[i] = cursor[cols.from[i]!]!++;
      if (cols.direction[i] === BOTH) {
        reverse[r] = cursor[cols.to[i]!]!++;
        reverseOf[r++] = i;
      }
    }
    for (let i = 0; i < k; i++) edgeSource[forward[i]!] = cols.from[i]!;
    for (let i = 0; i < k; i++) edgeTarget[forward[i]!] = cols.to[i]!;
    for (let i = 0; i < k; i++) edgeRef[forward[i]!] = i;
    for (let i = 0; i < k; i++) edgeProtocol[forward[i]!] = cols.protocol[i]!;
    const flagsOf = (b: number) =>
      // authenticated bits 0-1, encrypted 2-3, observed 4-5 (3 = true, 2 = false)
      ((b & 3) === 3 ? FLAG_AUTHENTICATED : 0) |
      ((b & 3) === 2 ? FLAG_UNAUTHENTICATED : 0) |
      (((b >> 2) & 3) === 3 ? FLAG_ENCRYPTED : 0) |
      (((b >> 4) & 3) === 3 ? FLAG_OBSERVED : 0);
    for (let i = 0; i < k; i++) edgeFlags[forward[i]!] = flagsOf(cols.bools[i]!);
    if (cols.likelihood) for (let i = 0; i < k; i++) edgeLikelihood[forward[i]!] = cols.likelihood[i]!;
    else for (let i = 0; i < k; i++) edgeLikelihood[forward[i]!] = NaN;
    if (cols.via) for (let i = 0; i < k; i++) edgeVia[forward[i]!] = cols.via[i]!;
    else for (let i = 0; i < k; i++) edgeVia[forward[i]!] = -1;
    // edgeKind (EDGE_NETWORK) and edgeSubkind (0) are the arrays' initial zeros.
    for (let r = 0; r < reverseCount; r++) {
      const at = reverse[r]!;
      const i = reverseOf[r]!;
      edgeSource[at] = cols.to[i]!;
      edgeTarget[at] = cols.from[i]!;
      edgeRef[at] = i;
      edgeProtocol[at] = cols.protocol[i]!;
      edgeFlags[at] = flagsOf(cols.bools[i]!) | FLAG_REVERSE;
      edgeLikelihood[at] = cols.likelihood ? cols.likelihood[i]! : NaN;
      edgeVia[at] = cols.via ? cols.via[i]! : -1;
    }
  } else {
    model.connections.forEach((c, i) => {
      const s = assetIdx.get(c.from)!;
      const d = assetIdx.get(c.to)!;
      const f =
        (c.authenticated ? FLAG_AUTHENTICATED : 0) |
        (c.authenticated === false ? FLAG_UNAUTHENTICATED : 0) |
        (c.encrypted ? FLAG_ENCRYPTED : 0) |
        (c.observed ? FLAG_OBSERVED : 0);
      const pr = PROTOCOL_INDEX.get(c.protocol)!;
      const vi = c.via === undefined ? -1 : assetIdx.get(c.via)!;
      const l = c.likelihood ?? NaN;
      place(s, d, EDGE_NETWORK, i, f, pr, l, vi, 0);
      if (c.direction === 'both') place(d, s, EDGE_NETWORK, i, f | FLAG_REVERSE, pr, l, vi, 0);
    });
  }
  (model.trust ?? []).forEach((t, i) => {
    const s = assetIdx.get(t.from)!;
    const d = assetIdx.get(t.to)!;
    const sk = TRUST_KINDS.indexOf(t.kind);
    const l = t.likelihood ?? NaN;
    place(s, d, EDGE_TRUST, i, 0, NO_PROTOCOL, l, -1, sk);
    if (t.direction === 'both') place(d, s, EDGE_TRUST, i, FLAG_REVERSE, NO_PROTOCOL, l, -1, sk);
  });
  (model.media ?? []).forEach((md, i) => {
    const sk = MEDIA_KINDS.indexOf(md.kind);
    for (const f of md.from) {
      for (const t of md.to) {
        if (f !== t) place(assetIdx.get(f)!, assetIdx.get(t)!, EDGE_MEDIA, i, 0, NO_PROTOCOL, md.likelihood ?? NaN, -1, sk);
      }
    }
  });
  const { inOffsets, inEdges } = buildInCsr(n, edgeTarget);

  return {
    nodeCount: n, edgeCount: m, idChars, idOffsets, nodeKind, nodeZone, nodeLevel2, nodeControls, nodeExploit, nodeVulnScore, nodeKev, nodeCost,
    serviceOffsets, serviceProtocol, serviceFlags, offsets, edgeSource, edgeTarget, edgeKind, edgeRef, edgeFlags, edgeProtocol, edgeSubkind, edgeLikelihood, edgeVia, inOffsets, inEdges,
  };
}

/** Reverse adjacency over CSR edge positions, by counting sort on targets. */
export function buildInCsr(n: number, edgeTarget: Int32Array): { inOffsets: Int32Array; inEdges: Int32Array } {
  const m = edgeTarget.length;
  const inOffsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) inOffsets[edgeTarget[i]! + 1]!++;
  for (let v = 0; v < n; v++) inOffsets[v + 1]! += inOffsets[v]!;
  const cursor = inOffsets.slice(0, n);
  const inEdges = new Int32Array(m);
  for (let i = 0; i < m; i++) inEdges[cursor[edgeTarget[i]!]!++] = i;
  return { inOffsets, inEdges };
}
