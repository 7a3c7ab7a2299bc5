// Positions for the graph view, computed in the analysis worker: Purdue levels as horizontal bands
// (5 at the top, 0 at the bottom, the DMZ between 3 and 4), zones side by side in their band,
// assets in a grid inside their zone — or, for large plants, one tile per zone.
import type { PlantModel, PurdueLevel } from '../model/schema';

export const LEVEL_ORDER: readonly PurdueLevel[] = [5, 4, 3.5, 3, 2, 1, 0];
export const LEVEL_LABEL: Readonly<Record<string, string>> = {
  '5': 'L5 External', '4': 'L4 Enterprise', '3.5': 'L3.5 Industrial DMZ', '3': 'L3 Site operations',
  '2': 'L2 Supervisory', '1': 'L1 Basic control', '0': 'L0 Process',
};

const CELL_X = 110;
const CELL_Y = 64;
const ZONE_GAP = 60;
const BAND_GAP = 90;
const MAX_BAND_WIDTH = 4000;

export interface Position {
  x: number;
  y: number;
}

export interface BandLayout {
  readonly positions: Map<string, Position>;
  readonly bands: { level: PurdueLevel; y: number; height: number }[];
}

export function purdueLayout(model: PlantModel): BandLayout {
  const byZone = new Map<string, string[]>();
  for (const a of model.assets) {
    const list = byZone.get(a.zone);
    if (list) list.push(a.id);
    else byZone.set(a.zone, [a.id]);
  }
  const positions = new Map<string, Position>();
  const bands: BandLayout['bands'] = [];
  let y = 0;
  for (const level of LEVEL_ORDER) {
    const zones = model.zones.filter((z) => z.purdueLevel === level && byZone.has(z.id));
    if (zones.length === 0) continue;
    // Zones side by side; a band wider than MAX_BAND_WIDTH wraps onto further rows of zones.
    const bandTop = y;
    let x = 0;
    let rowHeight = CELL_Y;
    for (const z of zones) {
      const members = byZone.get(z.id)!;
      const cols = Math.max(1, Math.ceil(Math.sqrt(members.length * 3)));
      const rows = Math.ceil(members.length / cols);
      const width = cols * CELL_X;
      if (x > 0 && x + width > MAX_BAND_WIDTH) {
        y += rowHeight + ZONE_GAP;
        x = 0;
        rowHeight = CELL_Y;
      }
      rowHeight = Math.max(rowHeight, rows * CELL_Y);
      const left = x;
      const top = y;
      members.forEach((id, i) => positions.set(id, { x: left + (i % cols) * CELL_X, y: top + Math.floor(i / cols) * CELL_Y }));
      x += width + ZONE_GAP;
    }
    bands.push({ level, y: bandTop, height: y + rowHeight - bandTop });
    y += rowHeight + BAND_GAP;
  }
  return { positions, bands };
}

/** Zone positions for the collapsed view of large plants: each level a band of zone tiles. */
export function zoneLayout(model: PlantModel): Map<string, Position> {
  const used = new Set(model.assets.map((a) => a.zone));
  const positions = new Map<string, Position>();
  let y = 0;
  for (const level of LEVEL_ORDER) {
    const zones = model.zones.filter((z) => z.purdueLevel === level && used.has(z.id));
    if (zones.length === 0) continue;
    const cols = Math.max(1, Math.ceil(Math.sqrt(zones.length * 6)));
    zones.forEach((z, i) => positions.set(z.id, { x: (i % cols) * 120, y: y + Math.floor(i / cols) * 70 }));
    y += Math.ceil(zones.length / cols) * 70 + BAND_GAP * 1.5;
  }
  return positions;
}

/** Above this many assets the view shows one node per zone. */
export const COLLAPSE_ABOVE_ASSETS = 1500;

export interface GraphLayout {
  readonly collapsed: boolean;
  /** [id, x, y]: asset ids (zone ids when collapsed). */
  readonly positions: readonly (readonly [string, number, number])[];
}

export function graphLayout(model: PlantModel): GraphLayout {
  const collapsed = model.assets.length > COLLAPSE_ABOVE_ASSETS;
  const map = collapsed ? zoneLayout(model) : purdueLayout(model).positions;
  return { collapsed, positions: [...map].map(([id, p]) => [id, p.x, p.y] as const) };
}
