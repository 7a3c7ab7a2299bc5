// `npm run build:node` (and `prepare`: every `npm ci`/`npm install` of the repository and every
// `npm pack`): the CLI and the library as JavaScript in dist-node/, so `twinpath` starts without
// compiling TypeScript and `import 'twinpath'` works with types.
//
//   dist-node/cli/      the CLI (esbuild, ESM, code-split: each command is a chunk loaded when it
//                       runs, so --help loads a few kilobytes and neo4j-driver / playwright-core load
//                       only for the commands that use them); sources.json lists its inputs and their
//                       modification times, so bin/twinpath.mjs can tell a stale build in a checkout
//   dist-node/lib/      the library: index.js (the engine) and interchange.js (the formats), no DOM
//                       and no Node (platform neutral)
//   dist-node/types/    their .d.ts files (tsc, tsconfig.lib.json), relative imports with .js
//
// The library leaves every dependency an import (the package's dependencies). The CLI bundles the
// two that every model-reading command loads — TypeBox (~100 ES modules) and yaml — into its chunks:
// resolving and reading a hundred files is most of a cold start. They stay dependencies (the library
// imports them; their licences install with them).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-node');
const started = Date.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The build is not source: git ignores it; npm packs it (package.json "files").
writeFileSync(join(out, '.gitignore'), '*\n');
writeFileSync(join(out, '.npmignore'), '.gitignore\ncli/sources.json\n');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const BUNDLED_IN_CLI = ['@sinclair/typebox', 'yaml'];

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  splitting: true,
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const cli = await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: join(out, 'cli'),
  platform: 'node',
  target: 'node20.19',
  // yaml's Node build is CommonJS and requires Node built-ins: give the ES module chunks a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  external: dependencies.filter((d) => !BUNDLED_IN_CLI.includes(d)).flatMap((d) => [d, `${d}/*`]),
});

await build({
  ...common,
  entryPoints: { index: 'src/lib/index.ts', interchange: 'src/interchange/index.ts' },
  outdir: join(out, 'lib'),
  platform: 'neutral',
  packages: 'external',
  mainFields: ['module', 'main'],
});

// What the CLI was built from, and when the build started: bin/twinpath.mjs runs the sources instead
// of a build older than any of them (a checkout where someone edited src/ since `npm install`). The
// start, not each file's time after the build: a file saved while esbuild ran counts as newer.
const inputs = Object.keys(cli.metafile.inputs).filter((f) => f.startsWith('src/'));
writeFileSync(join(out, 'cli', 'sources.json'), `${JSON.stringify({ builtAt: started, inputs })}\n`);

// Declarations of the library entries.
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json', '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--rootDir', 'src', '--outDir', join(out, 'types')],
  // Its messages to stderr: `npm pack --json` runs this script and its stdout must stay JSON.
  { cwd: root, stdio: ['ignore', 2, 2] },
);
if (tsc.status !== 0) {
  console.error('build-node: tsc could not emit the declarations');
  process.exit(1);
}

/** Every file under dir. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
}

// The sources import without extensions (bundler resolution); Node's ESM resolution, which
// consumers' `moduleResolution: node16/nodenext` follows, needs them spelled out.
const types = join(out, 'types');
for (const file of files(types).filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/(from\s+|import\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (whole, lead, quote, spec) => {
    if (/\.(js|json)$/.test(spec)) return whole;
    const target = resolve(dirname(file), spec);
    let withExt;
    try {
      withExt = statSync(`${target}.d.ts`).isFile() ? `${spec}.js` : undefined;
    } catch {
      withExt = undefined;
    }
    if (withExt === undefined) {
      try {
        if (statSync(join(target, 'index.d.ts')).isFile()) withExt = `${spec}/index.js`;
      } catch {
        throw new Error(`build-node: ${relative(root, file)} imports ${spec}, which has no declaration`);
      }
    }
    return `${lead}${quote}${withExt}${quote}`;
  });
  if (fixed !== text) writeFileSync(file, fixed);
}

const size = (dir) => files(dir).reduce((s, f) => s + statSync(f).size, 0);
console.error(
  `build-node: dist-node/cli ${Math.round(size(join(out, 'cli')) / 1024)} KiB, lib ${Math.round(size(join(out, 'lib')) / 1024)} KiB, ` +
    `types ${files(types).length} files, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
