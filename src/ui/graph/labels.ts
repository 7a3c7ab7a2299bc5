// Names on the graph as page text kept in step with pan and zoom, by level of detail: the names
// that matter are always shown (the selected, focused and hovered asset and its neighbours, the
// highlighted path numbered by step, the chokepoints with their rank, entry points, crown
// jewels), every other name once the assets are far enough apart on screen for names to fit, and
// never two names on top of each other (placement.ts). Zones get titles above their boxes — level
// first, then the name (shortened, never the level), then SL-T / SL-A; zone tiles of large plants
// their name and asset count.
import { CELL_X } from '../../analysis/layout';
import { heatByElement, type Overlay } from '../overlay';
import type { GraphLayer, LayerContext, MountedLayer, ShownState } from './controller';
import { sceneElementOf } from './draw';
import { assetNodeId, zoneNodeId, type ElementData } from './elements';
import { filterHides, NO_FILTER } from './look';
import { labelWidth, MIN_WIDTH, placeLabels, type LabelRequest, type Rect } from './placement';
import { GUTTER } from './viewport';

/** A node as the label layer knows it: model position and extent, and what it is. */
interface Item {
  readonly id: string;
  readonly data: ElementData;
  readonly x: number;
  readonly y: number;
  /** Half the node's size (model units). */
  readonly hw: number;
  readonly hh: number;
  readonly classes: ReadonlySet<string>;
}

/** What role a node's name plays now: shown at all, how urgently, and how it looks. */
export interface NameRole {
  /** Shown even on top of another name (where the user points, the highlighted path); else shown where there is room. */
  readonly must: boolean;
  readonly priority: number;
  /** CSS classes of the label. */
  readonly look: string;
  /** Step number on the highlighted path, rank in the cut. */
  readonly badge?: string;
}

/** Screen distance between neighbouring assets from which every name is tried (each shown where it fits) (px). */
export const ALL_NAMES_SPACING = 60;
const LABEL_HEIGHT = 15;
/** A ranked label with no room for its name shows its rank alone, this wide (px). */
const BADGE_ONLY = 22;
const TITLE_HEIGHT = 18;

/** The ids (element ids) an overlay and the pointer make prominent, with their roles (pure). */
export function nameRoles(items: readonly Item[], state: ShownState, neighbours: ReadonlySet<string>, elementOf: (asset: string) => string): Map<string, NameRole> {
  const roles = new Map<string, NameRole>();
  const looks = (a: string, b: string) => [...new Set(`${a} ${b}`.split(' '))].join(' ');
  const set = (id: string, role: NameRole) => {
    const held = roles.get(id);
    if (!held) roles.set(id, role);
    else if (role.priority < held.priority) roles.set(id, { ...role, look: looks(role.look, held.look), badge: role.badge ?? held.badge });
    else roles.set(id, { ...held, look: looks(held.look, role.look), badge: held.badge ?? role.badge });
  };
  const overlay: Overlay = state.overlay;
  const dimming = overlay.kind === 'path' || overlay.kind === 'heat';
  const heat = overlay.kind === 'heat' ? heatByElement(overlay, elementOf, zoneNodeId) : undefined;
  // A zone tile holding several cut assets shows the first rank.
  const hardenRank = new Map<string, number>();
  if (overlay.kind === 'none') for (const c of overlay.harden ?? []) hardenRank.set(elementOf(c.id), Math.min(c.rank, hardenRank.get(elementOf(c.id)) ?? Infinity));
  const topHeat = heat ? new Set([...heat].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([id]) => id)) : undefined;
  for (const it of items) {
    if (it.data.container) continue;
    const c = it.classes;
    const lit = !dimming || (heat ? heat.has(it.id) : c.has('on-path'));
    // The cut ranked: the first to harden placed first.
    const rank = it.data.rank ?? hardenRank.get(it.id);
    // A ranked chokepoint always shows, down to its rank alone when its name finds no room.
    if (c.has('cut') && lit) set(it.id, { must: rank !== undefined, priority: 3 + Math.min(rank ?? 9, 9) / 10, look: 'cut', ...(rank !== undefined ? { badge: String(rank) } : {}) });
    if (c.has('entry') && lit) set(it.id, { must: false, priority: 4, look: 'entry' });
    if (c.has('jewel') && lit) set(it.id, { must: false, priority: 4, look: 'jewel' });
    if (topHeat?.has(it.id) || (heat && c.has('outlined'))) set(it.id, { must: false, priority: 5, look: 'heat' });
  }

  if (overlay.kind === 'path') {
    const stops = overlay.nodes.map(elementOf);
    stops.forEach((id, i) => {
      if (i > 0 && stops[i - 1] === id) return;
      set(id, { must: true, priority: 2, look: 'path', badge: String(i) });
    });
  }
  for (const id of neighbours) set(id, { must: false, priority: 6, look: 'near' });
  if (state.hovered) set(state.hovered, { must: true, priority: 1, look: 'hovered' });
  if (state.selected) set(elementOf(state.selected), { must: true, priority: 0, look: 'selected' });
  if (state.focused) set(state.focused, { must: true, priority: 0, look: 'focused' });
  return roles;
}

/** The zone title's parts: level first (never shortened), the name, the security levels. */
export function zoneTitle(d: ElementData): { level: string; name: string; sl: string; gap: boolean } {
  const sl = d.slTarget !== undefined || d.slAchieved !== undefined ? `SL-T ${d.slTarget ?? '–'} · SL-A ${d.slAchieved ?? '–'}` : '';
  const gap = d.slTarget !== undefined && d.slAchieved !== undefined && d.slAchieved < d.slTarget;
  return { level: d.level !== undefined ? `L${d.level}` : '', name: d.name ?? '', sl, gap };
}

/** The line from a node's edge to its name, when the name is placed away from the node (pure). */
export function leader(req: LabelRequest, at: { left: number; top: number; width: number }): { x: number; y: number; length: number; angle: number } | undefined {
  const cx = Math.max(at.left, Math.min(req.x, at.left + at.width));
  const cy = Math.max(at.top, Math.min(req.y, at.top + req.height));
  const dx = cx - req.x;
  const dy = cy - req.y;
  const d = Math.hypot(dx, dy);
  if (d <= req.radius + 6) return undefined;
  const angle = Math.atan2(dy, dx);
  return { x: req.x + Math.cos(angle) * req.radius, y: req.y + Math.sin(angle) * req.radius, length: d - req.radius, angle };
}

/** A div with a class and fixed inner markup (no model text: that goes in as textContent). */
function div(className: string, markup = ''): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  el.innerHTML = markup;
  return el;
}

export function labelLayer(): GraphLayer {
  return {
    mount({ cy, over }: LayerContext): MountedLayer {
      const root = over.appendChild(document.createElement('div'));
      root.className = 'pg-labels';
      let items: Item[] = [];
      let byId = new Map<string, Item>();
      let state: ShownState = { overlay: { kind: 'none' }, selected: undefined, filter: NO_FILTER, hovered: undefined, focused: undefined };
      let roles = new Map<string, NameRole>();
      let elementOf: (asset: string) => string = assetNodeId;
      const shown = new Map<string, HTMLElement>();
      let frame: number | undefined;

      const element = (key: string, make: () => HTMLElement) => {
        let el = shown.get(key);
        if (!el) {
          el = make();
          root.appendChild(el);
          shown.set(key, el);
        }
        return el;
      };

      const render = () => {
        frame = undefined;
        const zoom = cy.zoom();
        const pan = cy.pan();
        const width = cy.width();
        const height = cy.height();
        const hides = filterHides(state.filter);
        const used = new Set<string>();
        const obstacles: Rect[] = [];
        // Zone titles: above each box, as wide as the room up to the next box on the right (the
        // level and the security levels never shortened, the name shortened to fit).
        const boxes: { it: Item; left: number; top: number; w: number; h: number }[] = [];
        for (const it of items) {
          if (!it.data.container || hides(it.data)) continue;
          boxes.push({ it, left: (it.x - it.hw) * zoom + pan.x, top: (it.y - it.hh) * zoom + pan.y, w: 2 * it.hw * zoom, h: 2 * it.hh * zoom });
        }
        for (const b of boxes) {
          const top = b.top - TITLE_HEIGHT - 2;
          if (b.left > width || b.left + b.w < 0 || top > height || top + TITLE_HEIGHT < 0 || b.w < 30) continue;
          let room = Math.max(b.w, 280);
          for (const o of boxes) if (o !== b && o.left > b.left && o.top < b.top + b.h && b.top < o.top + o.h) room = Math.min(room, o.left - b.left - 8);
          room = Math.min(Math.max(room, b.w), width - b.left - 4);
          // Too little room for the level and a few letters of the name: no title (the tooltip has it).
          if (room < 70) continue;
          const key = `z:${b.it.id}`;
          used.add(key);
          const el = element(key, () => {
            const t = zoneTitle(b.it.data);
            const title = div('pg-zone-title', '<span class="lvl"></span><span class="name"></span><span class="sl"></span>');
            title.dataset.zone = b.it.data.zone ?? '';
            title.children[0]!.textContent = t.level;
            title.children[1]!.textContent = t.name;
            title.children[2]!.textContent = t.sl;
            title.children[2]!.classList.toggle('gap', t.gap);
            title.title = `${t.level} ${t.name}${t.sl ? ` · ${t.sl}` : ''}`;
            return title;
          });
          el.style.transform = `translate(${b.left.toFixed(1)}px, ${top.toFixed(1)}px)`;
          el.style.maxWidth = `${room.toFixed(0)}px`;
          obstacles.push({ left: b.left, top, width: Math.min(room, 7 * ((b.it.data.name?.length ?? 0) + 22)), height: TITLE_HEIGHT });
        }
        // Names of assets and tiles.
        const spacing = CELL_X * zoom;
        const requests: LabelRequest[] = [];
        const texts = new Map<string, { text: string; role: NameRole | undefined; item: Item; req: LabelRequest }>();
        for (const it of items) {
          if (it.data.container || hides(it.data)) continue;
          const x = it.x * zoom + pan.x;
          const y = it.y * zoom + pan.y;
          if (x < -40 || x > width + 40 || y < -40 || y > height + 40) continue;
          const role = roles.get(it.id);
          const tile = it.data.count !== undefined;
          const fits = tile ? it.hw * 2 * zoom >= 70 : spacing >= ALL_NAMES_SPACING;
          // Names of what an overlay dims stay off (the path or heat map is what is read then).
          if (!role && (!fits || it.classes.has('dim'))) continue;
          const text = tile ? `${it.data.site ?? it.data.name ?? ''} · ${it.data.zones !== undefined ? `${it.data.zones} zones · ` : ''}${it.data.count!.toLocaleString('en')} asset${it.data.count === 1 ? '' : 's'}` : (it.data.name ?? it.id);
          const badge = role?.badge ? 20 : 0;
          const w = labelWidth(text.length, tile ? 190 : 170) + badge;
          // A name that matters is shortened to find room: to its rank alone, or to a few letters; plain names are not.
          const minWidth = !role ? w : role.badge ? BADGE_ONLY : MIN_WIDTH;
          // (A must-show label with a badge shrinks to the badge before it may overlap anything.)
          const req: LabelRequest = { key: it.id, x, y, radius: it.hh * zoom, width: w, height: LABEL_HEIGHT, priority: role?.priority ?? 10, must: role?.must ?? false, minWidth };
          requests.push(req);
          texts.set(it.id, { text, role, item: it, req });
        }
        // The band labels' column at the left edge is kept clear, and names keep off the nodes.
        obstacles.push({ left: -1000, top: -1000, width: GUTTER + 1000, height: height + 2000 });
        const nodeRects: Rect[] = [];
        for (const it of items) {
          if (it.data.container || hides(it.data)) continue;
          const x = it.x * zoom + pan.x;
          const y = it.y * zoom + pan.y;
          if (x < -40 || x > width + 40 || y < -40 || y > height + 40) continue;
          nodeRects.push({ left: x - it.hw * zoom, top: y - (it.hh - 3) * zoom, width: 2 * it.hw * zoom, height: 2 * (it.hh - 3) * zoom });
        }
        for (const p of placeLabels(requests, obstacles, nodeRects, { left: 0, top: 0, width, height })) {
          const t = texts.get(p.key)!;
          const key = `n:${p.key}`;
          used.add(key);
          const el = element(key, () => div('', '<span class="badge"></span><span class="text"></span>'));
          const look = t.role?.look ?? 'plain';
          el.className = `pg-label ${look}${p.crowded ? ' crowded' : ''}${p.width <= BADGE_ONLY ? ' badge-only' : ''}`;
          const [badge, text] = el.children as unknown as [HTMLElement, HTMLElement];
          badge.hidden = !t.role?.badge;
          badge.textContent = t.role?.badge ?? '';
          text.textContent = t.text;
          const { req } = t;
          el.style.width = `${p.width}px`;
          el.style.transform = `translate(${p.left.toFixed(1)}px, ${p.top.toFixed(1)}px)`;
          el.dataset.testid = 'graph-label';
          if (t.item.data.asset !== undefined) el.dataset.asset = t.item.data.asset;
          if (t.item.data.zone !== undefined) el.dataset.zone = t.item.data.zone;
          // Where the node is (tests hover it there).
          el.dataset.nodeX = req.x.toFixed(0);
          el.dataset.nodeY = req.y.toFixed(0);
          // A name placed away from its node is tied to it by a thin line.
          const lead = leader(req, p);
          if (lead) {
            const lkey = `l:${p.key}`;
            used.add(lkey);
            const line = element(lkey, () => div('pg-leader'));
            line.style.width = `${lead.length.toFixed(1)}px`;
            line.style.transform = `translate(${lead.x.toFixed(1)}px, ${lead.y.toFixed(1)}px) rotate(${lead.angle.toFixed(3)}rad)`;
          }
        }
        for (const [key, el] of shown) {
          if (used.has(key)) continue;
          el.remove();
          shown.delete(key);
        }
      };
      const schedule = () => {
        if (frame === undefined) frame = requestAnimationFrame(render);
      };
      cy.on('viewport resize', schedule);

      const refresh = (classesChanged: boolean) => {
        // Classes change with the overlay, the selection and the filters (look.ts), not with the pointer: read them again then only.
        if (classesChanged) {
          items = items.map((it) => ({ ...it, classes: new Set(cy.getElementById(it.id).classes() as unknown as string[]) }));
          byId = new Map(items.map((it) => [it.id, it]));
        }
        const neighbours = new Set<string>();
        const hovered = state.hovered ?? state.focused;
        if (hovered && byId.has(hovered)) {
          cy.getElementById(hovered)
            .neighborhood('node')
            .forEach((n) => {
              if (!n.isParent()) neighbours.add(n.id());
            });
        }
        roles = nameRoles(items, state, neighbours, elementOf);
        schedule();
      };

      return {
        drawn(scene) {
          elementOf = sceneElementOf(scene);
          items = [];
          cy.nodes().forEach((n) => {
            const data = n.data() as ElementData;
            if (n.isParent()) {
              const bb = n.boundingBox({ includeLabels: false, includeOverlays: false });
              items.push({ id: n.id(), data, x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2, hw: bb.w / 2, hh: bb.h / 2, classes: new Set() });
            } else {
              const p = n.position();
              const w = data.count !== undefined ? (data.width ?? 60) : (data.size ?? (n.hasClass('cut') ? 30 : n.hasClass('jewel') ? 28 : 22));
              const h = data.count !== undefined ? (data.height ?? 30) : w;
              items.push({ id: n.id(), data, x: p.x, y: p.y, hw: w / 2, hh: h / 2 + 3, classes: new Set() });
            }
          });
          refresh(true);
        },
        cleared() {
          items = [];
          byId = new Map();
          roles = new Map();
          schedule();
        },
        shown(next) {
          const classesChanged = next.overlay !== state.overlay || next.selected !== state.selected || next.filter !== state.filter;
          state = next;
          refresh(classesChanged);
        },
        destroy() {
          if (frame !== undefined) cancelAnimationFrame(frame);
          cy.off('viewport resize', schedule);
          root.remove();
        },
      };
    },
  };
}
