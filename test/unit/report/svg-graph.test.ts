// The executive graph (src/report/svg.ts graphSvg): by default the chokepoints view — the assets on
// attack paths in Purdue bands, the cut ranked, the headline, the breach path numbered — with every
// name written at full size and no two names on top of each other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../../src/analysis/chokepoints';
import { chokepointView } from '../../../src/analysis/chokepoint-view';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout } from '../../../src/analysis/layout';
import type { PlantModel } from '../../../src/model/schema';
import { esc } from '../../../src/report/escape';
import { executiveSummary } from '../../../src/report/executive';
import { chokepointHeadline, graphSvg, wrapName } from '../../../src/report/svg';
import { assertSafeHtml } from './fixtures';

const plants = ['models/reference-plant.json', 'models/water-treatment.json'].map((f) => [f, JSON.parse(readFileSync(f, 'utf8')) as PlantModel] as const);

/** The text elements of an SVG: position, size and content (the report writes them one way only). */
function texts(svg: string): { x: number; y: number; size: number; anchor: string; text: string }[] {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"( text-anchor="(\w+)")? font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    anchor: m[4] ?? 'start',
    size: Number(m[5]),
    text: m[6]!,
  }));
}

describe('graphSvg: the chokepoints view by default', () => {
  it.each(plants)('%s: headline, every shown asset named, the cut ranked, the breach path numbered', (_, model) => {
    const ctx = buildContext(model);
    const view = chokepointView(ctx, chokepoints(ctx));
    const story = executiveSummary(ctx).story!;
    const path = [story.entry.id, ...story.steps.map((s) => s.toId)];
    const svg = graphSvg(model, graphLayout(model), { path, standalone: true });
    // Computed from the model when not given: the same as the view handed over.
    expect(svg).toBe(graphSvg(model, graphLayout(model), { path, standalone: true, chokepoints: view }));
    expect(svg).toContain(esc(chokepointHeadline(view.headline)));
    const all = texts(svg).map((t) => t.text);
    const names = new Map(model.assets.map((a) => [a.id, a.name]));
    for (const id of view.assets) expect(all, id).toContain(esc(wrapName(names.get(id)!)[0]!));
    // Rank badges 1..n of the cut, and the breach path's steps 0..n with one line per step.
    for (const c of view.cut) expect(all).toContain(String(c.rank));
    expect(svg.match(/data-layer="breach-path">(.*?)<\/g>/)![1]!.match(/<line /g)).toHaveLength(path.length - 1);
    // Only the assets on attack paths are drawn.
    expect(svg.match(/<circle /g)!.length).toBeLessThan(model.assets.length + view.cut.length + 4);
    // Bands labelled with their level; the DMZ among them.
    expect(all).toContain('L3.5');
    expect(all).toContain('Industrial DMZ');
    assertSafeHtml(`<!DOCTYPE html><html><head><title>t</title></head><body>${svg}</body></html>`);
  });

  it.each(plants)('%s: names are written at 12 px or more and no two overlap', (_, model) => {
    const svg = graphSvg(model, graphLayout(model));
    const boxes = texts(svg)
      .filter((t) => t.anchor === 'middle' && t.size === 12)
      .map((t) => ({ ...t, x1: t.x - (t.text.length * 6.6) / 2, x2: t.x + (t.text.length * 6.6) / 2, y1: t.y - 10, y2: t.y + 2 }));
    expect(boxes.length).toBeGreaterThan(10);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1;
        expect(apart, `"${a.text}" and "${b.text}"`).toBe(true);
      }
    }
    // Drawn at one pixel per layout unit: a 12-unit name is 12 px on the picture.
    const vb = /viewBox="0 0 (\d+) (\d+)" width="(\d+)"/.exec(svg)!;
    expect(Number(vb[3])).toBe(Number(vb[1]));
  });

  it('the whole plant on request (mode "plant"), bands and breach path included', () => {
    const model = plants[0]![1];
    const svg = graphSvg(model, graphLayout(model), { mode: 'plant', path: ['supplier-net', 'supplier-portal'] });
    expect(svg.match(/<circle /g)).toHaveLength(model.assets.length);
    expect(svg.match(/data-layer="breach-path">(.*?)<\/g>/)![1]!.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('data-layer="bands"');
  });

  it('wrapName breaks at spaces into at most two lines, shortening the second', () => {
    expect(wrapName('PLC')).toEqual(['PLC']);
    expect(wrapName('Line A machining PLC (redundant A)')).toEqual(['Line A machining PLC', '(redundant A)']);
    expect(wrapName('Furnace burner-management SIS (Tricon)')).toEqual(['Furnace', 'burner-management S…']);
    expect(wrapName('Averyveryverylongsinglewordname')).toEqual(['Averyveryverylongsin', 'glewordname']);
    expect(wrapName('Office workstation 4 of the enterprise network')).toEqual(['Office workstation 4', 'of the enterprise n…']);
  });
});
