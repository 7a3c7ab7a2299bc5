// The twinpath command line: the same model and analysis code as the app, over Node I/O.
// Exit codes: 0 success, 1 bad model or failed check, 2 usage error (3 and 4: diff and Neo4j).
// This entry loads no command: each is imported when it runs, so `twinpath --help` starts in
// milliseconds and neo4j-driver and playwright-core load only for the commands that use them.
import { constantText, lines, terminalIo, type Io, type Sink } from '../io/node/terminal';
import { InputError, UsageError } from './errors';
import { closestCommand, commandHelp, isCommand, overview } from './help';
import { condenseEnumErrors } from './suggest';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A command: its arguments after the command name → the exit code. */
type Run = (argv: readonly string[], io: Io) => Promise<number>;

const ANALYSIS = ['graph', 'paths', 'blast', 'chokepoints', 'risk', 'remediate', 'contain', 'simulate', 'diff', 'analyze', 'findings', 'inventory'];

/** The module of each command, loaded when it runs. */
async function load(command: string, rest: readonly string[]): Promise<Run | undefined> {
  if ((command === 'blast' || command === 'paths') && rest.some((a) => a === '--neo4j' || a.startsWith('--neo4j='))) {
    const m = await import('./neo4j-commands');
    return (argv, io) => m.runPushDown(command, argv, io);
  }
  if (ANALYSIS.includes(command)) {
    const m = await import('./analysis-commands');
    return async (argv, io) => (await m.runAnalysisCommand(command, argv, io))!;
  }
  switch (command) {
    case 'validate':
    case 'generate':
    case 'convert': {
      const m = await import('./model-commands');
      return command === 'validate' ? m.validate : command === 'generate' ? m.generate : m.convert;
    }
    case 'report':
      return (await import('./report-command')).reportCommand;
    case 'import':
      return (await import('./import-commands')).runImportCommand;
    case 'enrich':
      return (await import('./enrich-command')).runEnrich;
    case 'neo4j':
      return (await import('./neo4j-commands')).runNeo4jCommand;
    default:
      return undefined;
  }
}

const stdio: Sink = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  errColumns: () => (process.stderr.isTTY ? process.stderr.columns || 80 : undefined),
};

/** TWINPATH_DEBUG=1 (or any value but 0/empty): an unexpected error shows its stack trace too. */
function debugging(): boolean {
  const v = process.env.TWINPATH_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

/**
 * Runs one command; never throws: every failure is a one-line message on stderr (through the
 * neutralizing Io) and an exit code — 1 for bad input and unexpected errors, 2 for usage.
 */
export async function main(argv: readonly string[], sink: Sink = stdio): Promise<number> {
  const io = terminalIo(sink);
  try {
    return await run(argv, io);
  } catch (e) {
    return failure(e, io, argv[0]);
  }
}

const named = (e: unknown, name: string): e is Error & { code?: unknown } => e instanceof Error && e.name === name;

/** The exit code of an error, its message printed; `command` names where to find the usage. */
export function failure(e: unknown, io: Io, command?: string): number {
  try {
    if (e instanceof InputError) {
      for (const line of condenseEnumErrors(e.lines)) io.err(`${line}\n`);
      return EXIT_INVALID;
    }
    // By name (CodedError's contract): testing the classes would load the model and the analysis here.
    if (named(e, 'FileError')) {
      io.err(`${e.message}\n`);
      return EXIT_INVALID;
    }
    if (named(e, 'AnalysisError')) {
      io.err(`twinpath: ${e.message}\n`);
      return e.code === 'BAD_PARAMETER' ? EXIT_USAGE : EXIT_INVALID;
    }
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) || (e instanceof Error && (e as { code?: unknown }).code === 'GENERATE_OPTIONS')) {
      const where = command !== undefined && isCommand(command) ? `twinpath ${command} --help` : 'twinpath help';
      io.err(`twinpath: ${e.message.split('\n')[0]} (${where} shows the usage)\n`);
      return EXIT_USAGE;
    }
    // The first line of the message; the rest (some libraries write pages) and the stack on request.
    const message = e instanceof Error ? e.message || e.name : String(e);
    io.err(`twinpath: unexpected error: ${message.split('\n')[0]}${debugging() ? '' : ' (TWINPATH_DEBUG=1 shows the details and the stack trace)'}\n`);
    if (debugging()) io.err(lines((e instanceof Error && e.stack ? e.stack : message).split('\n')));
  } catch {
    // Even printing failed (stderr closed): the exit code still says it.
  }
  return EXIT_INVALID;
}

const wantsHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && isCommand(topic)) io.out(constantText(commandHelp(topic)));
    else if (topic !== undefined) throw new UsageError(`no command ${JSON.stringify(topic)}${hint(topic)}`);
    else io.out(constantText(overview()));
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (isCommand(command) && wantsHelp(rest)) {
    io.out(constantText(commandHelp(command)));
    return EXIT_OK;
  }
  const runCommand = await load(command, rest);
  if (!runCommand) throw new UsageError(`unknown command ${JSON.stringify(command)}${hint(command)}`);
  return await runCommand(rest, io);
}

function hint(typed: string): string {
  const guess = closestCommand(typed);
  return guess !== undefined ? `; did you mean \`${guess}\`?` : '';
}
