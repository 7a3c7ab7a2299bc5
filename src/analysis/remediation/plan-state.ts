// The plant as the greedy plan changes it, step by step, without recompiling the model: the plant
// graph with the applied actions' attributes patched in place, the removed records' arcs dead, the
// attack graph after the applied actions, the candidate actions on the crown jewels' most likely
// paths, and what one candidate would change (edge weights, sparse).
//
// The attack graph holds the same edges in the same order as the former plan's (which compiled the
// plant again after each removal and re-derived the touched arcs after other actions): ties between
// equally likely paths then fall the same way, so its trees, paths and figures are the same.
import {
  bestExploit, buildInCsr, EDGE_MEDIA, EDGE_NETWORK, EDGE_TRUST, FLAG_AUTHENTICATED, FLAG_REVERSE, FLAG_UNAUTHENTICATED, type CompactGraph,
} from '../../model/compact';
import { BOOL_FIELDS, connectionColumns, connectionCount, connectionView, F_REQUIRED } from '../../model/connections';
import { CONTROL_KINDS, PROTOCOLS, type Asset, type ControlKind, type PlantModel } from '../../model/schema';
import { rederiveAttackGraph, type AttackGraph } from '../attack-graph';
import type { PlantContext } from '../context';
import { jewelImpact } from '../impact';
import { pathTo, type ShortestTree } from '../paths';
import {
  ACTION_COSTS, ALLOWLIST_KINDS, assertNever, COMMAND, describeAction, relevantNodes, REMOTE_IN, type RemediationAction,
} from './actions';
import { reweighArc } from './changes';

/** A candidate action and where it acts: the asset's node, or the record's position in its list. */
export interface Candidate {
  readonly action: RemediationAction;
  readonly at: number;
}

/** What a candidate changes: attack edges whose weights change, and their new weights. */
export interface CandidateChange {
  readonly edges: number[];
  readonly weights: number[];
  /**
   * True when some arc gets a lighter best edge in a direction than it had: the action makes an
   * attack step more likely. Patching a CVE did (0.14 → 0.2 on random plants) until the rules kept
   * the likelier of an exploit and the rule it displaced (#19); no action does now, but the tree
   * repair needs edges that only get heavier, so such a candidate would be evaluated by a full search.
   */
  readonly lighter: boolean;
}

/** Items by bucket: items[offsets[b] .. offsets[b+1]) are bucket b's, in ascending order. */
interface Buckets {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

/** The arcs a candidate touches and how it patches the plant graph's attributes. */
interface Touch {
  readonly drop: ArrayLike<number>;
  readonly redo: ArrayLike<number>;
  patch(): void;
  unpatch(): void;
}

const NONE = new Int32Array(0);
const REMOTE_IN_PROTOCOL = PROTOCOLS.map((p) => REMOTE_IN.has(p));
const COMMAND_PROTOCOL = PROTOCOLS.map((p) => COMMAND.has(p));

/** Items 0 .. keys.length-1 into `size` buckets by their keys (a negative key: no bucket), by counting sort. */
function buckets(keys: Int32Array, size: number): Buckets {
  const offsets = new Int32Array(size + 1);
  for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) offsets[keys[i]! + 1]!++;
  for (let b = 0; b < size; b++) offsets[b + 1]! += offsets[b]!;
  const cursor = offsets.slice(0, size);
  const items = new Int32Array(offsets[size]!);
  for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) items[cursor[keys[i]!]!++] = i;
  return { offsets, items };
}

/** Whether connection i is marked required, read from the columns when they hold the connections. */
export function requiredConnections(model: PlantModel): (i: number) => boolean {
  const cols = connectionColumns(model);
  if (cols) {
    const shift = 2 * BOOL_FIELDS.indexOf(F_REQUIRED);
    return (i) => ((cols.bools[i]! >> shift) & 3) === 3;
  }
  const records = model.connections;
  return (i) => records[i]!.required === true;
}

export class PlanState {
  /** The plant graph with the applied actions' node and arc attributes (own copies of those columns). */
  readonly view: CompactGraph;
  /** The attack graph after the applied actions. */
  attack: AttackGraph;
  /** Impact in money of each crown jewel, in the model's order. */
  readonly money: readonly number[];
  private readonly assets: Asset[];
  /** Arcs of removed records (they keep their positions; their attack edges are gone). */
  private readonly dead: Uint8Array;
  private readonly removed: readonly Uint8Array[];
  /** Arcs of each record, by kind (EDGE_NETWORK, EDGE_TRUST, EDGE_MEDIA). */
  private readonly records: readonly Buckets[];
  /** Arcs passing each node as their `via`. */
  private readonly viaArcs: Buckets;
  /** Live remote-access arcs (REMOTE_IN protocols) into each node. */
  private readonly remoteIn: Int32Array;
  private readonly required: (i: number) => boolean;
  /** Scratch of edgesOf: arcs asked for (by stamp) and their place in the question. */
  private readonly arcAskedAt: Int32Array;
  private readonly arcPlace: Int32Array;
  private arcStamp = 0;
  /** Sources whose edges are not in derivation order (re-derived edges were appended after the others). */
  private readonly unsorted = new Set<number>();

  constructor(private readonly ctx: PlantContext) {
    const g = ctx.graph;
    this.view = {
      ...g,
      nodeControls: g.nodeControls.slice(), nodeExploit: g.nodeExploit.slice(), nodeVulnScore: g.nodeVulnScore.slice(), nodeKev: g.nodeKev.slice(),
      edgeFlags: g.edgeFlags.slice(),
    };
    this.attack = ctx.attack;
    const model = ctx.model;
    this.money = model.crownJewels.map((j) => jewelImpact(model, j).money);
    this.assets = model.assets.slice();
    this.dead = new Uint8Array(g.edgeCount);
    const sizes = [connectionCount(model), model.trust?.length ?? 0, model.media?.length ?? 0];
    this.removed = sizes.map((n) => new Uint8Array(n));
    this.records = [EDGE_NETWORK, EDGE_TRUST, EDGE_MEDIA].map((kind) => {
      const refs = new Int32Array(g.edgeCount);
      for (let a = 0; a < g.edgeCount; a++) refs[a] = g.edgeKind[a] === kind ? g.edgeRef[a]! : -1;
      return buckets(refs, sizes[kind]!);
    });
    this.viaArcs = buckets(g.edgeVia, g.nodeCount);
    this.remoteIn = new Int32Array(g.nodeCount);
    for (let a = 0; a < g.edgeCount; a++) if (g.edgeKind[a] === EDGE_NETWORK && REMOTE_IN_PROTOCOL[g.edgeProtocol[a]!]) this.remoteIn[g.edgeTarget[a]!]!++;
    this.required = requiredConnections(model);
    this.arcAskedAt = new Int32Array(g.edgeCount);
    this.arcPlace = new Int32Array(g.edgeCount);
  }

  /** The plant context with the current attack graph (model, ids and jewels as loaded). */
  context(): PlantContext {
    return { ...this.ctx, attack: this.attack };
  }

  /** Nodes on some entry → jewel path of the current attack graph (1), as candidateActions reads them; `tree`: the current full tree. */
  relevant(tree: ShortestTree): Uint8Array {
    return relevantNodes(this.attack, this.ctx.entries, this.ctx.jewels, tree.dist);
  }

  /**
   * The candidate actions that touch a crown jewel's most likely path in `tree` (the current
   * attack graph's full tree), in the order of candidateActions — assets in model order, then
   * connections, firewalls by id, media, trust — that is, actionsOnBestPaths(candidateActions())
   * of the plant as changed so far. Built from the paths' records and assets, not from every record.
   */
  candidates(tree: ShortestTree, rel: Uint8Array = this.relevant(tree)): Candidate[] {
    const { ctx, attack: ag, view: g, assets } = this;
    const model = ctx.model;
    const targets = new Set<number>();
    const vias = new Set<number>();
    const onPaths = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (const j of ctx.jewels) {
      for (const e of pathTo(ag, tree, j)?.edges ?? []) {
        const arc = ag.origin[e]!;
        onPaths[g.edgeKind[arc]!]!.add(g.edgeRef[arc]!);
        targets.add(ag.edgeTarget[e]!);
        if (g.edgeVia[arc]! >= 0) vias.add(g.edgeVia[arc]!);
      }
    }
    const ascending = (s: Iterable<number>) => [...s].sort((a, b) => a - b);
    const out: Candidate[] = [];
    const usb = new Set<string>();
    (model.media ?? []).forEach((x, i) => {
      if (x.kind === 'removable-media' && !this.removed[EDGE_MEDIA]![i]) for (const id of x.to) usb.add(id);
    });
    const touched = ascending(new Set([...targets, ...vias]));
    for (const v of touched) {
      if (!rel[v]) continue;
      const a = assets[v]!;
      if (targets.has(v) && a.patchable !== false) {
        for (const x of a.vulnerabilities ?? []) if (!x.patched) out.push({ action: { kind: 'patch-cve', asset: a.id, cve: x.cve, cost: ACTION_COSTS['patch-cve'] }, at: v });
      }
      const has = (c: ControlKind) => a.controls?.includes(c) ?? false;
      const control = (c: ControlKind, cost: number) => out.push({ action: { kind: 'add-control', asset: a.id, control: c, cost }, at: v });
      if (this.remoteIn[v]! > 0 && !has('mfa')) control('mfa', ACTION_COSTS.mfa);
      if (ALLOWLIST_KINDS.has(a.kind) && !has('allowlisting')) control('allowlisting', ACTION_COSTS.allowlisting);
      if (usb.has(a.id) && !has('usb-control')) control('usb-control', ACTION_COSTS['usb-control']);
    }
    const connections = connectionView(model);
    for (const i of ascending(onPaths[EDGE_NETWORK]!)) {
      const arc = this.forwardArc(i);
      if (!rel[g.edgeSource[arc]!] || !rel[g.edgeTarget[arc]!]) continue;
      const id = connections.id(i);
      if (!this.required(i)) out.push({ action: { kind: 'remove-connection', connection: id, cost: ACTION_COSTS['remove-connection'] }, at: i });
      if (COMMAND_PROTOCOL[g.edgeProtocol[arc]!] && !(g.edgeFlags[arc]! & FLAG_AUTHENTICATED)) {
        out.push({ action: { kind: 'require-authentication', connection: id, cost: ACTION_COSTS['require-authentication'] }, at: i });
      }
    }
    const firewalls = touched.filter((f) => assets[f]!.kind === 'firewall' && !assets[f]!.controls?.includes('dpi-firewall') && this.guardsRelevant(f, rel));
    const byId = new Map(firewalls.map((f) => [assets[f]!.id, f]));
    for (const id of [...byId.keys()].sort()) out.push({ action: { kind: 'add-control', asset: id, control: 'dpi-firewall', cost: ACTION_COSTS['dpi-firewall'] }, at: byId.get(id)! });
    for (const i of ascending(onPaths[EDGE_MEDIA]!)) {
      const x = model.media![i]!;
      if ([...x.from, ...x.to].some((id) => rel[ctx.index.get(id)!])) out.push({ action: { kind: 'isolate-media', media: x.id, cost: ACTION_COSTS['isolate-media'] }, at: i });
    }
    for (const i of ascending(onPaths[EDGE_TRUST]!)) {
      const t = model.trust![i]!;
      if (rel[ctx.index.get(t.from)!] && rel[ctx.index.get(t.to)!]) out.push({ action: { kind: 'remove-trust', trust: t.id, cost: ACTION_COSTS['remove-trust'] }, at: i });
    }
    return out;
  }

  /**
   * The new weights a candidate gives the attack edges, as riskAfter computes them: the dropped
   * arcs' edges close, the re-derived arcs' edges take their new best likelihood per direction.
   */
  change(c: Candidate): CandidateChange {
    const ag = this.attack;
    const edges: number[] = [];
    const weights: number[] = [];
    let lighter = false;
    const touch = this.touch(c);
    const dropped = this.edgesOf(touch.drop).items;
    for (let k = 0; k < dropped.length; k++) {
      edges.push(dropped[k]!);
      weights.push(Infinity);
    }
    const { offsets, items: arcEdges } = this.edgesOf(touch.redo);
    touch.patch();
    try {
      for (let i = 0; i < touch.redo.length; i++) {
        const a = touch.redo[i]!;
        if (this.dead[a]) continue;
        const s = this.view.edgeSource[a]!;
        // Lightest edge per direction before and after (index 0 forward, 1 backward).
        const before = [Infinity, Infinity];
        const after = [Infinity, Infinity];
        reweighArc(this.view, ag, a, arcEdges, offsets[i]!, offsets[i + 1]!, (e, w) => {
          const dir = ag.edgeSource[e] === s ? 0 : 1;
          before[dir] = Math.min(before[dir]!, ag.weight[e]!);
          after[dir] = Math.min(after[dir]!, w);
          if (w !== ag.weight[e]) {
            edges.push(e);
            weights.push(w);
          }
        });
        if (after[0]! < before[0]! || after[1]! < before[1]!) lighter = true;
      }
    } finally {
      touch.unpatch();
    }
    return { edges, weights, lighter };
  }

  /** The attack edges of the arcs a candidate drops or re-derives (no rules run). */
  touchedEdges(c: Candidate): Int32Array {
    const touch = this.touch(c);
    return this.edgesOf(touch.drop.length ? touch.drop : touch.redo).items;
  }

  /** Applies a candidate to the plant: attributes, records, attack graph. */
  apply(c: Candidate): void {
    const touch = this.touch(c);
    touch.patch();
    const a = c.action;
    if (a.kind === 'remove-connection' || a.kind === 'remove-trust' || a.kind === 'isolate-media') {
      const g = this.view;
      const drop = new Uint8Array(g.edgeCount);
      for (let i = 0; i < touch.drop.length; i++) {
        const arc = touch.drop[i]!;
        drop[arc] = 1;
        this.dead[arc] = 1;
        if (g.edgeKind[arc] === EDGE_NETWORK && REMOTE_IN_PROTOCOL[g.edgeProtocol[arc]!]) this.remoteIn[g.edgeTarget[arc]!]!--;
      }
      this.removed[a.kind === 'remove-connection' ? EDGE_NETWORK : a.kind === 'remove-trust' ? EDGE_TRUST : EDGE_MEDIA]![c.at] = 1;
      // The former plan compiled the plant again here: each source's kept edges in derivation order
      // (by arc, then as the rules emitted them), which changes the sources that lost edges and
      // those whose re-derived edges were appended after the others.
      const ag = this.attack;
      const sources = this.sourcesOf(touch.drop, this.unsorted);
      const changed = new Map<number, number[]>();
      for (const v of sources) {
        const list: number[] = [];
        for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) if (!drop[ag.origin[e]!]) list.push(e);
        changed.set(v, list.sort((x, y) => ag.origin[x]! - ag.origin[y]! || x - y));
      }
      this.unsorted.clear();
      this.attack = withChangedSources(ag, changed);
    } else {
      const redo = new Uint8Array(this.view.edgeCount);
      for (let i = 0; i < touch.redo.length; i++) redo[touch.redo[i]!] = 1;
      if (a.kind === 'patch-cve') {
        const asset = this.assets[c.at]!;
        this.assets[c.at] = { ...asset, vulnerabilities: asset.vulnerabilities!.map((v) => (v.cve === a.cve ? { ...v, patched: true } : v)) };
      } else if (a.kind === 'add-control') {
        const asset = this.assets[c.at]!;
        if (!asset.controls?.includes(a.control)) this.assets[c.at] = { ...asset, controls: [...(asset.controls ?? []), a.control] };
      }
      // As rederiveAttackGraph: each touched source's other edges in their order, then its
      // re-derived edges by arc. The rules run on the touched arcs alone (an empty base graph).
      const ag = this.attack;
      const fresh = rederiveAttackGraph(this.view, emptyAttackGraph(ag.nodeCount), this.dead, redo);
      const sources = this.sourcesOf(touch.redo, fresh.edgeSource);
      const changed = new Map<number, number[]>();
      for (const v of sources) {
        const list: number[] = [];
        for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) if (!redo[ag.origin[e]!]) list.push(e);
        for (let k = fresh.offsets[v]!; k < fresh.offsets[v + 1]!; k++) list.push(-1 - k);
        if (fresh.offsets[v + 1]! > fresh.offsets[v]!) this.unsorted.add(v);
        changed.set(v, list);
      }
      this.attack = withChangedSources(ag, changed, fresh);
    }
  }

  /** The sources of the attack edges of the given arcs, and the given nodes. */
  private sourcesOf(arcs: ArrayLike<number>, also: Iterable<number>): Set<number> {
    const sources = new Set(also);
    for (const e of this.edgesOf(arcs).items) sources.add(this.attack.edgeSource[e]!);
    return sources;
  }

  /**
   * The attack edges of the given arcs: bucket i holds arcs[i]'s, in CSR order. An arc's edges
   * start at one of its two ends, so only those nodes' edges are read (no index of all arcs,
   * which would have to be rebuilt after every step).
   */
  private edgesOf(arcs: ArrayLike<number>): Buckets {
    const g = this.view;
    const ag = this.attack;
    const stamp = ++this.arcStamp;
    const ends = new Set<number>();
    for (let i = 0; i < arcs.length; i++) {
      const a = arcs[i]!;
      this.arcAskedAt[a] = stamp;
      this.arcPlace[a] = i;
      ends.add(g.edgeSource[a]!);
      ends.add(g.edgeTarget[a]!);
    }
    const offsets = new Int32Array(arcs.length + 1);
    const found: number[] = [];
    for (const v of [...ends].sort((x, y) => x - y)) {
      for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) {
        const a = ag.origin[e]!;
        if (this.arcAskedAt[a] !== stamp) continue;
        found.push(e);
        offsets[this.arcPlace[a]! + 1]!++;
      }
    }
    for (let i = 0; i < arcs.length; i++) offsets[i + 1]! += offsets[i]!;
    const cursor = offsets.slice(0, arcs.length);
    const items = new Int32Array(found.length);
    for (const e of found) items[cursor[this.arcPlace[ag.origin[e]!]!]!++] = e;
    return { offsets, items };
  }

  /** The candidate's description, as describeAction gives it on the plant as changed so far. */
  describe(c: Candidate): string {
    const a = c.action;
    const record = a.kind === 'remove-connection' || a.kind === 'require-authentication' ? connectionView(this.ctx.model).record(c.at) : undefined;
    return describeAction(a, this.ctx.model, record);
  }

  /** The arcs a candidate drops or re-derives, and its patch of the plant graph (as changeOf in changes.ts). */
  private touch(c: Candidate): Touch {
    const g = this.view;
    const a = c.action;
    const arcsOf = (kind: number) => {
      const r = this.records[kind]!;
      return r.items.subarray(r.offsets[c.at]!, r.offsets[c.at + 1]!);
    };
    const none = { patch: () => {}, unpatch: () => {} };
    switch (a.kind) {
      case 'remove-connection':
        return { drop: arcsOf(EDGE_NETWORK), redo: NONE, ...none };
      case 'remove-trust':
        return { drop: arcsOf(EDGE_TRUST), redo: NONE, ...none };
      case 'isolate-media':
        return { drop: arcsOf(EDGE_MEDIA), redo: NONE, ...none };
      case 'require-authentication': {
        const redo = arcsOf(EDGE_NETWORK);
        const flags = Array.from(redo, (arc) => g.edgeFlags[arc]!);
        return {
          drop: NONE, redo,
          patch: () => redo.forEach((arc) => (g.edgeFlags[arc] = (g.edgeFlags[arc]! | FLAG_AUTHENTICATED) & ~FLAG_UNAUTHENTICATED)),
          unpatch: () => redo.forEach((arc, i) => (g.edgeFlags[arc] = flags[i]!)),
        };
      }
      case 'add-control': {
        const v = c.at;
        const before = g.nodeControls[v]!;
        return {
          drop: NONE, redo: this.arcsAround(v, true),
          patch: () => (g.nodeControls[v] = before | (1 << CONTROL_KINDS.indexOf(a.control))),
          unpatch: () => (g.nodeControls[v] = before),
        };
      }
      case 'patch-cve': {
        const v = c.at;
        const best = bestExploit(this.assets[v]!.vulnerabilities, a.cve);
        const before = [g.nodeExploit[v]!, g.nodeVulnScore[v]!, g.nodeKev[v]!] as const;
        return {
          drop: NONE, redo: this.arcsAround(v, false),
          patch: () => {
            g.nodeExploit[v] = best.exploit;
            g.nodeVulnScore[v] = best.cvss;
            g.nodeKev[v] = best.kev ? 1 : 0;
          },
          unpatch: () => {
            [g.nodeExploit[v], g.nodeVulnScore[v], g.nodeKev[v]] = before;
          },
        };
      }
      default:
        return assertNever(a);
    }
  }

  /** Arcs into v and, with `all`, out of v and passing v as `via`; ascending, each once. */
  private arcsAround(v: number, all: boolean): number[] {
    const g = this.view;
    const arcs = new Set<number>();
    for (let k = g.inOffsets[v]!; k < g.inOffsets[v + 1]!; k++) arcs.add(g.inEdges[k]!);
    if (all) {
      for (let a = g.offsets[v]!; a < g.offsets[v + 1]!; a++) arcs.add(a);
      for (let k = this.viaArcs.offsets[v]!; k < this.viaArcs.offsets[v + 1]!; k++) arcs.add(this.viaArcs.items[k]!);
    }
    return [...arcs].sort((a, b) => a - b);
  }

  /** The arc of connection i that runs from → to. */
  private forwardArc(i: number): number {
    const r = this.records[EDGE_NETWORK]!;
    for (let k = r.offsets[i]!; k < r.offsets[i + 1]!; k++) if (!(this.view.edgeFlags[r.items[k]!]! & FLAG_REVERSE)) return r.items[k]!;
    throw new Error(`connection ${i} has no forward arc`);
  }

  /** True when some live connection through firewall f joins two relevant assets. */
  private guardsRelevant(f: number, rel: Uint8Array): boolean {
    const g = this.view;
    for (let k = this.viaArcs.offsets[f]!; k < this.viaArcs.offsets[f + 1]!; k++) {
      const arc = this.viaArcs.items[k]!;
      if (!this.dead[arc] && rel[g.edgeSource[arc]!] && rel[g.edgeTarget[arc]!]) return true;
    }
    return false;
  }

}

/** An attack graph of n nodes and no edges (the base when only new edges are wanted). */
function emptyAttackGraph(n: number): AttackGraph {
  const none = new Int32Array(0);
  return {
    nodeCount: n, edgeCount: 0, offsets: new Int32Array(n + 1), edgeSource: none, edgeTarget: none, likelihood: new Float64Array(0), weight: new Float64Array(0),
    rule: new Uint8Array(0), technique: new Uint8Array(0), provenance: new Uint8Array(0), origin: none, factors: new Uint16Array(0), basis: new Uint8Array(0),
    inOffsets: new Int32Array(n + 1), inEdges: none,
  };
}

/**
 * The attack graph with new edge lists for some sources (`changed`: old edge ids, or -1 - k for
 * edge k of `added`); every other source keeps its block of edges, copied whole. A step changes a
 * few sources, so most of each column moves as one block copy instead of edge by edge.
 */
function withChangedSources(ag: AttackGraph, changed: ReadonlyMap<number, readonly number[]>, added?: AttackGraph): AttackGraph {
  const n = ag.nodeCount;
  const old = ag.offsets;
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + (old[v + 1]! - old[v]!);
  const order = [...changed.keys()].sort((a, b) => a - b);
  let shift = 0;
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const next = i + 1 < order.length ? order[i + 1]! : n;
    shift += changed.get(v)!.length - (old[v + 1]! - old[v]!);
    for (let u = v + 1; u <= next; u++) offsets[u]! += shift;
  }
  const m = offsets[n]!;
  // Unchanged sources' blocks move whole (old start, old end, new start); the changed sources'
  // edges one by one (new position ← old edge, or -1 - k for edge k of `added`).
  const blocks: number[] = [];
  const to: number[] = [];
  const from: number[] = [];
  let unchanged = 0; // first source whose block is not placed yet
  for (const v of order) {
    if (v > unchanged) blocks.push(old[unchanged]!, old[v]!, offsets[unchanged]!);
    let at = offsets[v]!;
    for (const e of changed.get(v)!) {
      to.push(at++);
      from.push(e);
    }
    unchanged = v + 1;
  }
  if (n > unchanged) blocks.push(old[unchanged]!, old[n]!, offsets[unchanged]!);
  const moves: Moves = { blocks, to: Int32Array.from(to), from: Int32Array.from(from) };
  const x = added;
  const edgeTarget = moveInt32(moves, new Int32Array(m), ag.edgeTarget, x?.edgeTarget);
  const { inOffsets, inEdges } = buildInCsr(n, edgeTarget);
  return {
    nodeCount: n, edgeCount: m, offsets, edgeSource: moveInt32(moves, new Int32Array(m), ag.edgeSource, x?.edgeSource), edgeTarget,
    likelihood: moveFloat64(moves, new Float64Array(m), ag.likelihood, x?.likelihood), weight: moveFloat64(moves, new Float64Array(m), ag.weight, x?.weight),
    rule: moveUint8(moves, new Uint8Array(m), ag.rule, x?.rule), technique: moveUint8(moves, new Uint8Array(m), ag.technique, x?.technique),
    provenance: moveUint8(moves, new Uint8Array(m), ag.provenance, x?.provenance), origin: moveInt32(moves, new Int32Array(m), ag.origin, x?.origin),
    factors: moveUint16(moves, new Uint16Array(m), ag.factors, x?.factors), basis: moveUint8(moves, new Uint8Array(m), ag.basis, x?.basis), inOffsets, inEdges,
  };
}

/** How withChangedSources lays out the new columns. */
interface Moves {
  readonly blocks: readonly number[];
  readonly to: Int32Array;
  readonly from: Int32Array;
}

// One function per array type: the single moves would see four element kinds in a shared one.
function moveInt32({ blocks, to, from }: Moves, out: Int32Array, column: Int32Array, extra: Int32Array | undefined): Int32Array {
  for (let b = 0; b < blocks.length; b += 3) out.set(column.subarray(blocks[b]!, blocks[b + 1]!), blocks[b + 2]!);
  for (let i = 0; i < to.length; i++) out[to[i]!] = from[i]! >= 0 ? column[from[i]!]! : extra![-1 - from[i]!]!;
  return out;
}

function moveFloat64({ blocks, to, from }: Moves, out: Float64Array, column: Float64Array, extra: Float64Array | undefined): Float64Array {
  for (let b = 0; b < blocks.length; b += 3) out.set(column.subarray(blocks[b]!, blocks[b + 1]!), blocks[b + 2]!);
  for (let i = 0; i < to.length; i++) out[to[i]!] = from[i]! >= 0 ? column[from[i]!]! : extra![-1 - from[i]!]!;
  return out;
}

function moveUint8({ blocks, to, from }: Moves, out: Uint8Array, column: Uint8Array, extra: Uint8Array | undefined): Uint8Array {
  for (let b = 0; b < blocks.length; b += 3) out.set(column.subarray(blocks[b]!, blocks[b + 1]!), blocks[b + 2]!);
  for (let i = 0; i < to.length; i++) out[to[i]!] = from[i]! >= 0 ? column[from[i]!]! : extra![-1 - from[i]!]!;
  return out;
}

function moveUint16({ blocks, to, from }: Moves, out: Uint16Array, column: Uint16Array, extra: Uint16Array | undefined): Uint16Array {
  for (let b = 0; b < blocks.length; b += 3) out.set(column.subarray(blocks[b]!, blocks[b + 1]!), blocks[b + 2]!);
  for (let i = 0; i < to.length; i++) out[to[i]!] = from[i]! >= 0 ? column[from[i]!]! : extra![-1 - from[i]!]!;
  return out;
}
