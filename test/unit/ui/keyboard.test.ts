// Moving the graph's keyboard focus (src/ui/graph/keyboard.ts): along rows and columns first.
import { describe, expect, it } from 'vitest';
import { nextInDirection } from '../../../src/ui/graph/keyboard';

// A 3 × 3 grid, 110 apart across and 64 down (the layout's cells), ids "c<col>r<row>".
const grid = [0, 1, 2].flatMap((c) => [0, 1, 2].map((r) => ({ id: `c${c}r${r}`, x: c * 110, y: r * 64 })));
const at = (id: string) => grid.find((p) => p.id === id)!;

describe('nextInDirection', () => {
  it('follows the row or column of the focused asset', () => {
    expect(nextInDirection(grid, at('c1r1'), 'right')).toBe('c2r1');
    expect(nextInDirection(grid, at('c1r1'), 'left')).toBe('c0r1');
    expect(nextInDirection(grid, at('c1r1'), 'up')).toBe('c1r0');
    expect(nextInDirection(grid, at('c1r1'), 'down')).toBe('c1r2');
  });

  it('at an edge there is nothing further that way', () => {
    expect(nextInDirection(grid, at('c2r1'), 'right')).toBeUndefined();
    expect(nextInDirection(grid, at('c0r0'), 'up')).toBeUndefined();
  });

  it('prefers the cone around the direction; with nothing in it, takes the nearest on that side', () => {
    const pts = [{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 50, y: 300 }, { id: 'c', x: 400, y: 300 }];
    expect(nextInDirection(pts, pts[0]!, 'right')).toBe('c');
    expect(nextInDirection(pts, pts[0]!, 'down')).toBe('b');
    expect(nextInDirection(pts.slice(0, 2), pts[0]!, 'right')).toBe('b');
  });
});
