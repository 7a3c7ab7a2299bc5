#!/usr/bin/env node
// `twinpath` command: runs the TypeScript CLI through tsx, so the CLI is the same source as the app.
// main() turns every error into a one-line message and an exit code; what still escapes it (a
// failure to start, an error thrown from a stream event) ends here the same way: `twinpath: …`,
// exit 1, never a stack trace — unless TWINPATH_DEBUG is set (to anything but 0), for developers.
import { register } from 'tsx/esm/api';

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

try {
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  fail(e);
}
