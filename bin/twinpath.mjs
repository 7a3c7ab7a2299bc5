#!/usr/bin/env node
// `twinpath` command: runs the TypeScript CLI through tsx, so the CLI is the same source as the app.
import { register } from 'tsx/esm/api';

// `twinpath … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
