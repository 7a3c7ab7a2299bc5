// `twinpath neo4j push|pull|list|delete` and the push-down forms of `blast` and `paths`
// (`--neo4j URI --plant ID`): plants kept in Neo4j, analysed on the server.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { reachedRows } from '../analysis/blast';
import { blastJson } from '../session/results';
import { writeModelFile } from '../io/node/files';
import { blastPushDown, pathsPushDown } from '../io/neo4j/pushdown';
import { connect, deletePlant, listPlants, Neo4jStoreError, pullPlant, pushPlant, type CleanupReport, type Neo4jTarget, type Progress } from '../io/neo4j/store';
import { progressFor } from '../io/node/progress';
import { jsonText, txt } from '../io/node/terminal';
import { commandArgs, readModel, UsageError, type Io } from './command';

const CONN = {
  uri: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  database: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function target(values: Record<string, string | boolean | undefined>, uriKey: 'uri' | 'neo4j'): Neo4jTarget {
  const uri = values[uriKey];
  if (typeof uri !== 'string' || uri === '') throw new UsageError(`--${uriKey} URI is required (e.g. bolt://127.0.0.1:7687)`);
  const password = (values.password as string | undefined) ?? process.env.NEO4J_PASSWORD;
  if (password === undefined) throw new UsageError('a Neo4j password is required: --password P or the NEO4J_PASSWORD environment variable');
  return { uri, user: (values.user as string | undefined) ?? process.env.NEO4J_USER ?? 'neo4j', password, database: values.database as string | undefined };
}

/**
 * Opens a driver (connecting cleans up after dead pushes: said on stderr), runs `f`, closes it. A
 * server that stopped answering leaves connections the driver cannot close (those still in their
 * Bolt handshake): the sockets opened meanwhile are destroyed here, so the command ends when its
 * answer is ready rather than when the peer lets go.
 */
async function withDriver<T>(t: Neo4jTarget, io: Io, f: (d: Driver) => Promise<T>): Promise<T> {
  const sockets = new Set<Socket>();
  const track = (m: unknown) => sockets.add((m as { socket: Socket }).socket);
  subscribe('net.client.socket', track);
  try {
    const d = await connect(t, { onCleanup: (r) => reportCleanup(r, io) });
    try {
      return await f(d);
    } finally {
      await Promise.race([d.close().catch(() => undefined), new Promise((done) => setTimeout(done, 2_000).unref())]);
    }
  } finally {
    unsubscribe('net.client.socket', track);
    for (const s of sockets) s.destroy();
  }
}

/** What a clean-up removed or left alone, one line each on stderr. */
function reportCleanup(r: CleanupReport, io: Io): void {
  const when = (ms: number | null) => (ms === null ? 'written before leases' : `started ${new Date(ms).toISOString()}`);
  for (const v of r.removed) {
    io.err(`twinpath: removed ${v.what === 'unfinished push' ? 'an unfinished push' : 'a replaced version'} of plant ${JSON.stringify(v.plant)} (version ${v.version}, ${when(v.startedAt)}): ${v.nodes.toLocaleString('en')} nodes, ${v.relationships.toLocaleString('en')} relationships\n`);
  }
  for (const v of r.live) {
    io.err(`twinpath: left alone: a push of plant ${JSON.stringify(v.plant)} still holds its lease (version ${v.version}, ${when(v.startedAt)})\n`);
  }
  if (r.failed) io.err(`twinpath: could not clean up after earlier pushes: ${r.failed}\n`);
}

/** A push's or pull's rows as a progress bar on stderr when it is a terminal; nothing otherwise. */
function progress(io: Io): { report: (p: Progress) => void; done: () => void } {
  const bar = progressFor(io);
  let phase = '';
  return {
    report: (p) => {
      if (p.phase !== phase) bar.phase((phase = p.phase));
      bar.update(p.done, p.total || undefined, 'rows');
    },
    done: () => bar.done(),
  };
}

/** Runs `f` with a progress reporter, clearing its line however `f` ends. */
async function withProgress<T>(io: Io, f: (report: (p: Progress) => void) => Promise<T>): Promise<T> {
  const p = progress(io);
  try {
    return await f(p.report);
  } finally {
    p.done();
  }
}

/** Exit code for a store error: 1 for input the user can fix (plant, asset, model), 4 for the server. */
export const EXIT_NEO4J = 4;

export async function runNeo4jCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'push': {
        const { values, positionals } = commandArgs(rest, CONN, 1, 'neo4j push takes one model file');
        const model = await readModel(positionals[0]!);
        const t = target(values, 'uri');
        const res = await withDriver(t, io, (d) => withProgress(io, (report) => pushPlant(d, t, model, report)));
        reportCleanup(res.cleaned, io);
        if (res.previousLeft) io.err(`twinpath: the version it replaced is not all removed (${res.previousLeft}); the first connection after its lease expires removes the rest\n`);
        if (values.json) io.rawOut(`${jsonText(res)}\n`);
        else {
          io.out(
            `pushed plant ${JSON.stringify(res.plant)} (version ${res.version}${res.previousVersion ? `, replacing ${res.previousVersion}` : ''}): ` +
              `${res.nodes.toLocaleString('en')} nodes, ${res.relationships.toLocaleString('en')} relationships ` +
              `(${res.attackEdges.toLocaleString('en')} attack edges) in ${(res.ms / 1000).toFixed(1)} s\n`,
          );
        }
        return 0;
      }
      case 'pull': {
        const { values } = commandArgs(rest, { ...CONN, plant: { type: 'string' }, output: { type: 'string', short: 'o' } }, 0, 'neo4j pull takes no positional arguments; name the plant with --plant ID');
        if (!values.plant) throw new UsageError('neo4j pull needs --plant ID');
        const t = target(values, 'uri');
        const t0 = Date.now();
        const model = await withDriver(t, io, (d) => withProgress(io, (report) => pullPlant(d, t, values.plant!, report)));
        const out = values.output ?? '-';
        await writeModelFile(out, model);
        io.err(`pulled plant ${JSON.stringify(model.plant.id)}: ${model.assets.length} assets, ${model.connections.length} connections in ${((Date.now() - t0) / 1000).toFixed(1)} s${out !== '-' ? ` → ${out}` : ''}\n`);
        return 0;
      }
      case 'list': {
        const { values } = commandArgs(rest, CONN, 0, 'neo4j list takes no positional arguments');
        const t = target(values, 'uri');
        const plants = await withDriver(t, io, (d) => listPlants(d, t));
        if (values.json) io.rawOut(`${jsonText({ plants })}\n`);
        else if (!plants.length) io.out('no plants\n');
        else for (const p of plants) io.out(txt`${p.id}\t${p.name}\t${p.assets} assets\t${p.connections} connections\t${new Date(p.pushedAt).toISOString()}\n`);
        return 0;
      }
      case 'delete': {
        const { values } = commandArgs(rest, { ...CONN, plant: { type: 'string' } }, 0, 'neo4j delete needs --plant ID');
        if (!values.plant) throw new UsageError('neo4j delete needs --plant ID');
        const t = target(values, 'uri');
        const gone = await withDriver(t, io, (d) => deletePlant(d, t, values.plant!));
        if (!gone) throw new Neo4jStoreError('not-found', `no plant ${JSON.stringify(values.plant)} in Neo4j at ${t.uri}`);
        io.out(`deleted plant ${JSON.stringify(values.plant)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`neo4j needs a subcommand: push, pull, list or delete${sub ? ` (got ${JSON.stringify(sub)})` : ''}`);
    }
  } catch (e) {
    return storeFailure(e, io);
  }
}

function storeFailure(e: unknown, io: Io): number {
  if (e instanceof Neo4jStoreError) {
    io.err(`twinpath: ${e.message}\n`);
    return e.kind === 'not-found' || e.kind === 'invalid-model' ? 1 : EXIT_NEO4J;
  }
  throw e;
}

/** `blast` or `paths` with --neo4j: the same question, answered by the server. */
export async function runPushDown(command: 'blast' | 'paths', argv: readonly string[], io: Io): Promise<number> {
  const { values } = commandArgs(
    argv,
    { ...CONN, neo4j: { type: 'string' }, plant: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    0,
    `${command} --neo4j reads the plant from the server; give --plant ID, not a model file`,
  );
  if (!values.plant) throw new UsageError(`${command} --neo4j needs --plant ID`);
  const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
  const from = list(values.from);
  const to = list(values.to);
  if (!from.length) throw new UsageError(`${command} --neo4j needs --from ID[,ID…]`);
  if (command === 'paths' && !to.length) throw new UsageError('paths --neo4j needs --to ID[,ID…]');
  const t = target(values, 'neo4j');
  try {
    if (command === 'blast') {
      const r = await withDriver(t, io, (d) => blastPushDown(d, t, values.plant!, from));
      if (values.json) io.rawOut(`${jsonText({ ...blastJson(r), stats: r.stats })}\n`);
      else {
        io.out(`From ${from.join(', ')}: ${r.reached.count} assets reachable (computed in Neo4j: ${r.stats.queries} queries, ${r.stats.rounds} rounds, ${r.stats.ms} ms).\n`);
        io.out(`Crown jewels reached: ${r.impact.crownJewels.join(', ') || 'none'}\n`);
        io.out(`Production lines stopped: ${r.impact.productionLinesStopped.map((l) => l.name).join('; ') || 'none'}\n`);
        io.out(`Downtime cost per hour: ${r.impact.downtimeCostPerHour.toLocaleString('en')}; worst safety consequence: ${r.impact.worstSafety}\n`);
        for (const x of reachedRows(r.reached)) io.out(txt`${x.id}\t${x.likelihood.toFixed(4)}\t${x.hops}\n`);
      }
    } else {
      const r = await withDriver(t, io, (d) => pathsPushDown(d, t, values.plant!, from, to));
      if (values.json) io.rawOut(`${JSON.stringify(r, null, 2)}\n`);
      else {
        for (const p of r.paths) {
          io.out(`${p.from} → ${p.to}: ${p.steps.length ? p.likelihood.toFixed(4) : 'not reachable'}\n`);
          for (const s of p.steps) io.out(`  ${s.from} → ${s.to}  ${s.technique} ${s.rule}  ${s.likelihood.toFixed(3)}\n`);
        }
      }
    }
    return 0;
  } catch (e) {
    return storeFailure(e, io);
  }
}
