// The analysis worker's API type, derived from the implementation it exposes (never written twice).
// Kept apart from the entry point so DOM-side code can import the type without the worker globals.
import type { createAnalysisSession } from '../src/session/analysis-session';

type Session = ReturnType<typeof createAnalysisSession>;

/** The session's API; in the worker, loading text may wait for the helper worker that scans connections. */
export type AnalysisWorkerApi = Omit<Session, 'loadTextSummary'> & {
  loadTextSummary(text: string): ReturnType<Session['loadTextSummary']> | Promise<ReturnType<Session['loadTextSummary']>>;
  /** A large text is on its way (the main thread is still reading the file): start the helper worker now. */
  expectLargeText(): void;
  /**
   * Reads a model file here as strict UTF-8 and loads it as loadTextSummary does: the main thread
   * never holds its text. A file that cannot be read, or is not UTF-8, is answered as such (the
   * client words it: src/client/read-blob.ts).
   */
  loadBlobSummary(file: Blob): Promise<ReturnType<Session['loadTextSummary']> | { kind: 'unreadable'; reason: string } | { kind: 'not-utf8' }>;
  /** The plant (the scenario when one is active) as a JSON file (Session.modelText in one Blob). */
  modelBlob(): Blob;
};
