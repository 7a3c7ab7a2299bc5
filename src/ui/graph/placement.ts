// Where the graph's names go on screen (pure): each label tries a few spots around its node, in
// order (below, above, right, left, shifted sideways, then further out), and takes the first that
// overlaps no label placed before it, no node and no obstacle; labels are placed most important
// first. A label that finds no free spot may try again shortened, down to its `minWidth` (the full
// name stays in the tooltip; an entry point's or a chokepoint's name down to a few letters, a
// ranked chokepoint down to its rank alone); a label that must show (the selected, focused or
// hovered asset, a step of the highlighted path) then takes the least crowded spot; any other is
// left out. So: no overlapping names but where the user points, and the ones that matter first.

/** A rectangle on screen (px). */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface LabelRequest {
  readonly key: string;
  /** The node's centre on screen, and how far its shape reaches from it (px). */
  readonly x: number;
  readonly y: number;
  readonly radius: number;
  /** The label's size (px). */
  readonly width: number;
  readonly height: number;
  /** Lower is placed first. */
  readonly priority: number;
  /** Shown even where every spot is taken (shortened to MIN_WIDTH first). */
  readonly must: boolean;
  /** How narrow the label may be made to find a free spot (px); its width when absent (never shortened). */
  readonly minWidth?: number;
}

export interface PlacedLabel {
  readonly key: string;
  readonly left: number;
  readonly top: number;
  /** Narrower than asked (a must-show label shortened to find a free spot). */
  readonly width: number;
  /** A must-show label that overlaps another (no free spot was left). */
  readonly crowded: boolean;
}

const GAP = 1;
/** The narrowest a must-show label is shortened to (px). */
export const MIN_WIDTH = 64;

/** The first spots of candidates() touch the node; the rest lie a line or two further out. */
const NEAR_SPOTS = 8;

/** The spots a label of width `w` tries around its node, in order. */
export function candidates(r: LabelRequest, w = r.width): Rect[] {
  const { x, y, radius, height: h } = r;
  const below = y + radius + GAP;
  const above = y - radius - GAP - h;
  const spot = (left: number, top: number) => ({ left, top, width: w, height: h });
  return [
    spot(x - w / 2, below),
    spot(x - w / 2, above),
    spot(x + radius + GAP + 2, y - h / 2),
    spot(x - radius - GAP - 2 - w, y - h / 2),
    spot(x - radius, below),
    spot(x + radius - w, below),
    spot(x - radius, above),
    spot(x + radius - w, above),
    spot(x - w / 2, below + h),
    spot(x - w / 2, above - h),
    spot(x + radius + GAP + 2, y - h / 2 - h),
    spot(x + radius + GAP + 2, y + h / 2),
    spot(x - radius - GAP - 2 - w, y - h / 2 - h),
    spot(x - radius - GAP - 2 - w, y + h / 2),
    spot(x - w / 2, below + 2 * h),
    spot(x - w / 2, above - 2 * h),
  ];
}

/** Callout spots: beside the node's row, further and further out, level with the node or a line or two off. */
export function callouts(r: LabelRequest): Rect[] {
  const { x, y, radius, width: w, height: h } = r;
  const out: Rect[] = [];
  for (let dx = radius + 24; dx <= radius + 24 + 5 * 40; dx += 40) {
    for (const dy of [0, -h - 2, h + 2, -2 * h - 4, 2 * h + 4]) {
      out.push({ left: x + dx, top: y - h / 2 + dy, width: w, height: h });
      out.push({ left: x - dx - w, top: y - h / 2 + dy, width: w, height: h });
    }
  }
  return out;
}

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

const overlapArea = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));

/**
 * Places the labels, most important (lowest priority) first, each at its first free spot; labels
 * that are not a must and find none are left out. `obstacles` (band labels, zone titles) and
 * `nodes` are never covered by a label that has a choice, and labels stay inside `bounds` (the pane).
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Rect[] = [], nodes: readonly Rect[] = [], bounds?: Rect): PlacedLabel[] {
  const order = [...requests].sort((a, b) => a.priority - b.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const taken: Rect[] = [...obstacles];
  // A grid of buckets keeps the overlap checks local (a few hundred labels per frame).
  const CELL = 64;
  const buckets = new Map<number, Rect[]>();
  const cellsOf = (r: Rect) => {
    const out: number[] = [];
    for (let cx = Math.floor(r.left / CELL); cx <= Math.floor((r.left + r.width) / CELL); cx++) {
      for (let cy = Math.floor(r.top / CELL); cy <= Math.floor((r.top + r.height) / CELL); cy++) out.push(cx * 100_003 + cy);
    }
    return out;
  };
  const add = (r: Rect) => {
    for (const c of cellsOf(r)) {
      const list = buckets.get(c);
      if (list) list.push(r);
      else buckets.set(c, [r]);
    }
  };
  taken.forEach(add);
  nodes.forEach(add);
  const near = (r: Rect) => {
    const seen = new Set<Rect>();
    for (const c of cellsOf(r)) for (const t of buckets.get(c) ?? []) seen.add(t);
    return seen;
  };
  const inside = (r: Rect) => !bounds || (r.left >= bounds.left && r.top >= bounds.top && r.left + r.width <= bounds.left + bounds.width && r.top + r.height <= bounds.top + bounds.height);
  const free = (spot: Rect) => {
    if (!inside(spot)) return false;
    for (let cx = Math.floor(spot.left / CELL); cx <= Math.floor((spot.left + spot.width) / CELL); cx++) {
      for (let cy = Math.floor(spot.top / CELL); cy <= Math.floor((spot.top + spot.height) / CELL); cy++) {
        const list = buckets.get(cx * 100_003 + cy);
        if (list) for (const t of list) if (overlaps(spot, t)) return false;
      }
    }
    return true;
  };
  const placed: PlacedLabel[] = [];
  for (const req of order) {
    // Near spots first, shortened step by step (a must-show label to MIN_WIDTH), then spots further out.
    const least = req.minWidth ?? (req.must ? MIN_WIDTH : req.width);
    const widths = [req.width];
    for (let w = req.width * 0.75; w > least; w *= 0.75) widths.push(Math.round(w));
    if (least < req.width) widths.push(least);
    // In order: a spot touching the node at full width; for a label that may be shortened, a
    // callout beside the node's row at full width (tied by a line), then near spots shortened;
    // last, spots a line or two further out.
    const all = candidates(req);
    let chosen = all.slice(0, NEAR_SPOTS).find(free);
    if (!chosen && least < req.width) chosen = callouts(req).find(free);
    for (let i = 1; !chosen && i < widths.length; i++) chosen = candidates(req, widths[i]).slice(0, NEAR_SPOTS).find(free);
    for (let i = 0; !chosen && i < widths.length; i++) chosen = candidates(req, widths[i]).slice(NEAR_SPOTS).find(free);
    let crowded = false;
    if (!chosen && req.must) {
      const spots = candidates(req, least);
      let smallest = Infinity;
      for (const spot of spots) {
        if (!inside(spot) && spots.some(inside)) continue;
        let area = 0;
        for (const t of near(spot)) area += overlapArea(spot, t);
        if (area < smallest) {
          smallest = area;
          chosen = spot;
        }
      }
      crowded = true;
    }
    if (!chosen) continue;
    add(chosen);
    placed.push({ key: req.key, left: chosen.left, top: chosen.top, width: chosen.width, crowded });
  }
  return placed;
}

/** Width of a label of `chars` characters in the graph's label font (px), at most `max`. */
export function labelWidth(chars: number, max = 170, charWidth = 6.4, padding = 10): number {
  return Math.min(max, Math.ceil(chars * charWidth + padding));
}
