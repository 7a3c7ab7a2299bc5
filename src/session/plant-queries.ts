// The analysis session's queries for a main thread that holds only what it draws (plant-view.ts,
// asset-search.ts, lists.ts): each answers for the plant every query answers about (the scenario
// when one is active), small enough to cross to the main thread in a few milliseconds. Spread
// into the session's API (createAnalysisSession). Pure.
import type { PlantContext } from '../analysis/context';
import { explainStep, type PathStep } from '../analysis/explain';
import { graphLayout, plantZoneGroups, type GraphLayout } from '../analysis/layout';
import { recordAttacks } from '../analysis/record-attacks';
import { remediationPlan, type PlanOptions, type RemediationPlan } from '../analysis/remediation';
import { connectionCount, connectionView } from '../model/connections';
import { CodedError } from '../model/errors';
import { serializeModelChunks } from '../model/serialize';
import type { Connection, PlantModel } from '../model/schema';
import { planCsv } from '../report/plan';
import { searchAssets, type AssetOption, type Role } from './asset-search';
import { actionTexts, blastView, findingsPage, type BlastView, type FindingsPage, type FindingsQuery, type StepShown } from './lists';
import {
  assetDetail, assetDirectory, freeRecordId, MAX_ZONE_LINKS, namedRecords, plainModel, plantOutline, zoneLinks, zoneRecords, zoneTiles,
  type AssetDetail, type PlantShown, type ZoneLink, type ZoneRecords, type ZoneTile,
} from './plant-view';
import type { StepText } from '../report/plan';

/**
 * The graph's picture of the plant: the whole plant when it is drawn asset by asset (with what
 * each record gives an attacker, for the edges' tooltips), or one tile per zone and the strongest
 * links between zones when it is drawn collapsed.
 */
export type PlantPicture =
  | { readonly kind: 'assets'; readonly layout: GraphLayout; readonly model: PlantModel }
  | { readonly kind: 'zones'; readonly layout: GraphLayout; readonly tiles: readonly ZoneTile[]; readonly links: readonly ZoneLink[] };

/** An asset's attack edges, the most likely first: `limit` of each way, and how many there are. */
export interface AssetEdges {
  readonly incoming: readonly PathStep[];
  readonly outgoing: readonly PathStep[];
  readonly incomingCount: number;
  readonly outgoingCount: number;
}

/** The remediation plan with each step in words. */
export interface PlanShown {
  readonly plan: RemediationPlan;
  readonly texts: readonly StepText[];
}

/** A copy of the model in slices met another plant midway (a load or a scenario came in between). */
export class StaleCopyError extends CodedError<'STALE'> {
  override readonly name = 'StaleCopyError';
}

/** Which plant a full copy is of: the one every query answers about, or the plant as loaded. */
export type Which = 'shown' | 'baseline';

/** A number per plant context, so that a model copied in slices is known to come from one plant. */
const tokens = new WeakMap<PlantContext, number>();
let lastToken = 0;
function tokenOf(ctx: PlantContext): number {
  let t = tokens.get(ctx);
  if (t === undefined) tokens.set(ctx, (t = ++lastToken));
  return t;
}

/**
 * `plant`: the context every query answers about (the scenario when one is active); `baseline`:
 * the plant as loaded.
 */
export function plantQueries(plant: () => PlantContext, baseline: () => PlantContext) {
  const which = (w: Which) => (w === 'baseline' ? baseline() : plant());
  return {
    /** The outline and the asset directory: what the main thread holds of the plant. */
    shown(): PlantShown {
      const ctx = plant();
      return { outline: plantOutline(ctx), directory: assetDirectory(ctx) };
    },
    picture(): PlantPicture {
      const ctx = plant();
      const layout = graphLayout(ctx.model);
      if (!layout.collapsed) return { kind: 'assets', layout: { ...layout, attack: recordAttacks(ctx) }, model: plainModel(ctx.model) };
      return { kind: 'zones', layout, tiles: zoneTiles(ctx), links: zoneLinks(ctx, MAX_ZONE_LINKS, layout.groups) };
    },
    /**
     * What opening a zone group of the collapsed view (layout.ts zoneGroups) adds: the links of its
     * zones, to each other and to the other tiles (the other groups closed).
     */
    groupLinks(group: string): ZoneLink[] {
      const ctx = plant();
      const groups = plantZoneGroups(ctx.model);
      return groups.some((g) => g.id === group) ? zoneLinks(ctx, MAX_ZONE_LINKS, groups, group) : [];
    },
    /** One zone's records and its links to the other zones, to open its tile in place. */
    zoneRecords(zone: string): ZoneRecords {
      return zoneRecords(plant(), zone);
    },
    /** The records around one asset (undefined: no such asset). */
    assetDetail(id: string): AssetDetail | undefined {
      return assetDetail(plant(), id);
    },
    /** An asset's attack edges in and out, explained, the most likely `limit` of each. */
    assetEdgesTop(id: string, limit = 12): AssetEdges {
      const ctx = plant();
      const v = ctx.index.get(id);
      if (v === undefined) return { incoming: [], outgoing: [], incomingCount: 0, outgoingCount: 0 };
      const ag = ctx.attack;
      const top = (edges: number[]) => edges.sort((a, b) => ag.likelihood[b]! - ag.likelihood[a]! || 0).slice(0, limit).map((e) => explainStep(ctx, e));
      const out: number[] = [];
      for (let e = ag.offsets[v]!; e < ag.offsets[v + 1]!; e++) out.push(e);
      const inc: number[] = [];
      for (let k = ag.inOffsets[v]!; k < ag.inOffsets[v + 1]!; k++) inc.push(ag.inEdges[k]!);
      return { incoming: top(inc), outgoing: top(out), incomingCount: inc.length, outgoingCount: out.length };
    },
    searchAssets(text: string, prefer?: Role, limit?: number): AssetOption[] {
      return searchAssets(plant(), text, prefer, limit);
    },
    findingsPage(query?: FindingsQuery): FindingsPage {
      return findingsPage(plant(), query);
    },
    blastView(fromIds: readonly string[]): BlastView {
      return blastView(plant(), fromIds);
    },
    /**
     * The greedy remediation plan with its steps in words; `onStep` hears of each step as soon as
     * it is decided (the first ones come well before the plan on a large plant).
     */
    remediationSteps(options: Pick<PlanOptions, 'budget' | 'maxSteps' | 'rank'> = {}, onProgress?: (done: number, total: number) => void, onStep?: (s: StepShown) => void): PlanShown {
      const ctx = plant();
      const plan = remediationPlan(ctx.model, {
        ...options,
        context: ctx,
        ...(onProgress ? { onProgress } : {}),
        ...(onStep ? { onStep: (step, index) => onStep({ step, index, text: actionTexts(ctx, [step.action])[0]! }) } : {}),
      });
      return { plan, texts: actionTexts(ctx, plan.steps.map((s) => s.action)) };
    },
    /** A plan as a CSV file for ticketing (report/plan.ts planCsv), reading only the records its steps name. */
    planCsv(plan: Pick<RemediationPlan, 'steps'>): string {
      const ctx = plant();
      const ids = new Set<string>();
      for (const s of plan.steps) for (const v of Object.values(s.action)) if (typeof v === 'string') ids.add(v);
      return planCsv(namedRecords(ctx, ids), plan);
    },
    /** A record id free in the plant's one id space of connections, trust relations and media paths. */
    freeRecordId(base: string): string {
      return freeRecordId(plant().model, base);
    },
    /**
     * The whole model's top-level fields in document order, with each array's length: with
     * modelPart, the main thread copies all of it in slices — only for the tools that need every
     * record (an import merging into the plant, a Neo4j save).
     */
    modelLayout(of: Which = 'shown'): { token: number; fields: { key: string; length: number }[] } {
      const ctx = which(of);
      const m = ctx.model as unknown as Record<string, unknown>;
      // connections: counted from the columns when they hold them (reading m.connections would build the records).
      const fields = Object.keys(m).map((key) => ({ key, length: key === 'connections' ? connectionCount(ctx.model) : Array.isArray(m[key]) ? (m[key] as unknown[]).length : -1 }));
      return { token: tokenOf(ctx), fields };
    },
    /** One top-level field of the model modelLayout gave `token` for, or records [start, end) of an array field. */
    modelPart(of: Which, token: number, key: string, start = 0, end = Infinity): unknown {
      const ctx = which(of);
      if (tokenOf(ctx) !== token) throw new StaleCopyError('STALE', 'another plant was loaded while this one was being copied');
      if (key === 'connections') {
        const view = connectionView(ctx.model);
        const out: Connection[] = [];
        for (let i = start; i < Math.min(end, view.count); i++) out.push(view.record(i));
        return out;
      }
      const v = (ctx.model as unknown as Record<string, unknown>)[key];
      return Array.isArray(v) ? v.slice(start, end) : v;
    },
    /** The plant (the scenario when one is active) as model text, in pieces of about 1 MB. */
    modelText(): string[] {
      return [...serializeModelChunks(plant().model)];
    },
  };
}
