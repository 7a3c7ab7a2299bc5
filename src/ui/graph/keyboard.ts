// Moving the graph's keyboard focus between assets (pure): from the focused node, the next node in
// an arrow key's direction is the nearest one inside a 45° cone around that direction, distance
// along the direction counting once and distance across it twice (so a row or column is followed
// before a diagonal jump); with none in the cone, the nearest one on that side.

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Point {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The id of the node to move to from `from` in direction `dir`, or undefined when there is none that way. */
export function nextInDirection(points: readonly Point[], from: { readonly x: number; readonly y: number; readonly id?: string }, dir: Direction): string | undefined {
  const [ax, ay] = dir === 'left' ? [-1, 0] : dir === 'right' ? [1, 0] : dir === 'up' ? [0, -1] : [0, 1];
  let best: string | undefined;
  let bestScore = Infinity;
  let side: string | undefined;
  let sideScore = Infinity;
  for (const p of points) {
    if (p.id === from.id) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = dx * ax + dy * ay;
    if (along <= 0) continue;
    const across = Math.abs(dx * ay - dy * ax);
    const score = along + 2 * across;
    if (across <= along && score < bestScore) {
      bestScore = score;
      best = p.id;
    }
    if (score < sideScore) {
      sideScore = score;
      side = p.id;
    }
  }
  return best ?? side;
}
