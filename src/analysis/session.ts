// An analysis session: holds one loaded plant (model + compact graph) so that callers, a worker's
// or the main thread's, send only queries. Pure: no DOM, no comlink, no I/O.
import { compileModel, nodeIndex, type CompactGraph } from '../model/compact';
import type { ModelError } from '../model/errors';
import { parseModelText, validateModel } from '../model/parse';
import type { PlantModel } from '../model/schema';
import { reachFrom } from './reach';

export interface PlantSummary {
  readonly plantId: string;
  readonly plantName: string;
  readonly assets: number;
  readonly zones: number;
  readonly connections: number;
  readonly arcs: number;
  readonly entryPoints: number;
  readonly crownJewels: number;
}

export type LoadResult =
  | { readonly kind: 'ok'; readonly model: PlantModel; readonly summary: PlantSummary }
  | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

export type ReachQueryResult =
  | { readonly kind: 'ok'; readonly reached: { readonly id: string; readonly hops: number }[] }
  | { readonly kind: 'unknown-asset'; readonly id: string };

export class SessionError extends Error {
  constructor(readonly code: 'NO_PLANT', message: string) {
    super(message);
  }
}

interface Loaded {
  readonly model: PlantModel | undefined;
  readonly graph: CompactGraph;
  readonly index: Map<string, number>;
  readonly ids: string[];
}

function summarize(model: PlantModel | undefined, g: CompactGraph): PlantSummary {
  return {
    plantId: model?.plant.id ?? '',
    plantName: model?.plant.name ?? '',
    assets: g.nodeCount,
    zones: model?.zones.length ?? 0,
    connections: model?.connections.length ?? 0,
    arcs: g.edgeCount,
    entryPoints: model?.entryPoints.length ?? 0,
    crownJewels: model?.crownJewels.length ?? 0,
  };
}

export function createAnalysisSession() {
  let loaded: Loaded | undefined;
  const install = (model: PlantModel | undefined, graph: CompactGraph): PlantSummary => {
    const index = nodeIndex(graph);
    loaded = { model, graph, index, ids: [...index.keys()] };
    return summarize(model, graph);
  };
  const current = (): Loaded => {
    if (!loaded) throw new SessionError('NO_PLANT', 'no plant is loaded in this session');
    return loaded;
  };
  const fromResult = (r: ReturnType<typeof parseModelText>): LoadResult => {
    // A failed load never replaces the plant already loaded.
    if (r.kind === 'invalid') return r;
    return { kind: 'ok', model: r.model, summary: install(r.model, compileModel(r.model)) };
  };
  return {
    /** Liveness check used by the client before it trusts a worker. */
    ping(): 'pong' {
      return 'pong';
    },
    /** Parses, validates and loads model text; on failure the loaded plant stays as it was. */
    loadText(text: string): LoadResult {
      return fromResult(parseModelText(text));
    },
    /** Validates and loads a model object (from an importer, Neo4j or a test). */
    loadModel(doc: unknown): LoadResult {
      return fromResult(validateModel(doc));
    },
    /** Loads a compact graph compiled elsewhere (its buffers transferred, not copied). */
    loadGraph(graph: CompactGraph): PlantSummary {
      return install(undefined, graph);
    },
    summary(): PlantSummary {
      const l = current();
      return summarize(l.model, l.graph);
    },
    /** Assets reachable from the given ones over the plant graph, nearest first. */
    reach(fromIds: readonly string[]): ReachQueryResult {
      const l = current();
      const sources: number[] = [];
      for (const id of fromIds) {
        const v = l.index.get(id);
        if (v === undefined) return { kind: 'unknown-asset', id };
        sources.push(v);
      }
      const { hops } = reachFrom(l.graph, sources);
      const reached: { id: string; hops: number }[] = [];
      for (let v = 0; v < hops.length; v++) if (hops[v]! >= 0) reached.push({ id: l.ids[v]!, hops: hops[v]! });
      reached.sort((a, b) => a.hops - b.hops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { kind: 'ok', reached };
    },
  };
}

export type AnalysisSession = ReturnType<typeof createAnalysisSession>;
