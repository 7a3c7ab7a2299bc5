// Finding assets in the analysis worker (src/session/asset-search.ts): the path finder's suggestions
// and the graph's Find box, ranked as the analyst expects, over the reference plant and a large one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import { searchAssets } from '../../../src/session/asset-search';

const parsed = parseModelText(readFileSync('models/reference-plant.json', 'utf8'));
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;
const index = buildContext(model);
const ids = (text: string, prefer: 'entry point' | 'crown jewel' | undefined, limit?: number) => searchAssets(index, text, prefer, limit).map((o) => o.id);

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

describe('searchAssets on a large plant', () => {
  const big = generatePlant({ assets: 20_000, seed: 2 });
  const ctx = buildContext(big);
  it('ranks as a full sort of every match would, though it keeps only the best', () => {
    // The reference order, by the rules the function states: exact, then word starts (no role), then the rest; by name.
    const q = 'plc 1';
    const all = searchAssets(ctx, q, undefined, big.assets.length);
    expect(all.length).toBeGreaterThan(100);
    expect(searchAssets(ctx, q, undefined, 8)).toEqual(all.slice(0, 8));
    expect(searchAssets(ctx, 'historian', 'crown jewel', 5)).toEqual(searchAssets(ctx, 'historian', 'crown jewel', 5000).slice(0, 5));
  });
  it('an exact id comes first', () => {
    const target = big.assets[12_345]!;
    expect(ids2(target.id)[0]).toBe(target.id);
  });
  const ids2 = (text: string) => searchAssets(ctx, text, undefined, 3).map((o) => o.id);
});
