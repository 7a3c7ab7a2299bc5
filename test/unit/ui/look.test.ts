// What overlays and filters make of each element (src/ui/graph/look.ts), run over the elements
// toElements and tileElements build for the tiny plant.
import type { ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import type { GraphLayout } from '../../../src/analysis/layout';
import { zoneLinks, zoneTiles } from '../../../src/session/plant-view';
import { assetElements, tileElements, toElements, type ElementData } from '../../../src/ui/graph/elements';
import { filterHides, NO_FILTER, overlayLook, PLAIN, type GraphFilter, type Look } from '../../../src/ui/graph/look';
import { heatColour, NO_OVERLAY, type Overlay } from '../../../src/ui/overlay';
import { tinyPlant } from '../../helpers/builders';

const plant = tinyPlant();
const fullEls = toElements(plant, { collapsed: false, positions: [], bands: [] });
const ctx = buildContext(plant);
const zoneEls = tileElements(plant.zones, { collapsed: true, positions: [], bands: [] } satisfies GraphLayout, zoneTiles(ctx), zoneLinks(ctx));
const zoneOf = new Map(plant.assets.map((a) => [a.id, a.zone]));
/** The element an asset is drawn as: its node, or (collapsed) its zone's tile. */
const elementsOf = (collapsed: boolean) => assetElements(collapsed ? (a) => zoneOf.get(a) : undefined);
const data = (els: readonly ElementDefinition[]) => els.map((e) => e.data as ElementData);

/** Element id → the overlay classes it gets (and its heat colour), for the elements that get any. */
function looks(overlay: Overlay, collapsed: boolean): Record<string, string> {
  const lookOf = overlayLook(overlay, elementsOf(collapsed));
  const out: Record<string, string> = {};
  for (const d of data(collapsed ? zoneEls : fullEls)) {
    const look: Look = lookOf(d);
    const classes = [look.dim && 'dim', look.onPath && 'on-path', look.heat && `heat ${look.heat}`, look.outlined && 'outlined'].filter(Boolean).join(' ');
    if (classes) out[d.id] = classes;
  }
  return out;
}

describe('overlayLook', () => {
  it('no overlay leaves every element plain', () => {
    expect(looks(NO_OVERLAY, false)).toEqual({});
    expect(looks(NO_OVERLAY, true)).toEqual({});
  });

  it('a path lights its assets and the edges between consecutive ones (either way) and dims the rest; zone boxes stay plain', () => {
    expect(looks({ kind: 'path', nodes: ['inet', 'fw', 'hmi'] }, false)).toEqual({
      'asset:inet': 'on-path',
      'asset:fw': 'on-path',
      'asset:hmi': 'on-path',
      'asset:plc': 'dim',
      'asset:ts': 'dim',
      c0: 'on-path', // inet → fw
      c1: 'on-path', // fw → hmi
      c2: 'dim',
      c3: 'dim',
      t0: 'on-path', // the trust hmi → fw runs along the step fw → hmi, the other way
      'm0.0.0': 'dim',
      'm0.0.1': 'on-path', // the media hop fw → hmi
    });
  });

  it('on the collapsed view a path lights the zones it passes through, once per zone', () => {
    const lookOf = overlayLook({ kind: 'path', nodes: ['inet', 'fw', 'hmi', 'plc'] }, elementsOf(true));
    const edge = (source: string, target: string) => lookOf({ id: 'e', source, target });
    expect(edge('zone:z-dmz', 'zone:z-ctl').onPath).toBe(true);
    expect(edge('zone:z-ctl', 'zone:z-dmz').onPath).toBe(true);
    expect(edge('zone:z-ext', 'zone:z-dmz').onPath).toBe(true);
    expect(edge('zone:z-ext', 'zone:z-ctl').dim).toBe(true);
    expect(looks({ kind: 'path', nodes: ['inet', 'fw', 'hmi', 'plc'] }, true)).toMatchObject({
      'zone:z-ext': 'on-path',
      'zone:z-dmz': 'on-path',
      'zone:z-ctl': 'on-path',
      'zone:z-io': 'dim',
    });
  });

  it('a heat map colours the assets it rates, dims the others, outlines some; edges and zone boxes stay plain', () => {
    const overlay: Overlay = { kind: 'heat', heat: new Map([['fw', 0.25], ['plc', 1]]), outline: new Set(['plc']), label: 'risk removed' };
    expect(looks(overlay, false)).toEqual({
      'asset:inet': 'dim',
      'asset:fw': `heat ${heatColour(0.25)}`,
      'asset:hmi': 'dim',
      'asset:plc': `heat ${heatColour(1)} outlined`,
      'asset:ts': 'dim',
    });
  });

  it('on the collapsed view a zone takes the hottest value of its assets and the outline of any', () => {
    const overlay: Overlay = { kind: 'heat', heat: new Map([['fw', 0.25], ['hmi', 0.75]]), outline: new Set(['fw']), label: 'blast radius' };
    expect(looks(overlay, true)).toEqual({
      'zone:z-ext': 'dim',
      'zone:z-dmz': `heat ${heatColour(0.75)} outlined`,
      'zone:z-ctl': 'dim',
      'zone:z-io': 'dim',
    });
  });

  it('on the collapsed view a heat map the worker rated per zone colours those tiles, the hotter value winning', () => {
    const overlay: Overlay = { kind: 'heat', heat: new Map([['plc', 0.2]]), tiles: new Map([['z-ctl', 0.5], ['z-ext', 1]]), outline: new Set(['inet']), label: 'blast radius' };
    expect(looks(overlay, true)).toEqual({
      'zone:z-ext': `heat ${heatColour(1)} outlined`,
      'zone:z-dmz': 'dim',
      'zone:z-ctl': `heat ${heatColour(0.5)}`,
      'zone:z-io': 'dim',
    });
  });

  it('the plain look is shared, not rebuilt per element', () => {
    expect(overlayLook(NO_OVERLAY, elementsOf(false))({ id: 'asset:fw' })).toBe(PLAIN);
  });
});

/** The node ids a filter hides. */
function hiddenBy(filter: GraphFilter, collapsed: boolean): string[] {
  const hides = filterHides(filter);
  return data(collapsed ? zoneEls : fullEls)
    .filter((d) => d.source === undefined && hides(d))
    .map((d) => d.id);
}

describe('filterHides', () => {
  it('no filter hides nothing', () => {
    expect(hiddenBy(NO_FILTER, false)).toEqual([]);
    expect(hiddenBy(NO_FILTER, true)).toEqual([]);
  });

  it('hidden Purdue levels hide the assets and zone tiles at them, not the zone boxes', () => {
    const filter = { ...NO_FILTER, hiddenLevels: new Set([1, 3.5]) };
    expect(hiddenBy(filter, false)).toEqual(['asset:fw', 'asset:hmi', 'asset:plc']);
    expect(hiddenBy(filter, true)).toEqual(['zone:z-dmz', 'zone:z-ctl']);
  });

  it('a kind hides the assets of other kinds, never a zone box or tile', () => {
    const filter = { ...NO_FILTER, kind: 'plc' };
    expect(hiddenBy(filter, false)).toEqual(['asset:inet', 'asset:fw', 'asset:hmi', 'asset:ts']);
    expect(hiddenBy(filter, true)).toEqual([]);
  });

  it('a zone hides everything outside it, boxes and tiles too', () => {
    const filter = { ...NO_FILTER, zone: 'z-dmz' };
    expect(hiddenBy(filter, false)).toEqual(['zone:z-ext', 'zone:z-ctl', 'zone:z-io', 'asset:inet', 'asset:plc', 'asset:ts']);
    expect(hiddenBy(filter, true)).toEqual(['zone:z-ext', 'zone:z-ctl', 'zone:z-io']);
  });

  it('filters combine: a node shows only when every filter keeps it', () => {
    const filter = { hiddenLevels: new Set([0]), kind: 'firewall', zone: 'z-dmz' };
    expect(hiddenBy(filter, false)).toEqual(['zone:z-ext', 'zone:z-ctl', 'zone:z-io', 'asset:inet', 'asset:hmi', 'asset:plc', 'asset:ts']);
  });
});
