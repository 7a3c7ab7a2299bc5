// Plants in Neo4j through neo4j-driver: connect, push (versioned, batched, atomic flip), pull
// (through the one parser), list, delete. Runs in the browser (Bolt over WebSocket) and in Node
// (Bolt over TCP): no DOM and no Node modules here.
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { buildContext } from '../../analysis/context';
import { formatError, type ModelError } from '../../model/errors';
import { validateModel } from '../../model/parse';
import type { PlantModel } from '../../model/schema';
import { attackRows, BATCH_ROWS, CYPHER, modelToRows, rowsToModel, SCHEMA_STATEMENTS, VERSIONED_LABELS, type PulledRows, type Row } from './mapping';

export interface Neo4jTarget {
  /** bolt://host:port, neo4j://…, or their +s/+ssc variants. */
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** Database name; the server's default database when absent. */
  readonly database?: string | undefined;
}

export type Neo4jErrorKind = 'unreachable' | 'unauthorized' | 'no-database' | 'not-found' | 'invalid-model' | 'server';

/** A failure a user can act on: what went wrong, in words, plus the server's code when there is one. */
export class Neo4jStoreError extends Error {
  constructor(
    readonly kind: Neo4jErrorKind,
    message: string,
    readonly code?: string,
    readonly modelErrors?: readonly ModelError[],
  ) {
    super(message);
    this.name = 'Neo4jStoreError';
  }
}

export interface Progress {
  readonly phase: string;
  readonly done: number;
  /** Rows in all; 0 when not known in advance (pull). */
  readonly total: number;
}
export type OnProgress = (p: Progress) => void;

/** Opens a driver and checks the server answers with these credentials and database. */
export async function connect(t: Neo4jTarget): Promise<Driver> {
  let driver: Driver;
  try {
    driver = neo4j.driver(t.uri, neo4j.auth.basic(t.user, t.password), {
      disableLosslessIntegers: true,
      connectionTimeout: 10_000,
      maxConnectionPoolSize: 4,
      logging: { level: 'error', logger: () => undefined },
    });
  } catch (e) {
    throw new Neo4jStoreError('unreachable', `bad Neo4j URI ${JSON.stringify(t.uri)}: ${(e as Error).message}`);
  }
  try {
    await driver.verifyConnectivity(t.database ? { database: t.database } : {});
    // verifyConnectivity does not touch the database on every server version: ask it something.
    await withSession(driver, t, (s) => s.run('RETURN 1'));
  } catch (e) {
    await driver.close();
    throw describe(e, t);
  }
  return driver;
}

/** Translates driver errors into the three a user meets most, keeping the server's code. */
export function describe(e: unknown, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>): Neo4jStoreError {
  if (e instanceof Neo4jStoreError) return e;
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  const msg = err.message ?? String(e);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new Neo4jStoreError('unauthorized', `Neo4j at ${t.uri} refused user ${JSON.stringify(t.user)}: wrong user name or password (${code})`, code);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new Neo4jStoreError('no-database', `Neo4j at ${t.uri} has no database ${JSON.stringify(t.database ?? '(default)')} (${code})`, code);
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ENOTFOUND|WebSocket|Failed to connect/i.test(msg)) {
    return new Neo4jStoreError('unreachable', `cannot reach Neo4j at ${t.uri}: is the server running and listening there? (${msg.split('\n')[0]!.split('. ')[0]!.slice(0, 200)})`, code || undefined);
  }
  return new Neo4jStoreError('server', `Neo4j at ${t.uri}: ${msg}`, code || undefined);
}

async function withSession<T>(driver: Driver, t: Pick<Neo4jTarget, 'database'>, f: (s: Session) => Promise<T>, mode: 'READ' | 'WRITE' = 'WRITE'): Promise<T> {
  const session = driver.session({ ...(t.database ? { database: t.database } : {}), defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  try {
    return await f(session);
  } finally {
    await session.close();
  }
}

export interface PushResult {
  readonly plant: string;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly nodes: number;
  readonly relationships: number;
  readonly attackEdges: number;
  readonly ms: number;
}

function newVersion(): string {
  const rnd = typeof crypto !== 'undefined' && 'getRandomValues' in crypto ? Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('') : Math.random().toString(16).slice(2, 14);
  return `${Date.now().toString(36)}-${rnd}`;
}

/**
 * Writes the model as a new version of its plant (model.plant.id), batch by batch, then makes it
 * current in one transaction and removes older versions. If anything fails before the flip, the
 * half-written version is removed (best effort) and the previous version stays current.
 */
export async function pushPlant(driver: Driver, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>, model: PlantModel, onProgress?: OnProgress): Promise<PushResult> {
  const t0 = Date.now();
  const plant = model.plant.id;
  const version = newVersion();
  const rows = modelToRows(model);
  // The attack edges stored with the plant come from the same derivation as the app's.
  const { attack, ids } = buildContext(model);

  type Step = { phase: string; cypher: string; rows: Row[] | null; count: number };
  const steps: Step[] = [
    { phase: 'zones', cypher: CYPHER.createNodes('Zone'), rows: rows.zones, count: rows.zones.length },
    { phase: 'conduits', cypher: CYPHER.createNodes('Conduit'), rows: rows.conduits, count: rows.conduits.length },
    { phase: 'assets', cypher: CYPHER.createNodes('Asset'), rows: rows.assets, count: rows.assets.length },
    { phase: 'zone membership', cypher: CYPHER.zoneMembership, rows: null, count: 0 },
    { phase: 'vulnerabilities', cypher: CYPHER.vulnerabilities, rows: rows.vulnerabilities, count: rows.vulnerabilities.length },
    { phase: 'connections', cypher: CYPHER.connections, rows: rows.connections, count: rows.connections.length },
    { phase: 'trust', cypher: CYPHER.trust, rows: rows.trust, count: rows.trust.length },
    { phase: 'media', cypher: CYPHER.createNodes('Media'), rows: rows.media, count: rows.media.length },
    { phase: 'media use', cypher: CYPHER.mediaUses, rows: rows.mediaUses, count: rows.mediaUses.length },
    { phase: 'entry points', cypher: CYPHER.createNodes('EntryPoint'), rows: rows.entryPoints, count: rows.entryPoints.length },
    { phase: 'entry point links', cypher: CYPHER.entryAt, rows: null, count: 0 },
    { phase: 'crown jewels', cypher: CYPHER.createNodes('CrownJewel'), rows: rows.crownJewels, count: rows.crownJewels.length },
    { phase: 'crown jewel links', cypher: CYPHER.jewelAt, rows: null, count: 0 },
    { phase: 'production lines', cypher: CYPHER.createNodes('ProductionLine'), rows: rows.productionLines, count: rows.productionLines.length },
    { phase: 'production line needs', cypher: CYPHER.lineNeeds, rows: rows.lineNeeds, count: rows.lineNeeds.length },
  ];
  const total = steps.reduce((s, x) => s + x.count, 0) + attack.edgeCount;
  let done = 0;
  let nodes = 0;
  let relationships = 0;
  const tally = (c: { nodesCreated: number; relationshipsCreated: number }) => {
    nodes += c.nodesCreated;
    relationships += c.relationshipsCreated;
  };
  let previousVersion: string | null = null;
  try {
    await withSession(driver, t, async (s) => {
      for (const stmt of SCHEMA_STATEMENTS) await s.run(stmt);
      // Leftovers of an earlier push that failed half-way: not current, so safe to remove.
      const current = await s.executeRead((tx) => tx.run(CYPHER.plantVersion, { plant }));
      const keep = current.records[0]?.get('version') as string | undefined;
      await deleteVersions(s, plant, keep ?? null);
      const write = (cypher: string, params: Record<string, unknown>) =>
        s.executeWrite(async (tx: ManagedTransaction) => tally((await tx.run(cypher, { plant, version, ...params })).summary.counters.updates()));
      for (const step of steps) {
        if (step.rows === null) {
          await write(step.cypher, {});
          continue;
        }
        for (let i = 0; i < step.rows.length; i += BATCH_ROWS) {
          const batch = step.rows.slice(i, i + BATCH_ROWS);
          await write(step.cypher, { rows: batch });
          done += batch.length;
          onProgress?.({ phase: step.phase, done, total });
        }
      }
      for (let i = 0; i < attack.edgeCount; i += BATCH_ROWS) {
        const end = Math.min(attack.edgeCount, i + BATCH_ROWS);
        await write(CYPHER.attack, { rows: attackRows(attack, ids, i, end) });
        done += end - i;
        onProgress?.({ phase: 'attack graph', done, total });
      }
      const flip = await s.executeWrite((tx) => tx.run(CYPHER.publish, { plant, version, props: rows.plant }));
      previousVersion = (flip.records[0]?.get('previous') as string | null | undefined) ?? null;
      onProgress?.({ phase: 'removing the previous version', done, total });
      await deleteVersions(s, plant, version);
    });
  } catch (e) {
    // Before the flip, nothing current was touched; remove what this push wrote.
    await withSession(driver, t, (s) => deleteVersionOnly(s, plant, version)).catch(() => undefined);
    throw describe(e, t);
  }
  return { plant, version, previousVersion, nodes, relationships, attackEdges: attack.edgeCount, ms: Date.now() - t0 };
}

/** Deletes every version of the plant except `keep` (all of them when keep is null), in batches. */
/** Deletes, label by label in batches, the nodes a `CYPHER.delete…` statement selects. */
async function deleteInBatches(s: Session, statement: (label: (typeof VERSIONED_LABELS)[number]) => string, params: Record<string, unknown>): Promise<void> {
  for (const label of VERSIONED_LABELS) {
    for (;;) {
      const r = await s.executeWrite((tx) => tx.run(statement(label), { ...params, limit: neo4j.int(BATCH_ROWS) }));
      if ((r.records[0]!.get('deleted') as number) < BATCH_ROWS) break;
    }
  }
}

/** Deletes every version of the plant except `keep` (all of them when keep is null). */
const deleteVersions = (s: Session, plant: string, keep: string | null) => deleteInBatches(s, CYPHER.deleteStale, { plant, keep });

/** Deletes one version: what a failed push wrote. */
const deleteVersionOnly = (s: Session, plant: string, version: string) => deleteInBatches(s, CYPHER.deleteVersion, { plant, version });

export interface PlantListing {
  readonly id: string;
  readonly name: string;
  readonly site: string | null;
  readonly assets: number;
  readonly connections: number;
  readonly pushedAt: number;
}

export async function listPlants(driver: Driver, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>): Promise<PlantListing[]> {
  try {
    return await withSession(driver, t, async (s) => {
      const r = await s.executeRead((tx) => tx.run(CYPHER.listPlants));
      return r.records.map((x) => x.toObject() as unknown as PlantListing);
    }, 'READ');
  } catch (e) {
    throw describe(e, t);
  }
}

/** Removes a plant and all its versions. Returns false when there was no such plant. */
export async function deletePlant(driver: Driver, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>, plant: string): Promise<boolean> {
  try {
    return await withSession(driver, t, async (s) => {
      await deleteVersions(s, plant, null);
      const r = await s.executeWrite((tx) => tx.run(CYPHER.deletePlant, { plant }));
      return (r.records[0]!.get('deleted') as number) > 0;
    });
  } catch (e) {
    throw describe(e, t);
  }
}

/** The current version of a plant, or a not-found error naming the plants that exist. */
export async function currentVersion(s: Session, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>, plant: string): Promise<{ version: string; props: Record<string, unknown> }> {
  const r = await s.executeRead((tx) => tx.run(CYPHER.plantVersion, { plant }));
  const rec = r.records[0];
  if (!rec || typeof rec.get('version') !== 'string') {
    const all = await s.executeRead((tx) => tx.run('MATCH (p:Plant) RETURN p.id AS id ORDER BY id LIMIT 20'));
    const names = all.records.map((x) => JSON.stringify(x.get('id'))).join(', ');
    throw new Neo4jStoreError('not-found', `no plant ${JSON.stringify(plant)} in Neo4j at ${t.uri}${t.database ? ` (database ${t.database})` : ''}; plants there: ${names || 'none'}`);
  }
  return { version: rec.get('version') as string, props: rec.get('props') as Record<string, unknown> };
}

/** Reads the current version of a plant and runs it through the one parser. */
export async function pullPlant(driver: Driver, t: Pick<Neo4jTarget, 'uri' | 'user' | 'database'>, plant: string, onProgress?: OnProgress): Promise<PlantModel> {
  let raw: unknown;
  try {
    raw = await withSession(driver, t, async (s) => {
      const { version, props } = await currentVersion(s, t, plant);
      return s.executeRead(async (tx) => {
        const p = { plant, version };
        let got = 0;
        const collect = async <T>(cypher: string, map: (r: { get(k: string): unknown }) => T, phase: string): Promise<T[]> => {
          const out: T[] = [];
          const result = tx.run(cypher, p);
          for await (const rec of result) {
            out.push(map(rec));
            if (++got % BATCH_ROWS === 0) onProgress?.({ phase, done: got, total: 0 });
          }
          return out;
        };
        const props1 = (r: { get(k: string): unknown }) => r.get('p') as Record<string, unknown>;
        const rows: PulledRows = {
          plant: props,
          zones: await collect(CYPHER.pull('Zone'), props1, 'zones'),
          conduits: await collect(CYPHER.pull('Conduit'), props1, 'conduits'),
          assets: await collect(CYPHER.pull('Asset'), props1, 'assets'),
          vulnerabilities: await collect(CYPHER.pullVulnerabilities, (r) => ({ asset: r.get('asset') as string, cve: r.get('cve') as string, p: props1(r) }), 'vulnerabilities'),
          connections: await collect(CYPHER.pullConnections, props1, 'connections'),
          trust: await collect(CYPHER.pullTrust, props1, 'trust'),
          media: await collect(CYPHER.pull('Media'), props1, 'media'),
          mediaUses: await collect(CYPHER.pullMediaUses, (r) => ({ media: r.get('media') as string, rel: r.get('rel') as string, asset: r.get('asset') as string, ord: r.get('ord') as number }), 'media'),
          entryPoints: await collect(CYPHER.pull('EntryPoint'), props1, 'entry points'),
          crownJewels: await collect(CYPHER.pull('CrownJewel'), props1, 'crown jewels'),
          productionLines: await collect(CYPHER.pull('ProductionLine'), props1, 'production lines'),
          lineNeeds: await collect(CYPHER.pullLineNeeds, (r) => ({ line: r.get('line') as string, asset: r.get('asset') as string, p: props1(r) }), 'production lines'),
        };
        return rowsToModel(rows);
      });
    }, 'READ');
  } catch (e) {
    throw describe(e, t);
  }
  const checked = validateModel(raw);
  if (checked.kind === 'invalid') {
    const first = checked.errors.slice(0, 5).map(formatError).join('; ');
    throw new Neo4jStoreError('invalid-model', `plant ${JSON.stringify(plant)} in Neo4j is not a valid model: ${first}${checked.errors.length > 5 ? ` (and ${checked.errors.length - 5} more)` : ''}`, undefined, checked.errors);
  }
  return checked.model;
}
