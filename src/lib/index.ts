// TwinPath as a library (`import { parseModelText, analyze, … } from 'twinpath'`): the pure engine —
// the one model parser (JSON and YAML), the attack-path analyses and the scenario diff, the
// generator and the importers' pure parts. No DOM and no Node: it runs in browsers, workers, Node,
// Deno and Bun alike. Formats for other tools are in `twinpath/interchange`.
//
// Every analysis takes a plant: a validated model, or the context `plant(model)` builds once from
// it (the compiled graph and the derived attack graph) — build it once when asking several things.
import { attackPaths, type PathQuery } from '../analysis/attack-paths';
import { blastRadius as blastOf } from '../analysis/blast';
import { chokepoints as chokepointsOf } from '../analysis/chokepoints';
import { contain as containOf, type Containment } from '../analysis/containment';
import { buildContext, type PlantContext } from '../analysis/context';
import { diffScenarios, type ScenarioDiff } from '../analysis/diff';
import type { ExplainedPath } from '../analysis/explain';
import { findings as findingsOf, type Finding } from '../analysis/findings';
import { remediationPlan, type PlanOptions, type RemediationPlan } from '../analysis/remediation';
import { riskReport, type RiskReport } from '../analysis/risk';
import { MAX_SAMPLES, simulate as simulateOf, type SimulationResult } from '../analysis/simulate';
import { AnalysisError } from '../analysis/context';
import type { PlantModel } from '../model/schema';
import { analyzeAll, blastJson, chokepointsJson, graphJson, type AnalysisDocument, type AnalyzeOptions, type BlastJson, type ChokepointsJson, type GraphJson } from '../session/results';

export { parseModelText, validateModel, type ParseOptions, type ParseResult } from '../model/parse';
export { parseModelYaml, modelToYaml, isYamlName, MAX_YAML_LENGTH } from '../model/yaml';
export { serializeModel } from '../model/serialize';
export { formatError, type ModelError } from '../model/errors';
export { generatePlant, GenerateError, MIN_GENERATED_ASSETS, type GenerateOptions } from '../model/generate';
export {
  ASSET_KINDS, ATTACKER_PROFILES, CONTROL_KINDS, DATA_LOSS_LEVELS, DIRECTIONS, MAX_MODEL_BYTES, MEDIA_KINDS, PlantModelSchema, PROTOCOLS, PURDUE_LEVELS,
  SAFETY_LEVELS, SCHEMA_VERSION, TRANSPORTS, TRUST_KINDS,
} from '../model/schema';
export type {
  Asset, AssetKind, Conduit, Connection, ControlKind, CrownJewel, EntryPoint, Impact, Media, PlantModel, ProductionLine, Protocol, PurdueLevel, Trust, Zone,
} from '../model/schema';
export { AnalysisError, type PlantContext } from '../analysis/context';
export { TECHNIQUES, type Technique, type TechniqueId } from '../analysis/techniques';
export { RISK_FORMULA, type RiskReport, type JewelRisk } from '../analysis/risk';
export { MAX_SAMPLES, type SimulationResult } from '../analysis/simulate';
export type { ExplainedPath, PathStep } from '../analysis/explain';
export type { PathQuery } from '../analysis/attack-paths';
export type { ScenarioDiff } from '../analysis/diff';
export type { Containment } from '../analysis/containment';
export type { Finding, FindingKind } from '../analysis/findings';
export type { PlanOptions, PlanStep, RemediationAction, RemediationPlan } from '../analysis/remediation';
export type { AnalysisDocument, AnalyzeOptions, BlastJson, ChokepointsJson, GraphJson, MinCutJson } from '../session/results';
export { enrichModel, CONFIDENCES, type Confidence } from '../import/enrich';
export { parseKbText, type Kb } from '../import/kb';
export { importCsv, parseMapping, formatCsvError } from '../import/csv';
export { planCsv } from '../report/plan';
export { toCsv, csvField, neutralizeFormula, type CsvValue } from '../report/csv';

/** A validated model, or the context built from one by `plant()`. */
export type Plant = PlantModel | PlantContext;

function isContext(p: Plant): p is PlantContext {
  return 'attack' in p && 'graph' in p && 'model' in p;
}

/** The context of a plant: its compiled graph and derived attack graph, built once for many questions. */
export function plant(p: Plant): PlantContext {
  return isContext(p) ? p : buildContext(p);
}

/** Every key result in one document (what `twinpath analyze --json` prints). */
export function analyze(p: Plant, options: AnalyzeOptions = {}): AnalysisDocument {
  return analyzeAll(plant(p), options);
}

/** The most likely attack paths: every entry point × crown jewel by default, `k` per pair. */
export function paths(p: Plant, query: PathQuery = {}): ExplainedPath[] {
  return attackPaths(plant(p), query);
}

/** Blast radius and business impact of a breach of the given assets. */
export function blastRadius(p: Plant, from: readonly string[]): BlastJson {
  return blastJson(blastOf(plant(p), from));
}

/** Dominators, the minimum cut and the ranking of assets by risk removed if hardened. */
export function chokepoints(p: Plant): ChokepointsJson {
  return chokepointsJson(chokepointsOf(plant(p)));
}

/** Risk per crown jewel and for the plant. */
export function risk(p: Plant): RiskReport {
  return riskReport(plant(p));
}

/** The greedy remediation plan and its risk curve. */
export function remediate(p: Plant, options: PlanOptions = {}): RemediationPlan {
  return remediationPlan(isContext(p) ? p.model : p, options);
}

/** The cheapest isolation of a compromised asset. */
export function contain(p: Plant, from: string): Containment {
  return containOf(plant(p), from);
}

/** Monte Carlo compromise probabilities of the crown jewels (deterministic for a seed). */
export function simulate(p: Plant, options: { readonly samples?: number; readonly seed?: number; readonly onProgress?: (done: number) => void } = {}): SimulationResult {
  const ctx = plant(p);
  const samples = options.samples ?? 10_000;
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) throw new AnalysisError('BAD_PARAMETER', `simulate: samples must be an integer in 1..${MAX_SAMPLES}, got ${samples}`);
  return simulateOf(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, options.seed ?? 1, options.onProgress);
}

/** Scenario diff: risk delta, new and removed paths, jewels newly (no longer) reachable. */
export function diff(base: Plant, changed: Plant): ScenarioDiff {
  return diffScenarios(plant(base), plant(changed));
}

/** The IEC 62443 findings of the plant, most severe first. */
export function findings(p: Plant): Finding[] {
  return findingsOf(isContext(p) ? p.model : p);
}

/** The derived attack graph, every edge explained. */
export function attackGraph(p: Plant): GraphJson {
  return graphJson(plant(p));
}
