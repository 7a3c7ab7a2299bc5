// The HTML report: self-contained (nothing remote, no scripts), every model string escaped, and
// the content an executive needs (story, impact, before/after, charts) for both sample plants.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { graphLayout } from '../../../src/analysis/layout';
import { esc } from '../../../src/report/escape';
import { formatMoney, formatMoneyShort, formatPercent, groupThousands } from '../../../src/report/format';
import { executiveReport, REPORT_CSP } from '../../../src/report/html';
import { graphSvg } from '../../../src/report/svg';
import { assertSafeHtml, hostileModel, load, markupOnly, PAYLOADS, SAMPLES, scanHtml } from './fixtures';

const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|#96|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`', amp: '&' })[e]!);

function assertNothingRemote(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/https?:/i);
  expect(html).not.toMatch(/\b(src|href|srcset|action|formaction|poster|data)\s*=/i);
  expect(html).not.toMatch(/url\s*\(/i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/<(link|iframe|object|embed|img|image|use|foreignObject|base|form|a)\b/i);
}

describe('format', () => {
  it('writes money for chart axes in a few characters, rounded to what the axis needs', () => {
    expect([0, 950, 9999, 10_000, 12_500, 999_000, 6_250_000, 25_000_000, 23_057_976, 1.2e9, -5_000_000].map(formatMoneyShort)).toEqual([
      '€0', '€950', '€9,999', '€10k', '€13k', '€999k', '€6.3M', '€25M', '€23M', '€1.2bn', '−€5M',
    ]);
    expect(formatMoneyShort(Number.NaN)).toBe('€—');
  });

  it('writes money with the euro sign and thousands separators, percentages plainly', () => {
    expect(formatMoney(23057976.24)).toBe('€23,057,976');
    expect(formatMoney(999.5)).toBe('€1,000');
    expect(formatMoney(0)).toBe('€0');
    expect(formatMoney(-1234)).toBe('−€1,234');
    expect(groupThousands(1234567)).toBe('1,234,567');
    expect(formatPercent(0.506)).toBe('51%');
    expect(formatPercent(0.0853)).toBe('8.5%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('escapes every character that could leave text or a double- or single-quoted attribute', () => {
    expect(esc(`<a href="x" onclick='y'>&\`\u0001`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;\ufffd');
  });
});

describe('reports of the sample plants', () => {
  for (const file of SAMPLES) {
    it(`${file}: self-contained, scripted by nothing, with story, impact, before/after and charts`, () => {
      const ctx = load(file);
      const { summary, html } = executiveReport(ctx);
      assertNothingRemote(html);
      const { tags, text } = assertSafeHtml(html);
      const csp = tags.find((t) => t.name === 'meta' && t.attributes.some((a) => a.name === 'http-equiv' && a.value === 'Content-Security-Policy'));
      expect(csp?.attributes.find((a) => a.name === 'content')?.value).toBe(esc(REPORT_CSP));
      const plain = decode(text);
      expect(plain).toContain(summary.plant.name);
      for (const step of summary.story!.steps) expect(plain).toContain(step.sentence);
      expect(plain).toContain(`${formatMoney(summary.story!.impact.downtimePerHour)} per hour`);
      expect(plain).toContain(`${formatMoney(summary.story!.impact.downtimePerDay)} per day`);
      expect(plain).toContain(summary.beforeAfter!.headline);
      expect(plain).toContain(formatMoney(summary.kpis.plantRisk));
      const charts = tags.filter((t) => t.name === 'svg').map((t) => t.attributes.find((a) => a.name === 'data-chart')?.value);
      expect(charts).toEqual(expect.arrayContaining(['plant-graph', 'before-after-plan', 'remediation-curve', 'risk-by-zone']));
      // Print stylesheet: A4 pages and page breaks.
      expect(html).toMatch(/@page\{size:A4/);
      expect(html).toMatch(/@media print\{[^]*break-before:page/);
      // The breach path is drawn: one highlighted segment per step.
      const graph = html.slice(html.indexOf('data-layer="breach-path"'));
      expect(graph.slice(0, graph.indexOf('</g>')).match(/<line /g)?.length).toBe(summary.story!.steps.length);
    });
  }

  it('with a what-if scenario: the KPI cards say they are the baseline’s and give the scenario’s beside them', () => {
    const base = load('models/water-treatment.json');
    const remote = base.model.connections.find((c) => c.from === 'integrator')!;
    const changed = buildContext({ ...base.model, connections: base.model.connections.filter((c) => c.id !== remote.id) });
    const { summary, html } = executiveReport(base, { entry: 'integrator', scenario: { name: 'No vendor remote', ctx: changed } });
    const plain = decode(assertSafeHtml(html).text);
    expect(plain).toContain('Key figures of the plant as modelled (baseline); the what-if “No vendor remote” beside each.');
    expect(plain).toContain(`what-if “No vendor remote”: ${formatMoney(summary.scenarioKpis!.plantRisk)}`);
    expect(summary.scenarioKpis!.plantRisk).toBeLessThan(summary.kpis.plantRisk);
    expect(decode(assertSafeHtml(executiveReport(base).html).text)).not.toContain('baseline');
  });

  it('names assets in the plan, never model ids', () => {
    const ctx = load('models/reference-plant.json');
    const plain = decode(assertSafeHtml(executiveReport(ctx, { steps: 5 }).html).text);
    for (const id of ['(t-13)', 'm-laptop', 'c-005']) expect(plain).not.toContain(id);
    expect(plain).toContain('Take MES (orders, recipes, genealogy) out of the domain of OT domain controller');
  });

  it('the same input gives the same document (no dates unless asked for)', () => {
    const ctx = load('models/water-treatment.json');
    expect(executiveReport(ctx).html).toBe(executiveReport(ctx).html);
    expect(executiveReport(ctx, { generatedAt: '2025-01-31' }).html).toContain('2025-01-31');
  });
});

describe('a hostile model', () => {
  const model = hostileModel();
  const ctx = buildContext(model);
  const { summary, html } = executiveReport(ctx, { entry: 'supplier-net', scenario: { name: PAYLOADS[2], ctx, changes: [...PAYLOADS] } });

  it('comes out escaped: no tag, attribute or reference of its own survives', () => {
    // The hostile strings mention URLs as text; the markup itself references nothing.
    assertNothingRemote(markupOnly(html));
    expect(html).not.toMatch(/<script/i);
    const { tags } = assertSafeHtml(html);
    expect(tags.filter((t) => t.name === 'title')).toHaveLength(1);
    expect(tags.filter((t) => t.name === 'style')).toHaveLength(1);
    for (const t of tags) for (const a of t.attributes) expect(a.name).not.toMatch(/^on/);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<img|<a |onload|onerror|onmouseover|onfocus|autofocus/i);
    expect(html).not.toMatch(/<img|<svg onload|<a href/i);
    expect(html).not.toContain('" onmouseover="x');
  });

  it('still shows every hostile string, as text', () => {
    const text = decode(scanHtml(html).text);
    for (const p of PAYLOADS) expect(text).toContain(p);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot; onmouseover=&quot;x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The story is told with the hostile names, escaped.
    for (const s of summary.story!.steps) expect(html).toContain(esc(s.sentence));
  });

  it('a standalone graph SVG of the hostile model is escaped too', () => {
    const svg = graphSvg(model, graphLayout(model), { path: ['supplier-net', 'supplier-portal'], standalone: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const { tags } = assertSafeHtml(svg);
    expect(tags[0]!.name).toBe('svg');
    expect(svg).not.toMatch(/<script|<img|<a /i);
    expect(markupOnly(svg)).not.toMatch(/onerror|onload|onmouseover|onfocus|href|src=/i);
  });
});

describe('the scanner the tests rely on', () => {
  it('rejects unescaped injections of each kind', () => {
    const page = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
    expect(() => assertSafeHtml(page('<p>ok &amp; fine</p>'))).not.toThrow();
    expect(() => assertSafeHtml(page('<p><script>alert(1)</script></p>'))).toThrow(/script/);
    expect(() => assertSafeHtml(page('<img src=x onerror=alert(1)>'))).toThrow();
    expect(() => assertSafeHtml(page('<p class="" onmouseover="x">a</p>'))).toThrow(/onmouseover/);
    expect(() => assertSafeHtml(page("<p class='a'>a</p>"))).toThrow(/double-quoted/);
    expect(() => assertSafeHtml(page('<p>a < b</p>'))).toThrow(/raw "<"/);
    expect(() => assertSafeHtml(page('<svg><rect fill="url(https://x.example/a)"/></svg>'))).toThrow(/remote/);
    expect(() => assertSafeHtml(page('<style>@import url(x.css)</style>'))).toThrow(/remote/);
  });
});
