// Which cytoscape renderer draws a plant: the canvas one, or above a few thousand elements its
// WebGL renderer when the browser offers WebGL 2 (probed once).
import type { GraphLayout } from '../../analysis/layout';
import type { PlantModel } from '../../model/schema';

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
 * The renderer for a plant drawn at this layout: WebGL for a full (uncollapsed) view of more than
 * WEBGL_ABOVE_ELEMENTS assets, connections and trust relations when `available()` says the browser
 * has it (asked only then), the canvas otherwise and while nothing is laid out.
 */
export function rendererFor(model: PlantModel | undefined, layout: GraphLayout | undefined, available: () => boolean = webglAvailable): Renderer {
  if (!model || !layout || layout.collapsed) return 'canvas';
  const elements = model.assets.length + model.connections.length + (model.trust?.length ?? 0);
  return elements > WEBGL_ABOVE_ELEMENTS && available() ? 'webgl' : 'canvas';
}
