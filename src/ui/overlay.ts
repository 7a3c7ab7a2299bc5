// What the graph shows on top of the plant: a highlighted attack path, or a heat map (blast radius
// likelihood, risk removed) with outlined assets. Derived from analysis results; the model is never
// changed to drive the picture.

export type Overlay =
  | { readonly kind: 'none' }
  | { readonly kind: 'path'; readonly nodes: readonly string[] }
  | {
      readonly kind: 'heat';
      /** Asset id → value in [0, 1]. */
      readonly heat: ReadonlyMap<string, number>;
      /** Assets drawn with a thick outline (dominators, the min cut, the blast source). */
      readonly outline: ReadonlySet<string>;
      readonly label: string;
    };

export const NO_OVERLAY: Overlay = { kind: 'none' };

/** Colour of a heat value: pale yellow (low) to deep red (high). */
export function heatColour(x: number): string {
  const t = Math.max(0, Math.min(1, x));
  const r = 255;
  const g = Math.round(224 - 190 * t);
  const b = Math.round(130 - 110 * t);
  return `rgb(${r},${g},${b})`;
}
