// The graph's tooltip (role "tooltip") for the element under the pointer or the keyboard focus —
// an asset's name, kind, level and zone (and what the overlay says of it), a zone's level and
// security levels, an edge's ends, what it is and the attack steps it carries with their ATT&CK
// technique and likelihood — plus the keyboard focus ring and a polite live region that reads
// the focused asset out. Page elements kept in step with pan and zoom.
import { LEVEL_LABEL } from '../../analysis/layout';
import { formatLikelihood, formatMoney } from '../../report/format';
import type { Overlay } from '../overlay';
import type { GraphLayer, LayerContext, MountedLayer, ShownState } from './controller';
import type { ElementData } from './elements';

/** Lines of a tooltip: the first is its title. */
export type TooltipLines = readonly string[];

const levelText = (level: number | undefined) => (level === undefined ? '' : (LEVEL_LABEL[String(level)] ?? `L${level}`));

/** What the tooltip says of an element (pure): `nameOf` gives the name of a node by element id. */
export function tooltipLines(d: ElementData, classes: ReadonlySet<string>, overlay: Overlay, nameOf: (id: string) => string, assetName: (asset: string) => string): TooltipLines {
  if (d.source !== undefined && d.target !== undefined) {
    const lines = [`${nameOf(d.source)} → ${nameOf(d.target)}`];
    if (d.what) lines.push(d.what);
    for (const s of d.steps ?? []) lines.push(`${assetName(s.from)} takes ${assetName(s.to)}: ${s.technique} ${s.techniqueName}, likelihood ${formatLikelihood(s.likelihood)}`);
    if (!d.steps?.length && d.what && d.weight === undefined) lines.push('no attack step derived from it');
    return lines;
  }
  if (d.container || d.count !== undefined) {
    const lines = [d.name ?? d.id, levelText(d.level)];
    if (d.zones !== undefined) lines.push(`${d.zones} zones (click to open)`);
    if (d.count !== undefined) lines.push(`${d.count.toLocaleString('en')} asset${d.count === 1 ? '' : 's'}`);
    if (d.slTarget !== undefined || d.slAchieved !== undefined) lines.push(`SL-T ${d.slTarget ?? '–'} · SL-A ${d.slAchieved ?? '–'}${d.slTarget !== undefined && d.slAchieved !== undefined && d.slAchieved < d.slTarget ? ' (below target)' : ''}`);
    if (classes.has('entry')) lines.push('holds an entry point');
    if (classes.has('jewel')) lines.push('holds a crown jewel');
    // A zone tile the worker rated: its most exposed asset's value.
    const v = overlay.kind === 'heat' && overlay.scale?.likelihood && d.count !== undefined && d.zone !== undefined ? overlay.tiles?.get(d.zone) : undefined;
    if (v !== undefined && overlay.kind === 'heat') lines.push(`${overlay.scale!.likelihood}, its most exposed asset: ${formatLikelihood(v)}`);
    return lines;
  }
  const lines = [d.name ?? d.id, [d.kind, levelText(d.level)].filter(Boolean).join(' · '), `zone ${d.zoneName ?? d.zone ?? ''}`];
  if (classes.has('entry')) lines.push('Entry point: an attacker starts here');
  if (classes.has('jewel')) lines.push('Crown jewel: must not fall');
  if (d.rank !== undefined) lines.push(`Harden first: #${d.rank} of the minimum cut`);
  else if (classes.has('cut')) lines.push('In the minimum cut: harden it');
  if (classes.has('dominator')) lines.push('On every path to a crown jewel');
  if (d.riskRemoved !== undefined) lines.push(`Risk removed if hardened: ${formatMoney(d.riskRemoved)}`);
  if (overlay.kind === 'heat' && overlay.scale?.likelihood && d.asset !== undefined) {
    const v = overlay.heat.get(d.asset);
    if (v !== undefined) lines.push(`${overlay.scale.likelihood}: ${formatLikelihood(v)}`);
  }
  return lines;
}

export function tooltipLayer(): GraphLayer {
  return {
    mount({ cy, container, over }: LayerContext): MountedLayer {
      const tip = over.appendChild(document.createElement('div'));
      tip.className = 'pg-tooltip';
      tip.setAttribute('role', 'tooltip');
      tip.id = `pg-tooltip-${Math.random().toString(36).slice(2, 8)}`;
      tip.hidden = true;
      const ring = over.appendChild(document.createElement('div'));
      ring.className = 'pg-focus-ring';
      ring.hidden = true;
      const live = over.appendChild(document.createElement('div'));
      live.className = 'pg-sr-only';
      live.setAttribute('aria-live', 'polite');
      let state: ShownState | undefined;
      let names = new Map<string, string>();
      let frame: number | undefined;

      const place = () => {
        frame = undefined;
        const target = state?.hovered ?? state?.focused;
        const el = target ? cy.getElementById(target) : undefined;
        if (!el || el.empty()) {
          tip.hidden = true;
          container.removeAttribute('aria-describedby');
        } else {
          const w = cy.width();
          const h = cy.height();
          const bb = el.renderedBoundingBox({ includeLabels: false });
          tip.hidden = false;
          const tw = tip.offsetWidth;
          const th = tip.offsetHeight;
          let left = bb.x2 + 10;
          if (left + tw > w - 4) left = Math.max(4, bb.x1 - tw - 10);
          let top = (bb.y1 + bb.y2) / 2 - th / 2;
          top = Math.max(4, Math.min(h - th - 4, top));
          tip.style.transform = `translate(${left.toFixed(0)}px, ${top.toFixed(0)}px)`;
          container.setAttribute('aria-describedby', tip.id);
        }
        const f = state?.focused ? cy.getElementById(state.focused) : undefined;
        if (!f || f.empty()) ring.hidden = true;
        else {
          const bb = f.renderedBoundingBox({ includeLabels: false });
          ring.hidden = false;
          ring.style.transform = `translate(${(bb.x1 - 5).toFixed(1)}px, ${(bb.y1 - 5).toFixed(1)}px)`;
          ring.style.width = `${(bb.w + 10).toFixed(1)}px`;
          ring.style.height = `${(bb.h + 10).toFixed(1)}px`;
        }
      };
      const schedule = () => {
        if (frame === undefined) frame = requestAnimationFrame(place);
      };
      cy.on('viewport resize', schedule);

      const fill = () => {
        const target = state?.hovered ?? state?.focused;
        const el = target ? cy.getElementById(target) : undefined;
        if (!el || el.empty() || !state) {
          tip.replaceChildren();
          schedule();
          return;
        }
        const nameOf = (id: string) => (cy.getElementById(id).data('name') as string | undefined) ?? id;
        const lines = tooltipLines(el.data() as ElementData, new Set(el.classes() as unknown as string[]), state.overlay, nameOf, (a) => names.get(a) ?? a);
        tip.replaceChildren(
          ...lines.map((line, i) => {
            const p = document.createElement(i === 0 ? 'strong' : 'div');
            p.textContent = line;
            return p;
          }),
        );
        schedule();
      };

      let lastFocus: string | undefined;
      return {
        drawn(scene) {
          names = new Map(scene.model.assets.map((a) => [a.id, a.name]));
          fill();
        },
        cleared() {
          state = state ? { ...state, hovered: undefined, focused: undefined } : state;
          fill();
        },
        shown(next) {
          state = next;
          fill();
          if (next.focused !== lastFocus) {
            lastFocus = next.focused;
            live.textContent = next.focused ? Array.from(tip.children, (c) => c.textContent).join('. ') : '';
          }
        },
        destroy() {
          if (frame !== undefined) cancelAnimationFrame(frame);
          cy.off('viewport resize', schedule);
          tip.remove();
          ring.remove();
          live.remove();
          container.removeAttribute('aria-describedby');
        },
      };
    },
  };
}
