// Zone groups of the collapsed view (pure): a plant with many zones is drawn with one tile per
// group of zones (layout.ts zoneGroups: the zones of one level sharing an enclosing zone, a site),
// and a group opens in place into its zones' tiles — the group's tile becomes a box of them, the
// box growing right and down from the tile's corner, the tiles to its right in its row moving
// right, everything below it moving down (expand.ts makeRoom, as a zone opened in place). The
// links a group's zones have are the analysis worker's (session plant-queries groupLinks).
import { tileSize, type GraphLayout, type ZoneGroup } from '../../analysis/layout';
import type { ZoneLink, ZoneTile } from '../../session/plant-view';
import { makeRoom } from './expand';

/** Gaps between a group's tiles in its opened box (model units, as layout.ts TILE_SPACING). */
const GAP_X = 36;
const GAP_Y = 34;
/** Width : height of an opened group's box. */
const BOX_ASPECT = 3;

/** The tiles of a collapsed picture as drawn: zones and closed groups, one opened group's zones. */
export interface GroupedTiles {
  readonly layout: GraphLayout;
  /** One per tile drawn: a zone's, or a closed group's (`zone` is then the group's id). */
  readonly tiles: readonly ZoneTile[];
  readonly links: readonly ZoneLink[];
  /** The closed groups, by id. */
  readonly closed: ReadonlyMap<string, ZoneGroup>;
  /** The group opened in place, whose zones' tiles are drawn in a box of its own. */
  readonly opened: ZoneGroup | undefined;
  /** The id of the tile a zone is drawn in: its closed group's, or its own. */
  readonly tileOf: (zone: string) => string;
}

/** A closed group's tile: its zones' assets, and whether any of them holds an entry point or a crown jewel. */
export function groupTile(group: ZoneGroup, tiles: ReadonlyMap<string, ZoneTile>): ZoneTile {
  let count = 0;
  let entry = false;
  let jewel = false;
  for (const z of group.zones) {
    const t = tiles.get(z);
    if (!t) continue;
    count += t.count;
    entry ||= t.entry;
    jewel ||= t.jewel;
  }
  return { zone: group.id, count, entry, jewel };
}

/**
 * The tiles drawn for a collapsed picture (`layout` its layout, `tiles` every zone's, `links`
 * between its tiles), with `open.group` opened in place once its links (`open.links`: the
 * worker's groupLinks) are here.
 */
export function groupedTiles(layout: GraphLayout, tiles: readonly ZoneTile[], links: readonly ZoneLink[], open?: { readonly group: string; readonly links: readonly ZoneLink[] }): GroupedTiles {
  const groups = layout.groups ?? [];
  const byZone = new Map(tiles.map((t) => [t.zone, t]));
  const opened = open ? groups.find((g) => g.id === open.group) : undefined;
  const closed = new Map(groups.filter((g) => g !== opened).map((g) => [g.id, g]));
  const tileId = new Map<string, string>();
  for (const g of closed.values()) for (const z of g.zones) tileId.set(z, g.id);
  const tileOf = (zone: string) => tileId.get(zone) ?? zone;
  const drawn: ZoneTile[] = [];
  const seen = new Set<string>();
  for (const t of tiles) {
    const id = tileOf(t.zone);
    if (seen.has(id)) continue;
    seen.add(id);
    drawn.push(id === t.zone ? t : groupTile(closed.get(id)!, byZone));
  }
  if (!opened || !open) return { layout, tiles: drawn, links, closed, opened: undefined, tileOf };
  const members = opened.zones.map((z) => byZone.get(z)).filter((t): t is ZoneTile => t !== undefined);
  const count = new Map(drawn.map((t) => [t.zone, t.count]));
  const at = openGroupLayout(layout, opened, members, (id) => tileSize(count.get(id) ?? 1));
  const kept = links.filter((l) => l.a !== opened.id && l.b !== opened.id);
  return { layout: at, tiles: drawn, links: [...kept, ...open.links], closed, opened, tileOf };
}

/**
 * Where everything goes when a group (a tile of the collapsed `layout`, sized by its zones'
 * assets) is opened: its zones' tiles in rows at the group tile's corner, the other tiles moved.
 */
export function openGroupLayout(layout: GraphLayout, group: ZoneGroup, members: readonly ZoneTile[], sizeOf: (tile: string) => { width: number; height: number }): GraphLayout {
  const total = members.reduce((sum, t) => sum + t.count, 0);
  const sizes = members.map((t) => tileSize(t.count));
  // Rows of about BOX_ASPECT : 1, wrapped by the tiles' widths.
  const area = sizes.reduce((sum, s) => sum + (s.width + GAP_X) * (s.height + GAP_Y), 0);
  const wrapAt = Math.max(...sizes.map((s) => s.width), Math.sqrt(area * BOX_ASPECT));
  const placed: { id: string; x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  members.forEach((t, i) => {
    const s = sizes[i]!;
    if (x > 0 && x + s.width > wrapAt) {
      y += rowHeight + GAP_Y;
      x = 0;
      rowHeight = 0;
    }
    placed.push({ id: t.zone, x: x + s.width / 2, y: y + s.height / 2 });
    rowHeight = Math.max(rowHeight, s.height);
    width = Math.max(width, x + s.width);
    x += s.width + GAP_X;
  });
  const height = y + rowHeight;
  const room = makeRoom(layout, group.id, tileSize(total), { width, height }, sizeOf);
  if (!room) return layout;
  const positions: [string, number, number][] = [...room.tiles].map(([id, p]) => [id, p.x, p.y]);
  for (const p of placed) positions.push([p.id, room.left + p.x, room.top + p.y]);
  return { ...layout, positions, bands: room.bands };
}
