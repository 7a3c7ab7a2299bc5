// Long answers the analysis tabs show a little of, cut to what is drawn in the analysis worker:
// the 62443 findings a page at a time (8,511 of them on the 100k-asset plant), the blast radius as
// its impact, its first rows and its heat per element drawn (per zone tile on a collapsed plant:
// 100k reached assets are at most a few thousand tiles), and remediation steps with their texts.
// Pure.
import type { PlantContext } from '../analysis/context';
import { blastRadius } from '../analysis/blast';
import { findings, type Finding } from '../analysis/findings';
import { COLLAPSE_ABOVE_ASSETS } from '../analysis/layout';
import type { PlanStep, RemediationAction } from '../analysis/remediation';
import { stepTexts, type StepText } from '../report/plan';
import { namedRecords } from './plant-view';

/** Rows per findings page the tab asks for (a screenful and some). */
export const FINDINGS_PAGE = 100;

export interface FindingsQuery {
  readonly offset?: number;
  readonly limit?: number;
}

export interface FindingsPage {
  /** Findings in all. */
  readonly total: number;
  /** Per severity. */
  readonly counts: { readonly high: number; readonly medium: number; readonly low: number };
  readonly offset: number;
  readonly rows: readonly Finding[];
}

const found = new WeakMap<PlantContext['model'], Finding[]>();

/** Every finding of the plant, most severe first (computed once per model: the findings read the model only, not the attacker profile). */
export function allFindings(ctx: PlantContext): Finding[] {
  let list = found.get(ctx.model);
  if (!list) found.set(ctx.model, (list = findings(ctx.model)));
  return list;
}

export function findingsPage(ctx: PlantContext, query: FindingsQuery = {}): FindingsPage {
  const list = allFindings(ctx);
  const offset = Math.max(0, Math.min(list.length, Math.floor(query.offset ?? 0)));
  const limit = Math.max(0, Math.floor(query.limit ?? FINDINGS_PAGE));
  const counts = { high: 0, medium: 0, low: 0 };
  for (const f of list) counts[f.severity]++;
  return { total: list.length, counts, offset, rows: list.slice(offset, offset + limit) };
}

/** Rows of the blast radius table. */
export const BLAST_ROWS = 25;

export interface BlastView {
  readonly from: readonly string[];
  /** Assets reachable, the sources included. */
  readonly count: number;
  readonly impact: ReturnType<typeof blastRadius>['impact'];
  /** The most likely reached assets (BLAST_ROWS of them), with names. */
  readonly rows: readonly { readonly id: string; readonly name: string; readonly likelihood: number; readonly hops: number }[];
  /**
   * Likelihood of compromise per element drawn: per asset when the plant is drawn asset by asset,
   * per zone (its most likely asset) when it is drawn as zone tiles.
   */
  readonly heat: { readonly by: 'asset' | 'zone'; readonly values: readonly (readonly [string, number])[] };
}

/** The blast radius of some assets as the tab and the graph show it. */
export function blastView(ctx: PlantContext, fromIds: readonly string[], rows = BLAST_ROWS): BlastView {
  const b = blastRadius(ctx, fromIds);
  const r = b.reached;
  const shown: BlastView['rows'][number][] = [];
  for (let i = 0; i < Math.min(rows, r.count); i++) shown.push({ id: r.ids[i]!, name: ctx.names[ctx.index.get(r.ids[i]!)!]!, likelihood: r.likelihood[i]!, hops: r.hops[i]! });
  let heat: BlastView['heat'];
  if (ctx.ids.length > COLLAPSE_ABOVE_ASSETS) {
    const zones = ctx.model.zones;
    const best = new Float64Array(zones.length).fill(-1);
    for (let i = 0; i < r.count; i++) {
      const z = ctx.graph.nodeZone[ctx.index.get(r.ids[i]!)!]!;
      if (r.likelihood[i]! > best[z]!) best[z] = r.likelihood[i]!;
    }
    const values: [string, number][] = [];
    best.forEach((v, z) => {
      if (v >= 0) values.push([zones[z]!.id, v]);
    });
    heat = { by: 'zone', values };
  } else {
    const values: [string, number][] = new Array(r.count);
    for (let i = 0; i < r.count; i++) values[i] = [r.ids[i]!, r.likelihood[i]!];
    heat = { by: 'asset', values };
  }
  return { from: b.from, count: r.count, impact: b.impact, rows: shown, heat };
}

/** The ids remediation actions act on. */
function actionIds(actions: readonly RemediationAction[]): Set<string> {
  const ids = new Set<string>();
  for (const a of actions) {
    switch (a.kind) {
      case 'patch-cve':
      case 'add-control':
        ids.add(a.asset);
        break;
      case 'remove-connection':
      case 'require-authentication':
        ids.add(a.connection);
        break;
      case 'remove-trust':
        ids.add(a.trust);
        break;
      case 'isolate-media':
        ids.add(a.media);
        break;
    }
  }
  return ids;
}

/** Remediation actions in words (names, never ids), reading only the records they name (report/plan.ts stepTexts). */
export function actionTexts(ctx: PlantContext, actions: readonly RemediationAction[]): StepText[] {
  return stepTexts(namedRecords(ctx, actionIds(actions)), actions);
}

/** A remediation step as the tab shows it while the plan goes on: the step, its index, its text. */
export interface StepShown {
  readonly step: PlanStep;
  readonly index: number;
  readonly text: StepText;
}
