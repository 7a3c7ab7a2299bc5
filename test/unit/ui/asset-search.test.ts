// The path finder's suggestions and the path list's filters (src/ui/paths/asset-search.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { buildContext } from '../../../src/analysis/context';
import { parseModelText } from '../../../src/model/parse';
import { assetIndex, filterPaths, finderK, NO_FILTER, pathEnds, searchAssets } from '../../../src/ui/paths/asset-search';

const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;
const index = assetIndex(model);
const ids = (text: string, prefer: 'entry point' | 'crown jewel', limit?: number) => searchAssets(index, text, prefer, limit).map((o) => o.id);

describe('searchAssets', () => {
  it('puts the role the field prefers first among word matches: From "supplier" → the supplier network, To "histor" → the historian', () => {
    expect(ids('supplier', 'entry point').slice(0, 2)).toEqual(['supplier-net', 'supplier-portal']);
    expect(ids('histor', 'crown jewel')[0]).toBe('historian');
    // Without the role, the name that starts with the text comes first.
    expect(ids('histor', 'entry point')[0]).toBe('hist-replica');
  });
  it('an exact id or name wins; ids match too; case does not matter', () => {
    expect(ids('mes', 'entry point')[0]).toBe('mes');
    expect(ids('PLC-A3', 'entry point')[0]).toBe('plc-a3');
    expect(ids('Line A leak-test PLC', 'entry point')[0]).toBe('plc-a3');
  });
  it('empty text lists the assets in the preferred role; nothing matching gives nothing; limit holds', () => {
    expect(new Set(ids('', 'entry point', 50))).toEqual(new Set(model.entryPoints.map((e) => e.asset)));
    expect(new Set(ids('', 'crown jewel', 50))).toEqual(new Set(model.crownJewels.map((j) => j.asset)));
    expect(ids('zzzz-nothing', 'entry point')).toEqual([]);
    expect(ids('line', 'crown jewel', 3)).toHaveLength(3);
  });
  it('every option carries its kind, zone name and role', () => {
    expect(searchAssets(index, 'supplier-net', 'entry point')[0]).toEqual({ id: 'supplier-net', name: model.assets.find((a) => a.id === 'supplier-net')!.name, kind: 'supplier', zone: 'Internet and third parties', role: 'entry point' });
  });
});

describe('filterPaths and pathEnds', () => {
  const paths = attackPaths(buildContext(model));
  it('keeps the paths of an entry point, a jewel and above a likelihood; no filter keeps them all', () => {
    expect(filterPaths(paths, NO_FILTER)).toBe(paths);
    const f = filterPaths(paths, { entry: 'supplier-net', jewel: undefined, minLikelihood: 0.21 });
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((p) => p.from === 'supplier-net' && p.likelihood >= 0.21)).toBe(true);
    expect(f.length).toBe(paths.filter((p) => p.from === 'supplier-net' && p.likelihood >= 0.21).length);
    expect(filterPaths(paths, { entry: undefined, jewel: 'historian', minLikelihood: 0 }).every((p) => p.to === 'historian')).toBe(true);
  });
  it('lists the entry points and jewels the paths join, by name', () => {
    const ends = pathEnds(paths, (id) => model.assets.find((a) => a.id === id)!.name);
    expect(ends.entries.map((e) => e.id).sort()).toEqual([...new Set(paths.map((p) => p.from))].sort());
    expect(ends.jewels.map((e) => e.name)).toEqual([...ends.jewels.map((e) => e.name)].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

describe('finderK', () => {
  it.each([['3', 3], ['1', 1], ['100', 100], ['0', undefined], ['101', undefined], ['2.5', undefined], ['', undefined], ['x', undefined]])('%j → %j', (text, k) => expect(finderK(text)).toBe(k));
});
