// Runs the real `twinpath` command (bin/twinpath.mjs) as a user would.
import { spawnSync } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function twinpath(args: string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, ['bin/twinpath.mjs', ...args], { encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
