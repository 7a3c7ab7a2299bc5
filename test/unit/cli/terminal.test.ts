// Model strings cannot take over the terminal: every human-readable line the CLI prints shows
// control characters, C1 controls and bidi overrides as visible escapes, and a newline inside a
// value never starts a line of its own. JSON output is written as is.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constantText, lines, oneLine, show, table, terminalIo, txt, type Sink } from '../../../src/io/node/terminal';
import { InputError } from '../../../src/cli/analysis-commands';
import { failure } from '../../../src/cli/main';
import type { PlantModel } from '../../../src/model/schema';
import { twinpath, type CliRun } from '../../helpers/cli';

/** Bytes that must never reach the terminal raw (LF is allowed: it is the format's own line break). */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// Window title, a tab, clear screen, carriage return, a forged line, the one-byte C1 CSI, a right-to-left override, an isolate.
// (No tab or space at the ends: --from trims its ids.)
const PAYLOAD = '\x1b]0;pwned\x07\t\x1b[2J\rOK\nPlant risk: 0 (forged)\u009b31m\u202egnp.exe\u2066';
const FORGED_LINE = /^Plant risk: 0 \(forged\)/m;

function capture(): { sink: Sink; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { sink: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

describe('show, txt, oneLine, table', () => {
  it('escapes C0 controls, DEL, C1 controls, bidi controls and lone surrogates; keeps other text', () => {
    expect(show('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(show('\n\r\t\x00\x07\x7f')).toBe('\\n\\r\\t\\x00\\x07\\x7f');
    expect(show('\u0085\u009b')).toBe('\\x85\\x9b');
    expect(show('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069');
    expect(show('\u200e\u200f\u061c\u2028\u2029')).toBe('\\u200e\\u200f\\u061c\\u2028\\u2029');
    expect(show('x\ud800y\udc00')).toBe('x\\ud800y\\udc00');
    const plain = 'Bremsen-Werk — Zürich → 😀 €1,000 「工場」 مصنع';
    expect(show(plain)).toBe(plain);
    expect(show(show(PAYLOAD))).toBe(show(PAYLOAD));
    expect(show(PAYLOAD)).not.toMatch(FORBIDDEN);
    expect(show(PAYLOAD)).not.toContain('\n');
  });

  it('txt keeps the template, escapes the values; a Text value is kept as built', () => {
    const inner = txt`\t${'a\nb'}\n`;
    expect(String(txt`${'x\x1b'}:\n${inner}`)).toBe('x\\x1b:\n\ta\\nb\n');
    expect(String(lines(['one', 'two\nthree', txt`four\n`]))).toBe('one\ntwo\\nthree\nfour\n\n');
  });

  it('oneLine keeps only a trailing newline', () => {
    expect(oneLine('a\nb\n')).toBe('a\\nb\n');
    expect(oneLine('\nx')).toBe('\\nx');
    expect(oneLine('x\n\n')).toBe('x\\n\n');
  });

  it('table pads by the escaped width', () => {
    expect(String(table([['id', 'n'], ['a\x1b', 1], ['bb', 22]]))).toBe('id     n\na\\x1b  1\nbb     22\n');
  });

  it('terminalIo: plain strings one line, Text as built but for a stray control, raw output untouched', () => {
    const c = capture();
    const io = terminalIo(c.sink);
    io.out(`x${PAYLOAD}\n`);
    io.err(constantText('a\x1b\tb\n'));
    io.rawOut(`{"name": "${PAYLOAD}"}\n`);
    expect(c.out[0]).not.toMatch(FORBIDDEN);
    expect(c.out[0]!.split('\n')).toHaveLength(2);
    expect(c.err).toEqual(['a\\x1b\tb\n']);
    expect(c.out[1]).toBe(`{"name": "${PAYLOAD}"}\n`);
  });

  it('InputError lines: an array keeps a value on its line; failure() prints them and any error one line each', () => {
    const c = capture();
    const io = terminalIo(c.sink);
    expect(failure(new InputError([`a${PAYLOAD}`, 'b']), io)).toBe(1);
    expect(c.err).toHaveLength(2);
    expect(c.err.join('')).not.toMatch(FORBIDDEN);
    expect(failure(new Error(`boom${PAYLOAD}`), io)).toBe(1);
    expect(c.err[2]).toMatch(/^twinpath: unexpected error: boom\\x1b\]0;pwned\\x07\\t\\x1b\[2J\\rOK \(TWINPATH_DEBUG=1/);
    expect(failure('not an Error', io)).toBe(1);
    expect(c.err[3]).toMatch(/^twinpath: unexpected error: not an Error /);
  });
});

describe('every human-readable command on a model full of terminal escapes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-terminal-'));
  const text = readFileSync('models/reference-plant.json', 'utf8');
  const ENTRY = `supplier-net${PAYLOAD}`;
  const JEWEL = `erp${PAYLOAD}`;
  // Ids renamed wherever they are referenced (every string field holding them but `kind`).
  const renamed = JSON.parse(text, function (key, v: unknown) {
    if (key === 'kind') return v;
    return v === 'supplier-net' ? ENTRY : v === 'erp' ? JEWEL : v;
  }) as PlantModel;
  const model = renamed;
  const m = model as unknown as {
    plant: { name: string; description?: string };
    zones: { name: string }[];
    assets: { name: string; vulnerabilities?: { description?: string; source?: string }[] }[];
    productionLines: { name: string }[];
  };
  m.plant.name += PAYLOAD;
  for (const z of m.zones) z.name += PAYLOAD;
  for (const a of m.assets) {
    a.name += PAYLOAD;
    for (const v of a.vulnerabilities ?? []) v.description = `${v.description ?? ''}${PAYLOAD}`;
  }
  for (const l of m.productionLines) l.name += PAYLOAD;
  const M = join(dir, 'evil.json');
  writeFileSync(M, JSON.stringify(model));
  // The base of the diff: the entry point cut off, so the evil model has new paths from it.
  const base = JSON.parse(JSON.stringify(model)) as PlantModel;
  (base as unknown as { connections: { from: string }[] }).connections = base.connections.filter((c) => c.from !== ENTRY);
  const BASE = join(dir, 'base.json');
  writeFileSync(BASE, JSON.stringify(base));
  // An invalid model: its errors quote the evil id and zone.
  const broken = JSON.parse(JSON.stringify(model)) as { assets: { zone: string }[] };
  broken.assets[3]!.zone = `nowhere${PAYLOAD}`;
  const BROKEN = join(dir, 'broken.json');
  writeFileSync(BROKEN, JSON.stringify(broken));

  const runs: [string, string[], number][] = [
    ['validate', ['validate', M], 0],
    ['graph', ['graph', M], 0],
    ['paths', ['paths', M, '--from', ENTRY, '--to', `${JEWEL},mes`, '--k', '2'], 0],
    ['blast', ['blast', M, '--from', ENTRY], 0],
    ['chokepoints', ['chokepoints', M], 0],
    ['risk', ['risk', M], 0],
    ['remediate', ['remediate', M], 0],
    ['contain', ['contain', M, '--from', ENTRY], 0],
    ['simulate', ['simulate', M, '--samples', '200'], 0],
    ['diff', ['diff', BASE, M], 0],
    ['diff (removed paths)', ['diff', M, BASE], 0],
    ['analyze', ['analyze', M, '--samples', '200'], 0],
    ['enrich', ['enrich', M], 0],
    ['report', ['report', M, '-o', join(dir, 'r.html')], 0],
    ['import pcap --merge', ['import', 'pcap', 'test/fixtures/pcaps/dnp3.pcap', '--merge', M, '-o', join(dir, 'merged.json')], 0],
    ['validation errors', ['validate', BROKEN], 1],
    ['an unknown asset', ['blast', M, '--from', `nope${PAYLOAD}`], 1],
    ['an unknown --entry', ['report', M, '--entry', `nope${PAYLOAD}`, '-o', join(dir, 'r.html')], 1],
    ['a missing file named with escapes', ['validate', join(dir, `missing${PAYLOAD}.json`)], 1],
    ['an analysis command on a missing file named with escapes', ['risk', join(dir, `missing${PAYLOAD}.json`)], 1],
    ['an unknown command', [`frobnicate${PAYLOAD}`], 2],
    ['an unknown option', ['graph', M, `--${PAYLOAD}`], 2],
  ];

  const results = new Map<string, CliRun>();
  it.each(runs)('%s: no raw control or bidi character, no forged line', (name, args, code) => {
    const r = twinpath(args);
    results.set(name, r);
    expect(r.code, r.stderr).toBe(code);
    const all = r.stdout + r.stderr;
    const bad = FORBIDDEN.exec(all);
    expect(bad && JSON.stringify(all.slice(Math.max(0, bad.index - 40), bad.index + 10)), 'raw control character').toBeNull();
    expect(all).not.toMatch(FORGED_LINE);
    expect(all).not.toMatch(/^\s+at /m);
  });

  it('the values are shown, escaped, not dropped', () => {
    const valid = results.get('validate') ?? twinpath(['validate', M]);
    expect(valid.stdout).toContain(`valid plant model "Auteva Brake Systems — Plant Regensburg${show(PAYLOAD)}"`);
    expect(valid.stdout).toContain('\\x1b]0;pwned\\x07\\t\\x1b[2J\\rOK\\nPlant risk: 0 (forged)\\x9b31m\\u202egnp.exe\\u2066');
    const errors = results.get('validation errors') ?? twinpath(['validate', BROKEN]);
    expect(errors.stderr).toContain(`unknown zone "nowhere\\u001b]0;pwned\\u0007\\t\\u001b[2J\\rOK\\nPlant risk: 0 (forged)\\x9b31m\\u202egnp.exe\\u2066"`);
    expect(errors.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--json output: the same JSON value, with C1 and bidi controls written as \\u escapes (nothing a terminal acts on)', () => {
    for (const args of [['graph', M], ['risk', M], ['blast', M, '--from', ENTRY], ['diff', BASE, M]]) {
      const r = twinpath([...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const bad = FORBIDDEN.exec(r.stdout.replace(/\n/g, ''));
      expect(bad && JSON.stringify(r.stdout.slice(Math.max(0, bad.index - 40), bad.index + 10)), 'raw control character').toBeNull();
      // The value is untouched: the model's strings come back with their controls.
      expect(r.stdout).toContain('\\u202egnp.exe');
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain('\u202egnp.exe');
    }
    const report = twinpath(['report', M, '-o', '-']);
    expect(report.code, report.stderr).toBe(0);
    expect(FORBIDDEN.exec(report.stdout.replace(/[\n\t]/g, ''))).toBeNull();
  });
});
