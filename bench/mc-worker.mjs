// Bootstrap for the benchmark worker threads: TypeScript through tsx, as bin/twinpath.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./mc-worker.ts');
