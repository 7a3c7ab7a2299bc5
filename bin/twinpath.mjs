#!/usr/bin/env node
// `twinpath` command: runs the CLI built to JavaScript in dist-node/ (scripts/build-node.mjs, run by
// `prepare` on every `npm ci`/`npm install` of the repository and by `npm pack`). In a checkout
// whose src/ changed since that build — or that was never built — it runs the TypeScript sources
// through tsx instead (a devDependency: development only), so a command never runs stale code.
// main() turns every error into a one-line message and an exit code; what still escapes it (a
// failure to start, an error thrown from a stream event) ends here the same way: `twinpath: …`,
// exit 1, never a stack trace — unless TWINPATH_DEBUG is set (to anything but 0), for developers.
import { existsSync, readFileSync, statSync } from 'node:fs';

const debug = !['', '0', undefined].includes(process.env.TWINPATH_DEBUG);

/** Control characters and bidi overrides shown as escapes, as the CLI's own output does (src/io/node/terminal.ts). */
function printable(s) {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function fail(e) {
  try {
    const message = e instanceof Error ? e.message || e.name : String(e);
    process.stderr.write(`twinpath: unexpected error: ${printable(message.split('\n')[0])}${debug ? '' : ' (TWINPATH_DEBUG=1 shows the details and the stack trace)'}\n`);
    if (debug) process.stderr.write(`${(e instanceof Error && e.stack ? e.stack : message).split('\n').map(printable).join('\n')}\n`);
  } catch {
    // stderr is gone: the exit code still says it.
  }
  process.exit(1);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// `twinpath … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  fail(e);
});
process.stderr.on('error', () => process.exit(process.exitCode ?? 1));

const built = new URL('../dist-node/cli/main.js', import.meta.url);
const sources = new URL('../dist-node/cli/sources.json', import.meta.url);
const checkout = new URL('../src/cli/main.ts', import.meta.url);

/**
 * Whether the build is there and, in a checkout (src/ beside it), no newer than every source it
 * was built from. An installed package has no src/: its build is used as it is.
 */
function buildIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(checkout)) return true;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(sources, 'utf8'));
    const root = new URL('../', import.meta.url);
    return typeof builtAt === 'number' && inputs.every((file) => statSync(new URL(file, root)).mtimeMs < builtAt);
  } catch {
    return false; // a source removed or renamed, or no list: the build cannot be trusted
  }
}

async function loadMain() {
  if (buildIsCurrent()) return import(built.href);
  if (!existsSync(checkout)) throw new Error('the built CLI is missing (dist-node/cli/main.js): reinstall twinpath');
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    throw new Error('the CLI is not built and tsx is not installed: run `npm install` (its prepare step builds dist-node/)');
  }
  if (process.stderr.isTTY) process.stderr.write('twinpath: running from source (src/ changed since the last build; `npm run build:node` makes it start fast again)\n');
  register();
  return import(new URL('../src/cli/main.ts', import.meta.url).href);
}

try {
  const { main } = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  fail(e);
}
