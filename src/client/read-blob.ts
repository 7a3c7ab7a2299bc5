// A model file read as strict UTF-8 text, and why one is refused: bytes that are not UTF-8 (never
// turned into U+FFFD, as by the CLI), or a file that can no longer be read. The analysis worker
// reads the files it loads itself (the main thread never decodes — nor holds — a large plant's
// text); this thread reads one only when the analysis runs here, or to word why a file was refused.
import type { ModelError } from '../model/errors';
import { decodeUtf8Strict } from '../io/utf8';

export type BlobText = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

/** `name`: the file's, for the errors (a File's own by default). */
export async function readModelBlob(file: Blob, name = blobName(file)): Promise<BlobText> {
  const prefix = name ? `${name}: ` : '';
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    // A file changed or gone since it was chosen, a stored plant that cannot be read back.
    return unreadable(file, e instanceof Error ? e.message : String(e), name);
  }
  const decoded = decodeUtf8Strict(bytes);
  return decoded.kind === 'ok' ? { kind: 'text', text: decoded.text } : { kind: 'invalid', errors: [{ path: '', message: `${prefix}${decoded.reason}` }] };
}

/** A file that cannot be read (any more), as a refused load. */
export function unreadable(file: Blob, reason: string, name = blobName(file)): Extract<BlobText, { kind: 'invalid' }> {
  return { kind: 'invalid', errors: [{ path: '', message: `${name ? `${name}: ` : ''}the file cannot be read: ${reason}` }] };
}

/** A File's name ('' for a Blob that has none). */
export function blobName(b: Blob): string {
  const name = (b as Blob & { name?: unknown }).name;
  return typeof name === 'string' ? name : '';
}
