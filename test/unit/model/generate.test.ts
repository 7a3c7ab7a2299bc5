import { describe, expect, it } from 'vitest';
import { GenerateError, generatePlant, MIN_GENERATED_ASSETS } from '../../../src/model/generate';
import { validateModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';

describe('generatePlant', () => {
  it('is deterministic for the same options and differs across seeds', () => {
    const a = serializeModel(generatePlant({ assets: 800, seed: 42 }));
    const b = serializeModel(generatePlant({ assets: 800, seed: 42 }));
    const c = serializeModel(generatePlant({ assets: 800, seed: 43 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it.each([MIN_GENERATED_ASSETS, 61, 137, 1000, 5003])('makes exactly %i assets that validate', (n) => {
    const m = generatePlant({ assets: n, seed: 5 });
    expect(m.assets).toHaveLength(n);
    expect(validateModel(m).kind).toBe('ok');
    expect(m.connections).toHaveLength(n * 10);
  });

  it('spans every Purdue level and has entry points, crown jewels and lines', () => {
    const m = generatePlant({ assets: 3000, seed: 1 });
    const levels = new Set(m.zones.map((z) => z.purdueLevel));
    expect([...levels].sort()).toEqual([0, 1, 2, 3, 3.5, 4, 5]);
    expect(m.entryPoints.length).toBeGreaterThanOrEqual(3);
    expect(m.crownJewels.length).toBeGreaterThanOrEqual(4);
    expect(m.crownJewels.some((j) => j.impact.safety === 'fatality')).toBe(true);
    expect(m.productionLines!.length).toBeGreaterThanOrEqual(2);
    expect(m.productionLines!.every((l) => l.groups.some((g) => g.assets.length >= 2))).toBe(true);
    expect(m.trust!.length).toBeGreaterThan(0);
    expect(m.media!.some((x) => x.kind === 'transient-laptop')).toBe(true);
    // A realistic fan-out: field devices few links, supervisory hosts many.
    const degree = new Map<string, number>();
    for (const c of m.connections) for (const x of [c.from, c.to]) degree.set(x, (degree.get(x) ?? 0) + 1);
    const kinds = new Map(m.assets.map((a) => [a.id, a.kind]));
    const avg = (kind: string) => {
      const ds = m.assets.filter((a) => kinds.get(a.id) === kind).map((a) => degree.get(a.id) ?? 0);
      return ds.reduce((s, d) => s + d, 0) / ds.length;
    };
    expect(avg('scada-server')).toBeGreaterThan(avg('sensor'));
  });

  it('honours an explicit connection count', () => {
    expect(generatePlant({ assets: 500, seed: 2, connections: 1200 }).connections).toHaveLength(1200);
  });

  it('rejects bad options with a typed error', () => {
    expect(() => generatePlant({ assets: 10 })).toThrow(GenerateError);
    expect(() => generatePlant({ assets: 100.5 })).toThrow(/assets must be an integer/);
    expect(() => generatePlant({ assets: 100, seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});
