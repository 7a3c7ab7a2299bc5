// Which names the graph always shows and how (src/ui/graph/labels.ts): entry points, crown jewels,
// the cut with its rank, the highlighted path numbered, the hovered neighbourhood; zone titles
// that keep the level; the line to a name placed away from its node.
import { describe, expect, it } from 'vitest';
import type { ShownState } from '../../../src/ui/graph/controller';
import type { ElementData } from '../../../src/ui/graph/elements';
import { leader, nameRoles, zoneTitle } from '../../../src/ui/graph/labels';
import { NO_FILTER } from '../../../src/ui/graph/look';
import type { Overlay } from '../../../src/ui/overlay';

const item = (asset: string, ...classes: string[]) => ({ id: `asset:${asset}`, data: { id: `asset:${asset}`, asset, name: asset } as ElementData, x: 0, y: 0, hw: 11, hh: 14, classes: new Set(classes) });
const items = [item('inet', 'entry'), item('fw'), item('hmi', 'cut'), item('plc', 'jewel'), item('ts')];
const state = (overlay: Overlay, extra: Partial<ShownState> = {}): ShownState => ({ overlay, selected: undefined, filter: NO_FILTER, hovered: undefined, focused: undefined, ...extra });
const elementOf = (a: string) => `asset:${a}`;
const roles = (s: ShownState, neighbours: string[] = []) => Object.fromEntries([...nameRoles(items, s, new Set(neighbours), elementOf)].map(([id, r]) => [id, `${r.must ? 'must' : 'may'} ${r.priority} ${r.look}${r.badge ? ` #${r.badge}` : ''}`]));

describe('nameRoles', () => {
  it('on the plant: the ranked cut always shows (its rank at least), entry points and crown jewels first where there is room', () => {
    expect(roles(state({ kind: 'none', harden: [{ id: 'hmi', rank: 1, riskRemoved: 5, cost: 1 }] }))).toEqual({
      'asset:inet': 'may 4 entry',
      'asset:hmi': 'must 3.1 cut #1',
      'asset:plc': 'may 4 jewel',
    });
  });

  it('a highlighted path numbers its steps and outranks the rest; what it dims loses its name', () => {
    expect(roles(state({ kind: 'path', nodes: ['inet', 'fw', 'plc'] }))).toEqual({
      'asset:inet': 'must 2 path #0',
      'asset:fw': 'must 2 path #1',
      'asset:plc': 'must 2 path #2',
    });
  });

  it('the selected, focused and hovered assets and the hovered neighbourhood come first', () => {
    const r = roles(state({ kind: 'none' }, { selected: 'ts', hovered: 'asset:fw', focused: 'asset:ts' }), ['asset:hmi']);
    expect(r['asset:ts']).toMatch(/^must 0/);
    expect(r['asset:fw']).toBe('must 1 hovered');
    expect(r['asset:hmi']).toBe('may 3.9 cut near'); // in the cut (no rank known here) and next to the hovered asset
  });

  it('a heat map names its hottest assets and its outlined ones', () => {
    const heat: Overlay = { kind: 'heat', heat: new Map([['fw', 0.9], ['plc', 0.2]]), outline: new Set(), label: 'x' };
    const r = roles(state(heat));
    expect(r['asset:fw']).toBe('may 5 heat');
    expect(r['asset:plc']).toMatch(/jewel/);
    expect(r['asset:inet']).toBeUndefined(); // dimmed: not in the heat map
  });
});

describe('zoneTitle and leader', () => {
  it('a zone title keeps its level and security levels apart from the name (only the name is shortened)', () => {
    expect(zoneTitle({ id: 'z', name: 'Industrial DMZ', level: 3.5, slTarget: 3, slAchieved: 2 })).toEqual({ level: 'L3.5', name: 'Industrial DMZ', sl: 'SL-T 3 · SL-A 2', gap: true });
    expect(zoneTitle({ id: 'z', name: 'Field', level: 0 })).toEqual({ level: 'L0', name: 'Field', sl: '', gap: false });
  });

  it("a name right under its node needs no line; one placed away gets a line from the node's edge", () => {
    const r = { key: 'a', x: 100, y: 100, radius: 6, width: 80, height: 15, priority: 0, must: true };
    expect(leader(r, { left: 60, top: 107, width: 80 })).toBeUndefined();
    const l = leader(r, { left: 160, top: 140, width: 80 })!;
    expect(l.length).toBeCloseTo(Math.hypot(60, 40) - 6);
    expect(l.x).toBeCloseTo(100 + 6 * Math.cos(Math.atan2(40, 60)));
  });
});
