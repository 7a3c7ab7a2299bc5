// The KB index for matching (src/import/enrich/kb-index.ts): advisories and KEV entries by
// canonical vendor, phrase hits, and the raw products-affected text after a hit.
import { describe, expect, it } from 'vitest';
import { findAll, indexKb, windowAfter } from '../../../src/import/enrich/kb-index';
import type { Advisory, Kb, KevEntry } from '../../../src/import/kb';

const advisory: Advisory = {
  index: 0,
  id: 'ICSA-00-000-01',
  vendor: 'Moxa Inc. and Siemens',
  title: 'Moxa NPort',
  product: 'NPort 5100 Series',
  affected: 'NPort 5110: Firmware versions 2.10 and prior; NPort 5130, NPort 5150: Firmware 3.9 and prior',
  released: '2022-01-01',
  cvss: 7.5,
  severity: 'High',
  cves: ['CVE-2022-0001'],
};
const kev: KevEntry[] = [
  { cve: 'CVE-2018-13379', vendor: 'Fortinet', product: 'FortiOS and FortiProxy', name: 'path traversal', dateAdded: '2021-11-03', knownRansomwareCampaignUse: true },
  { cve: 'CVE-2000-0001', vendor: 'Fortinet', product: 'Multiple Products', name: 'many', dateAdded: '2021-11-03', knownRansomwareCampaignUse: false },
];
const kb = { advisories: [advisory], kev } as unknown as Kb;

describe('indexKb', () => {
  const index = indexKb(kb);

  it('files an advisory under every vendor it names, once per KB', () => {
    expect([...index.byVendor.keys()]).toEqual(['moxa inc and siemens', 'moxa', 'siemens']);
    expect(index.byVendor.get('moxa')![0]!.advisory).toBe(advisory);
    expect(indexKb(kb)).toBe(index);
  });

  it('normalizes product, title and affected text into one padded string', () => {
    const ia = index.byVendor.get('moxa')![0]!;
    expect(ia.text).toBe(' nport 5100 series | moxa nport | nport 5110 firmware versions 2.10 and prior nport 5130 nport 5150 firmware 3.9 and prior ');
    expect(ia.text.slice(ia.affectedStart)).toMatch(/^nport 5110 /);
  });

  it('keeps KEV products whole and in parts, and drops "Multiple Products"', () => {
    expect(index.kevByVendor.get('fortinet')!.map((k) => [k.entry.cve, k.text, k.parts])).toEqual([['CVE-2018-13379', 'fortios and fortiproxy', ['fortios and fortiproxy', 'fortios', 'fortiproxy']]]);
  });
});

describe('findAll', () => {
  it('finds whole-word hits only, up to a limit', () => {
    expect(findAll(' a a a ', 'a')).toEqual([1, 3, 5]);
    expect(findAll(' ab a ', 'a')).toEqual([4]);
    expect(findAll(' a a a a ', 'a', 2)).toEqual([1, 3]);
  });
});

describe('windowAfter', () => {
  const ia = indexKb(kb).byVendor.get('moxa')![0]!;
  const windows = (phrase: string) => findAll(ia.text, phrase).map((hit) => windowAfter(ia, hit, phrase));

  it('gives the raw text after a hit in the products-affected list, up to the next product', () => {
    expect(windows('nport 5110')).toEqual([': Firmware versions 2.10 and prior']);
    expect(windows('nport 5150')).toEqual([': Firmware 3.9 and prior']);
    // Named in a list of products that share one range: the range is not its own.
    expect(windows('nport 5130')).toEqual(['']);
  });

  it('gives nothing for hits in the product or the title', () => {
    expect(windows('nport')).toEqual([undefined, undefined, ' 5110: Firmware versions 2.10 and prior', ' 5130', ' 5150: Firmware 3.9 and prior']);
  });
});
