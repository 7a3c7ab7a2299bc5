// An import session: the app's importers behind one object that a Web Worker exposes
// (workers/import.worker.ts) — packet captures streamed in chunks, CSV inventories, CVE enrichment
// from the bundled knowledge base. What it produces is model *text* (serializeModelChunks), which
// the app hands to its one way in (the analysis worker's parser), exactly like an opened file: that
// load is the validation of what an importer makes (its errors show as an opened file's do).
// Pure: no DOM, no comlink, no fetch; files arrive as Blob-like objects and are read by slices.
import { validateModel } from '../model/parse';
import type { PlantModel, Protocol } from '../model/schema';
import { serializeModelChunks } from '../model/serialize';
import { formatError } from '../model/errors';
import { formatCsvError, importCsv, type CsvImportSummary, type CsvInput } from '../import/csv';
import { CONFIDENCES, enrichModel, type Confidence, type EnrichMatch, type EnrichSummary, type EnrichUpdate } from '../import/enrich';
import { parseKbText, type Kb, type KbCounts } from '../import/kb';
import { CaptureAnalyzer, CaptureReader, captureToModel, mergeCapture, summaryText, type CaptureFlow, type CaptureLimits, type CaptureModelOptions, type CaptureSummary } from '../import/pcap/index';

/** What the session needs of a File or Blob: its size and slices readable as bytes. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** One capture file: a name for messages and its bytes. (A posted File may lose its name.) */
export interface CaptureInput {
  readonly name: string;
  readonly data: BlobLike;
}

export interface CaptureProgress {
  readonly file: string;
  /** 0-based index of the file being read. */
  readonly fileIndex: number;
  readonly files: number;
  /** Bytes read so far, over all files. */
  readonly bytes: number;
  readonly totalBytes: number;
}

/** Bytes read per step: a file of any size is never held in memory at once. */
export const CAPTURE_CHUNK = 1024 * 1024;

export interface CaptureReport {
  readonly summary: CaptureSummary;
  /** summaryText(summary): one paragraph for a status line. */
  readonly text: string;
  /** Files that are not captures at all, each message naming the file and why. */
  readonly failures: readonly string[];
  /** Hosts that would become assets (unicast). */
  readonly devices: number;
}

/** A model produced by an importer, as the text the app loads. */
export interface ModelText {
  readonly text: string;
  readonly plantId: string;
  readonly plantName: string;
  readonly assets: number;
  readonly zones: number;
  readonly connections: number;
}

/** Rows of a list shown to a person: the first `limit` and the total. */
export interface Listed<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export interface ShadowRow {
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly flow: CaptureFlow;
}

export interface UnseenRow {
  readonly connection: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port?: number;
  /** Both of its assets were seen in the capture: the capture covered it and it never appeared. */
  readonly covered: boolean;
}

export interface MergeReport extends ModelText {
  readonly matched: number;
  readonly hostsMatched: number;
  readonly newAssets: readonly string[];
  readonly shadow: Listed<ShadowRow>;
  readonly unseen: Listed<UnseenRow>;
  readonly unseenCovered: number;
  readonly warnings: readonly string[];
}

export type Invalid = { readonly kind: 'invalid'; readonly errors: readonly string[] };

export interface KbInfo {
  readonly counts: KbCounts;
  readonly advisoriesUpdated: string;
  readonly kevVersion: string;
  readonly attackVersion: string;
}

export interface EnrichReport extends ModelText {
  readonly minConfidence: Confidence;
  readonly summary: EnrichSummary;
  /** Attached matches first, then those only reported; at most `limit`. */
  readonly matches: Listed<EnrichMatch & { readonly assetName: string }>;
  readonly updated: Listed<EnrichUpdate>;
}

/** Most rows of a list sent back for display. */
export const LIST_LIMIT = 1000;

function listed<T>(all: readonly T[], limit: number): Listed<T> {
  return { total: all.length, items: all.length <= limit ? all.slice() : all.slice(0, limit) };
}

function modelText(model: PlantModel): ModelText {
  let text = '';
  for (const chunk of serializeModelChunks(model)) text += chunk;
  return {
    text,
    plantId: model.plant.id,
    plantName: model.plant.name,
    assets: model.assets.length,
    zones: model.zones.length,
    connections: model.connections.length,
  };
}

function modelArg(doc: unknown, what: string): PlantModel | Invalid {
  const r = validateModel(doc);
  return r.kind === 'invalid' ? { kind: 'invalid', errors: r.errors.map((e) => `${what}: ${formatError(e)}`) } : r.model;
}

const isInvalid = (x: object): x is Invalid => 'kind' in x && (x as { kind: unknown }).kind === 'invalid';

export function createImportSession() {
  let capture: CaptureSummary | undefined;
  let kb: Kb | undefined;
  const kbInfo = (): KbInfo | undefined => {
    if (!kb) return undefined;
    const s = kb.file.sources;
    return { counts: kb.file.counts, advisoriesUpdated: String(s.advisories.lastUpdated ?? '?'), kevVersion: String(s.kev.catalogVersion ?? '?'), attackVersion: String(s.attack.version ?? '?') };
  };
  const needCapture = (): CaptureSummary => {
    if (!capture) throw new Error('no capture has been read in this session');
    return capture;
  };
  return {
    ping(): 'pong' {
      return 'pong';
    },

    /**
     * Reads capture files one slice at a time into one communication graph (kept for
     * captureModel and mergeInto) and returns its summary. Progress is reported per slice and
     * awaited (a proxied callback answers before the next slice: reports arrive in order, never
     * after the result).
     */
    async readCaptures(inputs: readonly CaptureInput[], onProgress?: (p: CaptureProgress) => void | Promise<void>, limits: CaptureLimits = {}): Promise<CaptureReport> {
      capture = undefined;
      const analyzer = new CaptureAnalyzer(limits);
      const totalBytes = inputs.reduce((n, f) => n + f.data.size, 0);
      const failures: string[] = [];
      let bytes = 0;
      for (let i = 0; i < inputs.length; i++) {
        const { name, data } = inputs[i]!;
        const reader = new CaptureReader({ name, analyzer });
        await onProgress?.({ file: name, fileIndex: i, files: inputs.length, bytes, totalBytes });
        for (let at = 0; at < data.size; at += CAPTURE_CHUNK) {
          const end = Math.min(data.size, at + CAPTURE_CHUNK);
          let buf: ArrayBuffer;
          try {
            buf = await data.slice(at, end).arrayBuffer();
          } catch (e) {
            throw new Error(`cannot read ${name} at byte ${at}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          }
          reader.push(new Uint8Array(buf));
          bytes += end - at;
          await onProgress?.({ file: name, fileIndex: i, files: inputs.length, bytes, totalBytes });
          if (reader.failure !== undefined) {
            // Not a capture: the rest of the file would be ignored anyway.
            bytes += data.size - end;
            break;
          }
        }
        reader.finish();
        if (reader.failure !== undefined) failures.push(reader.failure);
      }
      const summary = analyzer.summary();
      capture = summary;
      return { summary, text: summaryText(summary), failures, devices: summary.hosts.filter((h) => h.scope === 'unicast').length };
    },

    /** The capture read last, as a plant model of the observed network. */
    captureModel(options: CaptureModelOptions = {}): ModelText | Invalid {
      return modelText(captureToModel(needCapture(), options));
    },

    /**
     * The capture read last merged into `model` (the plant shown): modeled connections seen become
     * observed, flows seen but not modeled are added (shadow), modeled connections never seen listed.
     */
    mergeInto(model: unknown, limit = LIST_LIMIT): MergeReport | Invalid {
      const base = modelArg(model, 'current plant');
      if (isInvalid(base)) return base;
      const m = mergeCapture(base, needCapture());
      const out = modelText(m.model);
      const byId = new Map(base.connections.map((c) => [c.id, c]));
      const covered = new Set(m.unseenCovered);
      // Those the capture covered first: they are the telling ones.
      const unseen: UnseenRow[] = [...m.unseenCovered, ...m.unseen.filter((id) => !covered.has(id))].map((id) => {
        const c = byId.get(id)!;
        return { connection: id, from: c.from, to: c.to, protocol: c.protocol, ...(c.port !== undefined ? { port: c.port } : {}), covered: covered.has(id) };
      });
      return {
        ...out,
        matched: new Set(m.matched.map((x) => x.connection)).size,
        hostsMatched: m.hostsMatched.length,
        newAssets: m.newAssets,
        shadow: listed(m.shadow.map((s) => ({ connection: s.connection, from: s.from, to: s.to, flow: s.flow })), limit),
        unseen: listed(unseen, limit),
        unseenCovered: m.unseenCovered.length,
        warnings: m.warnings,
      };
    },

    /** CSV inventory (+ optional connection list) → model text, or row-numbered errors. */
    importCsv(assets: CsvInput, connections: CsvInput | undefined, mapping: unknown): (ModelText & { summary: CsvImportSummary }) | Invalid {
      const r = importCsv(assets, connections, mapping);
      if (r.kind === 'invalid') return { kind: 'invalid', errors: r.errors.map(formatCsvError) };
      return { ...modelText(r.model), summary: r.summary };
    },

    /** Parses the knowledge base text (public/kb/twinpath-kb.json) and keeps it for enrich(). */
    loadKb(text: string): KbInfo | Invalid {
      const r = parseKbText(text);
      if (r.kind === 'invalid') return { kind: 'invalid', errors: r.errors.map((e) => `knowledge base: ${e}`) };
      kb = r.kb;
      return kbInfo()!;
    },

    /** The loaded knowledge base's counts and versions (undefined before loadKb). */
    kbInfo(): KbInfo | undefined {
      return kbInfo();
    },

    /** Matches the model's assets against the loaded KB; attaches matches at `minConfidence` or above. */
    enrich(model: unknown, minConfidence: Confidence = 'high', limit = LIST_LIMIT): EnrichReport | Invalid {
      if (!kb) throw new Error('the knowledge base is not loaded: call loadKb first');
      if (!CONFIDENCES.includes(minConfidence)) return { kind: 'invalid', errors: [`confidence ${JSON.stringify(minConfidence)} is not one of ${CONFIDENCES.join(', ')}`] };
      const base = modelArg(model, 'current plant');
      if (isInvalid(base)) return base;
      const r = enrichModel(base, kb, { minConfidence });
      const out = modelText(r.model);
      const names = new Map(base.assets.map((a) => [a.id, a.name]));
      const order = (m: EnrichMatch) => (m.attached ? 0 : m.alreadyListed ? 1 : 2);
      const rank = (m: EnrichMatch) => 2 - CONFIDENCES.indexOf(m.confidence);
      const sorted = r.matches
        .map((m, i) => ({ m, i }))
        .sort((a, b) => order(a.m) - order(b.m) || rank(a.m) - rank(b.m) || Number(b.m.kev) - Number(a.m.kev) || (b.m.cvss ?? -1) - (a.m.cvss ?? -1) || a.i - b.i);
      const shown = sorted.slice(0, limit).map(({ m }) => ({ ...m, assetName: names.get(m.asset) ?? m.asset }));
      return { ...out, minConfidence, summary: r.summary, matches: { total: sorted.length, items: shown }, updated: listed(r.updated, limit) };
    },
  };
}

export type ImportSession = ReturnType<typeof createImportSession>;
