// A minimap for plants of more than a few hundred nodes: the whole scene in small (bands, nodes
// as dots, entry points red, crown jewels gold, the cut cyan) with the part in view framed; a
// click or drag there moves the view. A small canvas of its own, drawn once per scene; only the
// frame moves with pan and zoom.
import type { GraphLayer, LayerContext, MountedLayer } from './controller';
import type { ElementData } from './elements';
import { COLOUR } from './style';

/** Scenes with more nodes than this get a minimap. */
export const MINIMAP_ABOVE_NODES = 300;
const WIDTH = 200;
const HEIGHT = 130;
const PAD = 6;

/** The scale and offset that fit a model box into the minimap (pure). */
export function minimapTransform(box: { x1: number; y1: number; x2: number; y2: number }, width = WIDTH, height = HEIGHT, pad = PAD): { scale: number; dx: number; dy: number } {
  const scale = Math.min((width - 2 * pad) / Math.max(1, box.x2 - box.x1), (height - 2 * pad) / Math.max(1, box.y2 - box.y1));
  const dx = pad + (width - 2 * pad - (box.x2 - box.x1) * scale) / 2 - box.x1 * scale;
  const dy = pad + (height - 2 * pad - (box.y2 - box.y1) * scale) / 2 - box.y1 * scale;
  return { scale, dx, dy };
}

export function minimapLayer(): GraphLayer {
  return {
    mount({ cy, over, controller }: LayerContext): MountedLayer {
      const root = over.appendChild(document.createElement('div'));
      root.className = 'pg-minimap';
      root.hidden = true;
      root.setAttribute('aria-hidden', 'true');
      root.dataset.testid = 'minimap';
      const canvas = root.appendChild(document.createElement('canvas'));
      const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
      canvas.width = WIDTH * dpr;
      canvas.height = HEIGHT * dpr;
      canvas.style.width = `${WIDTH}px`;
      canvas.style.height = `${HEIGHT}px`;
      const view = root.appendChild(document.createElement('div'));
      view.className = 'pg-minimap-view';
      let t = { scale: 1, dx: 0, dy: 0 };
      let frame: number | undefined;

      const place = () => {
        frame = undefined;
        if (root.hidden) return;
        const z = cy.zoom();
        const pan = cy.pan();
        const x1 = (-pan.x / z) * t.scale + t.dx;
        const y1 = (-pan.y / z) * t.scale + t.dy;
        const w = (cy.width() / z) * t.scale;
        const h = (cy.height() / z) * t.scale;
        const cx1 = Math.max(0, x1);
        const cy1 = Math.max(0, y1);
        view.style.transform = `translate(${cx1.toFixed(1)}px, ${cy1.toFixed(1)}px)`;
        view.style.width = `${Math.max(4, Math.min(WIDTH, x1 + w) - cx1).toFixed(1)}px`;
        view.style.height = `${Math.max(4, Math.min(HEIGHT, y1 + h) - cy1).toFixed(1)}px`;
      };
      const schedule = () => {
        if (frame === undefined) frame = requestAnimationFrame(place);
      };
      cy.on('viewport resize', schedule);

      const moveTo = (e: PointerEvent) => {
        const r = canvas.getBoundingClientRect();
        controller.centreOn((e.clientX - r.left - t.dx) / t.scale, (e.clientY - r.top - t.dy) / t.scale);
      };
      let dragging = false;
      const down = (e: PointerEvent) => {
        dragging = true;
        canvas.setPointerCapture?.(e.pointerId);
        moveTo(e);
        e.preventDefault();
      };
      const move = (e: PointerEvent) => {
        if (dragging) moveTo(e);
      };
      const up = () => {
        dragging = false;
      };
      canvas.addEventListener('pointerdown', down);
      canvas.addEventListener('pointermove', move);
      canvas.addEventListener('pointerup', up);

      let bands: readonly { level: number; top: number; bottom: number }[] = [];
      let overlay: unknown;
      const paint = () => {
          const nodes = cy.nodes().filter((n) => !n.isParent());
          root.hidden = nodes.length <= MINIMAP_ABOVE_NODES;
          if (root.hidden) return;
          const bb = cy.nodes().boundingBox({});
          t = minimapTransform(bb);
          const g = canvas.getContext('2d');
          if (!g) return;
          g.setTransform(dpr, 0, 0, dpr, 0, 0);
          g.clearRect(0, 0, WIDTH, HEIGHT);
          bands.forEach((b, i) => {
            g.fillStyle = b.level === 3.5 ? 'rgba(245,165,36,0.16)' : i % 2 ? 'rgba(255,255,255,0.04)' : 'rgba(255,255,255,0.08)';
            g.fillRect(0, b.top * t.scale + t.dy, WIDTH, (b.bottom - b.top) * t.scale);
          });
          const dot = (x: number, y: number, r: number, colour: string) => {
            g.fillStyle = colour;
            g.fillRect(x * t.scale + t.dx - r / 2, y * t.scale + t.dy - r / 2, r, r);
          };
          nodes.forEach((n) => {
            const p = n.position();
            const d = n.data() as ElementData;
            dot(p.x, p.y, d.count !== undefined ? 2.5 : 1.5, '#7d97b3');
          });
          // The marks that matter on top.
          nodes.forEach((n) => {
            const p = n.position();
            if (n.hasClass('cut')) dot(p.x, p.y, 4, COLOUR.cut);
            else if (n.hasClass('jewel')) dot(p.x, p.y, 4, COLOUR.jewel);
            else if (n.hasClass('entry')) dot(p.x, p.y, 4, COLOUR.entry);
          });
          place();
      };

      return {
        drawn(scene) {
          bands = scene.layout.bands;
          paint();
        },
        shown(state) {
          // The cut arrives with the chokepoints: marked once known.
          if (state.overlay !== overlay && !root.hidden) {
            overlay = state.overlay;
            paint();
          }
        },
        cleared() {
          root.hidden = true;
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
