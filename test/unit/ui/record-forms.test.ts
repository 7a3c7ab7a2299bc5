// What the asset panel's record forms read (src/ui/records/record-forms.ts).
import { describe, expect, it } from 'vitest';
import { downtimeValue, newRecordId, parseLikelihood, resolveAsset } from '../../../src/ui/records/record-forms';
import { tinyPlant } from '../../helpers/builders';

describe('record forms', () => {
  it('resolves an asset by id, by name, by name in any case', () => {
    const m = tinyPlant();
    expect(resolveAsset(m, 'plc')).toBe('plc');
    expect(resolveAsset(m, 'Temperature sensor')).toBe('ts');
    expect(resolveAsset(m, ' temperature SENSOR ')).toBe('ts');
    expect(resolveAsset(m, 'nobody')).toBeUndefined();
    expect(resolveAsset(m, '')).toBeUndefined();
  });
  it('reads a likelihood as a fraction or a percentage in (0, 1]', () => {
    expect(parseLikelihood('0.3')).toBe(0.3);
    expect(parseLikelihood('.3')).toBe(0.3);
    expect(parseLikelihood('30%')).toBe(0.3);
    expect(parseLikelihood('1')).toBe(1);
    for (const bad of ['0', '1.5', '150%', '-0.1', 'x', '']) expect(parseLikelihood(bad)).toBeUndefined();
  });
  it('finds a record id free among connections, trust relations and media paths', () => {
    const m = tinyPlant();
    expect(newRecordId(m, 'c-9')).toBe('c-9');
    expect(newRecordId(m, 'c-1')).toBe('c-1-2');
    expect(newRecordId(m, 't-1')).toBe('t-1-2');
    expect(newRecordId(m, 'm-1')).toBe('m-1-2');
  });
  it('reads a downtime cost per hour (empty: none; not a cost: NaN)', () => {
    expect(downtimeValue('')).toBeUndefined();
    expect(downtimeValue('12000')).toBe(12000);
    expect(downtimeValue('€12,000')).toBe(12000);
    expect(downtimeValue('-5')).toBeNaN();
    expect(downtimeValue('2e12')).toBeNaN();
    expect(downtimeValue('lots')).toBeNaN();
  });
});
