// Node file I/O for models: size-checked reads and chunked writes. Used by the CLI and scripts.
import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseModelText, type ParseResult } from '../../model/parse';
import { MAX_MODEL_BYTES, type PlantModel } from '../../model/schema';
import { serializeModelChunks } from '../../model/serialize';

/** Reads and parses a model file; I/O failures and oversize files come back as errors too. */
export async function readModelFile(path: string): Promise<ParseResult> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    return { kind: 'invalid', errors: [{ path: '', message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  if (size > MAX_MODEL_BYTES) {
    const mib = (n: number) => (n / 1048576).toFixed(1);
    return { kind: 'invalid', errors: [{ path: '', message: `${path} is ${mib(size)} MiB; the limit is ${mib(MAX_MODEL_BYTES)} MiB` }] };
  }
  const text = await readFile(path, 'utf8');
  return parseModelText(text);
}

/** Writes a model as stable JSON, chunk by chunk; '-' writes to stdout. */
export async function writeModelFile(path: string, model: PlantModel): Promise<void> {
  const out = path === '-' ? process.stdout : createWriteStream(path);
  for (const chunk of serializeModelChunks(model)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  if (out !== process.stdout) {
    out.end();
    await finished(out);
  }
}
