// The derived attack graph: CSR over assets whose edges say "holding A, the attacker can take B",
// built from the plant graph by the rules in rules.ts. Typed arrays only, so it can live in a
// worker; explanations are rebuilt on demand from the same rules.
import { buildInCsr, EDGE_KINDS, nodeId, type CompactGraph } from '../model/compact';
import { PROTOCOLS } from '../model/schema';
import { evaluateArc, explainRule, PROVENANCES, RULES, type EmitEdge, type Provenance } from './rules';
import { TECHNIQUES, type TechniqueId } from './techniques';

const TECHNIQUE_IDS = Object.keys(TECHNIQUES) as TechniqueId[];
const TECHNIQUE_INDEX = new Map<string, number>(TECHNIQUE_IDS.map((t, i) => [t, i]));
const RULE_TECHNIQUE = Uint8Array.from(RULES.map((r) => TECHNIQUE_INDEX.get(r.technique)!));

export interface AttackGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Out-edges of v: offsets[v] .. offsets[v+1]-1. */
  readonly offsets: Int32Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly likelihood: Float64Array;
  /** -ln(likelihood): path likelihood is a product, so the most likely path is a shortest path. */
  readonly weight: Float64Array;
  /** Index into RULES. */
  readonly rule: Uint8Array;
  /** Index into the technique table (techniqueOf). */
  readonly technique: Uint8Array;
  /** Index into PROVENANCES. */
  readonly provenance: Uint8Array;
  /** CSR position of the plant-graph arc this edge was derived from. */
  readonly origin: Int32Array;
  /** Bits of the FACTORS (controls) applied to the rule's base likelihood. */
  readonly factors: Uint16Array;
  /** The rule whose technique the edge carries (itself, except for analyst overrides). */
  readonly basis: Uint8Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
}

export function techniqueOf(ag: AttackGraph, e: number): TechniqueId {
  return TECHNIQUE_IDS[ag.technique[e]!]!;
}

/** Growable columns for edges while the rules run. */
class EdgeColumns {
  size = 0;
  src: Int32Array;
  dst: Int32Array;
  lik: Float64Array;
  rule: Uint8Array;
  tech: Uint8Array;
  prov: Uint8Array;
  origin: Int32Array;
  factors: Uint16Array;
  basis: Uint8Array;
  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.src = new Int32Array(c);
    this.dst = new Int32Array(c);
    this.lik = new Float64Array(c);
    this.rule = new Uint8Array(c);
    this.tech = new Uint8Array(c);
    this.prov = new Uint8Array(c);
    this.origin = new Int32Array(c);
    this.factors = new Uint16Array(c);
    this.basis = new Uint8Array(c);
  }
  push(rule: number, from: number, to: number, likelihood: number, provenance: number, factors: number, techniqueOf: number, origin: number): void {
    if (this.size === this.src.length) this.grow();
    const i = this.size++;
    const basis = techniqueOf >= 0 ? techniqueOf : rule;
    this.src[i] = from;
    this.dst[i] = to;
    this.lik[i] = likelihood;
    this.rule[i] = rule;
    this.tech[i] = RULE_TECHNIQUE[basis]!;
    this.prov[i] = provenance;
    this.origin[i] = origin;
    this.factors[i] = factors;
    this.basis[i] = basis;
  }
  pushExisting(ag: AttackGraph, e: number): void {
    if (this.size === this.src.length) this.grow();
    const i = this.size++;
    this.src[i] = ag.edgeSource[e]!;
    this.dst[i] = ag.edgeTarget[e]!;
    this.lik[i] = ag.likelihood[e]!;
    this.rule[i] = ag.rule[e]!;
    this.tech[i] = ag.technique[e]!;
    this.prov[i] = ag.provenance[e]!;
    this.origin[i] = ag.origin[e]!;
    this.factors[i] = ag.factors[e]!;
    this.basis[i] = ag.basis[e]!;
  }
  private grow(): void {
    const c = this.src.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.src = grow(this.src, (n) => new Int32Array(n));
    this.dst = grow(this.dst, (n) => new Int32Array(n));
    this.lik = grow(this.lik, (n) => new Float64Array(n));
    this.rule = grow(this.rule, (n) => new Uint8Array(n));
    this.tech = grow(this.tech, (n) => new Uint8Array(n));
    this.prov = grow(this.prov, (n) => new Uint8Array(n));
    this.origin = grow(this.origin, (n) => new Int32Array(n));
    this.factors = grow(this.factors, (n) => new Uint16Array(n));
    this.basis = grow(this.basis, (n) => new Uint8Array(n));
  }
}

/** Applies every rule to every arc of the plant graph. Linear in arcs; no recursion. */
export function deriveAttackGraph(g: CompactGraph): AttackGraph {
  const cols = new EdgeColumns(Math.ceil(g.edgeCount * 1.5));
  let arc = 0;
  const emit: EmitEdge = (r, f, t, l, p, x, b) => cols.push(r, f, t, l, p, x, b, arc);
  for (; arc < g.edgeCount; arc++) evaluateArc(g, arc, emit);
  return finish(g.nodeCount, cols);
}

/**
 * The attack graph after a local change: edges of arcs marked in `drop` disappear, arcs marked in
 * `reevaluate` go through the rules again on `view` (the plant graph with the change applied),
 * every other edge is kept as it is. Equal to deriveAttackGraph(view) without the dropped arcs.
 */
export function rederiveAttackGraph(view: CompactGraph, base: AttackGraph, drop: Uint8Array, reevaluate: Uint8Array): AttackGraph {
  const cols = new EdgeColumns(base.edgeCount + 16);
  for (let e = 0; e < base.edgeCount; e++) {
    const arc = base.origin[e]!;
    if (drop[arc] || reevaluate[arc]) continue;
    cols.pushExisting(base, e);
  }
  let arc = 0;
  const emit: EmitEdge = (r, f, t, l, p, x, b) => cols.push(r, f, t, l, p, x, b, arc);
  for (; arc < view.edgeCount; arc++) if (reevaluate[arc] && !drop[arc]) evaluateArc(view, arc, emit);
  return finish(view.nodeCount, cols);
}

function finish(n: number, cols: EdgeColumns): AttackGraph {
  const m = cols.size;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[cols.src[i]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = offsets.slice(0, n);
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const likelihood = new Float64Array(m);
  const weight = new Float64Array(m);
  const rule = new Uint8Array(m);
  const technique = new Uint8Array(m);
  const provenance = new Uint8Array(m);
  const origin = new Int32Array(m);
  const factors = new Uint16Array(m);
  const basis = new Uint8Array(m);
  // Edges of one source keep the order they were pushed in (a re-derived graph may order a source's
  // edges differently from a full derivation; path likelihoods are the same).
  for (let i = 0; i < m; i++) {
    const at = cursor[cols.src[i]!]!++;
    edgeSource[at] = cols.src[i]!;
    edgeTarget[at] = cols.dst[i]!;
    likelihood[at] = cols.lik[i]!;
    weight[at] = -Math.log(cols.lik[i]!);
    rule[at] = cols.rule[i]!;
    technique[at] = cols.tech[i]!;
    provenance[at] = cols.prov[i]!;
    origin[at] = cols.origin[i]!;
    factors[at] = cols.factors[i]!;
    basis[at] = cols.basis[i]!;
  }
  const { inOffsets, inEdges } = buildInCsr(n, edgeTarget);
  return { nodeCount: n, edgeCount: m, offsets, edgeSource, edgeTarget, likelihood, weight, rule, technique, provenance, origin, factors, basis, inOffsets, inEdges };
}

/** Buffers to transfer an attack graph to or from a worker. */
export function attackGraphBuffers(ag: AttackGraph): ArrayBuffer[] {
  return [
    ag.offsets, ag.edgeSource, ag.edgeTarget, ag.likelihood, ag.weight, ag.rule, ag.technique, ag.provenance, ag.origin,
    ag.factors, ag.basis, ag.inOffsets, ag.inEdges,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** One attack edge, explained: what the analyst sees and can challenge. */
export interface EdgeExplanation {
  readonly from: string;
  readonly to: string;
  readonly likelihood: number;
  readonly technique: TechniqueId;
  readonly techniqueName: string;
  readonly rule: string;
  readonly why: string;
  readonly provenance: Provenance;
  /** The model record the edge comes from. */
  readonly source: { readonly kind: (typeof EDGE_KINDS)[number]; readonly index: number };
}

/** Names for explanations: asset names, and record ids from the model when it is at hand. */
export interface Names {
  node(v: number): string;
}

export function explainEdge(g: CompactGraph, ag: AttackGraph, e: number, names?: Names): EdgeExplanation {
  const arc = ag.origin[e]!;
  const namer = { node: (v: number) => names?.node(v) ?? nodeId(g, v), protocol: (p: number) => PROTOCOLS[p] ?? 'unknown' };
  return {
    from: nodeId(g, ag.edgeSource[e]!),
    to: nodeId(g, ag.edgeTarget[e]!),
    likelihood: ag.likelihood[e]!,
    technique: techniqueOf(ag, e),
    techniqueName: TECHNIQUES[techniqueOf(ag, e)].name,
    rule: RULES[ag.rule[e]!]!.id,
    why: explainRule(g, arc, ag.rule[e]!, ag.factors[e]!, ag.likelihood[e]!, ag.basis[e]!, namer, ag.edgeSource[e]!),
    provenance: PROVENANCES[ag.provenance[e]!]!,
    source: { kind: EDGE_KINDS[g.edgeKind[arc]!]!, index: g.edgeRef[arc]! },
  };
}
