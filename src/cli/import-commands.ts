// `twinpath import pcap FILE… [--merge model.json] [-o out.json] [--json]`: packet captures → a
// plant model of the observed network, or merged into an existing model (observed vs allowed).
// Captures are streamed in chunks; a file of any size is never read into memory at once.
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
import { writeModelFile } from '../io/node/files';
import { readFileChunks, readTextFile } from '../io/node/read';
import { progressFor, type Progress } from '../io/node/progress';
import { importGraphology } from '../interchange/graphology-import';
import { stat } from 'node:fs/promises';
import { concat, jsonText, lines, type Text, txt } from '../io/node/terminal';
import { formatError } from '../model/errors';
import { validateModel } from '../model/parse';
import type { PlantModel } from '../model/schema';
import { commandArgs, InputError, readModel, UsageError, type Io } from './command';
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
    case 'graphology':
      return importGraphologyFile(rest, io);
    case undefined:
      throw new UsageError('import needs a source: pcap, csv or graphology');
    default:
      throw new UsageError(`unknown import source ${JSON.stringify(source)}; expected pcap, csv or graphology`);
  }
}

/**
 * Streams one capture file into the analyzer: a regular file only (read.ts refuses a directory,
 * FIFO or device before reading), in chunks, so a capture of any size is never held whole.
 */
async function readCapture(file: string, analyzer: CaptureAnalyzer, progress: Progress): Promise<CaptureReader> {
  const reader = new CaptureReader({ name: file, analyzer });
  const size = await stat(file).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  progress.phase(`reading ${file}`);
  let read = 0;
  for await (const chunk of readFileChunks(file, { chunkSize: CHUNK })) {
    reader.push(chunk);
    read += chunk.length;
    progress.update(read / 1048576, size !== undefined ? size / 1048576 : undefined, 'MiB');
  }
  reader.finish();
  return reader;
}

function list(items: readonly string[]): Text {
  const shown = lines(items.slice(0, LIST).map((s) => txt`  ${s}`));
  return items.length > LIST ? txt`${shown}  …and ${items.length - LIST} more\n` : shown;
}

async function importPcap(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = commandArgs(
    argv,
    { merge: { type: 'string' }, output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, name: { type: 'string' } },
    [1, Infinity],
    'import pcap takes one or more capture files',
  );
  const output = values.output ?? '-';
  if (values.json && output === '-') throw new UsageError('--json prints the report on stdout: give -o FILE for the model');

  const base = values.merge !== undefined ? await readModel(values.merge) : undefined;

  const analyzer = new CaptureAnalyzer();
  const progress = progressFor(io);
  try {
    for (const file of positionals) {
      const reader = await readCapture(file, analyzer, progress);
      if (reader.failure !== undefined) throw new InputError([reader.failure]);
    }
  } finally {
    progress.done();
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
    io.rawOut(`${jsonText({ output, summary, ...(merge ? { merge: mergeReport(merge) } : {}) })}\n`);
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

/** The human summary printed on stderr: one line per string (values escaped whole), lists as Text. */
function report(s: CaptureSummary, merge: MergeResult | undefined, output: string, model: PlantModel): Text {
  const out: Text[] = [];
  const line = (text: string) => out.push(lines([text]));
  line(summaryText(s));
  for (const f of s.files) {
    line(`  ${f.name}: ${f.format}${f.byteOrder ? ` (${f.byteOrder}, ${f.resolution ?? 'us'})` : ''}, link types ${f.linkTypes.join(', ') || '-'}, ${f.packets} packets${f.damaged ? ', DAMAGED (see warnings)' : ''}`);
  }
  const devices = s.hosts.filter((h) => h.scope === 'unicast');
  line(`Hosts (${devices.length}):`);
  out.push(
    list(
      devices.map((h) => {
        const role = h.roles[0];
        return `${h.key}${h.mac && h.mac !== h.key ? ` [${h.mac}]` : ''}: ${h.packetsSent} sent / ${h.packetsReceived} received${role ? ` — ${role.role}: ${role.evidence[0]}` : ''}`;
      }),
    ),
  );
  line(`Flows (${s.flows.length}):`);
  out.push(list(s.flows.map((f) => `${f.key}  ${PROTOCOL_LABELS[f.protocol]} (${f.recognizedBy}), ${f.packets} packets, ${f.bytes} bytes`)));
  if (s.counts.skipped > 0) line(`Skipped packets: ${Object.entries(s.counts.skippedBy).map(([r, n]) => `${n} ${r}`).join(', ')}`);
  if (s.warnings.length > 0) {
    line('Warnings:');
    out.push(list(s.warnings));
  }
  if (merge) {
    line(
      `Merge: ${merge.hostsMatched.length} hosts matched to modeled assets, ${merge.newAssets.length} new assets; ` +
        `${new Set(merge.matched.map((x) => x.connection)).size} modeled connections seen (observed: true).`,
    );
    line(`Shadow flows (seen, not modeled; added as connections "observed, not modeled"): ${merge.shadow.length}`);
    out.push(list(merge.shadow.map((x) => `${x.connection}: ${x.from} → ${x.to} ${PROTOCOL_LABELS[x.flow.protocol]}${x.flow.port !== undefined ? ` ${x.flow.transport}/${x.flow.port}` : ''}`)));
    line(`Modeled connections never seen: ${merge.unseen.length} (${merge.unseenCovered.length} between assets the capture saw)`);
    out.push(list(merge.unseenCovered));
    if (merge.warnings.length > 0) {
      line('Merge warnings:');
      out.push(list(merge.warnings));
    }
  }
  if (output !== '-') line(`wrote ${output}: ${model.assets.length} assets, ${model.connections.length} connections, ${model.zones.length} zones`);
  return concat(out);
}

/**
 * `twinpath import graphology graph.json [-o out.json]`: a graphology JSON graph (as `twinpath graph
 * --format graphology --graph plant` writes it, or shaped like it) back into a model.
 */
async function importGraphologyFile(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = commandArgs(argv, { output: { type: 'string', short: 'o' } }, 1, 'import graphology takes one graph file');
  const file = positionals[0]!;
  const text = await readTextFile(file, { what: 'graph file' });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError([`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const r = importGraphology(doc);
  if (r.kind === 'invalid') throw new InputError(r.errors.map((e) => `${file}: ${formatError(e)}`));
  const output = values.output ?? '-';
  await writeModelFile(output, r.model);
  io.err(`${output === '-' ? 'imported' : `wrote ${output}`}: ${r.model.assets.length} assets, ${r.model.zones.length} zones, ${r.model.connections.length} connections\n`);
  return 0;
}
