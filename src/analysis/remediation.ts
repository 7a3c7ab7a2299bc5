// Remediation: candidate actions generated from the model (patch a CVE, remove or restrict a
// connection, add MFA / allow-listing / DPI / USB control, isolate media, remove a trust), applied
// to a copy of the model; a greedy plan by risk removed per cost, under an optional budget,
// honouring `patchable: false`; and the cumulative risk curve.
import {
  bestExploit, EDGE_MEDIA, EDGE_NETWORK, EDGE_TRUST, FLAG_AUTHENTICATED, FLAG_UNAUTHENTICATED, type CompactGraph,
} from '../model/compact';
import { CONTROL_KINDS, type Connection, type ControlKind, type PlantModel } from '../model/schema';
import { rederiveAttackGraph } from './attack-graph';
import { jewelImpact } from './impact';
import { evaluateArc } from './rules';
import { AnalysisError, buildContext, type PlantContext } from './context';
import { reachFrom } from './reach';
import { pathTo, shortestTree } from './paths';
import { entryTree, riskReport } from './risk';

/** Documented default costs of each action (currency units). */
export const ACTION_COSTS = {
  'patch-cve': 1500,
  'remove-connection': 2500,
  'require-authentication': 3000,
  mfa: 4000,
  allowlisting: 3000,
  'dpi-firewall': 8000,
  'usb-control': 800,
  'isolate-media': 1500,
  'remove-trust': 1000,
} as const;

export type RemediationAction =
  | { readonly kind: 'patch-cve'; readonly asset: string; readonly cve: string; readonly cost: number }
  | { readonly kind: 'remove-connection'; readonly connection: string; readonly cost: number }
  | { readonly kind: 'require-authentication'; readonly connection: string; readonly cost: number }
  | { readonly kind: 'add-control'; readonly asset: string; readonly control: ControlKind; readonly cost: number }
  | { readonly kind: 'isolate-media'; readonly media: string; readonly cost: number }
  | { readonly kind: 'remove-trust'; readonly trust: string; readonly cost: number };

/** Most candidates evaluated per greedy round (each is a full risk evaluation). */
export const MAX_CANDIDATES = 400;
/** Most steps a plan takes. */
export const MAX_PLAN_STEPS = 50;

export function describeAction(a: RemediationAction, model?: PlantModel): string {
  const name = (id: string) => model?.assets.find((x) => x.id === id)?.name ?? id;
  switch (a.kind) {
    case 'patch-cve':
      return `Patch ${a.cve} on ${name(a.asset)}`;
    case 'remove-connection':
      return `Block connection ${a.connection}${connText(model, a.connection)}`;
    case 'require-authentication':
      return `Require authentication on ${a.connection}${connText(model, a.connection)}`;
    case 'add-control':
      return `Add ${a.control} to ${name(a.asset)}`;
    case 'isolate-media': {
      const x = model?.media?.find((m) => m.id === a.media);
      return x
        ? `Stop the ${x.kind === 'transient-laptop' ? 'transient laptop' : 'removable media'} path ${a.media} (${x.name ?? `${x.from.join(', ')} → ${x.to.join(', ')}`})`
        : `Stop media path ${a.media}`;
    }
    case 'remove-trust': {
      const t = model?.trust?.find((x) => x.id === a.trust);
      const what = { 'shared-credentials': 'Separate the shared credentials of', 'domain-trust': 'Remove the domain trust', 'domain-membership': 'Take out of the domain:' } as const;
      return t ? `${what[t.kind]} ${t.kind === 'domain-membership' ? name(t.to) : `${name(t.from)} → ${name(t.to)}`} (${a.trust})` : `Remove trust ${a.trust}`;
    }
    default:
      return assertNever(a);
  }
}

function connText(model: PlantModel | undefined, id: string): string {
  const c = model?.connections.find((x) => x.id === id);
  return c ? ` (${c.from} → ${c.to}, ${c.protocol})` : '';
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

/** The model with one action applied; the input is not changed. Unknown targets are a typed error. */
export function applyAction(model: PlantModel, a: RemediationAction): PlantModel {
  const missing = (what: string, id: string) => new AnalysisError('BAD_PARAMETER', `applyAction: unknown ${what} ${JSON.stringify(id)}`);
  switch (a.kind) {
    case 'patch-cve': {
      const i = model.assets.findIndex((x) => x.id === a.asset);
      if (i < 0) throw missing('asset', a.asset);
      const asset = model.assets[i]!;
      if (!asset.vulnerabilities?.some((v) => v.cve === a.cve)) throw missing(`CVE on ${a.asset}`, a.cve);
      const assets = model.assets.slice();
      assets[i] = { ...asset, vulnerabilities: asset.vulnerabilities.map((v) => (v.cve === a.cve ? { ...v, patched: true } : v)) };
      return { ...model, assets };
    }
    case 'remove-connection': {
      if (!model.connections.some((c) => c.id === a.connection)) throw missing('connection', a.connection);
      return { ...model, connections: model.connections.filter((c) => c.id !== a.connection) };
    }
    case 'require-authentication': {
      if (!model.connections.some((c) => c.id === a.connection)) throw missing('connection', a.connection);
      return { ...model, connections: model.connections.map((c): Connection => (c.id === a.connection ? { ...c, authenticated: true } : c)) };
    }
    case 'add-control': {
      const i = model.assets.findIndex((x) => x.id === a.asset);
      if (i < 0) throw missing('asset', a.asset);
      const assets = model.assets.slice();
      const asset = assets[i]!;
      if (!asset.controls?.includes(a.control)) assets[i] = { ...asset, controls: [...(asset.controls ?? []), a.control] };
      return { ...model, assets };
    }
    case 'isolate-media': {
      if (!model.media?.some((m) => m.id === a.media)) throw missing('media path', a.media);
      return { ...model, media: model.media.filter((m) => m.id !== a.media) };
    }
    case 'remove-trust': {
      if (!model.trust?.some((t) => t.id === a.trust)) throw missing('trust relation', a.trust);
      return { ...model, trust: model.trust.filter((t) => t.id !== a.trust) };
    }
    default:
      return assertNever(a);
  }
}

const REMOTE_IN = new Set(['rdp', 'ssh', 'vnc', 'winrm', 'smb', 'telnet', 'tls-vpn', 'vendor-remote', 'ipsec', 'wireguard']);
const COMMAND = new Set(['modbus-tcp', 's7comm', 's7comm-plus', 'enip-cip', 'dnp3', 'iec104', 'opc-ua', 'opc-da', 'bacnet', 'iec61850-mms', 'profinet', 'hart-ip', 'mqtt', 'other']);
const ALLOWLIST_KINDS = new Set(['ews', 'hmi', 'scada-server', 'opc-server', 'historian', 'jump-host', 'mes', 'workstation', 'server', 'domain-controller']);

/** Assets on some entry → jewel attack path: reachable from an entry and reaching a jewel. */
function relevantAssets(ctx: PlantContext): Set<string> {
  const fwd = reachFrom(ctx.attack, ctx.entries).hops;
  const rev = new Int32Array(ctx.attack.nodeCount).fill(-1);
  const stack = [...ctx.jewels];
  for (const j of stack) rev[j] = 0;
  while (stack.length) {
    const v = stack.pop()!;
    for (let k = ctx.attack.inOffsets[v]!; k < ctx.attack.inOffsets[v + 1]!; k++) {
      const u = ctx.attack.edgeSource[ctx.attack.inEdges[k]!]!;
      if (rev[u] === -1) {
        rev[u] = 0;
        stack.push(u);
      }
    }
  }
  const out = new Set<string>();
  for (let v = 0; v < ctx.attack.nodeCount; v++) if (fwd[v]! >= 0 && rev[v]! >= 0) out.add(ctx.ids[v]!);
  return out;
}

/** Candidate actions worth evaluating: only elements on some entry → jewel attack path. */
export function candidateActions(ctx: PlantContext): RemediationAction[] {
  const m = ctx.model;
  const rel = relevantAssets(ctx);
  const out: RemediationAction[] = [];
  const byId = new Map(m.assets.map((a) => [a.id, a]));
  // One pass over the records, not one per asset: plants have a million connections.
  const remoteIn = new Set<string>();
  for (const c of m.connections) {
    if (!REMOTE_IN.has(c.protocol)) continue;
    remoteIn.add(c.to);
    if (c.direction === 'both') remoteIn.add(c.from);
  }
  const usbTargets = new Set<string>();
  for (const x of m.media ?? []) if (x.kind === 'removable-media') for (const id of x.to) usbTargets.add(id);
  for (const a of m.assets) {
    if (!rel.has(a.id)) continue;
    if (a.patchable !== false) {
      for (const v of a.vulnerabilities ?? []) if (!v.patched) out.push({ kind: 'patch-cve', asset: a.id, cve: v.cve, cost: ACTION_COSTS['patch-cve'] });
    }
    const has = (c: ControlKind) => a.controls?.includes(c) ?? false;
    if (remoteIn.has(a.id) && !has('mfa')) out.push({ kind: 'add-control', asset: a.id, control: 'mfa', cost: ACTION_COSTS.mfa });
    if (ALLOWLIST_KINDS.has(a.kind) && !has('allowlisting')) out.push({ kind: 'add-control', asset: a.id, control: 'allowlisting', cost: ACTION_COSTS.allowlisting });
    if (usbTargets.has(a.id) && !has('usb-control')) out.push({ kind: 'add-control', asset: a.id, control: 'usb-control', cost: ACTION_COSTS['usb-control'] });
  }
  const firewalls = new Set<string>();
  for (const c of m.connections) {
    if (!rel.has(c.from) || !rel.has(c.to)) continue;
    if (!c.required) out.push({ kind: 'remove-connection', connection: c.id, cost: ACTION_COSTS['remove-connection'] });
    if (COMMAND.has(c.protocol) && !c.authenticated) out.push({ kind: 'require-authentication', connection: c.id, cost: ACTION_COSTS['require-authentication'] });
    if (c.via && byId.get(c.via)?.kind === 'firewall' && !byId.get(c.via)!.controls?.includes('dpi-firewall')) firewalls.add(c.via);
  }
  for (const f of [...firewalls].sort()) out.push({ kind: 'add-control', asset: f, control: 'dpi-firewall', cost: ACTION_COSTS['dpi-firewall'] });
  for (const x of m.media ?? []) if ([...x.from, ...x.to].some((id) => rel.has(id))) out.push({ kind: 'isolate-media', media: x.id, cost: ACTION_COSTS['isolate-media'] });
  for (const t of m.trust ?? []) if (rel.has(t.from) && rel.has(t.to)) out.push({ kind: 'remove-trust', trust: t.id, cost: ACTION_COSTS['remove-trust'] });
  return out;
}

const RECORD_STRIDE = 2 ** 32;

interface RecordIndex {
  /** Plant-graph arcs of each record, keyed kind × 2^32 + record index. */
  readonly arcs: Map<number, number[]>;
  /** Arcs passing each `via` node. */
  readonly viaArcs: Map<number, number[]>;
  /** Attack edges derived from each arc: arcEdges[arcEdgeOffsets[a] .. arcEdgeOffsets[a+1]). */
  readonly arcEdgeOffsets: Int32Array;
  readonly arcEdges: Int32Array;
  readonly connection: Map<string, number>;
  readonly trust: Map<string, number>;
  readonly media: Map<string, number>;
}

const recordIndexes = new WeakMap<PlantContext, RecordIndex>();

/** Arcs per model record and record positions by id, built once per context. */
function recordIndexOf(ctx: PlantContext): RecordIndex {
  let idx = recordIndexes.get(ctx);
  if (idx) return idx;
  const arcs = new Map<number, number[]>();
  const g = ctx.graph;
  for (let a = 0; a < g.edgeCount; a++) {
    const key = g.edgeKind[a]! * RECORD_STRIDE + g.edgeRef[a]!;
    const list = arcs.get(key);
    if (list) list.push(a);
    else arcs.set(key, [a]);
  }
  const viaArcs = new Map<number, number[]>();
  for (let a = 0; a < g.edgeCount; a++) {
    const v = g.edgeVia[a]!;
    if (v < 0) continue;
    const list = viaArcs.get(v);
    if (list) list.push(a);
    else viaArcs.set(v, [a]);
  }
  const ag = ctx.attack;
  const arcEdgeOffsets = new Int32Array(g.edgeCount + 1);
  for (let e = 0; e < ag.edgeCount; e++) arcEdgeOffsets[ag.origin[e]! + 1]!++;
  for (let a = 0; a < g.edgeCount; a++) arcEdgeOffsets[a + 1]! += arcEdgeOffsets[a]!;
  const cursor = arcEdgeOffsets.slice(0, g.edgeCount);
  const arcEdges = new Int32Array(ag.edgeCount);
  for (let e = 0; e < ag.edgeCount; e++) arcEdges[cursor[ag.origin[e]!]!++] = e;
  const byId = (list: readonly { id: string }[] | undefined) => new Map((list ?? []).map((x, i) => [x.id, i]));
  idx = { arcs, viaArcs, arcEdgeOffsets, arcEdges, connection: byId(ctx.model.connections), trust: byId(ctx.model.trust), media: byId(ctx.model.media) };
  recordIndexes.set(ctx, idx);
  return idx;
}

/**
 * Keeps the actions that touch an edge of some crown jewel's most likely path. Every action only
 * lowers or removes edges, so one that touches none of those paths cannot lower plant risk: the
 * filter is exact, and it keeps the greedy loop small on large plants.
 */
export function actionsOnBestPaths(ctx: PlantContext, actions: readonly RemediationAction[]): RemediationAction[] {
  const tree = entryTree(ctx);
  const records = new Set<number>();
  const targets = new Set<string>();
  const vias = new Set<string>();
  const g = ctx.graph;
  for (const j of ctx.jewels) {
    for (const e of pathTo(ctx.attack, tree, j)?.edges ?? []) {
      const arc = ctx.attack.origin[e]!;
      records.add(g.edgeKind[arc]! * RECORD_STRIDE + g.edgeRef[arc]!);
      targets.add(ctx.ids[ctx.attack.edgeTarget[e]!]!);
      if (g.edgeVia[arc]! >= 0) vias.add(ctx.ids[g.edgeVia[arc]!]!);
    }
  }
  const idx = recordIndexOf(ctx);
  const has = (kind: number, map: Map<string, number>, id: string) => {
    const i = map.get(id);
    return i !== undefined && records.has(kind * RECORD_STRIDE + i);
  };
  return actions.filter((a) => {
    switch (a.kind) {
      case 'remove-connection':
      case 'require-authentication':
        return has(EDGE_NETWORK, idx.connection, a.connection);
      case 'remove-trust':
        return has(EDGE_TRUST, idx.trust, a.trust);
      case 'isolate-media':
        return has(EDGE_MEDIA, idx.media, a.media);
      case 'patch-cve':
        return targets.has(a.asset);
      case 'add-control':
        return targets.has(a.asset) || vias.has(a.asset);
      default:
        return assertNever(a);
    }
  });
}

interface Change {
  /** The plant graph with the action applied (node or arc attributes patched). */
  readonly view: CompactGraph;
  /** Arcs whose attack edges disappear. */
  readonly drop: readonly number[];
  /** Arcs whose attack edges must go through the rules again on `view`. */
  readonly redo: readonly number[];
}

/** Plant-graph arcs that touch node v: into it, out of it, or passing it as `via`. */
function arcsAround(ctx: PlantContext, v: number, into: boolean, out: boolean, via: boolean): number[] {
  const g = ctx.graph;
  const arcs = new Set<number>();
  if (into) for (let k = g.inOffsets[v]!; k < g.inOffsets[v + 1]!; k++) arcs.add(g.inEdges[k]!);
  if (out) for (let a = g.offsets[v]!; a < g.offsets[v + 1]!; a++) arcs.add(a);
  if (via) for (const a of recordIndexOf(ctx).viaArcs.get(v) ?? []) arcs.add(a);
  return [...arcs].sort((a, b) => a - b);
}

function changeOf(ctx: PlantContext, action: RemediationAction): Change {
  const g = ctx.graph;
  const m = ctx.model;
  const index = recordIndexOf(ctx);
  const arcsOf = (kind: number, ref: number) => index.arcs.get(kind * RECORD_STRIDE + ref) ?? [];
  const record = (map: Map<string, number>, id: string, what: string) => {
    const i = map.get(id);
    if (i === undefined) throw new AnalysisError('BAD_PARAMETER', `unknown ${what} ${JSON.stringify(id)}`);
    return i;
  };
  const node = (id: string) => {
    const v = ctx.index.get(id);
    if (v === undefined) throw new AnalysisError('BAD_PARAMETER', `unknown asset ${JSON.stringify(id)}`);
    return v;
  };
  switch (action.kind) {
    case 'remove-connection':
      return { view: g, drop: arcsOf(EDGE_NETWORK, record(index.connection, action.connection, 'connection')), redo: [] };
    case 'isolate-media':
      return { view: g, drop: arcsOf(EDGE_MEDIA, record(index.media, action.media, 'media path')), redo: [] };
    case 'remove-trust':
      return { view: g, drop: arcsOf(EDGE_TRUST, record(index.trust, action.trust, 'trust relation')), redo: [] };
    case 'require-authentication': {
      const redo = arcsOf(EDGE_NETWORK, record(index.connection, action.connection, 'connection'));
      const edgeFlags = g.edgeFlags.slice();
      for (const a of redo) edgeFlags[a] = (edgeFlags[a]! | FLAG_AUTHENTICATED) & ~FLAG_UNAUTHENTICATED;
      return { view: { ...g, edgeFlags }, drop: [], redo };
    }
    case 'add-control': {
      const v = node(action.asset);
      const nodeControls = g.nodeControls.slice();
      nodeControls[v]! |= 1 << CONTROL_KINDS.indexOf(action.control);
      return { view: { ...g, nodeControls }, drop: [], redo: arcsAround(ctx, v, true, true, true) };
    }
    case 'patch-cve': {
      const v = node(action.asset);
      const best = bestExploit(m.assets[v]!.vulnerabilities, action.cve);
      const nodeExploit = g.nodeExploit.slice();
      const nodeVulnScore = g.nodeVulnScore.slice();
      const nodeKev = g.nodeKev.slice();
      nodeExploit[v] = best.exploit;
      nodeVulnScore[v] = best.cvss;
      nodeKev[v] = best.kev ? 1 : 0;
      return { view: { ...g, nodeExploit, nodeVulnScore, nodeKev }, drop: [], redo: arcsAround(ctx, v, true, false, false) };
    }
    default:
      return assertNever(action);
  }
}

/**
 * The plant after an action, as an analysis context (model included), without recompiling the
 * model: only the arcs the action touches go through the rules again. Its risk equals that of
 * buildContext(applyAction()). After a removal its plant graph still holds the removed record's
 * arcs (without attack edges): query it, but compile the model again before deriving further.
 */
export function contextAfter(ctx: PlantContext, action: RemediationAction): PlantContext {
  const { view, drop, redo } = changeOf(ctx, action);
  const dropMask = new Uint8Array(view.edgeCount);
  const redoMask = new Uint8Array(view.edgeCount);
  for (const a of drop) dropMask[a] = 1;
  for (const a of redo) redoMask[a] = 1;
  return { ...ctx, model: applyAction(ctx.model, action), graph: view, attack: rederiveAttackGraph(view, ctx.attack, dropMask, redoMask) };
}

/**
 * Plant risk after an action, fast: the attack graph is not rebuilt. Actions only lower or remove
 * edges and never open a new direction between two assets, so each touched arc's edges get the
 * new best likelihood per direction (one edge keeps it, the others are closed) and the most likely
 * paths are searched again with those weights.
 */
export function riskAfter(ctx: PlantContext, action: RemediationAction): number {
  const { view, drop, redo } = changeOf(ctx, action);
  const ag = ctx.attack;
  const { arcEdgeOffsets, arcEdges } = recordIndexOf(ctx);
  const weight = ag.weight.slice();
  for (const a of drop) for (let k = arcEdgeOffsets[a]!; k < arcEdgeOffsets[a + 1]!; k++) weight[arcEdges[k]!] = Infinity;
  for (const a of redo) {
    const s = view.edgeSource[a]!;
    let forward = 0;
    let backward = 0;
    evaluateArc(view, a, (_rule, from, _to, likelihood) => {
      if (from === s) forward = Math.max(forward, likelihood);
      else backward = Math.max(backward, likelihood);
    });
    let keptForward = false;
    let keptBackward = false;
    for (let k = arcEdgeOffsets[a]!; k < arcEdgeOffsets[a + 1]!; k++) {
      const e = arcEdges[k]!;
      const isForward = ag.edgeSource[e] === s;
      const best = isForward ? forward : backward;
      const kept = isForward ? keptForward : keptBackward;
      weight[e] = !kept && best > 0 ? -Math.log(best) : Infinity;
      if (isForward) keptForward ||= best > 0;
      else keptBackward ||= best > 0;
    }
  }
  const tree = shortestTree(ag, ctx.entries, { weight, stopWhenSettled: ctx.jewels });
  let total = 0;
  ctx.model.crownJewels.forEach((j, i) => {
    const d = tree.dist[ctx.jewels[i]!]!;
    if (d !== Infinity) total += Math.exp(-d) * jewelImpact(ctx.model, j).money;
  });
  return total;
}

export interface PlanStep {
  readonly action: RemediationAction;
  readonly description: string;
  readonly riskBefore: number;
  readonly riskAfter: number;
  readonly riskRemoved: number;
  readonly cumulativeCost: number;
}

export interface RemediationPlan {
  readonly baselineRisk: number;
  readonly finalRisk: number;
  readonly budget: number | null;
  readonly steps: readonly PlanStep[];
  /** (cumulative cost, plant risk) after 0, 1, 2, … steps. */
  readonly curve: readonly { cost: number; risk: number }[];
  readonly candidatesConsidered: number;
  /** Constraints honoured, said plainly. */
  readonly notes: readonly string[];
}

export interface PlanOptions {
  readonly budget?: number;
  readonly maxSteps?: number;
  readonly onProgress?: (step: number, of: number) => void;
}

/** Greedy plan: at each step the affordable action with the most risk removed per cost. */
export function remediationPlan(model: PlantModel, options: PlanOptions = {}): RemediationPlan {
  const maxSteps = options.maxSteps ?? 10;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > MAX_PLAN_STEPS) {
    throw new AnalysisError('BAD_PARAMETER', `remediationPlan: maxSteps must be an integer in 1..${MAX_PLAN_STEPS}, got ${maxSteps}`);
  }
  const budget = options.budget;
  if (budget !== undefined && !(budget >= 0)) throw new AnalysisError('BAD_PARAMETER', `remediationPlan: budget must be ≥ 0, got ${budget}`);
  let current = model;
  let ctx = buildContext(current);
  const baselineRisk = riskReport(ctx).total;
  let risk = baselineRisk;
  let spent = 0;
  const steps: PlanStep[] = [];
  const curve = [{ cost: 0, risk }];
  let considered = 0;
  const skippedUnpatchable = model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length;
  for (let step = 0; step < maxSteps; step++) {
    options.onProgress?.(step, maxSteps);
    const candidates = actionsOnBestPaths(ctx, candidateActions(ctx)).slice(0, MAX_CANDIDATES);
    considered = Math.max(considered, candidates.length);
    let best: { action: RemediationAction; score: number } | undefined;
    for (const action of candidates) {
      if (budget !== undefined && spent + action.cost > budget) continue;
      const r = riskAfter(ctx, action);
      const removed = risk - r;
      if (removed <= 1e-6 * Math.max(1, risk)) continue;
      const score = removed / action.cost;
      if (!best || score > best.score * (1 + 1e-12)) best = { action, score };
    }
    if (!best) break;
    spent += best.action.cost;
    const description = describeAction(best.action, current);
    // Actions that only re-weigh arcs keep record positions: patch the context in place. Removals
    // shift the positions of the model's records, so the plant is compiled again.
    const removes = best.action.kind === 'remove-connection' || best.action.kind === 'remove-trust' || best.action.kind === 'isolate-media';
    ctx = removes ? buildContext(applyAction(current, best.action)) : contextAfter(ctx, best.action);
    current = ctx.model;
    const after = riskReport(ctx).total;
    steps.push({ action: best.action, description, riskBefore: risk, riskAfter: after, riskRemoved: risk - after, cumulativeCost: spent });
    risk = after;
    curve.push({ cost: spent, risk });
  }
  const notes = [
    `${skippedUnpatchable} asset(s) marked patchable: false: their CVEs are never proposed for patching.`,
    `${model.connections.filter((c) => c.required).length} connection(s) marked required: never proposed for removal.`,
    'Maintenance windows are not modeled yet; every action is assumed possible now.',
  ];
  return { baselineRisk, finalRisk: risk, budget: budget ?? null, steps, curve, candidatesConsidered: considered, notes };
}
