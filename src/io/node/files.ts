// Node file I/O for models: checked reads (read.ts) and chunked writes. Used by the CLI and scripts.
import { once } from 'node:events';
import { open, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseModelText, type ParseResult } from '../../model/parse';
import type { PlantModel } from '../../model/schema';
import { serializeModelChunks } from '../../model/serialize';
import { errnoError, FileError, readTextFile } from './read';
import { show } from './terminal';

export interface ReadModelOptions {
  /** Most bytes read (default MAX_MODEL_BYTES); the read stops as soon as more have come. */
  readonly limit?: number;
}

/**
 * Reads and parses a model file. A file that cannot be read (missing, not a regular file, too
 * large, not UTF-8) comes back as an error like a bad model. Errors are display-safe single lines:
 * control characters and bidi overrides from the model's text are shown as escapes (terminal.ts),
 * so a model cannot forge lines or escape sequences in the messages printed about it.
 */
export async function readModelFile(path: string, options: ReadModelOptions = {}): Promise<ParseResult> {
  let text: string;
  try {
    text = await readTextFile(path, { ...(options.limit !== undefined ? { limit: options.limit } : {}) });
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    // The caller prefixes the path; the message says what is wrong with the file.
    const message = e.code === 'NOT_REGULAR' || e.code === 'TOO_LARGE' || e.code === 'INVALID_UTF8' ? e.reason : `cannot read the file: ${e.reason}`;
    return { kind: 'invalid', errors: [{ path: '', message: show(message) }] };
  }
  const r = parseModelText(text);
  if (r.kind === 'ok') return r;
  return { kind: 'invalid', errors: r.errors.map((e) => ({ path: show(e.path), message: show(e.message) })) };
}

async function writeChunks(out: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    // once() rejects if the stream fails while we wait for it to drain.
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/** Writes a model as stable JSON, chunk by chunk; '-' writes to stdout. */
export async function writeModelFile(path: string, model: PlantModel): Promise<void> {
  if (path === '-') {
    await writeChunks(process.stdout, serializeModelChunks(model));
    return;
  }
  let handle;
  try {
    handle = await open(path, 'w');
  } catch (e) {
    throw errnoError(e, path, undefined, 'write');
  }
  const out = handle.createWriteStream();
  try {
    await writeChunks(out, serializeModelChunks(model));
    out.end();
    await finished(out);
  } catch (e) {
    out.destroy();
    throw errnoError(e, path, undefined, 'write');
  }
}

/** Writes a whole output file (report HTML or PDF); failures as one-line FileErrors. */
export async function writeOutputFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (e) {
    throw errnoError(e, path, undefined, 'write');
  }
}
