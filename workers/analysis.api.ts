// The analysis worker's API type, derived from the implementation it exposes (never written twice).
// Kept apart from the entry point so DOM-side code can import the type without the worker globals.
import type { createAnalysisSession } from '../src/analysis/session';

export type AnalysisWorkerApi = ReturnType<typeof createAnalysisSession>;
