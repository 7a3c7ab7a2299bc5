// The Purdue bands on screen (src/ui/graph/bands.ts): stripes follow pan and zoom; each label stays
// inside the visible part of its band and below the label above it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphLayout } from '../../../src/analysis/layout';
import type { PlantModel } from '../../../src/model/schema';
import { placeBands } from '../../../src/ui/graph/bands';

const bands = graphLayout(JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel).bands;

describe('placeBands', () => {
  it('stripes are the bands at the viewport\'s zoom and pan, labels inside their band, top to bottom', () => {
    const placed = placeBands(bands, 0.5, 40, 900);
    placed.forEach((p, i) => {
      expect(p.top).toBeCloseTo(bands[i]!.top * 0.5 + 40);
      expect(p.height).toBeCloseTo((bands[i]!.bottom - bands[i]!.top) * 0.5);
      expect(p.labelTop).toBeDefined();
      expect(p.labelTop!).toBeGreaterThanOrEqual(p.top);
      expect(p.labelTop!).toBeLessThan(p.top + p.height);
    });
    expect(placed.map((p) => p.level)).toEqual([5, 4, 3.5, 3, 2, 1, 0]);
  });

  it('while the view moves, a label stays in the visible part of its band, never over the label above; off-screen bands have none', () => {
    for (const panY of [-2000, -900, -613, -300, 0, 250]) {
      for (const zoom of [0.2, 0.45, 1, 2.5]) {
        const placed = placeBands(bands, zoom, panY, 700);
        let floor = -Infinity;
        for (const p of placed) {
          const visible = Math.min(p.top + p.height, 700) - Math.max(p.top, 0);
          if (visible <= 0) expect(p.labelTop).toBeUndefined();
          if (p.labelTop === undefined) continue;
          const h = p.compact ? 26 : 40;
          expect(p.labelTop).toBeGreaterThanOrEqual(Math.max(0, p.top) - 1e-9);
          expect(p.labelTop + h).toBeLessThanOrEqual(Math.min(700, p.top + p.height) + 1e-9);
          expect(p.labelTop).toBeGreaterThanOrEqual(floor - 1e-9);
          floor = p.labelTop + h;
        }
      }
    }
  });
});
