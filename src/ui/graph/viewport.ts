// Viewport arithmetic of the graph (pure): fitting a box of the model into the pane beside the
// band labels, zooming about a point, the zoom of a mouse-wheel notch, and panning a point into view.

/** A viewport: zoom, and where the model origin lands (px). */
export interface Viewport {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

/** A box in model units. */
export interface ModelBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Space kept clear at each side of the pane (px). */
export interface Inset {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Width of the band labels' column at the graph's left edge (px). */
export const GUTTER = 140;
/** What a fit keeps clear: the band labels at the left, the zoom buttons at the bottom, a margin elsewhere (room for names). */
export const FIT_INSET: Inset = { left: GUTTER + 12, top: 20, right: 20, bottom: 56 };

/** The zoom limits of the graph. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;
/** Framing a few assets never zooms in further than this (they stay in context). */
export const MAX_FRAME_ZOOM = 1.6;

/** Factor of one Zoom in click (Zoom out divides by it). */
export const ZOOM_STEP = 1.25;
/** Factor of one mouse-wheel notch (100 px of wheel delta, or 3 lines). */
export const WHEEL_NOTCH = 1.2;

/**
 * The zoom factor of one wheel event: WHEEL_NOTCH per notch scrolled towards the user's screen
 * (negative deltaY zooms in), proportional in between (touchpads send many small deltas), and
 * never more than a notch and a half per event. deltaMode 1 counts lines (3 per notch), 2 pages.
 */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  if (!Number.isFinite(deltaY) || deltaY === 0) return 1;
  const pixels = deltaMode === 1 ? deltaY * (100 / 3) : deltaMode === 2 ? deltaY * 800 : deltaY;
  const notches = Math.max(-1.5, Math.min(1.5, -pixels / 100));
  return WHEEL_NOTCH ** notches;
}

const clampZoom = (z: number, min = MIN_ZOOM, max = MAX_ZOOM) => Math.max(min, Math.min(max, z));

/**
 * The viewport that shows `box` as large as possible in a pane of `width` × `height` px inside
 * `inset`, centred there; undefined when the pane has no room. `maxZoom` caps the zoom (framing).
 */
export function fitViewport(box: ModelBox, pane: { readonly width: number; readonly height: number }, inset: Inset = FIT_INSET, maxZoom = MAX_ZOOM): Viewport | undefined {
  const w = pane.width - inset.left - inset.right;
  const h = pane.height - inset.top - inset.bottom;
  const bw = Math.max(1, box.x2 - box.x1);
  const bh = Math.max(1, box.y2 - box.y1);
  if (!(w > 0 && h > 0) || !Number.isFinite(bw + bh)) return undefined;
  const zoom = clampZoom(Math.min(w / bw, h / bh), MIN_ZOOM, maxZoom);
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  return { zoom, pan: { x: inset.left + w / 2 - cx * zoom, y: inset.top + h / 2 - cy * zoom } };
}

/** The viewport zoomed by `factor` (within the limits) keeping the rendered point `at` in place. */
export function zoomAbout(v: Viewport, factor: number, at: { readonly x: number; readonly y: number }): Viewport {
  const zoom = clampZoom(v.zoom * factor);
  const k = zoom / v.zoom;
  return { zoom, pan: { x: at.x - (at.x - v.pan.x) * k, y: at.y - (at.y - v.pan.y) * k } };
}

/** The viewport panned just enough to bring the model point `p` inside the pane's inset (unchanged when it is). */
export function panIntoView(v: Viewport, p: { readonly x: number; readonly y: number }, pane: { readonly width: number; readonly height: number }, inset: Inset = FIT_INSET): Viewport {
  const rx = p.x * v.zoom + v.pan.x;
  const ry = p.y * v.zoom + v.pan.y;
  const dx = rx < inset.left ? inset.left - rx : rx > pane.width - inset.right ? pane.width - inset.right - rx : 0;
  const dy = ry < inset.top ? inset.top - ry : ry > pane.height - inset.bottom ? pane.height - inset.bottom - ry : 0;
  return dx === 0 && dy === 0 ? v : { zoom: v.zoom, pan: { x: v.pan.x + dx, y: v.pan.y + dy } };
}
