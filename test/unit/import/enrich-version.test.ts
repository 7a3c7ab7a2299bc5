// Versions (src/import/enrich/version.ts) beyond readConstraint (pinned in enrich.test.ts): an
// asset's version, and the check of it against the range that follows one mention of its product.
import { describe, expect, it } from 'vitest';
import { assetVersion, checkOccurrence } from '../../../src/import/enrich/version';
import type { Asset } from '../../../src/model/schema';

const asset = (firmware?: string): Asset => ({ id: 'a', name: 'a', kind: 'plc', zone: 'z', ...(firmware !== undefined ? { firmware } : {}) });

describe('assetVersion', () => {
  it('reads the firmware first, else the version taken off the product name', () => {
    expect(assetVersion(asset('V2.10'), '2018')).toEqual({ ver: [2, 10], text: 'V2.10', from: 'firmware', approx: false });
    expect(assetVersion(asset(), '2018')).toEqual({ ver: [2018], text: '2018', from: 'product name', approx: false });
    expect(assetVersion(asset(), undefined)).toBeUndefined();
  });

  it('marks a version with letters after its numbers as approximate', () => {
    expect(assetVersion(asset('4.2a'), undefined)).toEqual({ ver: [4, 2], text: '4.2a', from: 'firmware', approx: true });
  });

  it('does not fall back to the product name when the firmware holds no number', () => {
    expect(assetVersion(asset('unknown'), '1.0')).toBeUndefined();
  });
});

describe('checkOccurrence', () => {
  const v210 = assetVersion(asset('2.10'), undefined);

  it('decides affected, not affected and all versions', () => {
    expect(checkOccurrence(': versions prior to 3.0', v210, undefined)).toEqual({ kind: 'affected', constraint: 'prior to 3.0' });
    expect(checkOccurrence(': versions prior to 2.9', v210, undefined)).toEqual({ kind: 'not-affected', constraint: 'prior to 2.9' });
    expect(checkOccurrence(': All versions', v210, undefined)).toEqual({ kind: 'all', constraint: 'all versions' });
  });

  it('says why it cannot decide', () => {
    expect(checkOccurrence(undefined, v210, undefined)).toEqual({ kind: 'unknown', reason: 'the product is named outside the products-affected list' });
    expect(checkOccurrence(': see vendor', v210, undefined)).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('no version range TwinPath can read') });
    expect(checkOccurrence(': versions prior to 3.0', undefined, undefined)).toMatchObject({ kind: 'unknown', reason: 'the asset has no firmware version to check against "prior to 3.0"' });
    expect(checkOccurrence(': versions prior to 2.10.5', v210, undefined)).toMatchObject({ kind: 'unknown', reason: 'version "2.10" is not precise enough for "prior to 2.10.5"' });
  });

  it('leaves a range given for a more specific model unchecked', () => {
    expect(checkOccurrence(' series R12CCPU-V: all versions', v210, undefined)).toMatchObject({ kind: 'unknown', constraint: 'all versions', reason: expect.stringContaining('more specific than the asset') });
    // The version hint taken off the asset's product name is not a narrower model.
    expect(checkOccurrence(' 2018: all versions', v210, '2018')).toEqual({ kind: 'all', constraint: 'all versions' });
  });

  it('checks an approximate version only where its letters cannot change the answer', () => {
    const v29a = assetVersion(asset('2.9a'), undefined);
    expect(checkOccurrence(': versions prior to 3.0', v29a, undefined)).toEqual({ kind: 'affected', constraint: 'prior to 3.0' });
    expect(checkOccurrence(': versions prior to 2.9', v29a, undefined)).toEqual({ kind: 'not-affected', constraint: 'prior to 2.9' });
  });

  it('notes the CVEs the mention names', () => {
    expect(checkOccurrence(' (CVE-2022-1234): versions prior to 3.0', v210, undefined)).toEqual({ kind: 'affected', constraint: 'prior to 3.0', cves: new Set(['CVE-2022-1234']) });
  });
});
