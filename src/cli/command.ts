// What every CLI command shares: reading its arguments (one strict parser for options and
// positionals), reading a model file through the one parser, and the two kinds of failure a
// command reports — a usage error (exit 2) and bad input (exit 1).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readModelFile } from '../io/node/files';
import type { Io } from '../io/node/terminal';
import { formatError } from '../model/errors';
import { InputError, UsageError } from './errors';
import { closest } from './suggest';
import { isAttackerProfile } from '../analysis/profiles';
import { ATTACKER_PROFILES, type AttackerProfile, type PlantModel } from '../model/schema';

export type { Io };

export { InputError, UsageError };

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's options (strict: an unknown one is a usage error) and positional arguments, whose
 * count must lie in `count` (a number, or [min, max]); otherwise a UsageError saying `usage`.
 */
export function commandArgs<const O extends Options>(argv: readonly string[], options: O, count: number | readonly [number, number], usage: string) {
  let r;
  try {
    r = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw optionError(e, options);
  }
  const [min, max] = typeof count === 'number' ? [count, count] : count;
  if (r.positionals.length < min || r.positionals.length > max) throw new UsageError(usage);
  return r;
}

/**
 * parseArgs' error as one short line: an unknown option with the closest known one ("did you
 * mean --budget?") instead of Node's advice on positionals starting with a dash.
 */
function optionError(e: unknown, options: Options): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && e instanceof Error) {
    const typed = /'(-{1,2}[^']*)'/.exec(e.message)?.[1];
    if (typed !== undefined) {
      const names = Object.keys(options);
      const guess = closest(typed.replace(/^-+/, '').split('=')[0]!, names);
      return new UsageError(`unknown option ${typed}${guess !== undefined ? `; did you mean --${guess}?` : names.length ? ` (options: ${names.map((n) => `--${n}`).join(', ')})` : ''}`);
    }
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') && e instanceof Error) return new UsageError(e.message.split('\n')[0]!);
  return e;
}

/** A model file through the one parser; its errors (each naming the file) as an InputError. */
export async function readModel(file: string): Promise<PlantModel> {
  const r = await readModelFile(file);
  // One line per error: a file path holding a newline stays on its line (shown as \n).
  if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => `${file}: ${formatError(e)}`));
  return r.model;
}

/**
 * `--profile P`: the attacker an analysis runs as (docs/attack-rules.md, "Attacker profiles"), or
 * undefined when the option is absent. Any other value is a usage error naming the profiles, with
 * the closest one when there is one.
 */
export function profileOption(raw: string | boolean | undefined): AttackerProfile | undefined {
  if (raw === undefined) return undefined;
  if (isAttackerProfile(raw)) return raw;
  const typed = typeof raw === 'string' ? raw : '';
  const guess = closest(typed, ATTACKER_PROFILES);
  throw new UsageError(`--profile takes one of ${ATTACKER_PROFILES.join(', ')}; got ${JSON.stringify(typed)}${guess !== undefined ? `; did you mean \`${guess}\`?` : ''}`);
}
