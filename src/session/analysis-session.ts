// An analysis session: holds one loaded plant (model, compact graph, attack graph) so that callers,
// a worker's or the main thread's, send only queries. Pure: no DOM, no comlink, no I/O.
import { connectionCount } from '../model/connections';
import { nodeIndex, type CompactGraph } from '../model/compact';
import { CodedError, type ModelError } from '../model/errors';
import { parseModelText, type ParseResult } from '../model/parse';
import type { AttackerProfile, PlantModel } from '../model/schema';
import { attackPaths, type PathQuery } from '../analysis/attack-paths';
import { blastRadius, type BlastResult } from '../analysis/blast';
import { chokepoints } from '../analysis/chokepoints';
import { chokepointView, type ChokepointView } from '../analysis/chokepoint-view';
import { AnalysisError, buildContext, withProfile, type PlantContext, type PreparedContext } from '../analysis/context';
import { DIFF_TTC_SAMPLES, ttcChange } from '../analysis/ttc-change';
import { isAttackerProfile } from '../analysis/profiles';
import { prepareDiff, scenarioReport, unchangedMoney, type ScenarioDiff, type ScenarioReport } from '../analysis/diff';
import { whyUnchanged, type UnchangedReason } from '../analysis/diff-why';
import { suggestMarks, type MarkSuggestions } from '../analysis/mark-suggestions';
import { explainStep, type ExplainedPath, type PathStep } from '../analysis/explain';
import { findings, type Finding } from '../analysis/findings';
import { recordAttacks } from '../analysis/record-attacks';
import { graphLayout, type GraphLayout } from '../analysis/layout';
import { remediationPlan, type PlanOptions, type PlanStepListener, type RemediationPlan } from '../analysis/remediation';
import { applyAcceptedEdits, applyEdits, edgeIdsOf, editsCost, type ScenarioEdit } from '../analysis/scenario';
import { chokepointsJson, type ChokepointsJson } from './results';
import { riskReport, type RiskReport } from '../analysis/risk';
import { chunkPlan, chunkSeed, simulateChunk, summarizeSimulation, type SimulationResult } from '../analysis/simulate';
import { executiveReport } from '../report/html';
import { inventoryPage, type InventoryPage, type InventoryQuery } from './inventory';
import { graphSvg } from '../report/svg';
import { plantQueries } from './plant-queries';
import { assetRecords, refusedEditText, scenarioShown, type ScenarioShown } from './plant-view';
import type { ExecutiveSummary } from '../report/executive';

export interface PlantSummary {
  readonly plantId: string;
  readonly plantName: string;
  readonly assets: number;
  readonly zones: number;
  readonly connections: number;
  readonly arcs: number;
  readonly attackEdges: number;
  readonly entryPoints: number;
  readonly crownJewels: number;
  /** How the analysis worker loaded the text: parse + validate + compile time, threads used. */
  readonly load?: { readonly ms: number; readonly threads: number };
}

export type LoadResult =
  | { readonly kind: 'ok'; readonly model: PlantModel; readonly summary: PlantSummary }
  | { readonly kind: 'invalid'; readonly errors: readonly ModelError[] };

/** A path query: entry points (or any asset) to crown jewels (or any asset), k per pair; `limit` keeps the most likely overall. */
export interface PathsQuery extends PathQuery {
  readonly limit?: number;
}

/** What the app shows of a scenario besides the diff: each pair's route change, why ±0, and what the last edit did. */
export interface ScenarioReading {
  readonly routes: ScenarioReport['routes'];
  readonly whyUnchanged: readonly UnchangedReason[];
  /** The plant risk the last edit moved (against the scenario without it), and why not when it moved none. */
  readonly lastEdit: { readonly delta: number; readonly whyUnchanged: readonly UnchangedReason[] };
}

/** One scenario of a side-by-side comparison: its plant risk and cost, or the edit that no longer applies. */
export type ScenarioFigures =
  | { readonly kind: 'ok'; readonly risk: number; readonly delta: number; readonly cost: number; readonly edits: number; readonly jewelsReachable: number; readonly entryPoints: number; readonly crownJewels: number }
  | { readonly kind: 'invalid'; readonly edit: number; readonly errors: readonly ModelError[] };

/** The chokepoints with their view for the graph (the assets on attack paths, the cut ranked, the headline). */
export type ChokepointsAnswer = ChokepointsJson & { readonly view: ChokepointView; /** The records of the view's assets (the graph draws them). */ readonly scene: PlantModel };

export class SessionError extends CodedError<'NO_PLANT' | 'NO_MODEL' | 'STALE'> {
  override readonly name = 'SessionError';
}

/** Progress callback: `done` of `total` units of work. */
export type Progress = (done: number, total: number) => void;

interface Loaded {
  readonly ctx: PlantContext | undefined;
  /** The plant as loaded, kept while a what-if scenario is active. */
  readonly baseline: PlantContext | undefined;
  readonly graph: CompactGraph;
  readonly index: ReadonlyMap<string, number>;
  readonly ids: readonly string[];
}

function summarize(ctx: PlantContext | undefined, g: CompactGraph): PlantSummary {
  const model = ctx?.model;
  return {
    plantId: model?.plant.id ?? '',
    plantName: model?.plant.name ?? '',
    assets: g.nodeCount,
    zones: model?.zones.length ?? 0,
    connections: model ? connectionCount(model) : 0,
    arcs: g.edgeCount,
    attackEdges: ctx?.attack.edgeCount ?? 0,
    entryPoints: model?.entryPoints.length ?? 0,
    crownJewels: model?.crownJewels.length ?? 0,
  };
}

export function createAnalysisSession() {
  let loaded: Loaded | undefined;
  /** The edits of the scenario installed (with its plant): the one before an added edit need not be built again. */
  let installed: { readonly edits: readonly ScenarioEdit[]; readonly ctx: PlantContext } | undefined;
  /** The attacker every query analyses as (setProfile); undefined: none (every rule at its documented likelihood). */
  let profile: AttackerProfile | undefined;
  const install = (ctx: PlantContext | undefined, graph: CompactGraph, baseline = ctx): PlantSummary => {
    // A plant context already holds the id index (the same ids, in node order): not built twice.
    const index = ctx?.index ?? nodeIndex(graph);
    loaded = { ctx, baseline, graph, index, ids: ctx?.ids ?? [...index.keys()] };
    return summarize(ctx, graph);
  };
  const current = (): Loaded => {
    if (!loaded) throw new SessionError('NO_PLANT', 'no plant is loaded in this session');
    return loaded;
  };
  const plant = (): PlantContext => {
    const l = current();
    if (!l.ctx) throw new SessionError('NO_MODEL', 'this session holds a bare graph; load a model for analysis');
    return withProfile(l.ctx, profile);
  };
  /** The plant as loaded (without the scenario's edits), as the session's attacker. */
  const baselinePlant = (): PlantContext => {
    const l = current();
    return l.baseline ? withProfile(l.baseline, profile) : plant();
  };
  const fromResult = (r: ReturnType<typeof parseModelText>, prepared?: PreparedContext): LoadResult => {
    // A failed load never replaces the plant already loaded.
    if (r.kind === 'invalid') return r;
    const ctx = buildContext(r.model, prepared);
    return { kind: 'ok', model: r.model, summary: install(ctx, ctx.graph) };
  };
  const loadParsedSummary = (parsed: ParseResult, prepared?: PreparedContext): { kind: 'ok'; summary: PlantSummary } | { kind: 'invalid'; errors: readonly ModelError[] } => {
    const r = fromResult(parsed, prepared);
    return r.kind === 'ok' ? { kind: 'ok', summary: r.summary } : r;
  };
  return {
    /** The queries of a main thread that holds only what it draws (plant-queries.ts). */
    ...plantQueries(plant, baselinePlant),
    /** Liveness check used by the client before it trusts a worker. */
    ping(): 'pong' {
      return 'pong';
    },
    /**
     * Analyses every later query as this attacker (docs/attack-rules.md, "Attacker profiles"): the
     * attack graph derived with its capabilities and skill; null: no profile. The plant and the
     * scenario stay as they are. An unknown profile is refused and changes nothing.
     */
    setProfile(next: AttackerProfile | null): { kind: 'ok'; profile: AttackerProfile | null } | { kind: 'invalid'; errors: readonly ModelError[] } {
      if (next !== null && !isAttackerProfile(next)) return { kind: 'invalid', errors: [{ path: 'profile', message: `unknown attacker profile ${JSON.stringify(next)}` }] };
      profile = next ?? undefined;
      installed = undefined;
      return { kind: 'ok', profile: next };
    },
    /** The attacker every query analyses as (null: none). */
    profile(): AttackerProfile | null {
      return profile ?? null;
    },
    /**
     * Parses, validates and loads model text — the one boundary where a model enters the session —
     * answering the summary; on failure the loaded plant stays as it was. The main thread asks for
     * what it shows (plant-queries.ts) instead of parsing it again.
     */
    loadTextSummary(text: string): { kind: 'ok'; summary: PlantSummary } | { kind: 'invalid'; errors: readonly ModelError[] } {
      return loadParsedSummary(parseModelText(text));
    },
    /**
     * The same for text parsed by the caller (the worker parses large texts with two threads),
     * with the parts it prepared meanwhile (prepareContext of the parsed model).
     */
    loadParsedSummary,
    summary(): PlantSummary {
      const l = current();
      return summarize(l.ctx, l.graph);
    },
    /** The k most likely paths of each pair asked for, best first; with `limit`, the `limit` most likely of them all. */
    paths(query: PathsQuery = {}): ExplainedPath[] {
      const { limit, ...pairs } = query;
      const all = attackPaths(plant(), pairs);
      return limit === undefined ? all : all.slice(0, Math.max(0, limit));
    },
    blast(fromIds: readonly string[]): BlastResult {
      return blastRadius(plant(), fromIds);
    },
    chokepoints(): ChokepointsAnswer {
      const ctx = plant();
      const cp = chokepoints(ctx);
      const view = chokepointView(ctx, cp);
      return { ...chokepointsJson(cp), view, scene: assetRecords(ctx, view.assets) };
    },
    risk(): RiskReport {
      return riskReport(plant());
    },
    /**
     * The greedy remediation plan of the plant (what-if scenario included). `onStep` hears of each
     * step as soon as it is decided: on a large plant the first steps come well before the plan.
     * `rank: 'time'` ranks by time bought instead of risk removed (remediation/time.ts).
     */
    remediate(options: Pick<PlanOptions, 'budget' | 'maxSteps' | 'rank'> = {}, onProgress?: Progress, onStep?: PlanStepListener): RemediationPlan {
      const ctx = plant();
      return remediationPlan(ctx.model, { ...options, context: ctx, ...(onProgress ? { onProgress } : {}), ...(onStep ? { onStep } : {}) });
    },
    /** Hits per crown jewel for the given chunks of a seeded run (the pool splits chunks across workers). */
    simulateChunks(samples: number, seed: number, chunks: readonly number[]): Float64Array {
      const ctx = plant();
      const plan = chunkPlan(samples);
      const total = new Float64Array(ctx.jewels.length);
      for (const c of chunks) {
        const size = plan[c];
        if (size === undefined) throw new RangeError(`simulateChunks: chunk ${c} is outside 0..${plan.length - 1}`);
        const hits = simulateChunk(ctx.attack, ctx.entries, ctx.jewels, size, chunkSeed(seed, c));
        for (let j = 0; j < total.length; j++) total[j]! += hits[j]!;
      }
      return total;
    },
    /** Turns summed chunk hits into probabilities and intervals. */
    summarizeSimulation(hits: Float64Array, samples: number, seed: number): SimulationResult {
      const ctx = plant();
      return summarizeSimulation(ctx.ids, ctx.jewels, hits, samples, seed);
    },
    /**
     * Applies a what-if scenario's edits to the plant as loaded and makes the result the plant every
     * query answers about (null or no edits: back to the baseline); answers its diff against the
     * baseline. Each edit is checked as an edit (applyEdits), never the whole changed model; an
     * edit refused changes nothing and is named in the errors (`edit`: its index).
     */
    applyScenario(
      edits: readonly ScenarioEdit[] | null,
    ): { kind: 'ok'; diff: ScenarioDiff | null; reading: ScenarioReading | null; summary: PlantSummary; shown: ScenarioShown | null } | { kind: 'invalid'; edit: number; errors: readonly ModelError[]; text?: string | undefined } {
      const baseline = baselinePlant();
      // The plant as loaded is installed as it was loaded; the profile is applied where it is read
      // (plant(), baselinePlant()), so its per-context caches outlive a change of attacker.
      const loadedPlant = current().baseline ?? current().ctx!;
      const before = installed;
      installed = undefined;
      if (edits === null || (Array.isArray(edits) && edits.length === 0)) return { kind: 'ok', diff: null, reading: null, summary: install(loadedPlant, loadedPlant.graph), shown: null };
      const r = applyEdits(baseline.model, edits);
      if (r.kind === 'invalid') return { ...r, text: refusedEditText(baseline, edits, r.edit) };
      const ctx = buildContext(r.model, undefined, { profile });
      const summary = install(ctx, ctx.graph, loadedPlant);
      installed = { edits, ctx };
      const { diff, routes, whyUnchanged: why } = scenarioReport(baseline, ctx, edits);
      // The scenario without its last edit: the one installed before when this one adds an edit to it.
      const prefix = edits.slice(0, -1);
      const previous = prefix.length === 0 ? baseline : before && JSON.stringify(before.edits) === JSON.stringify(prefix) ? before.ctx : buildContext(applyAcceptedEdits(baseline.model, prefix), undefined, { profile });
      const riskBefore = riskReport(previous);
      const riskAfter = riskReport(ctx);
      const delta = riskAfter.total - riskBefore.total;
      const last = { delta, whyUnchanged: unchangedMoney(delta) ? whyUnchanged(previous, ctx, edits.slice(-1), riskBefore, riskAfter) : [] };
      return { kind: 'ok', diff, reading: { routes, whyUnchanged: why, lastEdit: last }, summary, shown: scenarioShown(baseline, ctx, edits) };
    },
    /**
     * Searches the plant as loaded's side of a what-if diff ahead of the first edit, when that is
     * cheap (diff.ts PREPARE_DIFF_MAX_WORK), and what the first edit reads of it: the first edit then
     * costs what later ones do.
     * Answers whether the side is kept. Asked for when the worker is otherwise idle.
     */
    prepareWhatIf(): boolean {
      const base = baselinePlant();
      if (!prepareDiff(base)) return false;
      // What the first edit reads of the plant as loaded: its record ids, and its connections as
      // records (a parsed plant holds them in columns; an edit copies the list).
      edgeIdsOf(base.model);
      void base.model.connections.length;
      return true;
    },
    /**
     * The what-if scenario's change in time to compromise per crown jewel against the plant as
     * loaded (ttc-change.ts: a timed Monte Carlo of each, as the session's attacker, seeded); null
     * when no scenario is applied. Asked for on request: it costs two timed runs.
     */
    scenarioTtc(samples: number = DIFF_TTC_SAMPLES, seed = 1): ReturnType<typeof ttcChange> | null {
      const ctx = plant();
      const base = baselinePlant();
      if (base === ctx) return null;
      if (!(Number.isInteger(samples) && samples >= 1 && samples <= 100_000)) throw new AnalysisError('BAD_PARAMETER', `scenarioTtc: samples must be an integer in 1..100000, got ${samples}`);
      return ttcChange(base, ctx, samples, seed);
    },
    /**
     * Plant risk and cost of several scenarios over the plant as loaded, side by side (the first
     * list is usually empty: the baseline). Nothing is installed: every other query still answers
     * about the scenario applied.
     */
    compareScenarios(lists: readonly (readonly ScenarioEdit[])[]): ScenarioFigures[] {
      const baseline = baselinePlant();
      const base = riskReport(baseline).total;
      return lists.map((edits): ScenarioFigures => {
        const r = applyEdits(baseline.model, edits);
        if (r.kind === 'invalid') return r;
        const ctx = edits.length ? buildContext(r.model, undefined, { profile }) : baseline;
        const risk = riskReport(ctx);
        return {
          kind: 'ok', risk: risk.total, delta: risk.total - base, cost: editsCost(edits), edits: edits.length,
          jewelsReachable: risk.jewels.filter((j) => j.reachable).length, entryPoints: ctx.model.entryPoints.length, crownJewels: ctx.model.crownJewels.length,
        };
      });
    },
    /** Likely entry points and crown jewels the plant does not name yet, for one-click confirmation. */
    markSuggestions(): MarkSuggestions {
      return suggestMarks(plant().model);
    },
    /** Attack edges into and out of an asset, explained. */
    assetEdges(id: string): { incoming: PathStep[]; outgoing: PathStep[] } {
      const ctx = plant();
      const v = ctx.index.get(id);
      if (v === undefined) return { incoming: [], outgoing: [] };
      const ag = ctx.attack;
      const outgoing: PathStep[] = [];
      for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) outgoing.push(explainStep(ctx, e));
      const incoming: PathStep[] = [];
      for (let k = ag.inOffsets[v]!; k < ag.inOffsets[v + 1]!; k++) incoming.push(explainStep(ctx, ag.inEdges[k]!));
      const byLik = (a: PathStep, b: PathStep) => b.likelihood - a.likelihood;
      return { incoming: incoming.sort(byLik), outgoing: outgoing.sort(byLik) };
    },
    findings(): Finding[] {
      return findings(plant().model);
    },
    /** Node positions for the graph view (zones when the plant is large), with what each record gives an attacker (edge tooltips) on the full view. */
    layout(): GraphLayout {
      const ctx = plant();
      const layout = graphLayout(ctx.model);
      return layout.collapsed ? layout : { ...layout, attack: recordAttacks(ctx) };
    },
    /**
     * The executive summary and the self-contained HTML report of the loaded plant (the baseline),
     * with before/after for the first `steps` remediation steps and, while a what-if scenario is
     * active, for the scenario. A baseline that names no entry point or no crown jewel has no story
     * to tell: while a scenario marks them (a twin from a capture, completed in the app), the report
     * is the scenario's.
     */
    executive(options: { entry?: string; steps?: number; scenarioName?: string; scenarioChanges?: string[]; generatedAt?: string } = {}): { summary: ExecutiveSummary; html: string } {
      const ctx = plant();
      const loadedBase = baselinePlant();
      const told = (c: PlantContext) => c.model.entryPoints.length > 0 && c.model.crownJewels.length > 0;
      const base = loadedBase !== ctx && (told(loadedBase) || !told(ctx)) ? loadedBase : ctx;
      const scenario = base !== ctx ? { name: options.scenarioName ?? 'What-if', ctx, ...(options.scenarioChanges ? { changes: options.scenarioChanges } : {}) } : undefined;
      const { scenarioName: _n, scenarioChanges: _c, ...rest } = options;
      return executiveReport(base, { ...rest, ...(scenario ? { scenario } : {}) });
    },
    /**
     * The asset inventory of the plant every query answers about (the scenario when one is active):
     * one page of rows sorted and filtered here, with the pickers' facets or all matched rows as CSV
     * on request — the main thread holds only the rows it draws.
     */
    inventory(query: InventoryQuery = {}): InventoryPage {
      return inventoryPage(plant(), query);
    },
    /** The loaded plant's chokepoints graph as a standalone SVG file, the given path (asset ids) numbered on it. */
    graphSvg(path: readonly string[] = []): string {
      const ctx = baselinePlant();
      return graphSvg(ctx.model, graphLayout(ctx.model), { path, standalone: true, chokepoints: chokepointView(ctx, chokepoints(ctx)) });
    },
  };
}

export type AnalysisSession = ReturnType<typeof createAnalysisSession>;
