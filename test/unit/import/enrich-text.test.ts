// Text for phrase search (src/import/enrich/text.ts): normalized tokens, the map from each kept
// character back to the raw text (versions are read from the raw text), and version tokens.
import { describe, expect, it } from 'vitest';
import { isVersionToken, normText, tokensOf } from '../../../src/import/enrich/text';

describe('normText', () => {
  it('keeps letters, digits, ".", "-" and "+", folds the rest to single spaces and trims dots and dashes off word ends', () => {
    expect(normText('  SIMATIC S7-1500, CPU 1516-3 (V2.9.x).  ').text).toBe('simatic s7-1500 cpu 1516-3 v2.9.x');
    expect(normText('Step 7 / TIA Portal').text).toBe('step 7 tia portal');
    expect(normText('Größe Straße').text).toBe('größe straße');
    expect(normText(' ,;. ').text).toBe('');
  });

  it('maps every character it keeps to its index in the raw text', () => {
    const raw = '  SIMATIC S7-1500, CPU (V2.9)';
    const { text, at } = normText(raw);
    expect(text).toBe('simatic s7-1500 cpu v2.9');
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== ' ') expect(raw[at[i]!]!.toLowerCase()).toBe(text[i]);
    }
    expect(raw.slice(at[text.indexOf('v2.9')]!)).toBe('V2.9)');
  });
});

describe('tokensOf', () => {
  it('splits the normalized text into words', () => {
    expect(tokensOf('NPort 5110 / serial-device server.')).toEqual(['nport', '5110', 'serial-device', 'server']);
    expect(tokensOf('')).toEqual([]);
  });
});

describe('isVersionToken', () => {
  it.each([
    ['v3.1', true],
    ['2.9.2a', true],
    ['2018', true],
    ['sp2', true],
    ['22h2', true],
    ['v12', true],
    ['r2', true],
    ['s7-1500', false],
    ['1500', false],
    ['nport', false],
  ])('%s → %s', (t, expected) => expect(isVersionToken(t)).toBe(expected));
});
