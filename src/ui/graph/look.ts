// What the overlay and the filters make of each element, as pure functions of its data (the
// reducers of sigma.js): the controller applies the result as classes and display, touching only
// the elements whose look changes. The model and the element definitions stay as they are.
// (The chokepoints overlay draws a scene of its own, chokepointElements; its look comes from the
// data that scene's elements carry.)
import type { Overlay } from '../overlay';
import { heatByElement, heatColour } from '../overlay';
import { zoneNodeId, type ElementData } from './elements';

/** What an overlay makes of one element: the overlay classes it carries, and its heat colour. */
export interface Look {
  /** Class `dim`. */
  readonly dim: boolean;
  /** Class `on-path`. */
  readonly onPath: boolean;
  /** Set for heat-mapped nodes (class `heat`, colour in data `heatColour`). */
  readonly heat: string | undefined;
  /** Class `outlined`. */
  readonly outlined: boolean;
  /** Class `cut`: in the minimum cut (harden first). */
  readonly cut: boolean;
}
export type LookOf = (el: ElementData) => Look;

export const PLAIN: Look = { dim: false, onPath: false, heat: undefined, outlined: false, cut: false };
const DIMMED: Look = { ...PLAIN, dim: true };
const ON_PATH: Look = { ...PLAIN, onPath: true };

const isEdge = (el: ElementData) => el.source !== undefined;

/**
 * The overlay as a function of the element: a path dims everything but its nodes and the edges
 * between consecutive ones (either way); a heat map colours the nodes it rates (a zone tile takes
 * the highest value of its assets), dims the others and outlines some. `elementOf` names the
 * element an asset is drawn as (elements.ts assetElements). Zone boxes are never touched.
 */
export function overlayLook(overlay: Overlay, elementOf: (asset: string) => string, zoneElement: (zone: string) => string = zoneNodeId): LookOf {
  switch (overlay.kind) {
    case 'path': {
      // A path through several assets of one zone is one stop on the collapsed view.
      const nodes = overlay.nodes.map(elementOf).filter((id, i, all) => i === 0 || all[i - 1] !== id);
      const onPath = new Set(nodes);
      const steps = new Set<string>();
      for (let i = 0; i + 1 < nodes.length; i++) {
        steps.add(`${nodes[i]}\u0000${nodes[i + 1]}`);
        steps.add(`${nodes[i + 1]}\u0000${nodes[i]}`);
      }
      return (el) => {
        if (isEdge(el)) return steps.has(`${el.source}\u0000${el.target}`) ? ON_PATH : DIMMED;
        if (el.container) return PLAIN;
        return onPath.has(el.id) ? ON_PATH : DIMMED;
      };
    }
    case 'heat': {
      const heat = heatByElement(overlay, elementOf, zoneElement);
      const outline = new Set([...overlay.outline].map(elementOf));
      return (el) => {
        if (isEdge(el) || el.container) return PLAIN;
        const v = heat.get(el.id);
        return { dim: v === undefined, onPath: false, heat: v === undefined ? undefined : heatColour(v), outlined: outline.has(el.id), cut: false };
      };
    }
    case 'chokepoints':
      return (el) => (el.source !== undefined || el.container ? PLAIN : { ...PLAIN, heat: el.heatColour, cut: el.rank !== undefined });
    case 'none': {
      const cut = new Set((overlay.harden ?? []).map((c) => elementOf(c.id)));
      if (cut.size === 0) return () => PLAIN;
      const CUT: Look = { ...PLAIN, cut: true };
      return (el) => (!isEdge(el) && !el.container && cut.has(el.id) ? CUT : PLAIN);
    }
    default:
      return assertNever(overlay);
  }
}

function assertNever(x: never): never {
  throw new Error(`overlayLook: unknown overlay ${JSON.stringify(x)}`);
}

/** What the graph's filters keep: Purdue levels hidden, one asset kind, one zone ('' = all). */
export interface GraphFilter {
  readonly hiddenLevels: ReadonlySet<number>;
  readonly kind: string;
  readonly zone: string;
  /** The zone and the zones it encloses (zonesWithin), when it encloses any: a site's zones show for the site. */
  readonly within?: ReadonlySet<string>;
}

/** A zone and every zone it encloses, at any depth (the model's zone `parent`). */
export function zonesWithin(zones: readonly { readonly id: string; readonly parent?: string | undefined }[], zone: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const z of zones) if (z.parent !== undefined) (children.get(z.parent) ?? children.set(z.parent, []).get(z.parent)!).push(z.id);
  const out = new Set([zone]);
  const todo = [zone];
  while (todo.length) {
    for (const c of children.get(todo.pop()!) ?? []) {
      if (out.has(c)) continue;
      out.add(c);
      todo.push(c);
    }
  }
  return out;
}

export const NO_FILTER: GraphFilter = { hiddenLevels: new Set(), kind: '', zone: '' };

/**
 * Whether the filter hides a node: one outside the chosen zone, an asset of another kind, or a
 * node at a hidden level. A zone box is hidden only by the zone filter (it shows while any of its
 * assets may); a zone tile (collapsed view) by level and zone, never by kind.
 */
export function filterHides(filter: GraphFilter): (node: ElementData) => boolean {
  const { hiddenLevels, kind, zone } = filter;
  const within = filter.within ?? new Set([zone]);
  return (node) => {
    const zoneOk = !zone || (node.zone !== undefined && within.has(node.zone)) || (node.members?.some((m) => within.has(m)) ?? false);
    if (node.container) return !zoneOk;
    const kindOk = !kind || node.asset === undefined || node.kind === kind;
    return (node.level !== undefined && hiddenLevels.has(node.level)) || !kindOk || !zoneOk;
  };
}
