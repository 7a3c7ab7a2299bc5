// Viewport arithmetic of the graph (src/ui/graph/viewport.ts): a wheel notch, fitting beside the
// band labels, zooming about a point, panning a point into view.
import { describe, expect, it } from 'vitest';
import { FIT_INSET, fitViewport, MAX_ZOOM, MIN_ZOOM, panIntoView, WHEEL_NOTCH, wheelFactor, zoomAbout, ZOOM_STEP } from '../../../src/ui/graph/viewport';

describe('wheelFactor', () => {
  it('one notch (100 px, or 3 lines, as browsers send) zooms by 10–25 %, in and out alike', () => {
    for (const f of [wheelFactor(-100), wheelFactor(-3, 1)]) {
      expect(f).toBeGreaterThanOrEqual(1.1);
      expect(f).toBeLessThanOrEqual(1.25);
    }
    for (const f of [wheelFactor(100), wheelFactor(3, 1)]) {
      expect(1 / f).toBeGreaterThanOrEqual(1.1);
      expect(1 / f).toBeLessThanOrEqual(1.25);
    }
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1);
    expect(wheelFactor(-100)).toBe(WHEEL_NOTCH);
  });

  it('a touchpad\'s small deltas zoom in proportion; a burst is capped; nothing for no delta', () => {
    expect(wheelFactor(-10) ** 10).toBeCloseTo(WHEEL_NOTCH);
    expect(wheelFactor(-10_000)).toBeCloseTo(WHEEL_NOTCH ** 1.5);
    expect(wheelFactor(0)).toBe(1);
    expect(wheelFactor(Number.NaN)).toBe(1);
  });
});

describe('fitViewport', () => {
  const pane = { width: 1000, height: 600 };

  it('fits a box into the pane minus the inset, centred there', () => {
    const v = fitViewport({ x1: 0, y1: 0, x2: 400, y2: 100 }, pane)!;
    const w = 1000 - FIT_INSET.left - FIT_INSET.right;
    const h = 600 - FIT_INSET.top - FIT_INSET.bottom;
    expect(v.zoom).toBeCloseTo(Math.min(w / 400, h / 100));
    // The box's left edge lands inside the inset, clear of the band labels; its centre at the inset centre.
    expect(0 * v.zoom + v.pan.x).toBeGreaterThanOrEqual(FIT_INSET.left - 1e-9);
    expect(200 * v.zoom + v.pan.x).toBeCloseTo(FIT_INSET.left + w / 2);
    expect(50 * v.zoom + v.pan.y).toBeCloseTo(FIT_INSET.top + h / 2);
  });

  it('caps the zoom (framing a few assets) and within the limits; no room, no viewport', () => {
    expect(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, pane, FIT_INSET, 1.6)!.zoom).toBe(1.6);
    expect(fitViewport({ x1: 0, y1: 0, x2: 1, y2: 1 }, pane)!.zoom).toBe(MAX_ZOOM);
    expect(fitViewport({ x1: 0, y1: 0, x2: 1e9, y2: 1 }, pane)!.zoom).toBe(MIN_ZOOM);
    expect(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, { width: 100, height: 600 })).toBeUndefined();
  });
});

describe('zoomAbout and panIntoView', () => {
  it('zooming keeps the point under the pointer in place', () => {
    const v = { zoom: 0.5, pan: { x: 30, y: -20 } };
    const at = { x: 400, y: 300 };
    const model = { x: (at.x - v.pan.x) / v.zoom, y: (at.y - v.pan.y) / v.zoom };
    const z = zoomAbout(v, ZOOM_STEP, at);
    expect(z.zoom).toBeCloseTo(0.5 * ZOOM_STEP);
    expect(model.x * z.zoom + z.pan.x).toBeCloseTo(at.x);
    expect(model.y * z.zoom + z.pan.y).toBeCloseTo(at.y);
    expect(zoomAbout({ zoom: MAX_ZOOM, pan: { x: 0, y: 0 } }, 2, at).zoom).toBe(MAX_ZOOM);
  });

  it('pans a point outside the pane just inside it, and leaves one inside alone', () => {
    const v = { zoom: 1, pan: { x: 0, y: 0 } };
    const pane = { width: 800, height: 600 };
    expect(panIntoView(v, { x: 400, y: 300 }, pane)).toBe(v);
    const right = panIntoView(v, { x: 2000, y: 300 }, pane);
    expect(2000 + right.pan.x).toBeCloseTo(800 - FIT_INSET.right);
    const left = panIntoView(v, { x: 10, y: -50 }, pane);
    expect(10 + left.pan.x).toBeCloseTo(FIT_INSET.left);
    expect(-50 + left.pan.y).toBeCloseTo(FIT_INSET.top);
  });
});
