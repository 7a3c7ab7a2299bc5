// The twinpath command line: the same model and analysis code as the app, over Node I/O.
// Exit codes: 0 success, 1 bad model or failed check, 2 usage error.
import { formatError } from '../model/errors';
import { GenerateError, generatePlant, MIN_GENERATED_ASSETS } from '../model/generate';
import { validateModel } from '../model/parse';
import { readModelFile, writeModelFile } from '../io/node/files';
import { FileError } from '../io/node/read';
import { constantText, lines, terminalIo, txt, type Io, type Sink } from '../io/node/terminal';
import { AnalysisError, runAnalysisCommand } from './analysis-commands';
import { commandArgs, InputError, UsageError } from './command';
import { reportCommand } from './report-command';
import { NEO4J_USAGE, runNeo4jCommand, runPushDown } from './neo4j-commands';
import { runImportCommand } from './import-commands';
import { runEnrich } from './enrich-command';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const USAGE = `twinpath — attack-path analysis for industrial plant digital twins

Usage:
  twinpath validate <model.json>
      Check a plant model. Exit 0 when valid; 1 with one error per line on stderr.
  twinpath generate --assets N [--seed S] [--connections M] [-o file.json]
      Write a realistic synthetic plant of exactly N assets (N ≥ ${MIN_GENERATED_ASSETS}; default
      10 connections per asset). Deterministic: the same options give the same file.

Analysis (add --json for machine-readable output with the keys documented in README):
  twinpath graph <model>                      the derived attack graph, every edge explained
  twinpath paths <model> [--from ID,…] [--to ID,…] [--k N]
                                              most likely attack paths (k per pair with --k)
  twinpath blast <model> --from ID[,ID…]      blast radius and business impact
  twinpath chokepoints <model>                dominators, minimum cut, ranking by risk removed
  twinpath risk <model>                       risk per crown jewel and for the plant
  twinpath remediate <model> [--budget N] [--steps N]
                                              greedy remediation plan and risk curve
  twinpath contain <model> --from ID          cheapest isolation of a compromised asset
  twinpath simulate <model> [--samples N] [--seed S]
                                              Monte Carlo compromise probabilities
  twinpath diff <base> <changed> [--fail-on-increase]
                                              scenario diff; exit 3 when plant risk rises
  twinpath analyze <model>                    all of the above in one document
  twinpath help

Reports:
  twinpath report <model> [--scenario FILE] [--entry ID] [--steps N] -o report.html|report.pdf
                                              executive report: breach story, impact, before/after
                                              (the plan's first N steps, and a what-if model);
                                              self-contained HTML, or a PDF via headless Chromium

Import:
  twinpath import pcap FILE… [--merge model.json] [-o out.json] [--json] [--name NAME]
                                              packet captures (pcap, pcapng) → a model of the
                                              observed network (hosts, flows, protocols, role
                                              guesses), or merged into model.json: connections
                                              seen marked observed, shadow flows added; --json
                                              prints the capture summary (needs -o)
  twinpath import csv --assets A.csv [--connections C.csv] --mapping map.json [-o out.json]
                                              asset inventory and connection list CSVs → a model;
                                              the mapping file names the columns (README);
                                              errors name the file, row, id and column

Enrichment:
  twinpath enrich <model.json> [-o out.json] [--kb FILE] [--min-confidence low|medium|high]
                  [--no-refresh] [--json]
                                              attach known CVEs from the bundled knowledge base
                                              (CISA ICS advisories, KEV) by vendor/product/firmware,
                                              saying how each matched; refresh kev/cvss of listed CVEs

${NEO4J_USAGE}
Exit codes: 0 success, 1 invalid model or unknown id, 2 usage error, 3 risk increased (diff),
4 Neo4j unreachable, credentials refused or no such database. Errors are one line on stderr;
TWINPATH_DEBUG=1 adds the stack trace of an unexpected one.
`;

const stdio: Sink = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
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
    return failure(e, io);
  }
}

/** The exit code of an error, its message printed. */
export function failure(e: unknown, io: Io): number {
  try {
    if (e instanceof InputError) {
      for (const line of e.lines) io.err(`${line}\n`);
      return EXIT_INVALID;
    }
    if (e instanceof FileError) {
      io.err(`${e.message}\n`);
      return EXIT_INVALID;
    }
    if (e instanceof AnalysisError) {
      io.err(`twinpath: ${e.message}\n`);
      return e.code === 'BAD_PARAMETER' ? EXIT_USAGE : EXIT_INVALID;
    }
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(txt`twinpath: ${e.message}\n\n${constantText(USAGE)}`);
      return EXIT_USAGE;
    }
    if (e instanceof GenerateError) {
      io.err(`twinpath: ${e.message}\n`);
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

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'neo4j':
      return await runNeo4jCommand(rest, io);
    case 'blast':
    case 'paths':
      if (rest.some((a) => a === '--neo4j' || a.startsWith('--neo4j='))) return await runPushDown(command, rest, io);
      return (await runAnalysisCommand(command, rest, io))!;
    case 'validate':
      return await validate(rest, io);
    case 'generate':
      return await generate(rest, io);
    case 'report':
      return await reportCommand(rest, io);
    case 'import':
      return await runImportCommand(rest, io);
    case 'enrich':
      return await runEnrich(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(constantText(USAGE));
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    default: {
      const code = await runAnalysisCommand(command, rest, io);
      if (code === undefined) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
      return code;
    }
  }
}


async function validate(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = commandArgs(args, {}, 1, 'validate takes exactly one model file');
  const file = positionals[0]!;
  const result = await readModelFile(file);
  if (result.kind === 'invalid') {
    for (const e of result.errors) io.err(`${file}: ${formatError(e)}\n`);
    return EXIT_INVALID;
  }
  const m = result.model;
  io.out(
    `${file}: valid plant model "${m.plant.name}" — ${m.assets.length} assets, ${m.zones.length} zones, ` +
      `${m.connections.length} connections, ${m.entryPoints.length} entry points, ${m.crownJewels.length} crown jewels\n`,
  );
  return EXIT_OK;
}

function integerOption(name: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} takes a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

async function generate(args: readonly string[], io: Io): Promise<number> {
  const { values } = commandArgs(
    args,
    { assets: { type: 'string' }, seed: { type: 'string' }, connections: { type: 'string' }, output: { type: 'string', short: 'o' } },
    0,
    'generate takes no positional arguments',
  );
  const assets = integerOption('assets', values.assets);
  if (assets === undefined) throw new UsageError('generate needs --assets N');
  const seed = integerOption('seed', values.seed, 1)!;
  const connections = integerOption('connections', values.connections);
  const model = generatePlant({ assets, seed, ...(connections !== undefined ? { connections } : {}) });
  // Whatever the generator makes must pass the one parser, like any other way in.
  const check = validateModel(model);
  if (check.kind === 'invalid') {
    for (const e of check.errors) io.err(`generated model: ${formatError(e)}\n`);
    return EXIT_INVALID;
  }
  const output = values.output ?? '-';
  await writeModelFile(output, model);
  if (output !== '-') {
    io.err(`wrote ${output}: ${model.assets.length} assets, ${model.connections.length} connections, ${model.zones.length} zones\n`);
  }
  return EXIT_OK;
}
