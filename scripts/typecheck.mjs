// Type-checks each TypeScript project with its own libs: the pure core without DOM or Node.
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.pure.json', 'tsconfig.lib.json', 'tsconfig.worker.json', 'tsconfig.app.json', 'tsconfig.node.json'];
let failed = 0;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p, '--pretty'], { stdio: 'inherit' });
  console.log(`typecheck ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
