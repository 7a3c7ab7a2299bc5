// A plant ready for analysis: the validated model, its compact graph, the derived attack graph,
// the id index and the entry-point and crown-jewel node lists. Built once, queried many times.
import { CodedError } from '../model/errors';
import { compileModel, compileNodes, type CompactGraph, type CompiledNodes } from '../model/compact';
import type { AttackerProfile, PlantModel } from '../model/schema';
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
  /** The attacker profile the attack graph is derived for (graph.profile); absent: none. */
  readonly profile?: AttackerProfile;
}

/** Misuse of the analysis API (an unknown asset id, a bad parameter): a typed error with a code. */
export class AnalysisError extends CodedError<'UNKNOWN_ASSET' | 'BAD_PARAMETER' | 'CANCELLED'> {
  override readonly name = 'AnalysisError';
}

/** What buildContext needs of the assets alone, built ahead (prepareContext) for one model. */
export interface PreparedContext extends Pick<PlantContext, 'ids' | 'names' | 'index'> {
  readonly model: PlantModel;
  readonly nodes: CompiledNodes;
}

/**
 * Builds what buildContext needs of the assets alone (compiled nodes, ids, names, index) now, to
 * hand to buildContext: a two-thread load does it while its helper thread still reads the
 * connections (parseModelTextParallel's whileWaiting).
 */
export function prepareContext(model: PlantModel): PreparedContext {
  const nodes = compileNodes(model);
  return { model, ids: model.assets.map((a) => a.id), names: model.assets.map((a) => a.name), index: nodes.index, nodes };
}

/**
 * The plant context of a validated model, from parts prepared ahead for this model (ignored when
 * they were prepared for another) or built now: the compiled nodes and the context share one id
 * index either way.
 */
export function buildContext(model: PlantModel, prepared?: PreparedContext, options: { readonly profile?: AttackerProfile | undefined } = {}): PlantContext {
  const { ids, names, index, nodes } = prepared?.model === model ? prepared : prepareContext(model);
  const compiled = compileModel(model, nodes);
  const graph = options.profile === undefined ? compiled : { ...compiled, profile: options.profile };
  const attack = deriveAttackGraph(graph);
  return {
    model, graph, attack, index, ids, names,
    entries: model.entryPoints.map((e) => index.get(e.asset)!),
    jewels: model.crownJewels.map((j) => index.get(j.asset)!),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  };
}

const profiled = new WeakMap<PlantContext, Map<AttackerProfile | 'none', PlantContext>>();

/**
 * The same plant analysed as another attacker (undefined: no profile): the attack graph derived
 * again with that profile's factors (profiles.ts); the model, ids and plant graph's arrays shared.
 * Cached per context and profile.
 */
export function withProfile(ctx: PlantContext, profile: AttackerProfile | undefined): PlantContext {
  if (ctx.profile === profile) return ctx;
  let byProfile = profiled.get(ctx);
  if (!byProfile) profiled.set(ctx, (byProfile = new Map()));
  const key = profile ?? 'none';
  let out = byProfile.get(key);
  if (!out) {
    const { profile: _old, ...plain } = ctx.graph;
    const graph = profile === undefined ? plain : { ...plain, profile };
    const { profile: _p, ...rest } = ctx;
    out = { ...rest, graph, attack: deriveAttackGraph(graph), ...(profile === undefined ? {} : { profile }) };
    byProfile.set(key, out);
  }
  return out;
}

/** Node index of an asset id, or a typed error naming the id. */
export function nodeOf(ctx: PlantContext, id: string): number {
  const v = ctx.index.get(id);
  if (v === undefined) throw new AnalysisError('UNKNOWN_ASSET', `unknown asset ${JSON.stringify(id)}`);
  return v;
}
