// Push-down analysis for plants too large to load: the server walks the materialized attack
// graph (`:ATTACK` relationships written at push time by the app's own rules), the client holds
// one number per reached asset. Stock Cypher on Neo4j 5.26 Community — no plugin needed.
//
// - Reach and hops: breadth-first by rounds; each round the server expands the previous layer
//   over `:ATTACK` and returns the neighbours (one query per layer and 10k frontier assets).
//   (A single `SHORTEST 1 (s)-[:ATTACK]->*(t)` query to every asset took 146 s on a 600-asset
//   plant in Neo4j 5.26: the planner searches per target.)
// - Likelihood (most likely path, a max-product path): Bellman–Ford by rounds. Each round the
//   server expands the assets improved in the previous round over their `:ATTACK` edges and
//   returns the best candidate per neighbour; the client keeps the improvements. At most one
//   round per asset; on the sample plants 6–9 rounds.
// The products are formed in the same order as the local engine's tree products (parent × edge),
// so equal paths give equal numbers.
import type { Driver } from 'neo4j-driver';
import { reachedColumns, type BlastResult } from '../../analysis/blast';
import { impactOfLoss } from '../../analysis/impact';
import type { PlantModel } from '../../model/schema';
import { BATCH_ROWS, CYPHER, rowsToModel } from './mapping';
import { currentVersion, describe, Neo4jStoreError, watched, withSession, type Target, type TxSession } from './store';

const EXPAND = `
UNWIND $frontier AS id
MATCH (u:Asset {plantId: $plant, version: $version, id: id})-[:ATTACK]->(w:Asset)
RETURN DISTINCT w.id AS id`;

const RELAX = `
UNWIND $frontier AS f
MATCH (u:Asset {plantId: $plant, version: $version, id: f.id})-[r:ATTACK]->(w:Asset)
WITH w.id AS id, f.l * r.likelihood AS l, f.id AS from, r
ORDER BY l DESC
WITH id, collect({l: l, from: from, edge: r.likelihood, technique: r.technique, rule: r.rule, provenance: r.provenance})[0] AS best
RETURN id, best`;

const EXISTING = `
UNWIND $ids AS id
OPTIONAL MATCH (a:Asset {plantId: $plant, version: $version, id: id})
RETURN id, a IS NOT NULL AS found, a.name AS name`;

export interface PushDownStep {
  readonly from: string;
  readonly to: string;
  readonly likelihood: number;
  readonly technique: string;
  readonly rule: string;
  readonly provenance: string;
}

interface Best {
  l: number;
  from: string | null;
  edge: number;
  technique: string;
  rule: string;
  provenance: string;
}

export interface PushDownStats {
  /** Cypher statements sent. */
  readonly queries: number;
  /** Relaxation rounds. */
  readonly rounds: number;
  readonly ms: number;
}

/** A read session under the store's watch: a server that stops answering fails the question within 30 s. */
async function session<T>(driver: Driver, t: Target, f: (s: TxSession) => Promise<T>): Promise<T> {
  try {
    return await watched(driver, t, (w) => withSession(driver, w, t, f, 'READ'));
  } catch (e) {
    throw describe(e, t);
  }
}

async function checkAssets(s: TxSession, p: { plant: string; version: string }, ids: readonly string[]): Promise<void> {
  const r = await s.executeRead((tx) => tx.run(EXISTING, { ...p, ids }));
  const missing = r.records.filter((x) => !x.get('found')).map((x) => JSON.stringify(x.get('id')));
  if (missing.length) throw new Neo4jStoreError('not-found', `unknown asset ${missing.join(', ')} in plant ${JSON.stringify(p.plant)}`);
}

/** Hops from the nearest source to every reachable asset: BFS, one query per layer. */
async function layers(s: TxSession, p: { plant: string; version: string }, from: readonly string[]): Promise<{ hops: Map<string, number>; queries: number }> {
  const hops = new Map<string, number>();
  for (const id of from) hops.set(id, 0);
  let frontier = [...hops.keys()];
  let queries = 0;
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += BATCH_ROWS) {
      const r = await s.executeRead((tx) => tx.run(EXPAND, { ...p, frontier: frontier.slice(i, i + BATCH_ROWS) }));
      queries++;
      for (const rec of r.records) {
        const id = rec.get('id') as string;
        if (!hops.has(id)) {
          hops.set(id, depth);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  return { hops, queries };
}

/** Max-product likelihood from the sources to every reachable asset, with the best parent. */
async function relax(s: TxSession, p: { plant: string; version: string }, from: readonly string[]): Promise<{ best: Map<string, Best>; queries: number; rounds: number }> {
  const best = new Map<string, Best>();
  for (const id of from) best.set(id, { l: 1, from: null, edge: 1, technique: '', rule: '', provenance: '' });
  let frontier = [...new Set(from)];
  let queries = 0;
  let rounds = 0;
  // Bellman–Ford: a best path has fewer than n edges, so n rounds settle every asset.
  while (frontier.length > 0) {
    if (++rounds > best.size + 1 && rounds > 2) {
      // Cannot happen with likelihoods in (0, 1]: a round improves some asset's best path, and
      // best paths are simple. Guard anyway rather than loop.
      throw new Neo4jStoreError('server', `likelihood search did not settle after ${rounds} rounds`);
    }
    const improved = new Set<string>();
    for (let i = 0; i < frontier.length; i += BATCH_ROWS) {
      const batch = frontier.slice(i, i + BATCH_ROWS).map((id) => ({ id, l: best.get(id)!.l }));
      const r = await s.executeRead((tx) => tx.run(RELAX, { ...p, frontier: batch }));
      queries++;
      for (const rec of r.records) {
        const id = rec.get('id') as string;
        const cand = rec.get('best') as Best;
        const cur = best.get(id);
        if (cur === undefined || cand.l > cur.l) {
          improved.add(id);
          best.set(id, cand);
        }
      }
    }
    frontier = [...improved];
  }
  return { best, queries, rounds };
}

export interface PushDownBlast extends BlastResult {
  readonly stats: PushDownStats;
}

/** Blast radius computed on the server: reach, hops, likelihood and business impact. */
export async function blastPushDown(driver: Driver, t: Target, plant: string, from: readonly string[]): Promise<PushDownBlast> {
  const t0 = Date.now();
  return session(driver, t, async (s) => {
    const { version, props } = await currentVersion(s, t, plant);
    const p = { plant, version };
    await checkAssets(s, p, from);
    const { hops, queries: bfsQueries } = await layers(s, p, from);
    const { best, queries, rounds } = await relax(s, p, from);
    const rows = [...hops].map(([id, h]) => ({ id, likelihood: best.get(id)?.l ?? NaN, hops: h }));
    rows.sort((a, b) => b.likelihood - a.likelihood || a.hops - b.hops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const reached = reachedColumns(rows); // the shape blastRadius returns, so the two compare
    const impactModel = await impactInputs(s, p, props);
    const impact = impactOfLoss(impactModel, (id) => hops.has(id));
    return { from: [...from], reached, impact, stats: { queries: bfsQueries + queries + 4, rounds, ms: Date.now() - t0 } };
  });
}

/** The crown jewels and production lines of the current version: all the impact roll-up needs. */
async function impactInputs(s: TxSession, p: { plant: string; version: string }, plantProps: Record<string, unknown>): Promise<Pick<PlantModel, 'crownJewels' | 'productionLines'>> {
  const rows = async (cypher: string) => (await s.executeRead((tx) => tx.run(cypher, p))).records;
  const jewels = (await rows(CYPHER.pull('CrownJewel'))).map((r) => r.get('p') as Record<string, unknown>);
  const lines = (await rows(CYPHER.pull('ProductionLine'))).map((r) => r.get('p') as Record<string, unknown>);
  const needs = (await rows(CYPHER.pullLineNeeds)).map((r) => ({ line: r.get('line') as string, asset: r.get('asset') as string, p: r.get('p') as Record<string, unknown> }));
  const m = rowsToModel({
    plant: plantProps, zones: [], conduits: [], assets: [], vulnerabilities: [], connections: [], trust: [], media: [], mediaUses: [],
    entryPoints: [], crownJewels: jewels, productionLines: lines, lineNeeds: needs,
  }) as PlantModel;
  return { crownJewels: m.crownJewels, productionLines: m.productionLines };
}

export interface PushDownPath {
  readonly from: string;
  readonly to: string;
  /** Product of the step likelihoods; 0 with no steps when the target is unreachable. */
  readonly likelihood: number;
  readonly steps: readonly PushDownStep[];
}

/** The most likely attack path from each source to each target, computed on the server. */
export async function pathsPushDown(driver: Driver, t: Target, plant: string, from: readonly string[], to: readonly string[]): Promise<{ paths: PushDownPath[]; stats: PushDownStats }> {
  const t0 = Date.now();
  return session(driver, t, async (s) => {
    const { version } = await currentVersion(s, t, plant);
    const p = { plant, version };
    await checkAssets(s, p, [...from, ...to]);
    const paths: PushDownPath[] = [];
    let queries = 1;
    let rounds = 0;
    for (const source of from) {
      const r = await relax(s, p, [source]);
      queries += r.queries;
      rounds += r.rounds;
      for (const target of to) {
        if (target === source) continue;
        const end = r.best.get(target);
        if (end === undefined) {
          paths.push({ from: source, to: target, likelihood: 0, steps: [] });
          continue;
        }
        const steps: PushDownStep[] = [];
        let at = target;
        // The parent chain is a tree (every parent was settled with a strictly better value).
        for (let guard = 0; at !== source; guard++) {
          if (guard > r.best.size) throw new Neo4jStoreError('server', 'parent chain of the likelihood search does not end at the source');
          const b = r.best.get(at)!;
          steps.push({ from: b.from!, to: at, likelihood: b.edge, technique: b.technique, rule: b.rule, provenance: b.provenance });
          at = b.from!;
        }
        steps.reverse();
        let l = 1;
        for (const x of steps) l *= x.likelihood;
        paths.push({ from: source, to: target, likelihood: l, steps });
      }
    }
    return { paths, stats: { queries, rounds, ms: Date.now() - t0 } };
  });
}
