import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twinpath } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-csv-'));
const EX = 'models/examples/';
const args = ['import', 'csv', '--assets', `${EX}inventory-assets.csv`, '--connections', `${EX}inventory-connections.csv`, '--mapping', `${EX}inventory-mapping.json`];

describe('twinpath import csv', () => {
  it('imports the example inventory into a valid model', () => {
    const out = join(dir, 'inventory.json');
    const r = twinpath([...args, '-o', out]);
    expect(r.stderr).toBe(`wrote ${out}: 7 assets, 3 zones, 6 connections, 1 entry points, 1 crown jewels\n`);
    expect(r.code).toBe(0);
    expect(twinpath(['validate', out]).code).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(m.plant.name).toBe('Bottling line (imported inventory)');
    expect(m.assets.find((a: { id: string }) => a.id === 'ews-01').description).toBe('Runs STEP 7\nand TIA Portal');
    expect(m.crownJewels).toEqual([{ asset: 'plc-01', impact: { safety: 'injury', downtimeCostPerHour: 12000 } }]);
  });

  it('writes the model to stdout without -o', () => {
    const r = twinpath(args);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).assets).toHaveLength(7);
  });

  it('exits 1 with row-numbered errors, one per line', () => {
    const assets = join(dir, 'bad-assets.csv');
    writeFileSync(assets, readFileSync(`${EX}inventory-assets.csv`, 'utf8').replace(';Router;Cell A;1;', ';Router;Cell A;7;').replace('plc-01;Filler PLC', 'gw-01;Filler PLC'));
    const r = twinpath(['import', 'csv', '--assets', assets, '--mapping', `${EX}inventory-mapping.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'bad-assets.csv row 6 (line 7) (id=rtr-01), column "Purdue": "7" is not a Purdue level (0,1,2,3,3.5,4,5)',
      'bad-assets.csv row 7 (line 8) (id=gw-01), column "Asset ID": duplicate asset id "gw-01" (first at row 5)',
    ]);
  });

  it('exits 1 on mapping errors naming the mapping file, 2 on missing options', () => {
    const mapping = join(dir, 'map.json');
    writeFileSync(mapping, JSON.stringify({ assets: { columns: { id: 'Asset ID', kind: 'Type', zone: 'Zone', level: 'Purdue', vendor: 'Vendor' } } }));
    const r = twinpath(['import', 'csv', '--assets', `${EX}inventory-assets.csv`, '--mapping', mapping]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${mapping.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: mapping\\.assets\\.columns\\.vendor: column "Vendor" is not in inventory-assets\\.csv \\(its columns: "Asset ID", "Hostname"`));
    expect(twinpath(['import', 'csv', '--assets', `${EX}inventory-assets.csv`]).code).toBe(2);
  });
});
