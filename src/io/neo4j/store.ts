// Plants in Neo4j through neo4j-driver: connect, push (versioned, batched, atomic flip), pull
// (through the one parser), list, delete. Runs in the browser (Bolt over WebSocket) and in Node
// (Bolt over TCP): no DOM and no Node modules here.
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { buildContext } from '../../analysis/context';
import { formatError, type ModelError } from '../../model/errors';
import { validateModel } from '../../model/parse';
import type { PlantModel } from '../../model/schema';
import { attackRows, BATCH_ROWS, CYPHER, modelToRows, rowsToModel, SCHEMA_STATEMENTS, VERSIONED_LABELS, type LeaseState, type PulledRows, type Row } from './mapping';

export interface Neo4jTarget {
  /** bolt://host:port, neo4j://…, or their +s/+ssc variants. */
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** Database name; the server's default database when absent. */
  readonly database?: string | undefined;
  /** How long to wait for what (defaults: TIMEOUTS). */
  readonly timeouts?: Partial<Neo4jTimeouts> | undefined;
}

/** What the store functions need of a target once a driver is open. */
export type Target = Pick<Neo4jTarget, 'uri' | 'user' | 'database' | 'timeouts'>;

/**
 * Every wait is bounded. A server that dies answers nothing more, and one that hangs (or a network
 * path that drops) answers nothing either, while a busy server can take minutes over one batch of
 * a large plant: so TwinPath does not time out the work itself, it asks the server for a sign of
 * life on a second connection every `probeEveryMs` while an operation runs, and gives up when a
 * probe fails or goes unanswered for `probeTimeoutMs`. From a dead or silent server to the error:
 * at most probeEveryMs + probeTimeoutMs + cleanupMs (20 s with these defaults; measured 4 s for a
 * killed server, 18 s for a silent one).
 */
export interface Neo4jTimeouts {
  /** TCP connect (driver `connectionTimeout`). */
  readonly connectMs: number;
  /** Getting a connection from the pool, handshake and login included (driver `connectionAcquisitionTimeout`); also bounds `connect`. */
  readonly acquireMs: number;
  /** Retries of a transaction that failed transiently (ours: the driver's `maxTransactionRetryTime` is 0). */
  readonly retryMs: number;
  /** How often a sign of life is asked for while a statement is outstanding (the probe renews the leases held, or runs `RETURN 1`). */
  readonly probeEveryMs: number;
  /** No answer to a probe within this: the server is taken as gone. */
  readonly probeTimeoutMs: number;
  /** A version's lease lasts this long past its last renewal (server clock); after that it may be cleaned up. */
  readonly leaseMs: number;
  /** Server-side timeout of each write transaction (a batch, a delete batch, the flip): a stuck writer cannot hold its locks longer. */
  readonly writeTxMs: number;
  /** How long a failed push spends removing what it wrote before it reports (the rest is left to the next clean-up). */
  readonly cleanupMs: number;
}

export const TIMEOUTS: Neo4jTimeouts = {
  connectMs: 5_000,
  acquireMs: 10_000,
  retryMs: 10_000,
  probeEveryMs: 5_000,
  probeTimeoutMs: 10_000,
  leaseMs: 30_000,
  writeTxMs: 120_000,
  cleanupMs: 5_000,
};

const timeouts = (t: Pick<Neo4jTarget, 'timeouts'>): Neo4jTimeouts => ({ ...TIMEOUTS, ...t.timeouts });

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

/** A version removed by a clean-up. */
export interface CleanedVersion {
  readonly plant: string;
  readonly version: string;
  /** `unfinished push`: written by a push that never made it current; `replaced version`: one whose removal after a push did not finish. */
  readonly what: 'unfinished push' | 'replaced version';
  /** When its push (or its removal) started, epoch ms; null for a version left by a TwinPath without leases. */
  readonly startedAt: number | null;
  readonly nodes: number;
  readonly relationships: number;
}

/** A version another session is still writing (its lease is live): left alone. */
export interface LiveVersion {
  readonly plant: string;
  readonly version: string;
  readonly startedAt: number;
}

export interface CleanupReport {
  readonly removed: CleanedVersion[];
  readonly live: LiveVersion[];
  /** Why the clean-up could not run (e.g. a read-only user); the operation went on without it. */
  failed?: string;
}

export interface ConnectOptions {
  /** Told what the clean-up on connecting removed or left alone (called only when there was something). */
  readonly onCleanup?: (r: CleanupReport) => void;
}

/**
 * Opens a driver, checks the server answers with these credentials and database, and removes what
 * dead pushes left in it (versions whose lease expired: see `cleanUp`).
 */
export async function connect(t: Neo4jTarget, opts: ConnectOptions = {}): Promise<Driver> {
  const tm = timeouts(t);
  let driver: Driver;
  try {
    driver = neo4j.driver(t.uri, neo4j.auth.basic(t.user, t.password), {
      disableLosslessIntegers: true,
      connectionTimeout: tm.connectMs,
      connectionAcquisitionTimeout: tm.acquireMs,
      // Retries are ours (txSession): the driver's cannot be stopped once an operation is given up.
      maxTransactionRetryTime: 0,
      maxConnectionPoolSize: 8,
      logging: { level: 'error', logger: () => undefined },
    });
  } catch (e) {
    throw new Neo4jStoreError('unreachable', `bad Neo4j URI ${JSON.stringify(t.uri)}: ${(e as Error).message}`);
  }
  const check = async () => {
    await driver.verifyConnectivity(t.database ? { database: t.database } : {});
    // verifyConnectivity does not touch the database on every server version: ask it something.
    await withSession(driver, new Watch(tm), t, (s) => s.run('RETURN 1'), 'READ');
  };
  try {
    await deadline(check(), tm.connectMs + tm.acquireMs, () => noAnswer(t, tm.connectMs + tm.acquireMs));
    const report = await cleanUp(driver, t, null);
    if (report.removed.length || report.live.length || report.failed) opts.onCleanup?.(report);
  } catch (e) {
    await deadline(driver.close(), 2_000, () => new Error('close')).catch(() => undefined);
    throw describe(e, t);
  }
  return driver;
}

const noAnswer = (t: Pick<Neo4jTarget, 'uri'>, ms: number) =>
  new Neo4jStoreError('unreachable', `Neo4j at ${t.uri} stopped answering: no reply within ${ms / 1000} s (the server stopped or hangs, or the network to it is down)`);

/** Translates driver errors into the three a user meets most, keeping the server's code. */
export function describe(e: unknown, t: Target): Neo4jStoreError {
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
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return new Neo4jStoreError('server', `Neo4j at ${t.uri} ended a transaction that ran past its time limit (${code})`, code);
  }
  if (/acquisition timed out|Failed to establish connection in/i.test(msg)) {
    return new Neo4jStoreError('unreachable', `Neo4j at ${t.uri} does not answer: no connection within ${timeouts(t).acquireMs / 1000} s (the server stopped or hangs, or the network to it is down)`, code || undefined);
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ENOTFOUND|WebSocket|Failed to connect|Connection lost|closed by server|Pool is closed/i.test(msg)) {
    return new Neo4jStoreError('unreachable', `cannot reach Neo4j at ${t.uri}: is the server running and listening there? (${msg.split('\n')[0]!.split('. ')[0]!.slice(0, 200)})`, code || undefined);
  }
  return new Neo4jStoreError('server', `Neo4j at ${t.uri}: ${msg.split('\n')[0]!.slice(0, 400)}`, code || undefined);
}

/** Settles like `p`, or rejects with `error()` after `ms` (p goes on; nothing waits for it). */
function deadline<T>(p: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * A session whose transactions are retried on transient failures (a deadlock, a connection lost
 * before the transaction began) for up to `retryMs` — but never once the operation's watch has
 * failed, and with waits that do not keep Node running — and whose writes carry the server-side
 * `writeTxMs` timeout. (The driver's own retries are off: they cannot be stopped.)
 */
export interface TxSession {
  readonly session: Session;
  executeRead<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  executeWrite<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  run(cypher: string, params?: Record<string, unknown>): Promise<unknown>;
}

function txSession(session: Session, w: Watch): TxSession {
  const retrying = async <T>(attempt: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    for (let n = 0; ; n++) {
      w.check();
      try {
        return await attempt();
      } catch (e) {
        if (!neo4j.isRetryableError(e as Error) || w.failure || Date.now() - t0 >= w.tm.retryMs) throw e;
        await sleep(Math.min(200 * 2 ** n, 2_000) * (0.8 + 0.4 * Math.random()));
      }
    }
  };
  return {
    session,
    executeRead: (work) => retrying(() => session.executeRead(work)),
    executeWrite: (work) => retrying(() => session.executeWrite(work, { timeout: w.tm.writeTxMs })),
    run: (cypher, params) => {
      w.check();
      return session.run(cypher, params);
    },
  };
}

/** A wait that does not keep Node running (in a browser, a plain timeout). */
const sleep = (ms: number) =>
  new Promise<void>((done) => {
    const h = setTimeout(done, ms) as unknown as { unref?: () => void };
    h.unref?.();
  });

export async function withSession<T>(driver: Driver, w: Watch, t: Pick<Neo4jTarget, 'database'>, f: (s: TxSession) => Promise<T>, mode: 'READ' | 'WRITE' = 'WRITE'): Promise<T> {
  const session = driver.session({ ...(t.database ? { database: t.database } : {}), defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
  try {
    return await f(txSession(session, w));
  } finally {
    await session.close();
  }
}

// ---- leases and the watch ------------------------------------------------------------------------

interface Lease {
  readonly plant: string;
  readonly version: string;
  readonly state: LeaseState;
}
const leaseKey = (plant: string, version: string) => JSON.stringify([plant, version]);

/**
 * One store operation under watch: its timeouts, the leases it holds (renewed by every probe)
 * and the first failure a probe met. Every statement checks it first, so an operation given up on
 * never writes again, even if a stuck statement returns later.
 */
export class Watch {
  readonly held = new Map<string, Lease>();
  failure: Neo4jStoreError | undefined;
  paused = 0;
  probing: Promise<void> | undefined;

  constructor(readonly tm: Neo4jTimeouts) {}

  check(): void {
    if (this.failure) throw this.failure;
  }
  hold(l: Lease): void {
    this.held.set(leaseKey(l.plant, l.version), l);
  }
  release(plant: string, version: string): void {
    this.held.delete(leaseKey(plant, version));
  }
  /** Runs `f` with no probe in flight (a probe must not renew a lease `f` changes), bounded by `ms`. */
  async exclusive<T>(f: () => Promise<T>, ms: number, error: () => Error): Promise<T> {
    this.paused++;
    try {
      await this.probing;
      this.check();
      return await deadline(f(), ms, error);
    } finally {
      this.paused--;
    }
  }
}

/**
 * Runs `work` while a probe asks the server for a sign of life every `probeEveryMs`; rejects as
 * soon as a probe fails or goes unanswered for `probeTimeoutMs`, whatever `work` is waiting for.
 */
export async function watched<T>(driver: Driver, t: Target, work: (w: Watch) => Promise<T>): Promise<T> {
  const w = new Watch(timeouts(t));
  let fail: (e: Neo4jStoreError) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const lost = (e: Neo4jStoreError) => {
    if (w.failure) return;
    w.failure = e;
    fail(e);
  };
  const tick = () => {
    if (w.failure || w.paused || w.probing) return;
    w.probing = probe(driver, t, w)
      .then((gone) => {
        const own = gone.find((l) => l.state === 'writing');
        if (own) lost(leaseLost(t, own.plant));
        for (const l of gone) w.release(l.plant, l.version);
      })
      .catch((e: unknown) => {
        if (!(e as { code?: string }).code?.startsWith('Neo.TransientError')) lost(describe(e, t));
      })
      .finally(() => (w.probing = undefined));
  };
  const timer = setInterval(tick, w.tm.probeEveryMs);
  const running = work(w);
  running.catch(() => undefined);
  try {
    return await Promise.race([running, failed]);
  } finally {
    clearInterval(timer);
  }
}

const leaseLost = (t: Pick<Neo4jTarget, 'uri'>, plant: string) =>
  new Neo4jStoreError(
    'server',
    `the version of plant ${JSON.stringify(plant)} being pushed to Neo4j at ${t.uri} was taken over by another TwinPath session (the plant was deleted, or this push went a whole lease without renewing it)`,
  );

/** One sign of life: the leases held renewed (returns those no longer held as they were), or `RETURN 1`. */
async function probe(driver: Driver, t: Target, w: Watch): Promise<Lease[]> {
  const { tm } = w;
  const leases = [...w.held.values()];
  const s = driver.session({ ...(t.database ? { database: t.database } : {}), defaultAccessMode: leases.length ? neo4j.session.WRITE : neo4j.session.READ });
  const ask = async (): Promise<Lease[]> => {
    if (!leases.length) {
      await s.run('RETURN 1', {}, { timeout: tm.probeTimeoutMs });
      return [];
    }
    const r = await s.run(CYPHER.leaseRenew, { leases: leases.map((l) => ({ plant: l.plant, version: l.version, state: l.state })), leaseMs: neo4j.int(tm.leaseMs) }, { timeout: tm.probeTimeoutMs });
    const renewed = new Set(((r.records[0]?.get('renewed') as [string, string][] | undefined) ?? []).map(([p, v]) => leaseKey(p, v)));
    return leases.filter((l) => !renewed.has(leaseKey(l.plant, l.version)) && w.held.get(leaseKey(l.plant, l.version)) === l);
  };
  try {
    return await deadline(ask(), tm.probeTimeoutMs, () => noAnswer(t, tm.probeTimeoutMs));
  } finally {
    // A hung connection never closes: do not wait for it.
    void s.close().catch(() => undefined);
  }
}

// ---- clean-up ------------------------------------------------------------------------------------

/**
 * Removes what dead sessions left: every version (of `plant`, or of every plant when null) whose
 * lease expired — no renewal for `leaseMs` by the server's clock, so its push or removal stopped —
 * is taken over (lease locked, still expired, renewed as ours) and deleted in batches, then its
 * lease. A live lease is another session at work: its version is left alone and reported. With
 * `orphansWithoutLease` (a push of that plant), versions that are not current and have no lease at
 * all — left by a TwinPath from before leases — are removed too. Never touches the current version.
 */
export async function cleanUp(driver: Driver, t: Target, plant: string | null, orphansWithoutLease = false): Promise<CleanupReport> {
  const report: CleanupReport = { removed: [], live: [] };
  try {
    await watched(driver, t, (w) => withSession(driver, w, t, (s) => sweep(s, w, plant, orphansWithoutLease, report)));
  } catch (e) {
    const err = describe(e, t);
    if (err.kind === 'unreachable' || err.kind === 'unauthorized' || err.kind === 'no-database') throw err;
    // A user who may read but not write: nothing to clean up with, and nothing to say about it.
    if (err.code !== 'Neo.ClientError.Security.Forbidden') report.failed = err.message;
  }
  return report;
}

async function sweep(s: TxSession, w: Watch, plant: string | null, orphansWithoutLease: boolean, report: CleanupReport): Promise<void> {
  const { tm } = w;
  const leases = await s.executeRead((tx) => tx.run(CYPHER.leases, { plant }));
  const leased = new Set<string>();
  for (const r of leases.records) {
    const l = { plant: r.get('plant') as string, version: r.get('version') as string, state: r.get('state') as LeaseState, startedAt: r.get('startedAt') as number };
    leased.add(leaseKey(l.plant, l.version));
    if (w.held.has(leaseKey(l.plant, l.version))) continue;
    if (!(r.get('expired') as boolean)) {
      if (l.state === 'writing') report.live.push({ plant: l.plant, version: l.version, startedAt: l.startedAt });
      continue;
    }
    const claimed = await s.executeWrite((tx) => tx.run(CYPHER.leaseClaim, { plant: l.plant, version: l.version, leaseMs: neo4j.int(tm.leaseMs) }));
    if ((claimed.records[0]?.get('claimed') as number | undefined) !== 1) continue;
    const mine: Lease = { plant: l.plant, version: l.version, state: l.state === 'writing' ? 'abandoned' : l.state };
    w.hold(mine);
    const n = await deleteVersion(s, w, l.plant, l.version);
    await s.executeWrite((tx) => tx.run(CYPHER.leaseDelete, { plant: l.plant, version: l.version }));
    w.release(l.plant, l.version);
    // A lease with no nodes: a push that stopped before writing any, nothing to tell.
    if (n.nodes) report.removed.push({ plant: l.plant, version: l.version, what: l.state === 'removing' ? 'replaced version' : 'unfinished push', startedAt: l.startedAt, ...n });
  }
  if (!orphansWithoutLease || plant === null) return;
  const current = (await s.executeRead((tx) => tx.run(CYPHER.plantVersion, { plant }))).records[0]?.get('version') as string | undefined;
  const versions = new Set<string>();
  for (const label of VERSIONED_LABELS) {
    const r = await s.executeRead((tx) => tx.run(CYPHER.versionsOf(label), { plant }));
    for (const rec of r.records) versions.add(rec.get('version') as string);
  }
  for (const v of versions) {
    // A push writes its lease before its first node, so a version with nodes and no lease is not
    // being written (checked again now: the listing above is a moment old). deleteVersion never
    // deletes the current version, should a flip have made it current since.
    if (v === current || leased.has(leaseKey(plant, v)) || w.held.has(leaseKey(plant, v))) continue;
    const again = await s.executeRead((tx) => tx.run('MATCH (l:VersionLease {plantId: $plant, version: $version}) RETURN count(l) AS n', { plant, version: v }));
    if ((again.records[0]!.get('n') as number) > 0) continue;
    const n = await deleteVersion(s, w, plant, v);
    if (n.nodes) report.removed.push({ plant, version: v, what: 'unfinished push', startedAt: null, ...n });
  }
}

// ---- push ----------------------------------------------------------------------------------------

export interface PushResult {
  readonly plant: string;
  readonly version: string;
  readonly previousVersion: string | null;
  readonly nodes: number;
  readonly relationships: number;
  readonly attackEdges: number;
  readonly ms: number;
  /** What this push removed before writing: versions of the plant left by pushes that died. */
  readonly cleaned: CleanupReport;
  /** Set when the push was published but removing the version it replaced did not finish (the next clean-up does it). */
  readonly previousLeft?: string;
}

function newVersion(): string {
  const rnd = typeof crypto !== 'undefined' && 'getRandomValues' in crypto ? Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('') : Math.random().toString(16).slice(2, 14);
  return `${Date.now().toString(36)}-${rnd}`;
}

/**
 * Writes the model as a new version of its plant (model.plant.id), batch by batch, then makes it
 * current in one transaction and removes the version it replaced. The new version holds a lease
 * (renewed by the watch's probes) from before its first node until the flip, so a clean-up by
 * another session never removes it while this push is alive. If anything fails before the flip,
 * the previous version stays current and the push removes what it wrote (for at most
 * `cleanupMs`; whatever is left, with its lease let go, goes at the next clean-up).
 */
export async function pushPlant(driver: Driver, t: Target, model: PlantModel, onProgress?: OnProgress): Promise<PushResult> {
  const t0 = Date.now();
  const tm = timeouts(t);
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
  let previousVersion = null as string | null;
  let cleaned: CleanupReport = { removed: [], live: [] };
  /** writing: nothing current touched; publishing: the flip was sent, no answer yet; published: current. */
  let stage = 'writing' as 'writing' | 'publishing' | 'published';
  let leased = false as boolean;
  try {
    await watched(driver, t, (w) =>
      withSession(driver, w, t, async (s) => {
        for (const stmt of SCHEMA_STATEMENTS) await s.run(stmt);
        // The lease goes first: from here on no clean-up removes this version while we renew it.
        await s.executeWrite((tx) => tx.run(CYPHER.leaseStart, { plant, version, leaseMs: neo4j.int(tm.leaseMs) }));
        leased = true;
        w.hold({ plant, version, state: 'writing' });
        // Leftovers of earlier pushes of this plant that died: expired leases, and versions from before leases.
        const report: CleanupReport = { removed: [], live: [] };
        await sweep(s, w, plant, true, report);
        cleaned = report;
        const write = async (cypher: string, params: Record<string, unknown>) => {
          await s.executeWrite(async (tx: ManagedTransaction) => tally((await tx.run(cypher, { plant, version, ...params })).summary.counters.updates()));
        };
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
        await w.exclusive(
          async () => {
            stage = 'publishing';
            const flip = await s.executeWrite((tx) => tx.run(CYPHER.publish, { plant, version, props: rows.plant, leaseMs: neo4j.int(tm.leaseMs) }));
            if (!flip.records.length) {
              stage = 'writing';
              throw leaseLost(t, plant);
            }
            stage = 'published';
            previousVersion = (flip.records[0]!.get('previous') as string | null | undefined) ?? null;
            w.release(plant, version);
            if (previousVersion !== null) w.hold({ plant, version: previousVersion, state: 'removing' });
          },
          tm.probeTimeoutMs,
          () => noAnswer(t, tm.probeTimeoutMs),
        );
        if (previousVersion !== null) {
          onProgress?.({ phase: 'removing the previous version', done, total });
          await deleteVersion(s, w, plant, previousVersion);
          await s.executeWrite((tx) => tx.run(CYPHER.leaseDelete, { plant, version: previousVersion }));
          w.release(plant, previousVersion);
        }
      }),
    );
  } catch (e) {
    const err = describe(e, t);
    const result = { plant, version, previousVersion, nodes, relationships, attackEdges: attack.edgeCount, ms: Date.now() - t0, cleaned };
    if (stage === 'published') {
      // Published: the push succeeded; the replaced version keeps its `removing` lease, and the
      // next clean-up after it expires removes it.
      return { ...result, previousLeft: err.message };
    }
    // Not published (or not known to be): let go of the lease and remove what this push wrote, for
    // a few seconds at most (a dead server answers nothing). Safe even if the flip did commit:
    // deleteVersion never deletes the current version.
    const removed =
      leased &&
      (await deadline(
        withSession(driver, new Watch(tm), t, async (s) => {
          // Once, unretried: a server that refuses connections ends the attempt at once.
          await s.session.run(CYPHER.leaseAbandon, { plant, version }, { timeout: tm.writeTxMs });
          await deleteVersion(s, null, plant, version);
          await s.executeWrite((tx) => tx.run(CYPHER.leaseDelete, { plant, version }));
          return true;
        }),
        tm.cleanupMs,
        () => new Error('clean-up timed out'),
      ).catch(() => false));
    if (stage === 'publishing' && err.kind === 'unreachable') {
      // The flip was sent and its answer lost: it committed or it did not.
      throw new Neo4jStoreError(err.kind, `${err.message}; the answer to making the new version of plant ${JSON.stringify(plant)} current never came, so the plant is either its previous version or the new one, each whole: pull it to see`, err.code);
    }
    const left = !leased || removed ? 'nothing it wrote is left' : `what it wrote goes at the first TwinPath connection to this database once its lease has expired (${tm.leaseMs / 1000} s)`;
    throw new Neo4jStoreError(err.kind, `${err.message}; plant ${JSON.stringify(plant)} is unchanged (the push was not published; ${left})`, err.code, err.modelErrors);
  }
  return { plant, version, previousVersion, nodes, relationships, attackEdges: attack.edgeCount, ms: Date.now() - t0, cleaned };
}

/** Deletes, label by label in batches, the nodes a `CYPHER.delete…` statement selects; returns what went. */
async function deleteInBatches(s: TxSession, w: Watch | null, statement: (label: (typeof VERSIONED_LABELS)[number]) => string, params: Record<string, unknown>): Promise<{ nodes: number; relationships: number }> {
  let nodes = 0;
  let relationships = 0;
  for (const label of VERSIONED_LABELS) {
    for (;;) {
      w?.check();
      const r = await s.executeWrite((tx) => tx.run(statement(label), { ...params, limit: neo4j.int(BATCH_ROWS) }));
      const c = r.summary.counters.updates();
      nodes += c.nodesDeleted;
      relationships += c.relationshipsDeleted;
      if ((r.records[0]!.get('deleted') as number) < BATCH_ROWS) break;
    }
  }
  return { nodes, relationships };
}

/** Deletes one version that is not current: what a failed push wrote, or the version a push replaced. */
const deleteVersion = (s: TxSession, w: Watch | null, plant: string, version: string) => deleteInBatches(s, w, CYPHER.deleteVersion, { plant, version });

export interface PlantListing {
  readonly id: string;
  readonly name: string;
  readonly site: string | null;
  readonly assets: number;
  readonly connections: number;
  readonly pushedAt: number;
}

export async function listPlants(driver: Driver, t: Target): Promise<PlantListing[]> {
  try {
    return await watched(driver, t, (w) =>
      withSession(driver, w, t, async (s) => {
        const r = await s.executeRead((tx) => tx.run(CYPHER.listPlants));
        return r.records.map((x) => x.toObject() as unknown as PlantListing);
      }, 'READ'),
    );
  } catch (e) {
    throw describe(e, t);
  }
}

/**
 * Removes a plant, all its versions and their leases. Returns false when there was no such plant.
 * A push of the plant still running loses its lease and fails rather than bring the plant back.
 */
export async function deletePlant(driver: Driver, t: Target, plant: string): Promise<boolean> {
  try {
    return await watched(driver, t, (w) =>
      withSession(driver, w, t, async (s) => {
        await s.executeWrite((tx) => tx.run(CYPHER.deletePlantLeases, { plant }));
        await deleteInBatches(s, w, CYPHER.deleteStale, { plant, keep: null });
        const r = await s.executeWrite((tx) => tx.run(CYPHER.deletePlant, { plant }));
        return (r.records[0]!.get('deleted') as number) > 0;
      }),
    );
  } catch (e) {
    throw describe(e, t);
  }
}

/** The current version of a plant, or a not-found error naming the plants that exist. */
export async function currentVersion(s: TxSession, t: Target, plant: string): Promise<{ version: string; props: Record<string, unknown> }> {
  const r = await s.executeRead((tx) => tx.run(CYPHER.plantVersion, { plant }));
  const rec = r.records[0];
  if (!rec || typeof rec.get('version') !== 'string') {
    const all = await s.executeRead((tx) => tx.run('MATCH (p:Plant) RETURN p.id AS id ORDER BY id LIMIT 20'));
    const names = all.records.map((x) => JSON.stringify(x.get('id'))).join(', ');
    throw new Neo4jStoreError('not-found', `no plant ${JSON.stringify(plant)} in Neo4j at ${t.uri}${t.database ? ` (database ${t.database})` : ''}; plants there: ${names || 'none'}`);
  }
  return { version: rec.get('version') as string, props: rec.get('props') as Record<string, unknown> };
}

/**
 * Reads the current version of a plant as a model document, not yet validated: for a caller whose
 * own load validates it (the app hands it to the analysis worker as text). Others use pullPlant.
 */
/**
 * Times a pull starts over when a push made another version current while it read: Neo4j reads
 * are read-committed, so a replaced version may be deleted under a pull that is still reading it.
 */
const PULL_ATTEMPTS = 3;

export async function pullPlantDocument(
  driver: Driver,
  t: Target,
  plant: string,
  onProgress?: OnProgress,
  /** Tests only: runs between reading which version is current and reading its rows (a push can land there). */
  betweenReads?: () => Promise<void>,
): Promise<unknown> {
  try {
    return await watched(driver, t, (w) => withSession(driver, w, t, async (s) => {
      for (let attempt = 1; ; attempt++) {
        const { version, props } = await currentVersion(s, t, plant);
        if (betweenReads) await betweenReads();
        const doc = await readVersion(s, plant, version, props, onProgress);
        // Still current at the end, so current throughout (versions only move forward) and never
        // deleted under the reads: the document is whole.
        if ((await currentVersion(s, t, plant)).version === version) return doc;
        if (attempt === PULL_ATTEMPTS) throw new Neo4jStoreError('server', `plant ${JSON.stringify(plant)} changed ${PULL_ATTEMPTS} times while it was being pulled; try again`);
      }
    }, 'READ'));
  } catch (e) {
    throw describe(e, t);
  }
}

/** Every row of one version of a plant, as a document (not yet validated). */
async function readVersion(s: TxSession, plant: string, version: string, props: Record<string, unknown>, onProgress?: OnProgress): Promise<unknown> {
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
}

/** Reads the current version of a plant and runs it through the one parser. */
export async function pullPlant(driver: Driver, t: Target, plant: string, onProgress?: OnProgress): Promise<PlantModel> {
  const checked = validateModel(await pullPlantDocument(driver, t, plant, onProgress));
  if (checked.kind === 'invalid') {
    const first = checked.errors.slice(0, 5).map(formatError).join('; ');
    throw new Neo4jStoreError('invalid-model', `plant ${JSON.stringify(plant)} in Neo4j is not a valid model: ${first}${checked.errors.length > 5 ? ` (and ${checked.errors.length - 5} more)` : ''}`, undefined, checked.errors);
  }
  return checked.model;
}
