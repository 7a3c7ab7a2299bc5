// Which renderer draws a plant (src/ui/graph/webgl.ts): WebGL only for a full view above the
// element threshold, and only when the browser has it.
import { describe, expect, it, vi } from 'vitest';
import type { GraphLayout } from '../../../src/analysis/layout';
import type { PlantModel } from '../../../src/model/schema';
import { MAX_COLLAPSED_LINKS } from '../../../src/ui/graph/elements';
import { rendererFor, rendererForCount, WEBGL_ABOVE_ELEMENTS } from '../../../src/ui/graph/webgl';
import { tinyPlant } from '../../helpers/builders';

const full: GraphLayout = { collapsed: false, positions: [], bands: [] };
const collapsed: GraphLayout = { collapsed: true, positions: [], bands: [] };
const yes = () => true;

/** The tiny plant grown to `elements` assets + connections + trust relations (media do not count). */
function plantOf(elements: number): PlantModel {
  const m = tinyPlant();
  const base = m.assets.length + m.connections.length + m.trust!.length;
  for (let i = base; i < elements; i++) m.assets.push({ id: `s${i}`, name: `s${i}`, kind: 'sensor', zone: 'z-io' });
  m.media = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, kind: 'removable-media', from: ['fw'], to: ['plc'] }));
  return m;
}

describe('rendererFor', () => {
  it(`draws with WebGL above ${WEBGL_ABOVE_ELEMENTS} assets, connections and trust relations`, () => {
    expect(rendererFor(plantOf(WEBGL_ABOVE_ELEMENTS), full, yes)).toBe('canvas');
    expect(rendererFor(plantOf(WEBGL_ABOVE_ELEMENTS + 1), full, yes)).toBe('webgl');
  });

  it('keeps the canvas without WebGL in the browser, for a collapsed view of few zones and while nothing is laid out', () => {
    const large = plantOf(WEBGL_ABOVE_ELEMENTS + 1);
    expect(rendererFor(large, full, () => false)).toBe('canvas');
    expect(rendererFor(large, collapsed, yes)).toBe('canvas');
    expect(rendererFor(large, undefined, yes)).toBe('canvas');
    expect(rendererFor(undefined, full, yes)).toBe('canvas');
  });

  it(`draws a collapsed view with WebGL when its tiles and at most ${MAX_COLLAPSED_LINKS} links pass ${WEBGL_ABOVE_ELEMENTS}`, () => {
    const tiles = (n: number): GraphLayout => ({ collapsed: true, positions: Array.from({ length: n }, (_, i) => [`z${i}`, i, 0] as const), bands: [] });
    const m = plantOf(10);
    expect(rendererFor(m, tiles(WEBGL_ABOVE_ELEMENTS - MAX_COLLAPSED_LINKS), yes)).toBe('canvas');
    expect(rendererFor(m, tiles(WEBGL_ABOVE_ELEMENTS - MAX_COLLAPSED_LINKS + 1), yes)).toBe('webgl');
    expect(rendererFor(m, tiles(WEBGL_ABOVE_ELEMENTS), () => false)).toBe('canvas');
    expect(rendererForCount(WEBGL_ABOVE_ELEMENTS + 1, yes)).toBe('webgl');
    expect(rendererForCount(WEBGL_ABOVE_ELEMENTS, yes)).toBe('canvas');
  });

  it('asks the browser only for a plant large enough (each question creates a WebGL context)', () => {
    const probe = vi.fn(yes);
    rendererFor(plantOf(10), full, probe);
    rendererFor(plantOf(WEBGL_ABOVE_ELEMENTS + 1), collapsed, probe);
    expect(probe).not.toHaveBeenCalled();
    rendererFor(plantOf(WEBGL_ABOVE_ELEMENTS + 1), full, probe);
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
