// Bootstrap for the scan worker thread: TypeScript through tsx, as bin/twinpath.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
