// The Purdue bands as page elements kept in step with pan and zoom: a stripe per level across the
// whole pane under the canvas (the industrial DMZ amber, the external level red-tinted), and the
// level's label ("L3.5 · Industrial DMZ") in a column at the pane's left edge, held inside the
// visible part of its band while the view moves. Real text, so assistive tech and tests read it.
import type { LayoutBand } from '../../analysis/layout';
import type { GraphLayer, LayerContext, MountedLayer } from './controller';
import type { Scene } from './draw';
import { GUTTER } from './viewport';

/** Where a band's stripe and label go on screen (pure). */
export interface BandPlacement {
  readonly level: number;
  readonly top: number;
  readonly height: number;
  /** The label's top, inside the visible part of the band; undefined when the band is off screen. */
  readonly labelTop: number | undefined;
  /** The label shows its level and name on one line (the band is too thin for two). */
  readonly compact: boolean;
}

const LABEL_HEIGHT = 40;
const COMPACT_HEIGHT = 26;
const MARGIN = 6;

/**
 * Stripes and labels of the bands for a viewport and pane height: each label inside the visible
 * part of its band, below the label above it; a band too little of which shows has no label.
 */
export function placeBands(bands: readonly LayoutBand[], zoom: number, panY: number, paneHeight: number): BandPlacement[] {
  let floor = 0; // the bottom of the label placed last
  return bands.map((b) => {
    const top = b.top * zoom + panY;
    const height = (b.bottom - b.top) * zoom;
    const visibleTop = Math.max(top, floor, 0);
    const visibleBottom = Math.min(top + height, paneHeight);
    const compact = height < LABEL_HEIGHT + 2 * MARGIN || visibleBottom - visibleTop < LABEL_HEIGHT + 2 * MARGIN;
    const h = compact ? COMPACT_HEIGHT : LABEL_HEIGHT;
    let labelTop: number | undefined;
    if (visibleBottom - visibleTop >= h) {
      labelTop = Math.max(visibleTop + (compact ? (visibleBottom - visibleTop - h) / 2 : MARGIN), top + (compact ? 0 : MARGIN));
      labelTop = Math.min(labelTop, visibleBottom - h - (compact ? 0 : MARGIN));
      labelTop = Math.max(labelTop, visibleTop);
      floor = labelTop + h;
    }
    return { level: b.level, top, height, labelTop, compact };
  });
}

const levelName = (label: string) => label.replace(/^L[\d.]+\s*/, '');

export function bandLayer(): GraphLayer {
  return {
    mount({ cy, under, over }: LayerContext): MountedLayer {
      const stripes = under.appendChild(document.createElement('div'));
      stripes.className = 'pg-bands';
      const labels = over.appendChild(document.createElement('div'));
      labels.className = 'pg-band-labels';
      labels.style.width = `${GUTTER}px`;
      let bands: readonly LayoutBand[] = [];
      let rows: { stripe: HTMLElement; label: HTMLElement }[] = [];
      let frame: number | undefined;

      const render = () => {
        frame = undefined;
        const placed = placeBands(bands, cy.zoom(), cy.pan().y, cy.height());
        placed.forEach((p, i) => {
          const row = rows[i]!;
          row.stripe.style.transform = `translateY(${p.top.toFixed(1)}px)`;
          row.stripe.style.height = `${Math.max(0, p.height).toFixed(1)}px`;
          row.label.hidden = p.labelTop === undefined;
          if (p.labelTop !== undefined) row.label.style.transform = `translateY(${p.labelTop.toFixed(1)}px)`;
          row.label.classList.toggle('compact', p.compact);
        });
      };
      const schedule = () => {
        if (frame === undefined) frame = requestAnimationFrame(render);
      };
      cy.on('viewport resize', schedule);

      const build = (scene: Scene) => {
        bands = scene.layout.bands;
        stripes.replaceChildren();
        labels.replaceChildren();
        rows = bands.map((b, i) => {
          const kind = b.level === 3.5 ? 'dmz' : b.level === 5 ? 'external' : i % 2 ? 'odd' : 'even';
          const stripe = stripes.appendChild(document.createElement('div'));
          stripe.className = `pg-band ${kind}`;
          const label = labels.appendChild(document.createElement('div'));
          label.className = `pg-band-label ${kind}`;
          label.dataset.testid = 'band-label';
          label.dataset.level = String(b.level);
          const lvl = label.appendChild(document.createElement('span'));
          lvl.className = 'lvl';
          lvl.textContent = `L${b.level}`;
          label.append(' ');
          const name = label.appendChild(document.createElement('span'));
          name.className = 'name';
          name.textContent = levelName(b.label);
          return { stripe, label };
        });
        render();
      };

      return {
        drawn: build,
        cleared() {
          bands = [];
          rows = [];
          stripes.replaceChildren();
          labels.replaceChildren();
        },
        destroy() {
          if (frame !== undefined) cancelAnimationFrame(frame);
          cy.off('viewport resize', schedule);
          stripes.remove();
          labels.remove();
        },
      };
    },
  };
}
