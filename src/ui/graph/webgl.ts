// Which cytoscape renderer draws a plant: the canvas one, or above a few thousand elements its
// WebGL renderer when the browser offers WebGL 2 (probed once) — the collapsed zone view of a very
// large plant as well as a large full view.
import type { GraphLayout } from '../../analysis/layout';
import type { PlantModel } from '../../model/schema';
import { MAX_COLLAPSED_LINKS } from './elements';

export type Renderer = 'canvas' | 'webgl';

/** Elements above which the (uncollapsed) view switches cytoscape to its WebGL renderer. */
export const WEBGL_ABOVE_ELEMENTS = 3000;

let webglSupport: boolean | undefined;
/** Whether the browser offers WebGL 2 (asked once: each question creates a context). */
export function webglAvailable(): boolean {
  if (webglSupport === undefined) {
    try {
      webglSupport = !!document.createElement('canvas').getContext('webgl2');
    } catch {
      webglSupport = false;
    }
  }
  return webglSupport;
}

/**
 * The renderer for a plant drawn at this layout: WebGL for more than WEBGL_ABOVE_ELEMENTS elements
 * (a full view's assets, connections and trust relations; a collapsed view's zone tiles and at most
 * MAX_COLLAPSED_LINKS links) when `available()` says the browser has it (asked only then), the
 * canvas otherwise and while nothing is laid out.
 */
export function rendererFor(model: PlantModel | undefined, layout: GraphLayout | undefined, available: () => boolean = webglAvailable): Renderer {
  if (!model || !layout) return 'canvas';
  const elements = layout.collapsed ? layout.positions.length + MAX_COLLAPSED_LINKS : model.assets.length + model.connections.length + (model.trust?.length ?? 0);
  return rendererForCount(elements, available);
}

/** The renderer for a scene of this many elements (the chokepoints view counts its own). */
export function rendererForCount(elements: number, available: () => boolean = webglAvailable): Renderer {
  return elements > WEBGL_ABOVE_ELEMENTS && available() ? 'webgl' : 'canvas';
}
