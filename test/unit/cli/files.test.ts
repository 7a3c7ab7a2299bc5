// Every command that reads a file, run as a user runs it, on what is not a readable regular file:
// a clear one-line error and exit 1 (2 for usage), never a stack trace, never a hang (a FIFO is
// refused before any read; each run has a deadline anyway), never reading /dev/zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliRun } from '../../helpers/cli';

/**
 * The real CLI with a deadline (a hang fails the test instead of blocking it) and without
 * TWINPATH_DEBUG; `asUser` runs it as an unprivileged user when this process is root (CI is).
 */
function run(args: string[], env: Record<string, string> = {}, asUser = false): CliRun {
  const drop = asUser && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  const r = spawnSync(process.execPath, ['bin/twinpath.mjs', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, TWINPATH_DEBUG: '', ...env },
    ...drop,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK_LINE = /^\s+at /m;
/** The unprivileged user and group (nobody) a root test run drops to for the permission test. */
const NOBODY = 65534;
const REF = 'models/reference-plant.json';
const PCAP = 'test/fixtures/pcaps/dnp3.pcap';
const MAPPING = 'models/examples/inventory-mapping.json';
const ASSETS = 'models/examples/inventory-assets.csv';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-files-'));
const D = join(dir, 'plant.json');
mkdirSync(D);
const FIFO = join(dir, 'fifo.json');
execFileSync('mkfifo', [FIFO]);
const ZERO = join(dir, 'zero.json');
symlinkSync('/dev/zero', ZERO);
const MISSING = join(dir, 'missing.json');

/** Every command and option that reads a file, with `F` where the file goes. */
const F = '\0file';
const READERS: string[][] = [
  ['validate', F],
  ['graph', F],
  ['paths', F],
  ['blast', F, '--from', 'internet'],
  ['chokepoints', F],
  ['risk', F],
  ['remediate', F],
  ['contain', F, '--from', 'internet'],
  ['simulate', F, '--samples', '10'],
  ['analyze', F, '--samples', '10'],
  ['diff', F, REF],
  ['diff', REF, F],
  ['report', F, '-o', join(dir, 'r.html')],
  ['report', REF, '--scenario', F, '-o', join(dir, 'r.html')],
  ['enrich', F],
  ['enrich', REF, '--kb', F],
  ['import', 'csv', '--assets', F, '--mapping', MAPPING],
  ['import', 'csv', '--assets', ASSETS, '--mapping', F],
  ['import', 'csv', '--assets', ASSETS, '--connections', F, '--mapping', MAPPING],
  ['import', 'pcap', F],
  ['import', 'pcap', PCAP, '--merge', F, '-o', join(dir, 'm.json')],
  // The file is read before any connection is tried: no Neo4j is needed.
  ['neo4j', 'push', F, '--uri', 'bolt://127.0.0.1:1', '--password', 'x'],
];
const withFile = (args: string[], file: string) => args.map((a) => (a === F ? file : a));

function expectCleanFailure(r: CliRun, file: string, reason: RegExp): void {
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toMatch(reason);
}

describe('every command on a directory', () => {
  it.each(READERS.map((a) => [a.map((x) => (x === F ? 'DIR' : x)).join(' '), a] as const))('%s: exit 1, one line, no stack trace', (_, args) => {
    expectCleanFailure(run(withFile(args, D)), D, /is a directory, not a regular file$/);
  });
});

describe('special files and errno codes', () => {
  it.each([
    ['a FIFO', FIFO, /: not a regular file \(a named pipe\)$/],
    ['a symlink to /dev/zero', ZERO, /: not a regular file \(a character device behind a symbolic link\)$/],
    ['a missing file', MISSING, /ENOENT \(no such file or directory\)$/],
  ])('validate, graph, diff and import pcap on %s', (_, file, reason) => {
    for (const args of [['validate', F], ['graph', F], ['diff', REF, F], ['import', 'pcap', F], ['enrich', REF, '--kb', F]]) {
      expectCleanFailure(run(withFile(args, file)), file, reason);
    }
  }, 120_000);

  it('an unreadable file (as an unprivileged user: root reads it anyway)', () => {
    const open = mkdtempSync(join(tmpdir(), 'twinpath-perm-'));
    chmodSync(open, 0o755);
    const p = join(open, 'secret.json');
    writeFileSync(p, '{}');
    chmodSync(p, 0o000);
    expectCleanFailure(run(['validate', p], {}, true), p, /EACCES \(permission denied\)$/);
    expectCleanFailure(run(['import', 'pcap', p], {}, true), p, /EACCES \(permission denied\)$/);
  });

  it('invalid UTF-8 in a model: the byte, line and column, exit 1', () => {
    const p = join(dir, 'latin1.json');
    writeFileSync(p, Buffer.concat([Buffer.from('{"plant": {"name": "Stahlwerk D'), Buffer.from([0xfc]), Buffer.from('sseldorf"}}')]));
    const r = run(['validate', p]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`${p}: invalid UTF-8 at byte 31 (line 1, column 32)\n`);
  });

  it('an output that cannot be written: one line, exit 1', () => {
    const r = run(['generate', '--assets', '200', '-o', D]);
    expect(r.stderr).toBe(`cannot write ${D}: EISDIR (is a directory)\n`);
    expect(r.code).toBe(1);
    const full = run(['report', REF, '-o', join(dir, 'no-such-dir', 'r.html')]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^cannot write .*r\.html: ENOENT \(no such file or directory\)\n$/);
  });
});

describe('unexpected errors', () => {
  // A Chromium that exits at once: playwright throws a multi-line error the CLI does not know.
  const env = { CHROMIUM_PATH: '/bin/true' };
  it('print `twinpath: unexpected error: <first line>` and exit 1, without a stack trace', () => {
    const r = run(['report', REF, '-o', join(dir, 'r.pdf')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toMatch(/^twinpath: unexpected error: browserType\.launch: .*\(TWINPATH_DEBUG=1 shows the details and the stack trace\)\n$/);
  });

  it('show the stack trace with TWINPATH_DEBUG=1', () => {
    const r = run(['report', REF, '-o', join(dir, 'r.pdf')], { ...env, TWINPATH_DEBUG: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^twinpath: unexpected error: browserType\.launch: /);
    expect(r.stderr).toMatch(STACK_LINE);
  });
});
