// A zone of the collapsed view opened in place (pure): its tile becomes a box holding its assets,
// arranged as the worker arranges a zone (layout.ts zoneRows: a master above what it polls), the
// box growing right and down from the tile's corner; the tiles to its right in its row move right,
// everything below it moves down, its band grows. The arrangement is computed here, on the main
// thread, for the one zone opened: from the zone's records the analysis worker gives (its assets,
// the records between them, its links to other zones counted: session/plant-view.ts zoneRecords)
// — or from a whole plant's — and a grid of its assets (the layout of the plant stays the worker's).
import type { ElementDefinition } from 'cytoscape';
import { CELL_X, CELL_Y, zoneRows, type GraphLayout, type LayoutBand } from '../../analysis/layout';
import type { PlantModel } from '../../model/schema';
import { assetNodeId, observationOf, zoneNodeId, type ElementData } from './elements';
import { KIND_SHAPE } from './style';

/** Room around the opened zone's box (model units). */
const MARGIN = 40;

export interface OpenedZone {
  /** Tile centres after the move, by zone id (the opened zone's tile is gone). */
  readonly tiles: ReadonlyMap<string, { x: number; y: number }>;
  /** The opened zone's assets, by asset id. */
  readonly assets: ReadonlyMap<string, { x: number; y: number }>;
  readonly bands: readonly LayoutBand[];
}

/**
 * Room for a box of `box` size where the tile `id` (of size `tile`) of a collapsed layout is: the
 * box's top-left corner is the tile's, the tiles to its right in its row move right, the tiles
 * below it move down, its band grows. Undefined when the layout has no such tile.
 */
export function makeRoom(
  layout: GraphLayout,
  id: string,
  tile: { readonly width: number; readonly height: number },
  box: { readonly width: number; readonly height: number },
  tileOf: (id: string) => { width: number; height: number },
): { tiles: Map<string, { x: number; y: number }>; bands: LayoutBand[]; left: number; top: number } | undefined {
  const centre = layout.positions.find(([t]) => t === id);
  if (!centre) return undefined;
  const tiles = new Map(layout.positions.map(([t, x, y]) => [t, { x, y }]));
  const [, cx, cy] = centre;
  const left = cx - tile.width / 2;
  const top = cy - tile.height / 2;
  const dx = Math.max(0, box.width + MARGIN - tile.width);
  const dy = Math.max(0, box.height + MARGIN - tile.height);
  const band = layout.bands.find((b) => cy >= b.top && cy < b.bottom);
  tiles.delete(id);
  for (const [t, p] of tiles) {
    // Tiles of a row share their top edge (layout.ts zoneLayout).
    const pTop = p.y - tileOf(t).height / 2;
    const inRow = Math.abs(pTop - top) < 1;
    if (inRow && p.x > cx) tiles.set(t, { x: p.x + dx, y: p.y });
    else if (!inRow && pTop > top) tiles.set(t, { x: p.x, y: p.y + dy });
  }
  const bands = layout.bands.map((b) => (b === band ? { ...b, bottom: b.bottom + dy } : b.top >= (band?.bottom ?? Infinity) ? { ...b, top: b.top + dy, bottom: b.bottom + dy } : b));
  return { tiles, bands, left, top };
}

/** Where everything goes when `zone` (a tile of the collapsed `layout`) is opened. */
export function openZoneLayout(model: PlantModel, layout: GraphLayout, zone: string, tileOf: (zone: string) => { width: number; height: number }): OpenedZone {
  const members = model.assets.filter((a) => a.zone === zone).map((a) => a.id);
  const inZone = new Set(members);
  const links: [string, string][] = [];
  for (const c of model.connections) if (inZone.has(c.from) && inZone.has(c.to)) links.push([c.from, c.to]);
  const cols = Math.max(1, Math.ceil(Math.sqrt(members.length * 3)));
  const rows = zoneRows(members, links, cols);
  const width = (cols - 1) * CELL_X + CELL_Y;
  const height = rows.length * CELL_Y;
  const room = makeRoom(layout, zone, tileOf(zone), { width, height }, tileOf);
  if (!room) return { tiles: new Map(layout.positions.map(([id, x, y]) => [id, { x, y }])), assets: new Map(), bands: layout.bands };
  const { left, top } = room;
  const assets = new Map<string, { x: number; y: number }>();
  const centred = rows.length > 1 && rows[0]!.length < cols;
  rows.forEach((row, r) => {
    const shift = centred ? ((cols - row.length) * CELL_X) / 2 : 0;
    row.forEach((id, i) => assets.set(id, { x: left + shift + i * CELL_X + CELL_Y / 2, y: top + r * CELL_Y + CELL_Y / 2 }));
  });
  return { tiles: room.tiles, assets, bands: room.bands };
}

/**
 * The collapsed view's elements with `zone` opened: its tile replaced by a box (`container`) of
 * its assets at `opened`'s positions, the other tiles moved; the links of the other zones kept;
 * the opened zone's own connections drawn asset to asset, and its links to other zones asset to
 * tile (one edge per pair, `weight` the number of records) — counted from `model`'s records, or
 * given (`outward`: [asset, other zone's tile, records], as the worker counts them). `parent`:
 * the box the zone's box lies in (a zone group opened in place).
 */
export function openZoneElements(model: PlantModel, collapsed: readonly ElementDefinition[], zone: string, opened: OpenedZone, outward?: readonly (readonly [string, string, number])[], parent?: string): ElementDefinition[] {
  const zoneId = zoneNodeId(zone);
  const z = model.zones.find((x) => x.id === zone);
  const out: ElementDefinition[] = [];
  for (const e of collapsed) {
    const d = e.data as ElementData;
    if (d.id === zoneId || d.source === zoneId || d.target === zoneId) continue;
    const p = d.zone !== undefined && e.group === 'nodes' ? opened.tiles.get(d.zone) : undefined;
    out.push(p ? { ...e, position: { ...p } } : e);
  }
  if (!z) return out;
  out.push({ group: 'nodes', data: { id: zoneId, zone, container: true, name: z.name, level: z.purdueLevel, slTarget: z.slTarget, slAchieved: z.slAchieved, ...(parent ? { parent } : {}) } });
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  for (const a of model.assets) {
    const p = opened.assets.get(a.id);
    if (!p) continue;
    const classes = [entries.has(a.id) ? 'entry' : '', jewels.has(a.id) ? 'jewel' : ''].filter(Boolean).join(' ');
    out.push({
      group: 'nodes',
      data: { id: assetNodeId(a.id), parent: zoneId, name: a.name, kind: a.kind, level: z.purdueLevel, zoneName: z.name, shape: KIND_SHAPE[a.kind] ?? 'ellipse', asset: a.id, zone },
      position: { ...p },
      classes,
    });
  }
  // The opened zone's records: inside it asset to asset, outward asset to the other zone's tile.
  const observing = model.connections.some((c) => c.observed);
  const counted = new Map<string, { source: string; other: string; n: number }>();
  for (const [asset, other, n] of outward ?? []) counted.set(`${asset}\u0000${other}`, { source: assetNodeId(asset), other, n });
  const link = (from: string, to: string, inside: () => void) => {
    const zf = zoneOf.get(from);
    const zt = zoneOf.get(to);
    if (zf !== zone && zt !== zone) return;
    if (zf === zone && zt === zone) return inside();
    if (outward) return; // counted by the worker
    const [asset, other] = zf === zone ? [from, zt!] : [to, zf!];
    const key = `${asset}\u0000${other}`;
    const held = counted.get(key);
    if (held) held.n++;
    else counted.set(key, { source: assetNodeId(asset), other, n: 1 });
  };
  model.connections.forEach((c, i) =>
    link(c.from, c.to, () => {
      const seen = observationOf(c, observing);
      out.push({ group: 'edges', data: { id: `oc${i}`, source: assetNodeId(c.from), target: assetNodeId(c.to), what: `${c.protocol}${c.port !== undefined ? ` ${c.port}` : ''}` }, classes: `network${seen ? ` ${seen}` : ''}${c.direction === 'one-way' ? ' directed' : ''}` });
    }),
  );
  (model.trust ?? []).forEach((t, i) => link(t.from, t.to, () => out.push({ group: 'edges', data: { id: `ot${i}`, source: assetNodeId(t.from), target: assetNodeId(t.to), what: t.kind.replace(/-/g, ' ') }, classes: `trust${t.direction === 'one-way' ? ' directed' : ''}` })));
  (model.media ?? []).forEach((m, i) => m.from.forEach((f, j) => m.to.forEach((t, k) => f !== t && link(f, t, () => out.push({ group: 'edges', data: { id: `om${i}.${j}.${k}`, source: assetNodeId(f), target: assetNodeId(t), what: m.kind.replace(/-/g, ' ') }, classes: 'media directed' })))));
  let i = 0;
  for (const { source, other, n } of counted.values()) {
    if (!opened.tiles.has(other)) continue;
    out.push({ group: 'edges', data: { id: `ol${i++}`, source, target: zoneNodeId(other), weight: n, what: `${n.toLocaleString('en')} link${n === 1 ? '' : 's'} to the zone` }, classes: 'network' });
  }
  return out;
}
