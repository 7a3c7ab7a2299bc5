// What the graph shows on top of the plant: a highlighted attack path, a heat map (blast radius
// likelihood, a finding's assets) with outlined assets and its colour scale, or the chokepoints
// view (only the assets on attack paths, the minimum cut ranked). Any of them may carry the
// ranked cut ("harden first") to mark on the plant. Derived from analysis results; the model is
// never changed to drive the picture.
import type { ChokepointView, RankedCutAsset } from '../analysis/chokepoint-view';
import type { PlantModel } from '../model/schema';

/** What a heat map's colours mean: the value at 0 and at 1 of the scale, in words. */
export interface HeatScale {
  readonly title: string;
  readonly low: string;
  readonly high: string;
  /** The values are likelihoods: the tooltip shows an asset's as a percentage under this name. */
  readonly likelihood?: string;
}

export type Overlay =
  | { readonly kind: 'none'; readonly harden?: readonly RankedCutAsset[] }
  | { readonly kind: 'path'; readonly nodes: readonly string[] }
  | {
      readonly kind: 'heat';
      /** Asset id → value in [0, 1]. */
      readonly heat: ReadonlyMap<string, number>;
      /**
       * Zone id → value in [0, 1], for a plant drawn as zone tiles when the worker rated the tiles
       * itself (a blast radius reaching most of 100k assets is a few thousand tiles).
       */
      readonly tiles?: ReadonlyMap<string, number>;
      /** Assets drawn with a thick outline (dominators, the min cut, the blast source). */
      readonly outline: ReadonlySet<string>;
      readonly label: string;
      readonly scale?: HeatScale;
      /** Bring these assets into view (a finding's). */
      readonly frame?: boolean;
    }
  | { readonly kind: 'chokepoints'; readonly view: ChokepointView; readonly scale: HeatScale; /** The records of the view's assets. */ readonly scene: PlantModel };

export const NO_OVERLAY: Overlay = { kind: 'none' };

/** Colour of a heat value: pale yellow (low) to deep red (high). */
export function heatColour(x: number): string {
  const t = Math.max(0, Math.min(1, x));
  const r = 255;
  const g = Math.round(224 - 190 * t);
  const b = Math.round(130 - 110 * t);
  return `rgb(${r},${g},${b})`;
}

/** A CSS gradient of the heat colours, low to high (the colour scale's bar). */
export function heatGradient(stops = 5): string {
  return `linear-gradient(to right, ${Array.from({ length: stops }, (_, i) => heatColour(i / (stops - 1))).join(', ')})`;
}

/** The assets an overlay asks to bring into view, if any: a path's, a framed heat map's. */
export function framedAssets(overlay: Overlay): readonly string[] | undefined {
  if (overlay.kind === 'path') return overlay.nodes;
  if (overlay.kind === 'heat' && overlay.frame) return [...overlay.heat.keys()];
  return undefined;
}

/** A heat map's values per element drawn (`elementOf`: the element an asset is drawn as; a tile takes its highest). */
export function heatByElement(overlay: Extract<Overlay, { kind: 'heat' }>, elementOf: (asset: string) => string, zoneElement: (zone: string) => string): Map<string, number> {
  const heat = new Map<string, number>();
  const add = (el: string, v: number) => heat.set(el, Math.max(v, heat.get(el) ?? 0));
  for (const [id, v] of overlay.heat) add(elementOf(id), v);
  for (const [zone, v] of overlay.tiles ?? []) add(zoneElement(zone), v);
  return heat;
}
