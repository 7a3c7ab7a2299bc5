// The executive report as one self-contained HTML document: inline CSS (with a print stylesheet
// for A4 PDFs), inline hand-made SVG charts, no scripts, no external URLs, a Content-Security-Policy
// that forbids fetching anything, and every string escaped by the one escape function. Pure.
import { graphLayout } from '../analysis/layout';
import type { PlantContext } from '../analysis/context';
import { esc } from './escape';
import { executiveSummary, type BeforeAfter, type ExecutiveOptions, type ExecutiveSummary } from './executive';
import { PROFILES } from '../analysis/profiles';
import { formatDays, formatHours, formatMoney, formatPercent, groupThousands } from './format';
import type { BreachStory } from './story';
import { beforeAfterSvg, graphSvg, remediationCurveSvg, riskByZoneSvg } from './svg';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** "about 1 in 5" for a probability (empty for 0). */
export function oneIn(p: number): string {
  if (!(p > 0)) return '';
  if (p >= 0.95) return 'near certain';
  const n = Math.round(1 / p);
  return `about 1 in ${groupThousands(n)}`;
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#ffffff;color:#101820;font:18px/1.45 "Segoe UI",Helvetica,Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:32px 40px 48px}
h1{font-size:40px;line-height:1.15;margin:0 0 6px}
h2{font-size:30px;margin:36px 0 14px;border-bottom:3px solid #101820;padding-bottom:6px}
h3{font-size:22px;margin:20px 0 8px}
.sub{color:#51606f;font-size:20px;margin:0 0 20px}
.muted{color:#51606f}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:18px 0}
.kpi{border:3px solid #101820;border-radius:10px;padding:14px 16px;background:#f4f7fa}
.kpi .v{display:block;font-size:34px;font-weight:800;line-height:1.1}
.kpi .l{display:block;font-size:17px;color:#3a4756;margin-top:4px;text-transform:uppercase;letter-spacing:.04em}
.kpi .d{display:block;font-size:14px;color:#51606f;margin-top:6px}
.kpi .w{display:block;font-size:17px;font-weight:700;color:#5b3a00;margin-top:6px}
.kpi-head{font-size:17px;color:#3a4756;margin:14px 0 0}
.kpi.risk .v{color:#b71c1c}
.headline{font-size:26px;font-weight:700;margin:8px 0 4px}
.lead{font-size:28px;font-weight:800;line-height:1.25;margin:18px 0 6px;padding:14px 18px;border-left:8px solid #b71c1c;background:#fff5f5}
.lead-detail{font-size:17px;color:#3a4756;margin:0 0 14px}
ol.story{list-style:none;padding:0;margin:14px 0;counter-reset:s}
ol.story li{display:grid;grid-template-columns:56px 1fr;gap:14px;align-items:start;padding:10px 0;border-bottom:1px solid #c9d2db}
ol.story .n{display:flex;width:48px;height:48px;border-radius:50%;background:#b71c1c;color:#fff;font-size:24px;font-weight:800;align-items:center;justify-content:center}
ol.story .s{font-size:21px;font-weight:600}
ol.story .t{font-size:16px;color:#3a4756}
.impact{border:4px solid #b71c1c;border-radius:12px;padding:16px 20px;background:#fff5f5;margin:16px 0}
.impact dl{display:grid;grid-template-columns:260px 1fr;gap:8px 16px;margin:0}
.impact dt{font-weight:700;font-size:19px}
.impact dd{margin:0;font-size:19px}
.big{font-size:28px;font-weight:800}
.danger{color:#b71c1c;font-weight:800}
.ba-head{font-size:26px;font-weight:700;color:#1b7f3b;margin:10px 0}
table{border-collapse:collapse;width:100%;font-size:17px;margin:10px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #c9d2db;vertical-align:top}
th{background:#eef2f6}
td.num,th.num{text-align:right;white-space:nowrap}
figure{margin:12px 0}
figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:15px;color:#51606f;margin-top:6px}
.notes{font-size:14px;color:#51606f}
footer{margin-top:36px;font-size:14px;color:#51606f;border-top:1px solid #c9d2db;padding-top:10px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{font-size:12pt}
  main{max-width:none;padding:0}
  h1{font-size:24pt}
  h2{font-size:17pt;margin-top:0}
  .page{break-before:page}
  .kpi,.impact,ol.story li,figure,table,tr,.ba{break-inside:avoid}
  .kpi .v{font-size:20pt}
  ol.story .s{font-size:13pt}
  .impact dd,.impact dt{font-size:12pt}
  .big{font-size:16pt}
  .headline,.ba-head{font-size:15pt}
}
`;

function kpiCards(s: ExecutiveSummary): string {
  const k = s.kpis;
  const w = s.scenarioKpis;
  const what = w && s.scenario ? `what-if “${s.scenario.label}”` : '';
  const card = (cls: string, value: string, label: string, detail: string, scenario: string | null) =>
    `<div class="kpi ${cls}"><span class="v">${esc(value)}</span><span class="l">${esc(label)}</span>` +
    (scenario !== null ? `<span class="w">${esc(`${what}: ${scenario}`)}</span>` : '') +
    `<span class="d">${esc(detail)}</span></div>`;
  const head = w ? `<p class="kpi-head">${esc(`Key figures of the plant as modelled (baseline); the ${what} beside each.`)}</p>` : '';
  return (
    `${head}<section class="kpis" aria-label="Key figures">` +
    card('risk', formatMoney(k.plantRisk), 'Plant risk', 'expected loss: likelihood × impact, summed over crown jewels', w && formatMoney(w.plantRisk)) +
    card('', formatMoney(k.moneyAtRisk), 'Money at risk', `impact of the ${k.jewelsReachable} of ${k.jewelsTotal} crown jewels an attacker can reach`, w && formatMoney(w.moneyAtRisk)) +
    card('', `${k.linesAtRisk} of ${k.linesTotal}`, 'Lines at risk', k.lineNames.join('; ') || 'no production line can be stopped', w && `${w.linesAtRisk} of ${w.linesTotal}`) +
    card('', String(k.chokepoints), 'Chokepoints', k.chokepointNames.length ? `harden these to cut most paths: ${k.chokepointNames.slice(0, 6).join(', ')}${k.chokepointNames.length > 6 ? ', …' : ''}` : 'no asset lies across the attack paths', w && String(w.chokepoints)) +
    '</section>'
  );
}

function impactBlock(story: BreachStory): string {
  const i = story.impact;
  const lines = i.linesStopped.length
    ? i.linesStopped.map((l) => `${esc(l.name)} <span class="muted">(${esc(formatMoney(l.costPerHour))}/h, restore ${esc(formatHours(l.restoreHours))})</span>`).join('<br>')
    : 'none';
  const data = i.dataExposed.length ? i.dataExposed.map((d) => `${esc(d.label)} <span class="muted">(${esc(d.name)})</span>`).join('<br>') : 'none';
  return (
    '<div class="impact" data-part="impact"><dl>' +
    `<dt>Production lines stopped</dt><dd><span class="big">${i.linesStopped.length} of ${i.linesTotal}</span><br>${lines}</dd>` +
    `<dt>Downtime cost</dt><dd><span class="big">${esc(formatMoney(i.downtimePerHour))} per hour</span> · <span class="big">${esc(formatMoney(i.downtimePerDay))} per day</span></dd>` +
    `<dt>Worst safety consequence</dt><dd class="${i.worstSafety === 'none' ? '' : 'danger'}">${esc(i.safetyText)}</dd>` +
    `<dt>Data exposed</dt><dd>${data}</dd>` +
    `<dt>Reach of the attacker</dt><dd>${groupThousands(i.assetsReached)} assets, ${i.crownJewels.length} crown jewel${i.crownJewels.length === 1 ? '' : 's'}</dd>` +
    '</dl></div>'
  );
}

/** Who the figures are for, said plainly: the story's attacker and the plant-wide profile. */
export function attackerText(s: ExecutiveSummary): string {
  const story = s.story?.attacker;
  const plant = s.profile ? `Plant-wide figures as ${PROFILES[s.profile].article}.` : 'Plant-wide figures with no attacker profile (every rule at its documented likelihood).';
  if (!story) return plant;
  const told = story.from === 'analysis' ? `The breach story is told as ${story.article}, the profile chosen for the analysis.` : story.from === 'entry' ? `The breach story is told as ${story.article}, the attacker profile of its entry point.` : 'The breach story is told for an attacker without a profile.';
  return `${told} ${plant}`;
}

/** The report's lead: when the story's crown jewel falls (time to compromise). */
export function ttcLead(story: BreachStory): string {
  const t = story.ttc;
  if (!t) return '';
  const detail =
    `Monte Carlo over ${groupThousands(t.samples)} attempts from ${story.entry.name} as ${story.attacker.article}: within 1 day ${formatPercent(t.within1Day)}, ` +
    `7 days ${formatPercent(t.within7Days)}, 30 days ${formatPercent(t.within30Days)}, ever ${formatPercent(t.ever)}` +
    `${t.p90Days !== null ? `; 9 in 10 attempts succeed within ${formatDays(t.p90Days)}` : ''}. Every step succeeds with its likelihood and takes a time drawn from its distribution (docs/attack-rules.md, "Time to compromise").`;
  return `<p class="lead" data-part="ttc-lead">${esc(t.sentence)}</p><p class="lead-detail">${esc(detail)}</p>`;
}

function storyBlock(story: BreachStory): string {
  const who = story.entry.description ? `<p class="sub">${esc(story.entry.description)}${story.entry.profile ? ` · attacker profile: ${esc(story.entry.profile)}` : ''}</p>` : '';
  let out = `<h2>Breach story: ${esc(story.entry.name)}</h2>${who}<p class="headline">${esc(story.headline)}</p>`;
  if (story.target) {
    out += `<p>Likelihood of the whole path: <strong>${esc(formatPercent(story.likelihood))}</strong> (${esc(oneIn(story.likelihood))}). Expected loss: <strong>${esc(formatMoney(story.expectedLoss))}</strong>.</p>`;
  }
  out += '<ol class="story">';
  for (const s of story.steps) {
    out += `<li class="story-step"><span class="n">${s.n}</span><div><div class="s">${esc(s.sentence)}</div><div class="t">${esc(s.techniqueName)} (ATT&amp;CK for ICS ${esc(s.technique)}) · this step ${esc(formatPercent(s.likelihood))} · so far ${esc(formatPercent(s.cumulative))}</div></div></li>`;
  }
  if (story.target) {
    out += `<li class="story-step"><span class="n">!</span><div><div class="s">${esc(story.target.name)} is in the attacker's hands${story.target.description ? `: ${esc(story.target.description)}` : '.'}</div><div class="t">crown jewel · impact ${esc(formatMoney(story.target.impactMoney))}</div></div></li>`;
  }
  out += '</ol>';
  out += `<h3>Impact of this breach</h3>${impactBlock(story)}`;
  return out;
}

function beforeAfterBlock(ba: BeforeAfter, title: string): string {
  let out = `<div class="ba" data-part="before-after-${ba.kind}"><h3>${esc(title)}</h3><p class="ba-head">${esc(ba.headline)}</p>`;
  out += `<figure>${beforeAfterSvg(ba)}</figure>`;
  if (ba.story) {
    const st = ba.story;
    out += '<table><thead><tr><th></th><th class="num">Before</th><th class="num">After</th></tr></thead><tbody>';
    if (st.target) out += `<tr><td>${esc(st.entry)} → ${esc(st.target)}: likelihood</td><td class="num">${esc(formatPercent(st.likelihoodBefore))}</td><td class="num">${esc(formatPercent(st.likelihoodAfter))}</td></tr>`;
    out += `<tr><td>Lines stopped after a breach of ${esc(st.entry)}</td><td class="num">${st.linesStoppedBefore}</td><td class="num">${st.linesStoppedAfter}</td></tr>`;
    out += `<tr><td>Downtime cost per hour after a breach of ${esc(st.entry)}</td><td class="num">${esc(formatMoney(st.downtimePerHourBefore))}</td><td class="num">${esc(formatMoney(st.downtimePerHourAfter))}</td></tr>`;
    out += `<tr><td>Plant risk</td><td class="num">${esc(formatMoney(ba.riskBefore))}</td><td class="num">${esc(formatMoney(ba.riskAfter))}</td></tr>`;
    out += '</tbody></table>';
  }
  if (ba.jewelsNoLongerReachable.length) out += `<p>No longer reachable: <strong>${ba.jewelsNoLongerReachable.map(esc).join(', ')}</strong>.</p>`;
  if (ba.changes.length) {
    out += '<table><thead><tr><th>#</th><th>Change</th><th class="num">Cost</th></tr></thead><tbody>';
    ba.changes.forEach((c, i) => {
      out += `<tr><td>${i + 1}</td><td>${esc(c.description)}</td><td class="num">${c.cost === null ? '—' : esc(formatMoney(c.cost))}</td></tr>`;
    });
    out += '</tbody></table>';
  }
  return `${out}</div>`;
}

export interface ReportExtras {
  /** Inline SVG of the plant graph (from graphSvg). */
  readonly graph?: string;
  /** Shown in the footer, e.g. an ISO date; omitted when absent (the output is then deterministic). */
  readonly generatedAt?: string;
}

/** The report document. Everything interpolated is escaped; the SVG parts come from svg.ts, which escapes too. */
export function renderReportHtml(s: ExecutiveSummary, extras: ReportExtras = {}): string {
  const title = `${s.plant.name} — breach impact report`;
  let body = `<main><h1>${esc(title)}</h1><p class="sub">${s.plant.site ? `${esc(s.plant.site)} · ` : ''}${groupThousands(s.plant.assets)} assets · executive summary by TwinPath</p>`;
  if (s.story) body += ttcLead(s.story);
  body += `<p class="lead-detail" data-part="attacker">${esc(attackerText(s))}</p>`;
  body += kpiCards(s);
  if (s.story) body += storyBlock(s.story);
  else body += '<h2>Breach story</h2><p>The plant model names no entry point: there is no breach story to tell.</p>';
  if (extras.graph) {
    body += `<section class="page"><h2>Where the attack goes</h2><figure>${extras.graph}</figure><figcaption>The plant by Purdue level and zone. Red outline: entry points; gold: crown jewels; thick red line: the breach path, numbered by step.</figcaption></section>`;
  }
  body += '<section class="page"><h2>Before and after</h2>';
  if (s.beforeAfter) body += beforeAfterBlock(s.beforeAfter, `The first ${s.beforeAfter.changes.length} step${s.beforeAfter.changes.length === 1 ? '' : 's'} of the remediation plan`);
  else body += '<p>The remediation plan found no action that lowers the risk.</p>';
  if (s.scenario) body += beforeAfterBlock(s.scenario, `What-if scenario: ${s.scenario.label}`);
  body += `<h3>Remediation risk curve</h3><figure>${remediationCurveSvg(s.plan, s.beforeAfter?.changes.length ?? 0)}</figure><figcaption>Plant risk after each step of the greedy plan (most risk removed per euro first).</figcaption>`;
  if (s.plan.steps.length) {
    body += '<table><thead><tr><th>#</th><th>Fix</th><th class="num">Cost</th><th class="num">Risk removed</th><th class="num">Risk after</th></tr></thead><tbody>';
    s.plan.steps.forEach((p, i) => {
      body += `<tr><td>${i + 1}</td><td>${esc(p.description)}</td><td class="num">${esc(formatMoney(p.cost))}</td><td class="num">${esc(formatMoney(p.riskRemoved))}</td><td class="num">${esc(formatMoney(p.riskAfter))}</td></tr>`;
    });
    body += '</tbody></table>';
  }
  body += '</section>';
  body += `<section class="page"><h2>Risk by zone</h2><figure>${riskByZoneSvg(s.riskByZone)}</figure><figcaption>Plant risk carried by the crown jewels in each zone.</figcaption>`;
  body += `<h3>How the figures are computed</h3><ul class="notes">${s.notes.map((n) => `<li>${esc(n)}</li>`).join('')}<li>Downtime per day = downtime cost per hour × 24.</li></ul></section>`;
  body += `<footer>TwinPath executive report · ${esc(s.plant.name)} (${esc(s.plant.id)})${extras.generatedAt ? ` · ${esc(extras.generatedAt)}` : ''} · self-contained: this file loads nothing from anywhere.</footer></main>`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`
  );
}

/** The summary and the report of a plant, the breach path drawn on the plant graph. */
export function executiveReport(ctx: PlantContext, options: ExecutiveOptions & { readonly generatedAt?: string } = {}): { summary: ExecutiveSummary; html: string } {
  const summary = executiveSummary(ctx, options);
  const path = summary.story ? [summary.story.entry.id, ...summary.story.steps.map((st) => st.toId)] : [];
  const graph = graphSvg(ctx.model, graphLayout(ctx.model), { path });
  return { summary, html: renderReportHtml(summary, { graph, ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}) }) };
}
