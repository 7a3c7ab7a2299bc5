// What the graph's tooltip says (src/ui/graph/tooltip.ts): an asset's name, kind, level and zone
// and its role; an edge's ends, what it is and the attack steps it carries.
import { describe, expect, it } from 'vitest';
import { toElements, type ElementData } from '../../../src/ui/graph/elements';
import { tooltipLines } from '../../../src/ui/graph/tooltip';
import { NO_OVERLAY } from '../../../src/ui/overlay';
import { tinyPlant } from '../../helpers/builders';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout } from '../../../src/analysis/layout';
import { recordAttacks } from '../../../src/analysis/record-attacks';

const plant = tinyPlant();
const els = toElements(plant, { ...graphLayout(plant), attack: recordAttacks(buildContext(plant)) });
const data = (id: string) => els.find((e) => e.data.id === id)!.data as ElementData;
const names = new Map(plant.assets.map((a) => [a.id, a.name]));
const nameOf = (id: string) => names.get(id.replace(/^asset:/, '')) ?? id;
const lines = (id: string, classes: string[] = [], overlay = NO_OVERLAY) => tooltipLines(data(id), new Set(classes), overlay, nameOf, (a) => names.get(a) ?? a);

describe('tooltipLines', () => {
  it('an asset: name, kind and level, zone, and what it is to an attacker', () => {
    expect(lines('asset:inet', ['entry'])).toEqual(['Internet', 'internet · L5 External', 'zone External', 'Entry point: an attacker starts here']);
    expect(lines('asset:plc', ['jewel'])).toEqual(['PLC', 'plc · L1 Basic control', 'zone Control', 'Crown jewel: must not fall']);
  });

  it('an edge: its ends, what it is, and each attack step it carries with technique and likelihood', () => {
    const l = lines('c2');
    expect(l[0]).toBe('HMI → PLC');
    expect(l[1]).toBe('modbus-tcp 502, one-way');
    const steps = recordAttacks(buildContext(plant)).filter((a) => a.kind === 'network' && a.ref === 2);
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expect(l).toContain(`${names.get(s.from)} takes ${names.get(s.to)}: ${s.technique} ${s.techniqueName}, likelihood ${(s.likelihood * 100).toFixed(1)}%`);
  });

  it("a heat map on likelihoods adds the asset's value", () => {
    const overlay = { kind: 'heat' as const, heat: new Map([['fw', 0.729]]), outline: new Set<string>(), label: 'x', scale: { title: 't', low: '0%', high: '100%', likelihood: 'Likelihood of compromise' } };
    expect(lines('asset:fw', [], overlay).at(-1)).toBe('Likelihood of compromise: 72.9%');
  });
});
