// Exhaustive references and tiny random plants for property tests: exact compromise probabilities
// by enumerating every outcome of every attack edge, containment and vertex cuts by enumerating
// every subset, reachability as bit masks. Deliberately naive; only the graphs are kept tiny.
import type { AttackGraph } from '../../src/analysis/attack-graph';
import { buildContext, type PlantContext } from '../../src/analysis/context';
import { createRng } from '../../src/model/prng';
import { CONTROL_KINDS, type Asset, type Connection, type PlantModel } from '../../src/model/schema';
import { randomPlant } from './random';

/** Node set as a bit mask (graphs here have far fewer than 31 nodes). */
export type NodeMask = number;

/**
 * Nodes reachable from `sources` using only the edges for which `alive(e)` holds and avoiding the
 * nodes in `removed`. Fixpoint over the edge list: no CSR, no queue, nothing shared with src/.
 */
export function reachMask(ag: AttackGraph, sources: readonly number[], alive: (e: number) => boolean = () => true, removed: NodeMask = 0): NodeMask {
  let seen = 0;
  for (const s of sources) if (!(removed & (1 << s))) seen |= 1 << s;
  for (let changed = true; changed; ) {
    changed = false;
    for (let e = 0; e < ag.edgeCount; e++) {
      const u = ag.edgeSource[e]!;
      const v = ag.edgeTarget[e]!;
      if (seen & (1 << u) && !(seen & (1 << v)) && !(removed & (1 << v)) && alive(e)) {
        seen |= 1 << v;
        changed = true;
      }
    }
  }
  return seen;
}

/**
 * Exact probability that each jewel is reached from the entries when every attack edge succeeds
 * independently with its likelihood: the sum over all 2^m edge outcomes of P(outcome) × [reached].
 */
export function exactJewelProbabilities(ag: AttackGraph, entries: readonly number[], jewels: readonly number[]): number[] {
  const m = ag.edgeCount;
  if (m > 20) throw new RangeError(`exactJewelProbabilities: ${m} edges is too many to enumerate`);
  const out = new Array<number>(jewels.length).fill(0);
  for (let outcome = 0; outcome < 1 << m; outcome++) {
    let p = 1;
    for (let e = 0; e < m; e++) p *= outcome & (1 << e) ? ag.likelihood[e]! : 1 - ag.likelihood[e]!;
    if (p === 0) continue;
    const reached = reachMask(ag, entries, (e) => (outcome & (1 << e)) !== 0);
    jewels.forEach((j, i) => {
      if (reached & (1 << j)) out[i]! += p;
    });
  }
  return out;
}

/** Drops records (media, then trust, then connections, last first) until the attack graph has at most maxEdges edges. */
export function shrinkToEdges(model: PlantModel, maxEdges: number): PlantModel {
  const m: PlantModel = { ...model, connections: [...model.connections], trust: [...(model.trust ?? [])], media: [...(model.media ?? [])] };
  while (buildContext(m).attack.edgeCount > maxEdges) {
    if (m.media!.length) m.media!.pop();
    else if (m.trust!.length) m.trust!.pop();
    else m.connections.pop();
  }
  return m;
}

/** Tiny plant for the Monte Carlo test: 3–5 assets, one or two entries and jewels, at most maxEdges attack edges. */
export function monteCarloPlant(seed: number, maxEdges = 14): PlantModel {
  const rng = createRng(seed ^ 0x5bd1e995);
  const base = randomPlant(seed, 5);
  if (base.assets.length < 3) {
    // randomPlant draws 2..5 assets; add a third, joined to the last by an RDP connection.
    const i = base.assets.length;
    base.assets.push({ id: `a${i}`, name: `Asset ${i}`, kind: 'workstation', zone: base.zones[0]!.id });
    base.connections.push({ id: `c${base.connections.length}`, from: `a${i - 1}`, to: `a${i}`, protocol: 'rdp', direction: 'one-way' });
  }
  const n = base.assets.length;
  base.entryPoints = [{ asset: 'a0' }, ...(rng.chance(0.4) ? [{ asset: 'a1' }] : [])];
  base.crownJewels = [{ asset: `a${n - 1}`, impact: {} }, ...(n > 3 && rng.chance(0.5) ? [{ asset: `a${n - 2}`, impact: {} }] : [])];
  return shrinkToEdges(base, maxEdges);
}

// ---------------------------------------------------------------------------------------------
// Containment

/** The model record an attack edge comes from: kind 0 network, 1 trust, 2 media; index in its list. */
export function edgeRecord(ctx: PlantContext, e: number): { kind: number; index: number } {
  const arc = ctx.attack.origin[e]!;
  return { kind: ctx.graph.edgeKind[arc]!, index: ctx.graph.edgeRef[arc]! };
}

export const RECORD_KINDS = ['connections', 'trust', 'media'] as const;

/** One thing containment may isolate: an asset, or a model record (by kind and index). */
export type Isolable = { readonly asset: number } | { readonly kind: number; readonly index: number };

/** True when no crown jewel stays reachable from x once the assets and every edge of the records are removed. */
export function isolates(ctx: PlantContext, x: number, assets: ReadonlySet<number>, records: ReadonlySet<string>): boolean {
  let removed = 0;
  for (const v of assets) removed |= 1 << v;
  const reached = reachMask(ctx.attack, [x], (e) => {
    const r = edgeRecord(ctx, e);
    return !records.has(`${r.kind}:${r.index}`);
  }, removed);
  return ctx.jewels.every((j) => !(reached & (1 << j)));
}

/**
 * Cheapest isolation of compromised x by enumerating every subset of (non-jewel assets other than
 * x) ∪ (every connection, trust and media record); Infinity when none isolates.
 */
export function bruteContainment(ctx: PlantContext, x: number, assetCost: (v: number) => number, recordCost: readonly number[]): { cost: number; subsets: number } {
  const ag = ctx.attack;
  const m = ctx.model;
  const items: { cost: number; asset?: number; record?: string }[] = [];
  for (let v = 0; v < ag.nodeCount; v++) if (v !== x && !ctx.jewels.includes(v)) items.push({ cost: assetCost(v), asset: v });
  const lists = [m.connections, m.trust ?? [], m.media ?? []];
  lists.forEach((list, k) => list.forEach((_, i) => items.push({ cost: recordCost[k]!, record: `${k}:${i}` })));
  if (items.length > 16) throw new RangeError(`bruteContainment: ${items.length} items is too many to enumerate`);
  // Per edge, the items whose removal kills it: its source, its target, its record.
  const killers = new Int32Array(ag.edgeCount);
  for (let e = 0; e < ag.edgeCount; e++) {
    const r = edgeRecord(ctx, e);
    items.forEach((it, i) => {
      if (it.asset === ag.edgeSource[e] || it.asset === ag.edgeTarget[e] || it.record === `${r.kind}:${r.index}`) killers[e]! |= 1 << i;
    });
  }
  let jewelMask = 0;
  for (const j of ctx.jewels) jewelMask |= 1 << j;
  let best = Infinity;
  for (let subset = 0; subset < 1 << items.length; subset++) {
    let cost = 0;
    for (let i = 0; i < items.length; i++) if (subset & (1 << i)) cost += items[i]!.cost;
    if (cost >= best) continue;
    if (!(reachMask(ag, [x], (e) => (killers[e]! & subset) === 0) & jewelMask)) best = cost;
  }
  return { cost: best, subsets: 1 << items.length };
}

/** Tiny plant for containment: ≤ 6 assets, ≤ 5 connections, ≤ 2 trust, ≤ 2 media, mixed hardening costs. */
export function containmentPlant(seed: number): PlantModel {
  const rng = createRng(seed ^ 0x27d4eb2f);
  const m = randomPlant(seed, 6);
  const n = m.assets.length;
  m.connections = m.connections.slice(0, 5);
  m.trust = (m.trust ?? []).slice(0, 2);
  m.media = (m.media ?? []).slice(0, 2);
  const costs = [0, 200, 500, 700, 1000, 1200, 1500, 2000, 3000];
  for (const a of m.assets) {
    const pick = rng.int(costs.length + 2);
    if (pick < costs.length) a.hardeningCost = costs[pick]!;
    else delete a.hardeningCost; // DEFAULT_HARDENING_COST
  }
  m.crownJewels = [{ asset: `a${n - 1}`, impact: {} }, ...(n > 3 && rng.chance(0.5) ? [{ asset: `a${n - 2}`, impact: {} }] : [])];
  return m;
}

// ---------------------------------------------------------------------------------------------
// Remediation

/**
 * Random plant with everything remediation looks at: CVEs (scored, unscored, KEV, already patched),
 * patchable: false assets, controls, required and explicitly unauthenticated connections, firewalls
 * and data diodes as `via`, external zones, every trust and media kind, priced crown jewels.
 */
export function remediationPlant(seed: number, maxAssets = 8): PlantModel {
  const rng = createRng(seed ^ 0x165667b1);
  const m = randomPlant(seed, maxAssets);
  const n = m.assets.length;
  if (rng.chance(0.6)) m.zones[0] = { ...m.zones[0]!, purdueLevel: 5 };
  let cve = 1000 + rng.int(1000);
  const vuln = () => ({
    cve: `CVE-20${10 + rng.int(15)}-${cve++}`,
    ...(rng.chance(0.8) ? { cvss: Math.round(rng.next() * 100) / 10 } : {}),
    ...(rng.chance(0.3) ? { kev: true } : {}),
    ...(rng.chance(0.15) ? { patched: true } : {}),
  });
  const kinds: Asset['kind'][] = ['ews', 'hmi', 'plc', 'jump-host', 'workstation', 'email', 'laptop', 'scada-server', 'sis', 'historian', 'internet', 'domain-controller'];
  m.assets = m.assets.map((a, i) => {
    const b: Asset = { ...a };
    if (rng.chance(0.5)) b.kind = rng.pick(kinds);
    if (rng.chance(0.5)) b.vulnerabilities = Array.from({ length: 1 + rng.int(2) }, vuln);
    if (rng.chance(0.3)) b.patchable = false;
    if (rng.chance(0.3)) b.controls = [...new Set(Array.from({ length: 1 + rng.int(3) }, () => rng.pick(CONTROL_KINDS)))];
    if (i > 0 && i < n - 1 && rng.chance(0.25)) b.kind = rng.chance(0.8) ? 'firewall' : 'data-diode';
    return b;
  });
  const gateways = m.assets.filter((a) => a.kind === 'firewall' || a.kind === 'data-diode').map((a) => a.id);
  const protocols = ['modbus-tcp', 's7comm', 'rdp', 'ssh', 'https', 'http', 'smtp', 'tls-vpn', 'vendor-remote', 'opc-ua', 'smb', 'dnp3', 'profinet', 'other'] as const;
  m.connections = m.connections.map((c): Connection => {
    const d: Connection = { ...c };
    if (rng.chance(0.5)) d.protocol = rng.pick(protocols);
    if (rng.chance(0.2)) d.required = true;
    if (d.authenticated === undefined && rng.chance(0.2)) d.authenticated = false;
    if (gateways.length && rng.chance(0.4)) d.via = rng.pick(gateways);
    return d;
  });
  m.trust = (m.trust ?? []).map((t) => ({ ...t, kind: rng.pick(['shared-credentials', 'domain-trust', 'domain-membership'] as const) }));
  m.media = (m.media ?? []).map((x) => ({ ...x, kind: rng.pick(['removable-media', 'transient-laptop'] as const) }));
  m.entryPoints = [{ asset: 'a0' }, ...(n > 3 && rng.chance(0.4) ? [{ asset: 'a1' }] : [])];
  m.crownJewels = [
    { asset: `a${n - 1}`, impact: { downtimeCostPerHour: 1000 + rng.int(9000) } },
    ...(n > 4 && rng.chance(0.5) ? [{ asset: `a${n - 2}`, impact: { safety: 'injury' as const, dataLoss: 'confidential' as const } }] : []),
  ];
  return m;
}

/** Attack edges as a sorted multiset of "source target rule likelihood" (record indices left out). */
export function edgeMultiset(ag: AttackGraph): string[] {
  const out: string[] = [];
  for (let e = 0; e < ag.edgeCount; e++) out.push(`${ag.edgeSource[e]} ${ag.edgeTarget[e]} ${ag.rule[e]} ${ag.likelihood[e]}`);
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// Vertex cuts

/** Plant for the min-cut tests: like the existing properties' plant, up to three jewels, and now and then an entry that is also a jewel. */
export function cutPlant(seed: number, maxAssets = 8, costOf?: (rng: ReturnType<typeof createRng>) => number): PlantModel {
  const rng = createRng(seed ^ 0x3c6ef372);
  const m = randomPlant(seed, maxAssets);
  const n = m.assets.length;
  m.entryPoints = [{ asset: 'a0' }, ...(n > 4 && rng.chance(0.5) ? [{ asset: 'a1' }] : [])];
  m.crownJewels = [
    { asset: `a${n - 1}`, impact: {} },
    ...(n > 5 && rng.chance(0.6) ? [{ asset: `a${n - 2}`, impact: {} }] : []),
    ...(n > 3 && rng.chance(0.5) ? [{ asset: `a${n - 3}`, impact: {} }] : []),
    ...(rng.chance(0.15) ? [{ asset: 'a0', impact: {} }] : []), // an entry point that is itself a crown jewel
  ];
  for (const a of m.assets) a.hardeningCost = costOf ? costOf(rng) : 1 + rng.int(12);
  return m;
}

/** Cheapest subset of `free` nodes meeting `cuts`, by enumerating every subset; Infinity when none does. */
export function cheapestSubset(free: readonly number[], cost: (v: number) => number, cuts: (removed: NodeMask) => boolean): number {
  if (free.length > 16) throw new RangeError('cheapestSubset: too many nodes to enumerate');
  let best = Infinity;
  for (let s = 0; s < 1 << free.length; s++) {
    let removed = 0;
    let c = 0;
    free.forEach((v, i) => {
      if (s & (1 << i)) {
        removed |= 1 << v;
        c += cost(v);
      }
    });
    if (c < best && cuts(removed)) best = c;
  }
  return best;
}
