// `npm test`: everything CI checks, in one command — typecheck, lint, the build of the CLI and
// library, unit and worker tests, the pack-and-install test, browser end-to-end tests in Debian's
// Chromium, and the Neo4j integration tests. Prints what it skipped and how to enable it, and ends
// with one "N passed, N failed" line. (CI also runs the unit and worker tests under Node 22 and 24:
// `npm run test:node-versions`, which downloads those Node binaries.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';

const CHROMIUM = process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
const requireE2e = process.env.TWINPATH_REQUIRE_E2E === '1';
const requireNeo4j = process.env.TWINPATH_REQUIRE_NEO4J === '1';
const NEO4J_PORT = Number(process.env.TWINPATH_NEO4J_PORT ?? 7687);
const node = process.execPath;
mkdirSync('test-results', { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function step(label, cmd, args) {
  if (run(label, cmd, args)) {
    passed++;
    notes.push(`✔ ${label}`);
  } else {
    failed++;
    notes.push(`✘ ${label} FAILED`);
  }
}

function vitest(label, projects, report) {
  const args = ['node_modules/vitest/vitest.mjs', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const ok = run(label, node, args);
  let counts = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
  try {
    counts = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    /* the run died before writing its report: counted as one failure below */
  }
  passed += counts.numPassedTests;
  failed += counts.numFailedTests;
  skipped += counts.numPendingTests + counts.numTodoTests;
  if (!ok && counts.numFailedTests === 0) failed++;
  notes.push(`${ok ? '✔' : '✘'} ${label}: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests} skipped`);
}

step('typecheck', node, ['scripts/typecheck.mjs']);
step('lint', node, ['node_modules/eslint/bin/eslint.js', '--max-warnings=0', '.']);
// The CLI runs from its build (dist-node/): rebuilt first, so the tests run what was just written.
step('build the CLI and the library (dist-node/)', node, ['scripts/build-node.mjs']);
vitest('unit and worker tests', ['unit', 'worker'], 'test-results/unit.json');
step('pack-and-install test (npm pack; the CLI from another folder; the library from a scratch project)', node, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/pack/vitest.config.ts']);
vitest('scale tests (generated 100k-asset plant)', ['scale'], 'test-results/scale.json');

if (existsSync(CHROMIUM)) {
  vitest('browser end-to-end tests (Chromium)', ['e2e'], 'test-results/e2e.json');
} else {
  const msg = `SKIPPED browser end-to-end tests: no Chromium at ${CHROMIUM}. Install Debian's package: sudo apt-get install -y chromium (or set TWINPATH_CHROMIUM to its path).`;
  notes.push(`⚠ ${msg}`);
  console.log(`\n${msg}`);
  if (requireE2e) {
    failed++;
    notes.push('✘ TWINPATH_REQUIRE_E2E=1: skipping the browser tests is a failure here');
  }
}

function neo4jAnswers() {
  return new Promise((done) => {
    const sock = createConnection({ host: '127.0.0.1', port: NEO4J_PORT });
    sock.setTimeout(3000, () => {
      sock.destroy();
      done(false);
    });
    sock.once('connect', () => {
      sock.destroy();
      done(true);
    });
    sock.once('error', () => done(false));
  });
}

if (await neo4jAnswers()) {
  vitest(`Neo4j integration tests (bolt://127.0.0.1:${NEO4J_PORT})`, ['neo4j'], 'test-results/neo4j.json');
} else {
  const msg =
    `SKIPPED Neo4j integration tests: nothing listens on bolt://127.0.0.1:${NEO4J_PORT}. ` +
    'Start the test server with `npm run neo4j:start` (Java 17+ and Maven; the first start fetches Neo4j 5.26 from Maven Central), then run npm test again.';
  notes.push(`⚠ ${msg}`);
  console.log(`\n${msg}`);
  if (requireNeo4j) {
    failed++;
    notes.push('✘ TWINPATH_REQUIRE_NEO4J=1: skipping the Neo4j tests is a failure here');
  }
}

console.log('\n──── npm test summary ────');
for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
