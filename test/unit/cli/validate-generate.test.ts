import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twinpath } from '../../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-cli-'));
const reference = readFileSync('models/reference-plant.json', 'utf8');

function broken(name: string, edit: (text: string) => string): string {
  const file = join(dir, name);
  const text = edit(reference);
  expect(text).not.toBe(reference);
  writeFileSync(file, text);
  return file;
}

describe('twinpath validate', () => {
  it('exits 0 on the sample plants', () => {
    for (const f of ['models/reference-plant.json', 'models/water-treatment.json']) {
      const r = twinpath(['validate', f]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/valid plant model/);
    }
  });

  it.each([
    ['dangling reference', (t: string) => t.replace('"from":"plc-a2","to":"rob-a1"', '"from":"plc-a2","to":"plc-99"'), /connections\[\d+\]\(id=c-\d+\)\.to: unknown asset "plc-99"/],
    ['duplicate id', (t: string) => t.replace('"id":"c-002"', '"id":"c-001"'), /connections\[1\]\(id=c-001\)\.id: duplicate id "c-001" \(first at connections\[0\]\)/],
    ['likelihood 1.5', (t: string) => t.replace('"id":"c-001",', '"id":"c-001","likelihood":1.5,'), /connections\[0\]\(id=c-001\)\.likelihood: likelihood 1\.5 is outside \(0, 1\]/],
    ['__proto__ key', (t: string) => t.replace('"id":"mes",', '"id":"mes","__proto__":{"isAdmin":true},'), /assets\[\d+\]\(id=mes\)\.__proto__: forbidden key "__proto__"/],
    ['truncated JSON', (t: string) => t.slice(0, Math.floor(t.length / 2)), /invalid JSON at line \d+, column \d+: /],
  ])('exits 1 on a %s, with a path-named error per line on stderr', (name, edit, expected) => {
    const file = broken(`${name.replace(/\W+/g, '-')}.json`, edit);
    const r = twinpath(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${file}: `)).toBe(true);
    expect(lines[0]).toMatch(expected);
  });

  it('lists several errors, one per line', () => {
    const file = broken('several.json', (t) => t.replace('"zone":"z-ops"', '"zone":"z-nope"').replace('"to":"hmi-a1"', '"to":"ghost"'));
    const r = twinpath(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('exits 1 on a missing file and 2 on usage errors', () => {
    expect(twinpath(['validate', join(dir, 'nope.json')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read .*ENOENT/) });
    expect(twinpath(['validate']).code).toBe(2);
    expect(twinpath(['validate', 'a.json', 'b.json']).code).toBe(2);
    expect(twinpath(['frobnicate']).code).toBe(2);
    expect(twinpath(['validate', '--bogus', 'x.json']).code).toBe(2);
    expect(twinpath([]).code).toBe(2);
    expect(twinpath(['help']).code).toBe(0);
  });
});

describe('twinpath generate', () => {
  it('writes a deterministic plant that validates', () => {
    const a = join(dir, 'g1.json');
    const b = join(dir, 'g2.json');
    expect(twinpath(['generate', '--assets', '300', '--seed', '9', '-o', a]).code).toBe(0);
    expect(twinpath(['generate', '--assets', '300', '--seed', '9', '-o', b]).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(twinpath(['validate', a]).code).toBe(0);
    const stdout = twinpath(['generate', '--assets', '300', '--seed', '9']);
    expect(stdout.stdout).toBe(readFileSync(a, 'utf8'));
  });

  it('rejects bad options with exit 2', () => {
    expect(twinpath(['generate']).code).toBe(2);
    expect(twinpath(['generate', '--assets', 'many']).code).toBe(2);
    expect(twinpath(['generate', '--assets', '5']).code).toBe(2);
  });

  it('makes a 100,000-asset, 1,000,000-connection plant that validates', () => {
    const file = join(dir, 'g100k.json');
    const g = twinpath(['generate', '--assets', '100000', '-o', file]);
    expect(g.code).toBe(0);
    expect(g.stderr).toMatch(/100000 assets, 1000000 connections/);
    const v = twinpath(['validate', file]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/100000 assets, \d+ zones, 1000000 connections/);
    // The analysis commands work at this size too.
    const blast = twinpath(['blast', file, '--from', 'supplier', '--json']);
    expect(blast.stderr).toBe('');
    expect(blast.code).toBe(0);
    const b = JSON.parse(blast.stdout) as { reached: unknown[]; impact: { crownJewels: unknown[] } };
    expect(b.reached.length).toBeGreaterThan(1000);
    expect(b.impact.crownJewels.length).toBeGreaterThan(0);
    const paths = twinpath(['paths', file, '--from', 'internet', '--json']);
    expect(paths.code).toBe(0);
    expect((JSON.parse(paths.stdout) as { paths: unknown[] }).paths.length).toBeGreaterThan(0);
  }, 300_000);
});
