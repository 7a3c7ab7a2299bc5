// Node file I/O for models: checked reads (read.ts) and chunked writes, JSON or YAML by the file's
// extension. Used by the CLI and scripts.
import { once } from 'node:events';
import { open, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseModelText, type ParseResult } from '../../model/parse';
import type { PlantModel } from '../../model/schema';
import { connectionCount } from '../../model/connections';
import { serializeModelChunks } from '../../model/serialize';
import { isYamlName } from '../../model/yaml-name';
import { errnoError, FileError, readTextFile } from './read';
import { show } from './terminal';

/** A model file's format. */
export type ModelFormat = 'json' | 'yaml';

/** YAML for `.yaml` / `.yml`, JSON for everything else. */
export function modelFormatOf(path: string): ModelFormat {
  return isYamlName(path) ? 'yaml' : 'json';
}

export interface ReadModelOptions {
  /** Most bytes read (default MAX_MODEL_BYTES); the read stops as soon as more have come. */
  readonly limit?: number;
}

/**
 * Reads and parses a model file (YAML when its name ends in .yaml or .yml). A file that cannot be read (missing, not a regular file, too
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
  // The YAML reader (and the yaml package) load only for YAML files.
  const r = modelFormatOf(path) === 'yaml' ? (await import('../../model/yaml')).parseModelYaml(text) : parseModelText(text);
  if (r.kind === 'ok') return r;
  return { kind: 'invalid', errors: r.errors.map((e) => ({ path: show(e.path), message: show(e.message) })) };
}

async function writeChunks(out: Writable, chunks: Iterable<string>, onChunk?: (chunk: string) => void): Promise<void> {
  for (const chunk of chunks) {
    // once() rejects if the stream fails while we wait for it to drain.
    if (!out.write(chunk)) await once(out, 'drain');
    onChunk?.(chunk);
  }
}

export interface WriteModelOptions {
  /** JSON (default: by the extension, JSON for stdout) or YAML. */
  readonly format?: ModelFormat;
  /** Records written so far of all the model's records (JSON: one record per line), now and then. */
  readonly onProgress?: (records: number, total: number) => void;
}

/** Records of a model: one line each in its JSON file. */
function recordCount(model: PlantModel): number {
  let n = connectionCount(model);
  for (const key of Object.keys(model) as (keyof PlantModel)[]) {
    const v = key === 'connections' ? undefined : model[key];
    if (Array.isArray(v)) n += v.length;
  }
  return n;
}

function newlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The model's text in pieces: stable JSON (serialize.ts), or YAML in one piece. */
async function modelChunks(model: PlantModel, format: ModelFormat): Promise<Iterable<string>> {
  return format === 'yaml' ? [(await import('../../model/yaml')).modelToYaml(model)] : serializeModelChunks(model);
}

/** Writes a model as stable JSON (or YAML), chunk by chunk; '-' writes to stdout. */
export async function writeModelFile(path: string, model: PlantModel, options: WriteModelOptions = {}): Promise<void> {
  const format = options.format ?? (path === '-' ? 'json' : modelFormatOf(path));
  let onChunk: ((chunk: string) => void) | undefined;
  if (options.onProgress) {
    const total = recordCount(model);
    const report = options.onProgress;
    let written = 0;
    onChunk = (chunk) => report((written = Math.min(total, written + newlines(chunk))), total);
  }
  const chunks = await modelChunks(model, format);
  if (path === '-') {
    await writeChunks(process.stdout, chunks, onChunk);
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
    await writeChunks(out, chunks, onChunk);
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
