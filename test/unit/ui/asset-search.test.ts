// The path list's filters and the finder's k (src/ui/paths/asset-search.ts); the suggestions are the
// worker's (test/unit/session/asset-search.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { buildContext } from '../../../src/analysis/context';
import { parseModelText } from '../../../src/model/parse';
import { filterPaths, finderK, NO_FILTER, pathEnds } from '../../../src/ui/paths/asset-search';

const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;

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
