// bin/twinpath.mjs chooses what to run: the build in dist-node/ when there is no src/ beside it (an
// installed package) or when no source it was built from changed since; the sources through tsx in
// a checkout whose src/ is newer; a one-line error when neither is possible. Run on copies of the
// bin and the built CLI in a scratch package (the build is made by `prepare` / `npm run build:node`).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const built = 'dist-node/cli';
let root = '';

function twinpath(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'twinpath.mjs'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, TWINPATH_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sources(builtAt: number) {
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), '// a source of the build\n');
  writeFileSync(join(root, built, 'sources.json'), JSON.stringify({ builtAt, inputs: ['src/cli/main.ts'] }));
}

beforeEach(() => {
  expect(existsSync(join(built, 'main.js')), 'no build in dist-node/: run `npm run build:node`').toBe(true);
  root = mkdtempSync(join(tmpdir(), 'twinpath-bin-'));
  cpSync('bin', join(root, 'bin'), { recursive: true });
  cpSync(built, join(root, built), { recursive: true });
  rmSync(join(root, built, 'sources.json'), { force: true });
});

describe('bin/twinpath.mjs', () => {
  it('an installed package (no src/): runs the build', () => {
    const r = twinpath('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^twinpath — attack-path analysis/);
  });

  it('a checkout built after its last change: runs the build', () => {
    sources(Date.now() + 60_000);
    expect(twinpath('--help').code).toBe(0);
  });

  it('a checkout changed since the build: runs the sources (through tsx, here not installed: said in one line)', () => {
    sources(0);
    const r = twinpath('--help');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('twinpath: unexpected error: the CLI is not built and tsx is not installed: run `npm install` (its prepare step builds dist-node/) (TWINPATH_DEBUG=1 shows the details and the stack trace)\n');
    rmSync(join(root, built, 'sources.json'));
    expect(twinpath('--help').code, 'no list of sources: the build is not trusted').toBe(1);
  });

  it('no build and no sources: says to reinstall', () => {
    rmSync(join(root, built, 'main.js'));
    expect(twinpath('--help').stderr).toMatch(/^twinpath: unexpected error: the built CLI is missing \(dist-node\/cli\/main\.js\): reinstall twinpath /);
  });
});
