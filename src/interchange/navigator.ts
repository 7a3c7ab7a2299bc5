// An ATT&CK Navigator layer (https://mitre-attack.github.io/attack-navigator/, layer format 4.5,
// ICS domain) of a plant's attack paths — the view threat-intel and SOC teams already use. Each
// technique the derived attack graph uses is scored by the risk the most likely paths through it
// carry (Σ over the entry point × crown jewel paths that take a step with it of likelihood × the
// jewel's impact, in the plant's money), so the gradient colours it; its comment names those paths.
import { attackPaths } from '../analysis/attack-paths';
import type { PlantContext } from '../analysis/context';
import { explainEdge } from '../analysis/attack-graph';
import type { ExplainedPath } from '../analysis/explain';
import { jewelImpact } from '../analysis/impact';
import { expectedLoss, riskReport } from '../analysis/risk';
import { TECHNIQUES, type TechniqueId } from '../analysis/techniques';
import { formatEuro, formatShare } from './text';

/** The layer format written, the ATT&CK version of the technique table, and a Navigator that reads both. */
export const NAVIGATOR_VERSIONS = { attack: '18', navigator: '5.1.0', layer: '4.5' } as const;

export interface LayerTechnique {
  readonly techniqueID: string;
  readonly score: number;
  readonly comment: string;
  readonly enabled: boolean;
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
  readonly showSubtechniques: boolean;
}

export interface NavigatorLayer {
  readonly name: string;
  readonly versions: typeof NAVIGATOR_VERSIONS;
  readonly domain: 'ics-attack';
  readonly description: string;
  readonly sorting: number;
  readonly layout: { readonly layout: 'side'; readonly showID: boolean; readonly showName: boolean; readonly showAggregateScores: boolean; readonly countUnscored: boolean; readonly aggregateFunction: 'sum'; readonly expandedSubtechniques: 'none' };
  readonly hideDisabled: boolean;
  readonly techniques: readonly LayerTechnique[];
  readonly gradient: { readonly colors: readonly string[]; readonly minValue: number; readonly maxValue: number };
  readonly legendItems: readonly { readonly label: string; readonly color: string }[];
  readonly showTacticRowBackground: boolean;
  readonly tacticRowBackground: string;
  readonly selectTechniquesAcrossTactics: boolean;
  readonly selectSubtechniquesWithParent: boolean;
  readonly selectVisibleTechniques: boolean;
  readonly metadata: readonly { readonly name: string; readonly value: string }[];
}

/** Paths named in one technique's comment; the rest are counted. */
const PATHS_IN_COMMENT = 5;
/** Low to high risk: white, amber, red. */
const GRADIENT = ['#ffffff', '#ffb347', '#d62728'] as const;

const money = formatEuro;
const percent = formatShare;

export interface LayerOptions {
  /** Layer name; default "TwinPath — <plant name>". */
  readonly name?: string;
}

/** The layer of a plant: every technique of its attack graph, scored by the risk of the paths through it. */
export function navigatorLayer(ctx: PlantContext, options: LayerOptions = {}): NavigatorLayer {
  const { model } = ctx;
  const impactOf = new Map(model.crownJewels.map((j) => [j.asset, jewelImpact(model, j).money]));
  const nameOf = (id: string) => ctx.names[ctx.index.get(id)!] ?? id;
  // Edges per technique in the whole attack graph (techniques on no most likely path still show, unscored risk 0).
  const edges = new Map<TechniqueId, number>();
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    const t = explainEdge(ctx.graph, ctx.attack, e).technique;
    edges.set(t, (edges.get(t) ?? 0) + 1);
  }
  const through = new Map<TechniqueId, { path: ExplainedPath; risk: number }[]>();
  for (const path of attackPaths(ctx)) {
    const risk = expectedLoss(path.likelihood, path.logLikelihood, impactOf.get(path.to) ?? 0);
    for (const t of new Set(path.edges.map((s) => s.technique))) {
      const list = through.get(t) ?? [];
      list.push({ path, risk });
      through.set(t, list);
    }
  }
  const techniques: LayerTechnique[] = [...edges].map(([id, count]) => {
    const paths = (through.get(id) ?? []).sort((a, b) => b.risk - a.risk);
    const score = Math.round(paths.reduce((s, p) => s + p.risk, 0));
    const named = paths.slice(0, PATHS_IN_COMMENT).map(({ path, risk }, i) => `${i + 1}) ${path.nodes.map(nameOf).join(' → ')} (likelihood ${percent(path.likelihood)}, risk ${money(risk)})`);
    const comment = paths.length
      ? `${TECHNIQUES[id].name}: ${money(score)} of risk on ${paths.length} most likely attack path(s) — ${named.join('; ')}${paths.length > PATHS_IN_COMMENT ? `; and ${paths.length - PATHS_IN_COMMENT} more` : ''}.`
      : `${TECHNIQUES[id].name}: ${count} attack edge(s) in the plant, on no most likely entry-to-jewel path.`;
    return {
      techniqueID: id,
      score,
      comment,
      enabled: true,
      metadata: [
        { name: 'risk (EUR)', value: String(score) },
        { name: 'paths', value: String(paths.length) },
        { name: 'attack edges', value: String(count) },
      ],
      showSubtechniques: false,
    };
  });
  techniques.sort((a, b) => b.score - a.score || a.techniqueID.localeCompare(b.techniqueID));
  const max = Math.max(1, ...techniques.map((t) => t.score));
  const total = riskReport(ctx).total;
  return {
    name: options.name ?? `TwinPath — ${model.plant.name}`,
    versions: NAVIGATOR_VERSIONS,
    domain: 'ics-attack',
    description:
      `Attack paths of the digital twin "${model.plant.name}" (${model.assets.length} assets): each technique scored by the risk (likelihood × impact, EUR) ` +
      `of the most likely entry-point-to-crown-jewel paths that use it; plant risk ${money(total)}. Made by TwinPath.`,
    sorting: 3,
    layout: { layout: 'side', showID: true, showName: true, showAggregateScores: false, countUnscored: false, aggregateFunction: 'sum', expandedSubtechniques: 'none' },
    hideDisabled: false,
    techniques,
    gradient: { colors: [...GRADIENT], minValue: 0, maxValue: max },
    legendItems: [
      { label: 'no risk on the most likely paths', color: GRADIENT[0] },
      { label: `highest: ${money(max)}`, color: GRADIENT[2] },
    ],
    showTacticRowBackground: false,
    tacticRowBackground: '#dddddd',
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: [
      { name: 'plant', value: `${model.plant.name} (${model.plant.id})` },
      { name: 'plant risk (EUR)', value: String(Math.round(total)) },
      { name: 'generator', value: 'TwinPath' },
    ],
  };
}
