// `twinpath enrich` (CVE enrichment from the bundled knowledge base) and `twinpath import csv`
// (asset inventory and connection list CSVs → plant model). The work is in src/import (pure);
// this file reads and writes files.
import { jsonText } from '../io/node/terminal';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIDENCES, enrichModel, type Confidence } from '../import/enrich';
import { formatCsvError, importCsv, parseMapping } from '../import/csv';
import { parseKbText, type Kb } from '../import/kb';
import { writeModelFile } from '../io/node/files';
import { readTextFile } from '../io/node/read';
import { formatError } from '../model/errors';
import { validateModel } from '../model/parse';
import { commandArgs, InputError, readModel, UsageError, type Io } from './command';

/** The KB bundled with the app, found from this file (src/cli → public/kb). */
export const DEFAULT_KB = fileURLToPath(new URL('../../public/kb/twinpath-kb.json', import.meta.url));

/**
 * A JSON input (knowledge base, mapping) is strict UTF-8; a CSV is decoded leniently as before
 * (spreadsheet exports are not always UTF-8; a BOM is left to the CSV reader).
 */
function readText(file: string, what: string, fatal = true): Promise<string> {
  return readTextFile(file, { what, fatal });
}

export async function loadKbFile(file: string): Promise<Kb> {
  const r = parseKbText(await readText(file, 'knowledge base'));
  if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => `${file}: ${e}`));
  return r.kb;
}

/** twinpath enrich <model.json> [-o out.json] [--kb FILE] [--min-confidence low|medium|high] [--no-refresh] [--json] */
export async function runEnrich(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = commandArgs(
    argv,
    { output: { type: 'string', short: 'o' }, kb: { type: 'string' }, 'min-confidence': { type: 'string' }, 'no-refresh': { type: 'boolean' }, json: { type: 'boolean' } },
    1,
    'enrich takes exactly one model file',
  );
  const minConfidence = values['min-confidence'] ?? 'medium';
  if (!(CONFIDENCES as readonly string[]).includes(minConfidence)) {
    throw new UsageError(`--min-confidence takes low, medium or high, got ${JSON.stringify(minConfidence)}`);
  }
  const file = positionals[0]!;
  const model = await readModel(file);
  const kbFile = values.kb ?? DEFAULT_KB;
  const kb = await loadKbFile(kbFile);
  const r = enrichModel(model, kb, { minConfidence: minConfidence as Confidence, refresh: !values['no-refresh'] });
  // What comes out goes through the one parser, like every way in.
  const check = validateModel(r.model);
  if (check.kind === 'invalid') throw new InputError(check.errors.map((e) => `enriched model: ${formatError(e)}`));
  const report = values.output === '-' ? io.err.bind(io) : io.out.bind(io);
  const reportJson = values.output === '-' ? io.rawErr.bind(io) : io.rawOut.bind(io);
  if (values.output !== undefined) await writeModelFile(values.output, check.model);
  if (values.json) {
    reportJson(`${jsonText({ kb: { file: kbFile, sources: kb.file.sources, counts: kb.file.counts }, summary: r.summary, matches: r.matches, updated: r.updated, notAffected: r.notAffected })}\n`);
    return 0;
  }
  const s = r.summary;
  const k = kb.file.sources;
  report(`Knowledge base: ${kb.file.counts.advisories} ICS advisories (to ${String(k.advisories.lastUpdated)}), KEV ${String(k.kev.catalogVersion)}, ATT&CK for ICS v${String(k.attack.version)}\n`);
  report(`${s.assetsWithVendorAndProduct} of ${s.assets} assets name a vendor and product; ${s.assetsMatched} matched.\n`);
  report(`${s.matches} matches (high ${s.byConfidence.high}, medium ${s.byConfidence.medium}, low ${s.byConfidence.low}; exact ${s.byHow.exact}, normalized ${s.byHow.normalized}, alias ${s.byHow.alias}, family ${s.byHow.family}).\n`);
  report(`Attached ${s.attached} CVE(s) at ${minConfidence} confidence or above (${s.attachedKev} known exploited); ${s.notAffected} left out because the firmware is outside the advisory's range${s.capped ? `; ${s.capped} over the 1024-per-asset limit` : ''}.\n`);
  const attached = r.matches.filter((m) => m.attached);
  for (const m of attached.slice(0, 50)) report(`  + ${m.asset}  ${m.cve}${m.kev ? ' (KEV)' : ''}  ${m.confidence}  ${m.reason}\n`);
  if (attached.length > 50) report(`  … and ${attached.length - 50} more (--json lists them all)\n`);
  report(`Refreshed ${r.updated.length} field(s) of CVEs the assets already listed.\n`);
  for (const u of r.updated.slice(0, 50)) report(`  ~ ${u.asset}  ${u.cve}  ${u.field} ${String(u.from)} → ${String(u.to)}: ${u.reason}\n`);
  if (r.updated.length > 50) report(`  … and ${r.updated.length - 50} more\n`);
  if (values.output !== undefined && values.output !== '-') io.err(`wrote ${values.output}\n`);
  return 0;
}

/** twinpath import csv --assets A.csv [--connections C.csv] --mapping map.json [-o out.json] */
export async function runImportCsv(argv: readonly string[], io: Io): Promise<number> {
  const { values } = commandArgs(
    argv,
    { assets: { type: 'string' }, connections: { type: 'string' }, mapping: { type: 'string' }, output: { type: 'string', short: 'o' } },
    0,
    'import csv takes no positional arguments; name the files with --assets, --connections and --mapping',
  );
  if (!values.assets) throw new UsageError('import csv needs --assets FILE.csv');
  if (!values.mapping) throw new UsageError('import csv needs --mapping FILE.json');
  const mappingName = basename(values.mapping);
  const mapping = parseMapping(await readText(values.mapping, 'mapping file'), mappingName);
  if (mapping.kind === 'invalid') throw new InputError(mapping.errors.map((e) => `${values.mapping}: ${e.message}`));
  const assets = { name: basename(values.assets), text: await readText(values.assets, 'assets file', false) };
  const connections = values.connections ? { name: basename(values.connections), text: await readText(values.connections, 'connections file', false) } : undefined;
  const r = importCsv(assets, connections, mapping.mapping);
  if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => formatCsvError(e.file === 'mapping' ? { ...e, file: values.mapping! } : e)));
  const output = values.output ?? '-';
  await writeModelFile(output, r.model);
  const s = r.summary;
  io.err(`${output === '-' ? 'imported' : `wrote ${output}`}: ${s.assets} assets, ${s.zones} zones, ${s.connections} connections, ${s.entryPoints} entry points, ${s.crownJewels} crown jewels\n`);
  return 0;
}
