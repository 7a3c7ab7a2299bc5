// Vendor names (src/import/enrich/vendor.ts): normalization, canonical keys through aliases, the
// vendors one advisory names, and how an asset's vendor meets an advisory's.
import { describe, expect, it } from 'vitest';
import { advisoryVendorKeys, normVendor, vendorKey, vendorMatchKind } from '../../../src/import/enrich/vendor';

describe('normVendor', () => {
  it.each([
    ['Rockwell Automation, Inc.', 'rockwell automation'],
    ['B&R Industrial Automation GmbH', 'b and r industrial automation'],
    ['Schneider Electric SE', 'schneider electric'],
    ['  Moxa   Inc. ', 'moxa'],
    // A name that is only a legal suffix keeps it: something must be left to match.
    ['Group', 'group'],
  ])('%j → %j', (raw, expected) => expect(normVendor(raw)).toBe(expected));
});

describe('vendorKey', () => {
  it('maps known other names to the canonical vendor and says so', () => {
    expect(vendorKey('Allen-Bradley')).toEqual({ key: 'rockwell automation', via: 'alias' });
    expect(vendorKey('OSIsoft LLC')).toEqual({ key: 'aveva', via: 'alias' });
    expect(vendorKey('Siemens AG')).toEqual({ key: 'siemens', via: 'normalized' });
  });

  it('finds nothing on Object.prototype', () => {
    expect(vendorKey('constructor')).toEqual({ key: 'constructor', via: 'normalized' });
    expect(vendorKey('__proto__')).toEqual({ key: 'proto', via: 'normalized' });
  });
});

describe('advisoryVendorKeys', () => {
  it('lists the whole name and each vendor of "A and B" or "A / B"', () => {
    expect(advisoryVendorKeys('Hitachi Energy and ABB')).toEqual(['hitachi energy and abb', 'hitachi energy', 'abb']);
    expect(advisoryVendorKeys('Schneider Electric / Triconex')).toEqual(['schneider electric']);
    expect(advisoryVendorKeys('Siemens')).toEqual(['siemens']);
  });
});

describe('vendorMatchKind', () => {
  it('is exact when the names are the same but for case and outer spaces, alias when either side went through one', () => {
    expect(vendorMatchKind('Siemens', ' siemens ')).toBe('exact');
    expect(vendorMatchKind('Siemens AG', 'Siemens')).toBe('normalized');
    expect(vendorMatchKind('Allen-Bradley', 'Rockwell Automation')).toBe('alias');
    expect(vendorMatchKind('OSIsoft', 'AVEVA')).toBe('alias');
  });
});
