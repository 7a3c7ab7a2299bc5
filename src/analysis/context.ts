// A plant ready for analysis: the validated model, its compact graph, the derived attack graph,
// the id index and the entry-point and crown-jewel node lists. Built once, queried many times.
import { compileModel, prepareNodes, type CompactGraph, type CompiledNodes } from '../model/compact';
import type { PlantModel } from '../model/schema';
import { deriveAttackGraph, type AttackGraph } from './attack-graph';

export interface PlantContext {
  readonly model: PlantModel;
  readonly graph: CompactGraph;
  readonly attack: AttackGraph;
  readonly index: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly entries: readonly number[];
  readonly jewels: readonly number[];
}

/** Misuse of the analysis API (an unknown asset id, a bad parameter): a typed error with a code. */
export class AnalysisError extends Error {
  constructor(
    readonly code: 'UNKNOWN_ASSET' | 'BAD_PARAMETER' | 'CANCELLED',
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}

type NodeParts = Pick<PlantContext, 'ids' | 'names' | 'index'>;
/** Parts built ahead of buildContext (prepareContext), taken by it once. */
const prepared = new WeakMap<PlantModel, NodeParts>();

/**
 * Builds what buildContext needs of the assets alone (compiled nodes, ids, names, index) now,
 * for the next buildContext of the model: a two-thread load does it while its helper thread
 * still reads the connections (parseModelTextParallel's whileWaiting).
 */
export function prepareContext(model: PlantModel): NodeParts & { readonly nodes: CompiledNodes } {
  const nodes = prepareNodes(model);
  const parts = { ids: model.assets.map((a) => a.id), names: model.assets.map((a) => a.name), index: nodes.index };
  prepared.set(model, parts);
  return { ...parts, nodes };
}

export function buildContext(model: PlantModel): PlantContext {
  // One way for both cases: the parts prepared ahead, or prepared now (the compiled nodes and the
  // context share one id index either way; compileModel takes the prepared nodes).
  const { ids, names, index } = prepared.get(model) ?? prepareContext(model);
  prepared.delete(model);
  const graph = compileModel(model);
  const attack = deriveAttackGraph(graph);
  return {
    model, graph, attack, index, ids, names,
    entries: model.entryPoints.map((e) => index.get(e.asset)!),
    jewels: model.crownJewels.map((j) => index.get(j.asset)!),
  };
}

/** Node index of an asset id, or a typed error naming the id. */
export function nodeOf(ctx: PlantContext, id: string): number {
  const v = ctx.index.get(id);
  if (v === undefined) throw new AnalysisError('UNKNOWN_ASSET', `unknown asset ${JSON.stringify(id)}`);
  return v;
}
