// `twinpath validate`, `generate` and `convert`: model files in and out (JSON or YAML), through the
// one parser every way in goes through.
import { formatError } from '../model/errors';
import { generatePlant } from '../model/generate';
import { validateModel } from '../model/parse';
import { modelFormatOf, readModelFile, writeModelFile, type ModelFormat } from '../io/node/files';
import { progressFor } from '../io/node/progress';
import type { Io } from '../io/node/terminal';
import { commandArgs, readModel, UsageError } from './command';
import { condenseEnumErrors } from './suggest';

export async function validate(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = commandArgs(args, {}, 1, 'validate takes exactly one model file');
  const file = positionals[0]!;
  const result = await readModelFile(file);
  if (result.kind === 'invalid') {
    for (const line of condenseEnumErrors(result.errors.map((e) => `${file}: ${formatError(e)}`))) io.err(`${line}\n`);
    return 1;
  }
  const m = result.model;
  io.out(
    `${file}: valid plant model "${m.plant.name}" — ${m.assets.length} assets, ${m.zones.length} zones, ` +
      `${m.connections.length} connections, ${m.entryPoints.length} entry points, ${m.crownJewels.length} crown jewels\n`,
  );
  return 0;
}

function integerOption(name: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} takes a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

export async function generate(args: readonly string[], io: Io): Promise<number> {
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
  const output = values.output ?? '-';
  const format = outputFormat(output, undefined);
  const progress = progressFor(io);
  // The generator and the check run in one go each: the bar names the phase while it runs.
  progress.phase(`generating ${assets.toLocaleString('en')} assets`);
  const model = generatePlant({ assets, seed, ...(connections !== undefined ? { connections } : {}) });
  // Whatever the generator makes must pass the one parser, like any other way in.
  progress.phase('validating');
  const check = validateModel(model);
  if (check.kind === 'invalid') {
    progress.done();
    for (const e of check.errors) io.err(`generated model: ${formatError(e)}\n`);
    return 1;
  }
  progress.phase(`writing ${output === '-' ? 'to stdout' : output}`);
  await writeModelFile(output, model, { format, onProgress: (records, total) => progress.update(records, total, 'records') });
  progress.done();
  if (output !== '-') {
    io.err(`wrote ${output}: ${model.assets.length} assets, ${model.connections.length} connections, ${model.zones.length} zones\n`);
  }
  return 0;
}

/** The format of an output: --to when given, else the file's extension (JSON for stdout and unknown ones). */
function outputFormat(output: string, to: string | undefined): ModelFormat {
  if (to !== undefined) {
    if (to !== 'json' && to !== 'yaml') throw new UsageError(`--to takes json or yaml, got ${JSON.stringify(to)}`);
    return to;
  }
  return output === '-' ? 'json' : modelFormatOf(output);
}

/** twinpath convert <model> -o <out.json|out.yaml|-> [--to json|yaml] */
export async function convert(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = commandArgs(args, { output: { type: 'string', short: 'o' }, to: { type: 'string' } }, 1, 'convert takes one model file and -o OUT');
  const output = values.output;
  if (output === undefined) throw new UsageError('convert needs -o out.json or -o out.yaml (-o - with --to json|yaml writes to stdout)');
  if (output === '-' && values.to === undefined) throw new UsageError('convert -o - needs --to json or --to yaml');
  const format = outputFormat(output, values.to);
  const model = await readModel(positionals[0]!);
  await writeModelFile(output, model, { format });
  if (output !== '-') io.err(`wrote ${output}: ${format === 'yaml' ? 'YAML' : 'JSON'}, ${model.assets.length} assets, ${model.connections.length} connections\n`);
  return 0;
}
