// Positions for the graph view, computed in the analysis worker: Purdue levels as horizontal bands
// (5 at the top, 0 at the bottom, the DMZ between 4 and 3) with their extents, so the view can
// draw and label them; zones side by side in their band, wrapped to a width that suits a screen;
// assets in rows inside their zone — an asset that opens sessions to several others of its zone
// (an HMI polling PLCs) sits centred above them, so a star reads as a star — or, for large
// plants, one tile per zone sized by its asset count.
import type { PlantModel, PurdueLevel, Zone } from '../model/schema';
import type { RecordAttack } from './record-attacks';

export const LEVEL_ORDER: readonly PurdueLevel[] = [5, 4, 3.5, 3, 2, 1, 0];
/** What each Purdue level holds, in the words of the reference model. */
export const LEVEL_NAME: Readonly<Record<string, string>> = {
  '5': 'External', '4': 'Enterprise', '3.5': 'Industrial DMZ', '3': 'Site operations',
  '2': 'Supervisory', '1': 'Basic control', '0': 'Process',
};
export const LEVEL_LABEL: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(LEVEL_NAME).map(([k, v]) => [k, `L${k} ${v}`]));

/** Model units between the centres of neighbouring assets in a zone. */
export const CELL_X = 110;
export const CELL_Y = 64;
const ZONE_GAP = 60;
const BAND_GAP = 90;
/** Half the space between the last row of a band and the first of the next: where one band ends and the next begins. */
const BAND_MARGIN = (CELL_Y + BAND_GAP) / 2;
/** Width : height the zones of a plant are wrapped to (about a graph pane's). */
const ASPECT = 1.3;

export interface Position {
  x: number;
  y: number;
}

/** A Purdue level's horizontal band: every asset (or zone tile) of the level lies between top and bottom. */
export interface LayoutBand {
  readonly level: PurdueLevel;
  /** "L3.5 Industrial DMZ". */
  readonly label: string;
  readonly top: number;
  readonly bottom: number;
}

export interface GraphLayout {
  readonly collapsed: boolean;
  /** [id, x, y]: asset ids (zone ids when collapsed). */
  readonly positions: readonly (readonly [string, number, number])[];
  /** The levels that hold anything, top (L5) to bottom (L0); adjacent bands meet. */
  readonly bands: readonly LayoutBand[];
  /** What each record lets an attacker do (full view only; the session adds it): the edges' tooltips. */
  readonly attack?: readonly RecordAttack[];
  /** Collapsed, with many zones: the zone groups drawn as one tile each (positions hold their ids). */
  readonly groups?: readonly ZoneGroup[];
}

/** What a band layout places: zones in model order, their members in order, and who opens sessions to whom. */
export interface BandInput {
  readonly zones: readonly Pick<Zone, 'id' | 'purdueLevel'>[];
  /** Zone id → the ids placed in it (zones without members take no room). */
  readonly members: ReadonlyMap<string, readonly string[]>;
  /** [from, to] pairs (client → server, or attacker's step): only pairs inside one zone shape it. */
  readonly links: Iterable<readonly [string, string]>;
}

export interface BandLayout {
  readonly positions: Map<string, Position>;
  readonly bands: LayoutBand[];
}

/**
 * The rows of one zone. Members that open sessions to two or more others of the zone (masters,
 * HMIs, SCADA servers) form the first rows, the rest below, ordered by the first of their masters;
 * without such members, the zone keeps its members' order.
 */
export function zoneRows(members: readonly string[], links: readonly (readonly [string, string])[], cols: number): string[][] {
  const inZone = new Set(members);
  const targets = new Map<string, Set<string>>();
  for (const [from, to] of links) {
    if (from === to || !inZone.has(from) || !inZone.has(to)) continue;
    let t = targets.get(from);
    if (!t) targets.set(from, (t = new Set()));
    t.add(to);
  }
  const masters = members.filter((m) => (targets.get(m)?.size ?? 0) >= 2);
  const chunk = (list: readonly string[]) => {
    const rows: string[][] = [];
    for (let i = 0; i < list.length; i += cols) rows.push(list.slice(i, i + cols));
    return rows;
  };
  if (masters.length === 0 || masters.length === members.length) return chunk(members);
  const masterSet = new Set(masters);
  const firstMaster = new Map<string, number>();
  masters.forEach((m, i) => {
    for (const t of targets.get(m)!) if (!masterSet.has(t) && !firstMaster.has(t)) firstMaster.set(t, i);
  });
  const order = new Map(members.map((m, i) => [m, i]));
  const rest = members
    .filter((m) => !masterSet.has(m))
    .sort((a, b) => (firstMaster.get(a) ?? masters.length) - (firstMaster.get(b) ?? masters.length) || order.get(a)! - order.get(b)!);
  return [...chunk(masters), ...chunk(rest)];
}

/** Columns of a zone's grid: about three times as wide as tall. */
const columnsFor = (n: number) => Math.max(1, Math.ceil(Math.sqrt(n * 3)));

/** A box to place in a band: its size, and how to put its contents once its top-left corner is known. */
interface Box {
  readonly level: PurdueLevel;
  readonly width: number;
  readonly height: number;
  place(x: number, y: number): void;
}

/** Gaps and margins of one kind of band layout (model units). */
interface Spacing {
  readonly gapX: number;
  readonly gapY: number;
  readonly bandGap: number;
  /** How far a band reaches above its first row's top and below its last row's bottom. */
  readonly margin: number;
}

/**
 * Boxes in Purdue bands, side by side, wrapped onto further rows past `wrapAt`: the extent of the
 * result, and (with `place`) the boxes placed and the bands' extents.
 */
function flow(boxes: readonly Box[], wrapAt: number, s: Spacing, place: boolean): { width: number; height: number; bands: LayoutBand[] } {
  const bands: LayoutBand[] = [];
  let y = 0;
  let width = 0;
  for (const level of LEVEL_ORDER) {
    const inBand = boxes.filter((b) => b.level === level);
    if (inBand.length === 0) continue;
    const top = y;
    let x = 0;
    let rowHeight = 0;
    for (const b of inBand) {
      if (x > 0 && x + b.width > wrapAt) {
        y += rowHeight + s.gapY;
        x = 0;
        rowHeight = 0;
      }
      if (place) b.place(x, y);
      rowHeight = Math.max(rowHeight, b.height);
      width = Math.max(width, x + b.width);
      x += b.width + s.gapX;
    }
    bands.push({ level, label: LEVEL_LABEL[String(level)]!, top: top - s.margin, bottom: y + rowHeight + s.margin });
    y += rowHeight + s.bandGap;
  }
  return { width, height: y - s.bandGap, bands };
}

/**
 * Places the boxes at the wrapping width that lets a pane of about ASPECT show them largest
 * (bands stack up the height, so wrapping by area alone makes plants too tall).
 */
function flowToAspect(boxes: readonly Box[], s: Spacing): LayoutBand[] {
  const widest = Math.max(0, ...boxes.map((b) => b.width));
  const total = boxes.reduce((sum, b) => sum + b.width + s.gapX, 0);
  let best = { wrapAt: total, scale: 0 };
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    const wrapAt = widest + ((total - widest) * i) / steps;
    const { width, height } = flow(boxes, wrapAt, s, false);
    const scale = Math.min(ASPECT / Math.max(1, width), 1 / Math.max(1, height));
    if (scale > best.scale) best = { wrapAt, scale };
  }
  return flow(boxes, best.wrapAt, s, true).bands;
}

const ZONE_SPACING: Spacing = { gapX: ZONE_GAP, gapY: ZONE_GAP + 20, bandGap: BAND_GAP, margin: BAND_MARGIN - CELL_Y / 2 };

/**
 * Purdue bands of zones of assets: each level a band, its zones side by side (a grid of CELL_X ×
 * CELL_Y per zone, rows from zoneRows), wrapped to suit a pane of about ASPECT. Positions are the
 * assets' centres; a zone's first row is at its box's top.
 */
export function bandLayout(input: BandInput): BandLayout {
  const links = [...input.links];
  const positions = new Map<string, Position>();
  const boxes: Box[] = [];
  for (const z of input.zones) {
    const members = input.members.get(z.id);
    if (!members?.length) continue;
    const cols = columnsFor(members.length);
    const rows = zoneRows(members, links, cols);
    // Rows of a zone that has masters are centred (a master above what it polls); a plain grid is left-aligned.
    const centred = rows.length > 1 && rows[0]!.length < cols;
    boxes.push({
      level: z.purdueLevel,
      width: cols * CELL_X - (CELL_X - CELL_Y),
      height: rows.length * CELL_Y,
      place: (x, y) =>
        rows.forEach((row, r) => {
          const shift = centred ? ((cols - row.length) * CELL_X) / 2 : 0;
          row.forEach((id, i) => positions.set(id, { x: x + shift + i * CELL_X + CELL_Y / 2, y: y + r * CELL_Y + CELL_Y / 2 }));
        }),
    });
  }
  return { positions, bands: flowToAspect(boxes, ZONE_SPACING) };
}

/** The plant's assets in Purdue bands (the full view). */
export function purdueLayout(model: PlantModel): BandLayout {
  const members = new Map<string, string[]>();
  for (const a of model.assets) {
    const list = members.get(a.zone);
    if (list) list.push(a.id);
    else members.set(a.zone, [a.id]);
  }
  const links = model.connections.map((c) => [c.from, c.to] as const);
  return bandLayout({ zones: model.zones, members, links });
}

/** A zone tile's size in the collapsed view (model units): grows with the square root of its asset count. */
export function tileSize(assets: number): { readonly width: number; readonly height: number } {
  const width = Math.round(Math.min(220, 70 + 14 * Math.sqrt(Math.max(0, assets - 1))));
  return { width, height: Math.round(width * 0.42) };
}

const TILE_SPACING: Spacing = { gapX: 36, gapY: 34, bandGap: BAND_GAP, margin: BAND_GAP / 2 };

/**
 * Above this many zone tiles the collapsed view groups zones (zoneGroups): 7,861 tiles (a
 * 100k-asset plant) cannot be read on a screen, and drawing, repainting and hit-testing them
 * froze the page for hundreds of ms at a time (#18). An assumption; a 5,000-asset generated plant
 * has 395 tiles and is drawn ungrouped.
 */
export const GROUP_ABOVE_TILES = 500;

/**
 * Zones of one level sharing their outermost enclosing zone (the `parent` chain's end: a site),
 * drawn as one tile in the collapsed view of a plant with many zones; opened in place into its
 * zones' tiles.
 */
export interface ZoneGroup {
  /** The tile's id in the layout: unique among the plant's zone ids and the other groups'. */
  readonly id: string;
  /** The outermost enclosing zone. */
  readonly parent: string;
  /** "Site 12 · Basic control". */
  readonly name: string;
  /** The enclosing zone's name: "Site 12" (the group's tile is labelled with it; its band tells the level). */
  readonly site: string;
  readonly level: PurdueLevel;
  /** The zones holding assets it stands for, in model order. */
  readonly zones: readonly string[];
}

/**
 * The groups of a collapsed view (none at or below GROUP_ABOVE_TILES tiles): for every zone
 * holding assets that has an enclosing zone, the outermost one and the zone's level make the key;
 * a key with two or more zones is a group. `count(i)` is the assets of model.zones[i].
 */
export function zoneGroups(zones: readonly Pick<Zone, 'id' | 'name' | 'purdueLevel' | 'parent'>[], count: (zone: number) => number): ZoneGroup[] {
  let tiles = 0;
  for (let i = 0; i < zones.length; i++) if (count(i) > 0) tiles++;
  if (tiles <= GROUP_ABOVE_TILES) return [];
  const index = new Map(zones.map((z, i) => [z.id, i]));
  const outermost = (i: number): number => {
    // Parent chains are acyclic (model/references.ts); the bound keeps a bad one from looping.
    let at = i;
    for (let steps = 0; steps < zones.length; steps++) {
      const up = zones[at]!.parent === undefined ? undefined : index.get(zones[at]!.parent!);
      if (up === undefined) break;
      at = up;
    }
    return at;
  };
  const byKey = new Map<string, { parent: number; level: PurdueLevel; zones: string[] }>();
  zones.forEach((z, i) => {
    if (count(i) === 0 || z.parent === undefined) return;
    const top = outermost(i);
    if (top === i) return;
    const key = `${top} ${z.purdueLevel}`;
    const g = byKey.get(key);
    if (g) g.zones.push(z.id);
    else byKey.set(key, { parent: top, level: z.purdueLevel, zones: [z.id] });
  });
  const taken = new Set(index.keys());
  const out: ZoneGroup[] = [];
  for (const g of byKey.values()) {
    if (g.zones.length < 2) continue;
    const parent = zones[g.parent]!;
    let id = `${parent.id}/L${g.level}`;
    while (taken.has(id)) id += '~';
    taken.add(id);
    out.push({ id, parent: parent.id, name: `${parent.name} · ${LEVEL_NAME[String(g.level)]}`, site: parent.name, level: g.level, zones: g.zones });
  }
  return out;
}

/** Assets per zone id (zones without assets are absent). */
function assetsPerZone(model: PlantModel): Map<string, number> {
  const count = new Map<string, number>();
  for (const a of model.assets) count.set(a.zone, (count.get(a.zone) ?? 0) + 1);
  return count;
}

/** The zone groups of a plant's collapsed view (zoneGroups over its zones' asset counts). */
export function plantZoneGroups(model: PlantModel, count: ReadonlyMap<string, number> = assetsPerZone(model)): ZoneGroup[] {
  return zoneGroups(model.zones, (i) => count.get(model.zones[i]!.id) ?? 0);
}

/**
 * Zone tiles for the collapsed view of large plants: each level a band, tiles sized by asset
 * count (tileSize) side by side, wrapped to suit a pane of about ASPECT; a group (zoneGroups) is
 * one tile, sized by its assets, where its first zone would be. Positions are the tiles' centres,
 * by zone or group id.
 */
export function zoneLayout(model: PlantModel, groups: readonly ZoneGroup[] = [], count: ReadonlyMap<string, number> = assetsPerZone(model)): BandLayout {
  const groupOf = new Map<string, ZoneGroup>();
  for (const g of groups) for (const z of g.zones) groupOf.set(z, g);
  const positions = new Map<string, Position>();
  const boxes: Box[] = [];
  const tile = (id: string, level: PurdueLevel, assets: number) => {
    const { width, height } = tileSize(assets);
    boxes.push({ level, width, height, place: (x, y) => positions.set(id, { x: x + width / 2, y: y + height / 2 }) });
  };
  for (const z of model.zones) {
    if (!count.has(z.id)) continue;
    const g = groupOf.get(z.id);
    if (!g) tile(z.id, z.purdueLevel, count.get(z.id)!);
    else if (g.zones[0] === z.id) tile(g.id, g.level, g.zones.reduce((sum, m) => sum + (count.get(m) ?? 0), 0));
  }
  return { positions, bands: flowToAspect(boxes, TILE_SPACING) };
}

/** Above this many assets the view shows one node per zone. */
export const COLLAPSE_ABOVE_ASSETS = 1500;

export function graphLayout(model: PlantModel): GraphLayout {
  const collapsed = model.assets.length > COLLAPSE_ABOVE_ASSETS;
  if (!collapsed) {
    const { positions, bands } = purdueLayout(model);
    return { collapsed, positions: [...positions].map(([id, p]) => [id, p.x, p.y] as const), bands };
  }
  const count = assetsPerZone(model);
  const groups = plantZoneGroups(model, count);
  const { positions, bands } = zoneLayout(model, groups, count);
  return { collapsed, positions: [...positions].map(([id, p]) => [id, p.x, p.y] as const), bands, ...(groups.length ? { groups } : {}) };
}
