// Where the graph's names go (src/ui/graph/placement.ts): never on top of each other, of a node
// or an obstacle; the names that must show always do, the most important first.
import { describe, expect, it } from 'vitest';
import { candidates, labelWidth, MIN_WIDTH, overlaps, placeLabels, type LabelRequest, type Rect } from '../../../src/ui/graph/placement';
import { createRng } from '../../../src/model/prng';

const req = (key: string, x: number, y: number, extra: Partial<LabelRequest> = {}): LabelRequest => ({ key, x, y, radius: 6, width: 100, height: 15, priority: 10, must: false, ...extra });
const rectOf = (p: { left: number; top: number; width: number }, h = 15): Rect => ({ left: p.left, top: p.top, width: p.width, height: h });

describe('placeLabels', () => {
  it('puts a lone name centred under its node', () => {
    const [p] = placeLabels([req('a', 200, 100)]);
    expect(p).toEqual({ key: 'a', left: 150, top: 107, width: 100, crowded: false });
  });

  it('never overlaps two names, a name and a node, or a name and an obstacle (random crowds)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRng(seed);
      const requests = Array.from({ length: 40 }, (_, i) => req(`n${i}`, rng.int(600), rng.int(400), { must: rng.chance(0.2), priority: rng.int(12), width: 40 + rng.int(120) }));
      const nodes = requests.map((r) => ({ left: r.x - r.radius, top: r.y - r.radius, width: 2 * r.radius, height: 2 * r.radius }));
      const obstacles: Rect[] = [{ left: 0, top: 0, width: 60, height: 400 }];
      const placed = placeLabels(requests, obstacles, nodes);
      const clean = placed.filter((p) => !p.crowded);
      for (let i = 0; i < clean.length; i++) {
        const a = rectOf(clean[i]!);
        for (let j = i + 1; j < clean.length; j++) expect(overlaps(a, rectOf(clean[j]!)), `${seed}: ${clean[i]!.key} / ${clean[j]!.key}`).toBe(false);
        for (const o of [...obstacles, ...nodes]) expect(overlaps(a, o)).toBe(false);
      }
      // Every must-show name is placed (crowded only when no spot, even shortened, was free).
      for (const r of requests.filter((x) => x.must)) expect(placed.some((p) => p.key === r.key)).toBe(true);
    }
  });

  it('the more important name takes the spot; a name that must show is shortened before it may overlap; others give way', () => {
    // Three nodes in a tight row: all spots around b are taken by a's and c's names.
    const a = req('a', 100, 100, { priority: 1, must: true });
    const b = req('b', 130, 100, { priority: 5 });
    const placed = placeLabels([b, a]);
    expect(placed[0]!.key).toBe('a');
    const pa = placed.find((p) => p.key === 'a')!;
    expect(pa.left).toBe(50);
    const pb = placed.find((p) => p.key === 'b');
    if (pb) expect(overlaps(rectOf(pa), rectOf(pb))).toBe(false);
    // A wall of obstacles leaves room only for a short name.
    const wall: Rect[] = [{ left: 0, top: 0, width: 1000, height: 95 }, { left: 0, top: 125, width: 1000, height: 500 }, { left: 0, top: 95, width: 160, height: 30 }, { left: 240, top: 95, width: 800, height: 30 }];
    const pane = { left: 0, top: 0, width: 1000, height: 600 };
    const [short] = placeLabels([req('s', 200, 100, { must: true, radius: 3 })], wall, [], pane);
    expect(short!.crowded).toBe(false);
    expect(short!.width).toBeLessThan(100);
    expect(short!.width).toBeGreaterThanOrEqual(MIN_WIDTH);
    expect(placeLabels([req('t', 200, 100, { radius: 3 })], wall, [], pane)).toEqual([]);
    // A label that may be shortened takes a callout beside its row at full width when there is one.
    const crowd = [req('a1', 200, 300, { priority: 1 }), req('a2', 230, 300, { priority: 1 }), req('a3', 260, 300, { priority: 1 })];
    const crowded = placeLabels([...crowd, req('c', 230, 300, { radius: 3, minWidth: 22, priority: 5 })], [], [], pane);
    const callout = crowded.find((p) => p.key === 'c')!;
    expect(callout).toMatchObject({ width: 100, crowded: false });
    for (const p of crowded) if (p !== callout) expect(overlaps(rectOf(p), rectOf(callout))).toBe(false);
  });

  it('keeps names inside the pane: a node at the top edge has its name below, one at the bottom above', () => {
    const pane = { left: 0, top: 0, width: 400, height: 300 };
    const [top] = placeLabels([req('t', 200, 8, { must: true })], [], [], pane);
    expect(top!.top).toBeGreaterThanOrEqual(0);
    const [bottom] = placeLabels([req('b', 200, 295, { must: true })], [], [], pane);
    expect(bottom!.top + 15).toBeLessThanOrEqual(300);
    const [right] = placeLabels([req('r', 395, 150, { must: true })], [], [], pane);
    expect(right!.left + right!.width).toBeLessThanOrEqual(400);
  });

  it('spots start below the node, then above, beside, shifted, and further out', () => {
    const spots = candidates(req('a', 0, 0));
    expect(spots[0]).toEqual({ left: -50, top: 7, width: 100, height: 15 });
    expect(spots[1]).toEqual({ left: -50, top: -22, width: 100, height: 15 });
    expect(new Set(spots.map((s) => `${s.left},${s.top}`)).size).toBe(spots.length);
    expect(labelWidth(10)).toBeLessThan(labelWidth(20));
    expect(labelWidth(500)).toBe(170);
  });
});
