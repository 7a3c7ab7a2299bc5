// `npm run bench:cli [-- --runs N]`: CLI start-up, wall clock of a whole process as a user or a CI
// gate sees it — `twinpath --help` and `twinpath validate models/reference-plant.json` — from the
// build (dist-node/, what bin/twinpath.mjs runs) against the targets (150 ms and 300 ms), with the
// same commands run from the TypeScript sources through tsx (how the CLI ran before it was built)
// and `node -e 0` (Node's own start, the floor) beside them. Medians of N runs after two warm-ups.
// Not a test: it prints figures and MET/MISSED (see BENCHMARKS.md).
/* global process, console, performance -- a Node script, like scripts/*.mjs */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const node = process.execPath;

// A build older than src/ would make bin/twinpath.mjs run the sources: build first (--no-build: as it is).
if (!args.includes('--no-build')) {
  const b = spawnSync(node, ['scripts/build-node.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
if (!existsSync('dist-node/cli/main.js')) {
  console.error('bench:cli: no build in dist-node/ — run `npm run build:node` first');
  process.exit(1);
}

/** The CLI as it ran before the build: bin/twinpath.mjs registering tsx and importing src/cli/main.ts. */
const fromSource = [
  '--input-type=module',
  '-e',
  "const { register } = await import('tsx/esm/api'); register(); const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));",
];

const cases = [
  { name: 'node -e 0 (Node start)', argv: ['-e', '0'] },
  { name: 'node empty.mjs (Node start, ES module)', argv: ['--input-type=module', '-e', ''] },
  { name: 'twinpath --help', argv: ['bin/twinpath.mjs', '--help'], target: 150 },
  { name: 'twinpath validate reference-plant', argv: ['bin/twinpath.mjs', 'validate', 'models/reference-plant.json'], target: 300 },
  { name: 'from source (tsx): --help', argv: [...fromSource, '--help'] },
  { name: 'from source (tsx): validate', argv: [...fromSource, 'validate', 'models/reference-plant.json'] },
];

function time(argv) {
  const t = performance.now();
  const r = spawnSync(node, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`CLI start-up — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${runs} runs each`);
let missed = 0;
for (const c of cases) {
  for (let i = 0; i < 2; i++) time(c.argv);
  const ts = Array.from({ length: runs }, () => time(c.argv));
  const m = median(ts);
  const p90 = [...ts].sort((a, b) => a - b)[Math.min(ts.length - 1, Math.floor(ts.length * 0.9))];
  let verdict = '';
  if (c.target !== undefined) {
    verdict = m <= c.target ? `MET (≤ ${c.target} ms)` : `MISSED (target ${c.target} ms)`;
    if (m > c.target) missed++;
  }
  console.log(`${c.name.padEnd(38)} median ${m.toFixed(0).padStart(5)} ms   p90 ${p90.toFixed(0).padStart(5)} ms   ${verdict}`);
}
process.exit(missed ? 1 : 0);
