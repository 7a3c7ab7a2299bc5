// Executive view: a full-screen mode for presenting breach impact on a projector. Pick an entry
// point; the breach story is told in big numbered steps and ends in the business impact; KPI cards,
// before/after for the first N remediation steps (and for the active what-if scenario), risk by zone
// and the remediation curve. Everything is computed in the analysis worker (session.executive);
// the charts are the report's own escaped SVG. Exports: the self-contained HTML report, a PDF (the
// report printed with its print stylesheet: browsers offer no way to write a PDF without the print
// dialog, so the button says the dialog opens), and the plant graph with the breach path as SVG or PNG.
// Text names assets, never model ids (the ids are in tooltips); with a what-if scenario active, the
// figures are the baseline's, labelled so, with the scenario's beside them. A modal: the focus is
// taken, kept inside and given back (useModalFocus); Esc closes it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExecutiveSummary } from '../report/executive';
import { formatHours, formatMoney, formatPercent } from '../report/format';
import { attackerText } from '../report/html';
import { beforeAfterSvg, remediationCurveSvg, riskByZoneSvg } from '../report/svg';
import type { BeforeAfter } from '../report/executive';
import type { AnalysisClient } from '../client/analysis-client';
import { useModalFocus } from './dialog';
import './executive.css';

export interface ExecutiveViewProps {
  readonly client: AnalysisClient;
  /** Changes whenever the plant (or the scenario) changes, so the summary is computed again. */
  readonly plantKey: number;
  /** Name of the active what-if scenario, if any (the worker then compares it with the baseline). */
  readonly scenarioName?: string | undefined;
  readonly onClose: () => void;
}

interface Result {
  readonly summary: ExecutiveSummary;
  readonly html: string;
  readonly graph: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const fileSafe = (s: string) => s.replace(/[^\w-]+/g, '_').slice(0, 80) || 'plant';

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Rasterizes a standalone SVG string to a PNG blob (2× for sharp slides). */
async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the graph picture could not be drawn'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, img.naturalWidth * scale);
    canvas.height = Math.max(1, img.naturalHeight * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Prints the report document (its print stylesheet makes the A4 pages) from a hidden frame. */
function printReport(html: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

/** Our own SVG (built and escaped by src/report/svg.ts), placed as markup. */
function Svg({ markup, testId }: { markup: string; testId: string }) {
  return <div className="exec-chart" data-testid={testId} dangerouslySetInnerHTML={{ __html: markup }} />;
}

/** "model id: c-005" for a tooltip. */
const idsTitle = (refs: readonly string[]) => (refs.length ? `model id${refs.length === 1 ? '' : 's'}: ${refs.join(', ')}` : undefined);

function BeforeAfterPanel({ ba, title, testId }: { ba: BeforeAfter; title: string; testId: string }) {
  return (
    <div className="exec-ba" data-testid={testId}>
      <h3>{title}</h3>
      <p className="exec-ba-head">{ba.headline}</p>
      <Svg markup={beforeAfterSvg(ba)} testId={`${testId}-chart`} />
      <p className="exec-caption">Plant risk in euros (expected loss: likelihood × impact, summed over the crown jewels), before and after.</p>
      {ba.story ? (
        <table className="exec-table">
          <thead>
            <tr>
              <th />
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {ba.story.target ? (
              <tr>
                <td>
                  {ba.story.entry} → {ba.story.target}: likelihood
                </td>
                <td>{formatPercent(ba.story.likelihoodBefore)}</td>
                <td>{formatPercent(ba.story.likelihoodAfter)}</td>
              </tr>
            ) : null}
            <tr>
              <td>Lines stopped after a breach of {ba.story.entry}</td>
              <td>{ba.story.linesStoppedBefore}</td>
              <td>{ba.story.linesStoppedAfter}</td>
            </tr>
            <tr>
              <td>Downtime per hour after a breach of {ba.story.entry}</td>
              <td>{formatMoney(ba.story.downtimePerHourBefore)}</td>
              <td>{formatMoney(ba.story.downtimePerHourAfter)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {ba.changes.length ? (
        <ol className="exec-changes">
          {ba.changes.map((c, i) => (
            <li key={i} title={idsTitle(c.refs)}>
              {c.description}
              {c.cost !== null ? <span className="exec-muted"> · {formatMoney(c.cost)}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

/** A KPI card; with a what-if scenario compared, its value there beside the baseline's. */
function Kpi({ label, value, testId, cls, what, scenario }: { label: string; value: string; testId: string; cls?: string; what: string | null | undefined; scenario: string | undefined }) {
  return (
    <div className={cls ? `exec-kpi ${cls}` : 'exec-kpi'}>
      <span className="v" data-testid={testId}>
        {value}
      </span>
      <span className="l">
        {label}
        {what ? ' · baseline' : ''}
      </span>
      {what ? (
        <span className="w" data-testid={`${testId}-scenario`}>
          what-if “{scenario}”: {what}
        </span>
      ) : null}
    </div>
  );
}

export function ExecutiveView({ client, plantKey, scenarioName, onClose }: ExecutiveViewProps) {
  const [entry, setEntry] = useState<string>();
  const [steps, setSteps] = useState(3);
  const [result, setResult] = useState<Result>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [exportNote, setExportNote] = useState<string>();
  const root = useRef<HTMLDivElement>(null);
  useModalFocus(root, onClose);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(undefined);
    void (async () => {
      try {
        const r = await client.run((api) => api.executive({ ...(entry ? { entry } : {}), steps, ...(scenarioName ? { scenarioName } : {}), generatedAt: today() }));
        const story = r.summary.story;
        const path = story ? [story.entry.id, ...story.steps.map((s) => s.toId)] : [];
        const graph = await client.run((api) => api.graphSvg(path));
        if (live) setResult({ summary: r.summary, html: r.html, graph });
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (live) setBusy(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, plantKey, entry, steps, scenarioName]);

  const s = result?.summary;
  const base = s ? fileSafe(s.plant.id) : 'plant';
  const exportHtml = useCallback(() => {
    if (!result) return;
    download(new Blob([result.html], { type: 'text/html;charset=utf-8' }), `${base}-executive-report.html`);
    setExportNote('HTML report downloaded: one file, opens offline.');
  }, [result, base]);
  const exportPdf = useCallback(() => {
    if (!result) return;
    setExportNote('The print dialog opens: choose “Save as PDF” as the destination for the A4 report. (Browsers write PDF files only through that dialog; `twinpath report … -o report.pdf` writes one directly.)');
    printReport(result.html);
  }, [result]);
  const exportSvg = useCallback(() => {
    if (!result) return;
    download(new Blob([result.graph], { type: 'image/svg+xml' }), `${base}-breach-path.svg`);
    setExportNote('Graph SVG downloaded.');
  }, [result, base]);
  const exportPng = useCallback(async () => {
    if (!result) return;
    try {
      download(await svgToPng(result.graph), `${base}-breach-path.png`);
      setExportNote('Graph PNG downloaded.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [result, base]);
  const charts = useMemo(
    () => (s ? { curve: remediationCurveSvg(s.plan, s.beforeAfter?.changes.length ?? 0), zones: riskByZoneSvg(s.riskByZone) } : undefined),
    [s],
  );
  const story = s?.story;

  return (
    <div className="exec" role="dialog" aria-modal="true" aria-labelledby="exec-title" data-testid="executive-view" tabIndex={-1} ref={root}>
      <div className="exec-bar">
        <h2 id="exec-title">{s ? s.plant.name : 'Executive view'}</h2>
        <label>
          Breach of{' '}
          <select data-testid="exec-entry" value={entry ?? s?.entry ?? ''} onChange={(e) => setEntry(e.target.value)} disabled={!s}>
            {s?.entries.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
                {x.description ? ` — ${x.description}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Fixes{' '}
          <select data-testid="exec-steps" value={steps} onChange={(e) => setSteps(Number(e.target.value))} disabled={!s}>
            {Array.from({ length: Math.max(1, s?.plan.steps.length ?? 3) }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                first {n}
              </option>
            ))}
          </select>
        </label>
        <div className="exec-actions">
          <button type="button" data-testid="export-html" onClick={exportHtml} disabled={!result}>
            Export HTML
          </button>
          <button type="button" data-testid="export-pdf" onClick={exportPdf} disabled={!result} title="Opens the print dialog with the A4 report: choose “Save as PDF”">
            PDF (print dialog)…
          </button>
          <button type="button" data-testid="export-svg" onClick={exportSvg} disabled={!result}>
            Graph SVG
          </button>
          <button type="button" data-testid="export-png" onClick={() => void exportPng()} disabled={!result}>
            Graph PNG
          </button>
          <button type="button" className="exec-close" data-testid="exec-close" onClick={onClose}>
            Back to analysis
          </button>
        </div>
      </div>
      {busy ? (
        <div className="exec-busy" role="status">
          Computing the breach story…
        </div>
      ) : null}
      {error ? (
        <div className="exec-error" role="alert">
          {error}
        </div>
      ) : null}
      {exportNote ? (
        <div className="exec-note" role="status" data-testid="export-note">
          {exportNote}
        </div>
      ) : null}
      {s ? (
        <div className="exec-body">
          {s.scenarioKpis && s.scenario ? (
            <p className="exec-baseline" data-testid="exec-baseline">
              Figures for the plant as modelled (<strong>baseline</strong>); the what-if scenario “{s.scenario.label}” shown in the app is beside each figure and
              under Before and after.
            </p>
          ) : null}
          {story?.ttc ? (
            <section className="exec-ttc" data-testid="exec-ttc" aria-label="Time to compromise">
              <p className="exec-ttc-lead">{story.ttc.sentence}</p>
              <p className="exec-muted">
                Within 1 day {formatPercent(story.ttc.within1Day)} · 7 days {formatPercent(story.ttc.within7Days)} · 30 days {formatPercent(story.ttc.within30Days)} · ever {formatPercent(story.ttc.ever)} — Monte Carlo over{' '}
                {story.ttc.samples.toLocaleString('en-US')} attempts; every step succeeds with its likelihood and takes a time drawn from its distribution (docs/attack-rules.md, “Time to compromise”).
              </p>
            </section>
          ) : null}
          <p className="exec-muted" data-testid="exec-attacker">
            {attackerText(s)}
          </p>

          <section className="exec-kpis" data-testid="exec-kpis" aria-label="Key figures">
            <Kpi cls="risk" label="Plant risk" testId="kpi-risk" value={formatMoney(s.kpis.plantRisk)} what={s.scenarioKpis && formatMoney(s.scenarioKpis.plantRisk)} scenario={s.scenario?.label} />
            <Kpi label="Money at risk" testId="kpi-money" value={formatMoney(s.kpis.moneyAtRisk)} what={s.scenarioKpis && formatMoney(s.scenarioKpis.moneyAtRisk)} scenario={s.scenario?.label} />
            <Kpi label="Lines at risk" testId="kpi-lines" value={`${s.kpis.linesAtRisk} of ${s.kpis.linesTotal}`} what={s.scenarioKpis && `${s.scenarioKpis.linesAtRisk} of ${s.scenarioKpis.linesTotal}`} scenario={s.scenario?.label} />
            <Kpi label="Chokepoints" testId="kpi-chokepoints" value={String(s.kpis.chokepoints)} what={s.scenarioKpis && String(s.scenarioKpis.chokepoints)} scenario={s.scenario?.label} />
          </section>

          {story ? (
            <section className="exec-story" data-testid="exec-story" aria-label="Breach story">
              <h2>If {story.entry.name} is breached</h2>
              {story.entry.description ? <p className="exec-muted">{story.entry.description}</p> : null}
              <p className="exec-headline" data-testid="exec-headline">
                {story.headline}
                {story.target ? (
                  <>
                    {' '}
                    Likelihood {formatPercent(story.likelihood)}.
                  </>
                ) : null}
              </p>
              <ol className="exec-steps">
                {story.steps.map((st) => (
                  <li key={st.n} data-testid="exec-step">
                    <span className="n">{st.n}</span>
                    <div>
                      <div className="s">{st.sentence}</div>
                      <div className="t">
                        {st.techniqueName} · {formatPercent(st.likelihood)}
                      </div>
                    </div>
                  </li>
                ))}
              </ol>
              <div className="exec-impact" data-testid="exec-impact">
                <div>
                  <span className="big" data-testid="impact-lines">
                    {story.impact.linesStopped.length} of {story.impact.linesTotal}
                  </span>{' '}
                  production lines stopped
                  <div className="exec-muted">
                    {story.impact.linesStopped.map((l) => `${l.name} (restore ${formatHours(l.restoreHours)})`).join(' · ') || 'none'}
                  </div>
                </div>
                <div>
                  <span className="big" data-testid="impact-hour">{formatMoney(story.impact.downtimePerHour)}</span> per hour ·{' '}
                  <span className="big" data-testid="impact-day">{formatMoney(story.impact.downtimePerDay)}</span> per day of downtime
                </div>
                <div className={story.impact.worstSafety === 'none' ? '' : 'danger'} data-testid="impact-safety">
                  {story.impact.safetyText}
                </div>
                <div data-testid="impact-data">
                  Data exposed: {story.impact.dataExposed.map((d) => `${d.label} (${d.name})`).join(', ') || 'none'}
                </div>
              </div>
            </section>
          ) : (
            <p>The plant names no entry point.</p>
          )}

          {result ? (
            <section className="exec-section" aria-label="Breach path on the plant">
              <h2>Where the attack goes</h2>
              <Svg markup={result.graph} testId="exec-graph" />
            </section>
          ) : null}

          <section className="exec-section exec-two" aria-label="Before and after">
            <div>
              <h2>Before and after</h2>
              {s.beforeAfter ? <BeforeAfterPanel ba={s.beforeAfter} title={`The first ${s.beforeAfter.changes.length} fixes of the plan`} testId="exec-before-after" /> : <p>No remediation step lowers the risk.</p>}
              {s.scenario ? <BeforeAfterPanel ba={s.scenario} title={`What-if scenario: ${s.scenario.label}`} testId="exec-scenario" /> : null}
            </div>
            {charts ? (
              <div>
                <h2>Remediation risk curve</h2>
                <Svg markup={charts.curve} testId="exec-curve" />
                <p className="exec-caption">Vertical axis: plant risk in euros after each fix of the plan; horizontal axis: money spent on the fixes, in euros, cumulative.</p>
                <h2>Risk by zone</h2>
                <Svg markup={charts.zones} testId="exec-zones" />
                <p className="exec-caption">Each bar: plant risk in euros (likelihood × impact) carried by the crown jewels in that zone.</p>
              </div>
            ) : null}
          </section>
        </div>
      ) : null}
    </div>
  );
}
