// `npm run test:node-versions [-- vitest arguments]`: the unit, worker and CLI tests under the other
// Node lines TwinPath supports — Node 22 and Node 24 LTS — besides the Node that runs `npm test`
// (20.19+). The binaries are the `node` package's on the npm registry, fetched by `npm exec` (into
// npm's cache: the first run downloads ~30 MB per version). The CLI tests spawn process.execPath,
// so they run the command under the same Node. CI runs this (.ci/run); so can anyone:
//
//   npm run test:node-versions                                  # unit + worker, Node 22 and 24
//   npm run test:node-versions -- --project unit test/unit/cli  # a part of them
//
// Exact versions, so a run is repeatable; move them on with the LTS releases.
import { spawnSync } from 'node:child_process';

export const NODE_VERSIONS = ['22.23.3', '24.21.0'];

const args = process.argv.slice(2);
const vitestArgs = args.length ? args : ['--project', 'unit', '--project', 'worker'];
const results = [];

for (const version of NODE_VERSIONS) {
  const exec = (...cmd) => spawnSync('npm', ['exec', '--yes', `--package=node@${version}`, '--', ...cmd], { stdio: 'inherit', env: process.env });
  console.log(`\n▶ Node ${version}: vitest run ${vitestArgs.join(' ')}`);
  const started = Date.now();
  const probe = spawnSync('npm', ['exec', '--yes', `--package=node@${version}`, '--', 'node', '--version'], { encoding: 'utf8', env: process.env });
  const got = (probe.stdout ?? '').trim();
  if (probe.status !== 0 || got !== `v${version}`) {
    console.error(`Node ${version}: could not run it through npm exec (got ${JSON.stringify(got)}): ${probe.stderr}`);
    results.push({ version, ok: false, seconds: 0 });
    continue;
  }
  const r = exec('node', 'node_modules/vitest/vitest.mjs', 'run', ...vitestArgs);
  results.push({ version, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\n──── Node versions ────');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} Node ${r.version}${r.seconds ? ` (${r.seconds} s)` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
