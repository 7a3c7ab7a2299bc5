// The CSV writer: RFC 4180 records read back field for field by the importer's own RFC 4180 reader,
// and text cells that would start a spreadsheet formula written as text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/import/csv';
import { csvField, neutralizeFormula, toCsv } from '../../../src/report/csv';

function readBack(text: string): string[][] {
  const r = parseCsv(text, { delimiter: ',' });
  if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
  return [[...r.table.header], ...r.table.records.map((x) => [...x.fields])];
}

describe('csvField', () => {
  it('quotes a field holding a comma, a quote, CR or LF, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes numbers, booleans and empties as values', () => {
    expect(csvField(1234.5)).toBe('1234.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('neutralizes text that a spreadsheet would run as a formula', () => {
    for (const evil of ['=1+1', '+1+1', '-1+1', '@SUM(A1:A9)', '=HYPERLINK("http://evil.example","x")', '\t=1', '\r=1', '=cmd|\' /C calc\'!A0']) {
      const [, [back]] = readBack(toCsv(['cell'], [[evil]])) as [string[], [string]];
      expect(back).toBe(`'${evil}`);
      expect(back.startsWith("'")).toBe(true);
    }
    expect(neutralizeFormula('PLC 1 = main')).toBe('PLC 1 = main');
    expect(neutralizeFormula('')).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF and keeps the header', () => {
    const text = toCsv(['a', 'b'], [['x', 1], ['y,z', null]]);
    expect(text).toBe('a,b\r\nx,1\r\n"y,z",\r\n');
  });

  it('refuses a row of the wrong width', () => {
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow(/row 1 has 1 fields, the header 2/);
  });

  it('any text reads back as itself (neutralized formulas with their apostrophe), any number as its value', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', '=', '+', '-', '@', '\t', 'a', ' '), maxLength: 8 }), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const back = readBack(toCsv(['one', 'two', 'three'], rows));
        expect(back.slice(1)).toEqual(rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : neutralizeFormula(v)))));
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
