// The import worker's API type, derived from the implementation it exposes (never written twice).
// Kept apart from the entry point so DOM-side code can import the type without the worker globals.
import type { createImportSession } from '../src/session/import-session';

export type ImportWorkerApi = ReturnType<typeof createImportSession>;
