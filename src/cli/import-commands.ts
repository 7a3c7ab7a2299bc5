// `twinpath import pcap FILE… [--merge model.json] [-o out.json] [--json]`: packet captures → a
// plant model of the observed network, or merged into an existing model (observed vs allowed).
// Captures are streamed in chunks; a file of any size is never read into memory at once.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CaptureAnalyzer,
  CaptureReader,
  captureToModel,
  mergeCapture,
  PROTOCOL_LABELS,
  summaryText,
  type CaptureSummary,
  type MergeResult,
} from '../import/pcap/index';
import { readModelFile, writeModelFile } from '../io/node/files';
import { formatError } from '../model/errors';
import { validateModel } from '../model/parse';
import type { PlantModel } from '../model/schema';
import { InputError, UsageError, type Io } from './analysis-commands';
import { runImportCsv } from './enrich-command';

/** Chunk size of capture reads. */
const CHUNK = 1024 * 1024;
/** Most items of a list printed on stderr; the rest are counted. */
const LIST = 20;

/** Runs `twinpath import <source> …`; `argv` starts at the source. */
export async function runImportCommand(argv: readonly string[], io: Io): Promise<number> {
  const [source, ...rest] = argv;
  switch (source) {
    case 'pcap':
    case 'pcapng':
      return importPcap(rest, io);
    case 'csv':
      return runImportCsv(rest, io);
    case undefined:
      throw new UsageError('import needs a source: twinpath import pcap FILE…');
    default:
      throw new UsageError(`unknown import source ${JSON.stringify(source)}; expected pcap`);
  }
}

/** Streams one capture file into the analyzer. */
async function readCapture(file: string, analyzer: CaptureAnalyzer): Promise<CaptureReader> {
  const reader = new CaptureReader({ name: file, analyzer });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) reader.push(chunk as Buffer);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  reader.finish();
  return reader;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, LIST).map((s) => `  ${s}\n`).join('');
  return items.length > LIST ? `${shown}  …and ${items.length - LIST} more\n` : shown;
}

async function importPcap(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      merge: { type: 'string' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
      name: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('import pcap takes one or more capture files');
  const output = values.output ?? '-';
  if (values.json && output === '-') throw new UsageError('--json prints the report on stdout: give -o FILE for the model');

  let base: PlantModel | undefined;
  if (values.merge !== undefined) {
    const r = await readModelFile(values.merge);
    if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => `${values.merge}: ${formatError(e)}`).join('\n'));
    base = r.model;
  }

  const analyzer = new CaptureAnalyzer();
  for (const file of positionals) {
    const reader = await readCapture(file, analyzer);
    if (reader.failure !== undefined) throw new InputError(reader.failure);
  }
  const summary = analyzer.summary();

  let merge: MergeResult | undefined;
  let model: PlantModel;
  if (base) {
    merge = mergeCapture(base, summary);
    model = merge.model;
  } else {
    model = captureToModel(summary, values.name !== undefined ? { name: values.name } : {});
  }
  // Whatever the importer makes goes through the one parser, like any other way in.
  const check = validateModel(model);
  if (check.kind === 'invalid') {
    for (const e of check.errors) io.err(`imported model: ${formatError(e)}\n`);
    return 1;
  }
  await writeModelFile(output, model);

  if (values.json) {
    io.out(`${JSON.stringify({ output, summary, ...(merge ? { merge: mergeReport(merge) } : {}) }, null, 2)}\n`);
    return 0;
  }
  io.err(report(summary, merge, output, model));
  return 0;
}

function mergeReport(m: MergeResult) {
  return {
    hostsMatched: m.hostsMatched,
    newAssets: m.newAssets,
    matched: m.matched,
    shadow: m.shadow.map((s) => ({ connection: s.connection, from: s.from, to: s.to, flow: s.flow.key, protocol: s.flow.protocol, port: s.flow.port ?? null })),
    unseen: m.unseen,
    unseenCovered: m.unseenCovered,
    warnings: m.warnings,
  };
}

/** The human summary printed on stderr. */
function report(s: CaptureSummary, merge: MergeResult | undefined, output: string, model: PlantModel): string {
  let out = `${summaryText(s)}\n`;
  for (const f of s.files) {
    out += `  ${f.name}: ${f.format}${f.byteOrder ? ` (${f.byteOrder}, ${f.resolution ?? 'us'})` : ''}, link types ${f.linkTypes.join(', ') || '-'}, ${f.packets} packets${f.damaged ? ', DAMAGED (see warnings)' : ''}\n`;
  }
  const devices = s.hosts.filter((h) => h.scope === 'unicast');
  out += `Hosts (${devices.length}):\n`;
  out += list(
    devices.map((h) => {
      const role = h.roles[0];
      return `${h.key}${h.mac && h.mac !== h.key ? ` [${h.mac}]` : ''}: ${h.packetsSent} sent / ${h.packetsReceived} received${role ? ` — ${role.role}: ${role.evidence[0]}` : ''}`;
    }),
  );
  out += `Flows (${s.flows.length}):\n`;
  out += list(s.flows.map((f) => `${f.key}  ${PROTOCOL_LABELS[f.protocol]} (${f.recognizedBy}), ${f.packets} packets, ${f.bytes} bytes`));
  if (s.counts.skipped > 0) out += `Skipped packets: ${Object.entries(s.counts.skippedBy).map(([r, n]) => `${n} ${r}`).join(', ')}\n`;
  if (s.warnings.length > 0) out += `Warnings:\n${list(s.warnings)}`;
  if (merge) {
    out += `Merge: ${merge.hostsMatched.length} hosts matched to modeled assets, ${merge.newAssets.length} new assets; ` +
      `${new Set(merge.matched.map((x) => x.connection)).size} modeled connections seen (observed: true).\n`;
    out += `Shadow flows (seen, not modeled; added as connections "observed, not modeled"): ${merge.shadow.length}\n`;
    out += list(merge.shadow.map((x) => `${x.connection}: ${x.from} → ${x.to} ${PROTOCOL_LABELS[x.flow.protocol]}${x.flow.port !== undefined ? ` ${x.flow.transport}/${x.flow.port}` : ''}`));
    out += `Modeled connections never seen: ${merge.unseen.length} (${merge.unseenCovered.length} between assets the capture saw)\n`;
    out += list(merge.unseenCovered);
    if (merge.warnings.length > 0) out += `Merge warnings:\n${list(merge.warnings)}`;
  }
  if (output !== '-') out += `wrote ${output}: ${model.assets.length} assets, ${model.connections.length} connections, ${model.zones.length} zones\n`;
  return out;
}
