// `twinpath report` as a user runs it: HTML for both sample plants, a PDF printed by Debian's
// headless Chromium (required: this test fails, never skips, without it), a what-if scenario, usage
// errors, and the hostile model's report opened in Chromium: no script runs, nothing is fetched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { CHROMIUM_ARGS, chromiumPath } from '../../../src/cli/report-command';
import { executiveReport } from '../../../src/report/html';
import { hostileModel, loadModel, PAYLOADS } from '../report/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-report-'));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/twinpath.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Page objects of a PDF, counted independently of the CLI's own count. */
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

describe('twinpath report', () => {
  it('Chromium is installed where the PDF tests expect it (CI installs Debian’s chromium)', () => {
    expect(existsSync(chromiumPath()), `no Chromium at ${chromiumPath()}: sudo apt-get install -y chromium`).toBe(true);
  });

  for (const [file, entry, entryName] of [
    ['models/reference-plant.json', 'supplier-net', 'Tier-2 supplier network (castings)'],
    ['models/water-treatment.json', 'integrator', undefined],
  ] as const) {
    it(`${file}: a self-contained HTML report`, () => {
      const out = join(dir, `${entry}.html`);
      const r = run(['report', file, '--entry', entry, '-o', out]);
      expect(r.stderr).toContain(`wrote ${out}: self-contained HTML`);
      expect(r.code).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toMatch(/<script|https?:|\bsrc=|\bhref=|url\(/i);
      expect(html).toContain('Content-Security-Policy');
      const model = loadModel(file);
      expect(html).toContain(`Breach story: ${(entryName ?? model.assets.find((a) => a.id === entry)!.name).replace(/&/g, '&amp;')}`);
      expect(html).toMatch(/€[\d,]+ per hour/);
      expect(html).toMatch(/These \d+ fixes costing €[\d,]+ cut plant risk by \d+(\.\d)?%/);
    });
  }

  it('a PDF of the reference plant with at least one page, printed by headless Chromium', () => {
    const out = join(dir, 'reference.pdf');
    const r = run(['report', 'models/reference-plant.json', '--entry', 'supplier-net', '--steps', '3', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const n = pages(pdf);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toContain(`PDF, ${n} page(s)`);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  }, 120_000);

  it('a PDF of the water utility too', () => {
    const out = join(dir, 'water.pdf');
    const r = run(['report', 'models/water-treatment.json', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(pages(readFileSync(out))).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('--scenario shows the what-if model before/after against the base', () => {
    const base = loadModel('models/water-treatment.json');
    const remote = base.connections.find((c) => c.from === 'integrator')!;
    const scenario = join(dir, 'no-remote.json');
    writeFileSync(scenario, JSON.stringify({ ...base, connections: base.connections.filter((c) => c.id !== remote.id) }));
    const out = join(dir, 'scenario.html');
    const r = run(['report', 'models/water-treatment.json', '--scenario', scenario, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('What-if scenario: no-remote');
    expect(html).toMatch(/Scenario “no-remote” cuts plant risk by \d+(\.\d)?%/);
    expect(r.stderr).toMatch(/scenario: €[\d,]+ → €[\d,]+/);
  });

  it('says plainly what is wrong: usage (2), unknown entry or bad model (1), missing Chromium (1)', () => {
    const noOut = run(['report', 'models/water-treatment.json']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('report needs -o report.html or -o report.pdf');
    expect(run(['report', 'models/water-treatment.json', '-o', join(dir, 'x.docx')]).code).toBe(2);
    expect(run(['report', 'models/water-treatment.json', '--steps', 'many', '-o', join(dir, 'x.html')]).code).toBe(2);
    const unknown = run(['report', 'models/water-treatment.json', '--entry', 'nope', '-o', join(dir, 'x.html')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown asset "nope"');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": 1');
    expect(run(['report', bad, '-o', join(dir, 'x.html')]).code).toBe(1);
    const missing = run(['report', 'models/water-treatment.json', '-o', join(dir, 'x.pdf')], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Chromium is needed for PDF output and was not found at /nonexistent/chromium');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('the hostile model’s report, opened in Chromium: no script runs, nothing is requested, names shown as text', async () => {
    const model = hostileModel();
    const { html } = executiveReport(buildContext(model), { entry: 'supplier-net' });
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      // Hover and focus everything an injected handler could hang on.
      for (const el of await page.locator('li, td, dd, h1, h2, p, text').all()) await el.hover({ force: true, timeout: 2000 }).catch(() => undefined);
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img, image, iframe, object, embed, link, a').length,
        handlers: Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes, (a) => a.name)).filter((n) => n.startsWith('on') || n === 'autofocus' || n === 'src' || n === 'href'),
        title: document.title,
        text: document.body.textContent ?? '',
      }));
      expect(dom.scripts).toBe(0);
      expect(dom.images).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(dom.title).toContain(PAYLOADS[5]);
      for (const p of PAYLOADS) expect(dom.text).toContain(p);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
