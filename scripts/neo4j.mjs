// `npm run neo4j:start` / `npm run neo4j:stop` / `npm run neo4j:status`: the Neo4j server the
// integration tests and the app's Neo4j dialog talk to — Neo4j Community 5.26 LTS embedded in a
// one-file Java launcher (test/neo4j/server/TwinPathNeo4j.java), Bolt over TCP and WebSocket on
// 127.0.0.1:7687, user neo4j. The first start fetches the jars from Maven Central once (~125 MB,
// into .neo4j/lib) and says so.
//
// Environment: TWINPATH_NEO4J_PORT (7687), TWINPATH_NEO4J_PASSWORD (twinpath-dev),
// TWINPATH_NEO4J_HOME (.neo4j), JAVA_HOME (a Java 17+ runtime; `java` on PATH otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const home = resolve(root, process.env.TWINPATH_NEO4J_HOME ?? '.neo4j');
const lib = join(home, 'lib');
const pidFile = join(home, 'neo4j.pid');
const logFile = join(home, 'neo4j.log');
const port = Number(process.env.TWINPATH_NEO4J_PORT ?? 7687);
const password = process.env.TWINPATH_NEO4J_PASSWORD ?? 'twinpath-dev';
const serverDir = join(root, 'test', 'neo4j', 'server');
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const START_TIMEOUT_MS = 180_000;

const JAVA_OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED',
];

function say(s) {
  console.log(`neo4j: ${s}`);
}

function fail(s) {
  console.error(`neo4j: ${s}`);
  process.exit(1);
}

function runningPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function portOpen() {
  return new Promise((done) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

/**
 * Whether the server takes the password: on a fresh database the new password is refused for a
 * few seconds after it was set, so "ready" waits for a real login.
 */
async function acceptsLogin() {
  const { default: neo4j } = await import('neo4j-driver');
  const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', password), { logging: { level: 'error', logger: () => undefined } });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function fetchJars() {
  const have = existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('neo4j-kernel-'));
  if (have) return;
  say(`first start: fetching the Neo4j Community 5.26 jars from Maven Central into ${lib} (about 125 MB, once)`);
  mkdirSync(lib, { recursive: true });
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(serverDir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'], { stdio: 'inherit' });
  if (r.error) fail(`could not run Maven (mvn): ${r.error.message}. Install Maven, or fetch the jars of test/neo4j/server/pom.xml into ${lib}.`);
  if (r.status !== 0) fail(`Maven could not fetch the Neo4j jars (exit ${r.status}); see its output above.`);
}

async function start() {
  const pid = runningPid();
  if (pid !== undefined && (await portOpen())) {
    say(`already running (pid ${pid}) on bolt://127.0.0.1:${port}`);
    return;
  }
  if (await portOpen()) fail(`port ${port} is taken by another program; stop it or set TWINPATH_NEO4J_PORT`);
  fetchJars();
  mkdirSync(home, { recursive: true });
  const out = openSync(logFile, 'a');
  const args = [
    ...JAVA_OPENS,
    '-Xms256m',
    '-Xmx1g',
    '-cp',
    `${lib}/*`,
    join(serverDir, 'TwinPathNeo4j.java'),
    '--data', join(home, 'data'),
    '--port', String(port),
    '--password', password,
    '--pagecache-mb', '256',
  ];
  const child = spawn(java, args, { detached: true, stdio: ['ignore', out, out] });
  child.on('error', (e) => fail(`could not start Java (${java}): ${e.message}. Install Java 17+ or set JAVA_HOME.`));
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  say(`starting (pid ${child.pid}), log in ${logFile}`);
  const t0 = Date.now();
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() - t0 < START_TIMEOUT_MS) {
    if (exited) fail(`the server exited during start; the end of ${logFile}:\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (log.includes(`twinpath-neo4j: ready bolt://127.0.0.1:${port}`) && (await portOpen()) && (await acceptsLogin())) {
      say(`ready on bolt://127.0.0.1:${port} (user neo4j) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail(`not ready after ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

async function stop() {
  const pid = runningPid();
  if (pid === undefined) {
    say('not running');
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGTERM');
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(pidFile, { force: true });
      say(`stopped (pid ${pid})`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  say(`killed (pid ${pid}) after 60 s without a clean shutdown`);
}

async function status() {
  const pid = runningPid();
  const open = await portOpen();
  say(pid !== undefined && open ? `running (pid ${pid}) on bolt://127.0.0.1:${port}` : open ? `something listens on ${port} (not started by this script)` : 'not running');
  process.exit(open ? 0 : 3);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'stop') await stop();
else if (command === 'status') await status();
else fail('usage: node scripts/neo4j.mjs start|stop|status');
