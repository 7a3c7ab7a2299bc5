// TwinPath's own version (from its package.json, found from this file: src/cli and the built
// dist-node/cli sit at the same depth) and how the CLI names a file inside a SARIF log.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const TWINPATH_VERSION = packageVersion();

/**
 * A file as a SARIF artifact URI: relative to the working directory with `/` separators when it
 * lies inside it (code-review tools resolve those against the repository root, where a CI gate
 * runs), else an absolute file: URL.
 */
export function artifactUri(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, file));
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).map(encodeURIComponent).join('/');
  return pathToFileURL(resolve(cwd, file)).href;
}
