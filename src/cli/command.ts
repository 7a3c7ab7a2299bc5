// What every CLI command shares: reading its arguments (one strict parser for options and
// positionals), reading a model file through the one parser, and the two kinds of failure a
// command reports — a usage error (exit 2) and bad input (exit 1).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readModelFile } from '../io/node/files';
import type { Io } from '../io/node/terminal';
import { formatError } from '../model/errors';
import type { PlantModel } from '../model/schema';

export type { Io };

/** The command line is wrong: exit 2 with the message and the usage. */
export class UsageError extends Error {}

/**
 * A bad model file or an unknown id: exit 1 with the message, one line per item. Give the lines
 * as an array: a value with a newline in it then stays on its line (shown as `\n`). A string is
 * split at its newlines, so it must be built from display-safe parts (readModelFile's errors are).
 */
export class InputError extends Error {
  readonly lines: readonly string[];
  constructor(message: string | readonly string[]) {
    const lines = typeof message === 'string' ? message.split('\n') : [...message];
    super(lines.join('\n'));
    this.lines = lines;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's options (strict: an unknown one is a usage error) and positional arguments, whose
 * count must lie in `count` (a number, or [min, max]); otherwise a UsageError saying `usage`.
 */
export function commandArgs<const O extends Options>(argv: readonly string[], options: O, count: number | readonly [number, number], usage: string) {
  const r = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  const [min, max] = typeof count === 'number' ? [count, count] : count;
  if (r.positionals.length < min || r.positionals.length > max) throw new UsageError(usage);
  return r;
}

/** A model file through the one parser; its errors (each naming the file) as an InputError. */
export async function readModel(file: string): Promise<PlantModel> {
  const r = await readModelFile(file);
  // One line per error: a file path holding a newline stays on its line (shown as \n).
  if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => `${file}: ${formatError(e)}`));
  return r.model;
}
