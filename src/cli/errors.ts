// The two kinds of failure a CLI command reports, apart from everything else so that the CLI's entry
// (main.ts) can tell them apart without loading the model parser or the analysis: a usage error
// (exit 2) and bad input (exit 1).

/** The command line is wrong: exit 2 with the message on one line and where to find the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A bad model file or an unknown id: exit 1 with the message, one line per item. Give the lines
 * as an array: a value with a newline in it then stays on its line (shown as `\n`). A string is
 * split at its newlines, so it must be built from display-safe parts (readModelFile's errors are).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly lines: readonly string[];
  constructor(message: string | readonly string[]) {
    const lines = typeof message === 'string' ? message.split('\n') : [...message];
    super(lines.join('\n'));
    this.lines = lines;
  }
}
