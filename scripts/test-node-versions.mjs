// `npm run test:node-versions [-- vitest arguments]`: the unit, worker and CLI tests under the other
// Node lines TwinPath supports — Node 22 and Node 24 LTS — besides the Node that runs `npm test`
// (20.19+). The binaries are the `node` package's on the npm registry, fetched by `npm exec` (into
// npm's cache: the first run downloads ~30 MB per version) and copied to a world-readable folder:
// the CLI tests spawn process.execPath, so they run the command under the same Node, and one of them
// runs it as an unprivileged user, who cannot enter root's npm cache. CI runs this (.ci/run); so can
// anyone:
//
//   npm run test:node-versions                                  # unit + worker, Node 22 and 24
//   npm run test:node-versions -- --project unit test/unit/cli  # a part of them
//
// Exact versions, so a run is repeatable; move them on with the LTS releases.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSIONS = ['22.23.3', '24.21.0'];

const args = process.argv.slice(2);
const vitestArgs = args.length ? args : ['--project', 'unit', '--project', 'worker'];
const results = [];

/** The Node binary of a version, copied where any user may run it; undefined (said on stderr) when npm cannot fetch it. */
function nodeBinary(version) {
  const probe = spawnSync('npm', ['exec', '--yes', `--package=node@${version}`, '--', 'node', '-p', 'process.execPath'], { encoding: 'utf8', env: process.env });
  const source = (probe.stdout ?? '').trim();
  if (probe.status !== 0 || source === '') {
    console.error(`Node ${version}: npm exec --package=node@${version} failed: ${probe.stderr}`);
    return undefined;
  }
  const dir = join(tmpdir(), `twinpath-node-${version}`);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const binary = join(dir, 'node');
  copyFileSync(source, binary);
  chmodSync(binary, 0o755);
  const got = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (got !== `v${version}`) {
    console.error(`Node ${version}: the binary says ${JSON.stringify(got)}`);
    return undefined;
  }
  return binary;
}

for (const version of NODE_VERSIONS) {
  console.log(`\n▶ Node ${version}: vitest run ${vitestArgs.join(' ')}`);
  const started = Date.now();
  const binary = nodeBinary(version);
  if (!binary) {
    results.push({ version, ok: false, seconds: 0 });
    continue;
  }
  const r = spawnSync(binary, ['node_modules/vitest/vitest.mjs', 'run', ...vitestArgs], { stdio: 'inherit', env: process.env });
  results.push({ version, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\n──── Node versions ────');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} Node ${r.version}${r.seconds ? ` (${r.seconds} s)` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
