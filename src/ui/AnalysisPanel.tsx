// The analysis side panel: most likely attack paths (select one to highlight it, each step
// explained), blast radius of the selected asset, chokepoints heat, and the remediation plan with
// its risk curve. Everything is computed in the analysis workers; this component only renders.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { reachedRows, type BlastResult } from '../analysis/blast';
import type { ExplainedPath } from '../analysis/explain';
import type { Finding } from '../analysis/findings';
import type { ScenarioEdit } from '../analysis/scenario';
import type { RemediationPlan } from '../analysis/remediation';
import type { RiskReport } from '../analysis/risk';
import { CancelledError, type AnalysisClient } from '../client/analysis-client';
import type { PlantModel } from '../model/schema';
import type { ChokepointsJson } from '../session/results';
import { formatLikelihood, formatMoney } from '../report/format';
import { NO_OVERLAY, type Overlay } from './overlay';

export type Tab = 'paths' | 'blast' | 'chokepoints' | 'remediation' | 'findings' | 'whatif';

export const money = formatMoney;
const pct = formatLikelihood;

export interface AnalysisPanelProps {
  readonly client: AnalysisClient;
  readonly model: PlantModel;
  /** Changes whenever a new plant is loaded, so results are fetched again. */
  readonly plantKey: number;
  readonly selected: string | undefined;
  readonly onOverlay: (o: Overlay) => void;
  readonly onSelectAsset: (id: string | undefined) => void;
  readonly onApplyEdit: (e: ScenarioEdit) => void;
  /** The what-if tab's content (its state lives with the app). */
  readonly whatIf: ReactNode;
}

interface Busy {
  readonly label: string;
  readonly abort: AbortController;
}

export function AnalysisPanel({ client, model, plantKey, selected, onOverlay, onSelectAsset, onApplyEdit, whatIf }: AnalysisPanelProps) {
  const [tab, setTab] = useState<Tab>('paths');
  const [risk, setRisk] = useState<RiskReport>();
  const [paths, setPaths] = useState<ExplainedPath[]>();
  const [pathIndex, setPathIndex] = useState<number>();
  const [blast, setBlast] = useState<BlastResult>();
  const [choke, setChoke] = useState<ChokepointsJson>();
  const [plan, setPlan] = useState<RemediationPlan>();
  const [found, setFound] = useState<Finding[]>();
  const [findingIndex, setFindingIndex] = useState<number>();
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const names = useMemo(() => new Map(model.assets.map((a) => [a.id, a.name])), [model]);
  const name = useCallback((id: string) => names.get(id) ?? id, [names]);
  const generation = useRef(0);
  const assetLink = (id: string) => (
    <button type="button" className="link" onClick={() => onSelectAsset(id)}>
      {name(id)}
    </button>
  );

  /** Runs one worker query with a cancel button; stale answers (an older plant) are dropped. */
  const compute = useCallback(
    async <R,>(label: string, run: (signal: AbortSignal) => Promise<R>, apply: (r: R) => void) => {
      const abort = new AbortController();
      const gen = generation.current;
      setBusy({ label, abort });
      setError(undefined);
      try {
        const r = await run(abort.signal);
        if (gen === generation.current) apply(r);
      } catch (e) {
        if (!(e instanceof CancelledError)) setError(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy((b) => (b?.abort === abort ? undefined : b));
      }
    },
    [],
  );

  useEffect(() => {
    generation.current++;
    setRisk(undefined);
    setPaths(undefined);
    setPathIndex(undefined);
    setBlast(undefined);
    setChoke(undefined);
    setPlan(undefined);
    setFound(undefined);
    setFindingIndex(undefined);
    void compute('Computing risk and attack paths…', async (signal) => ({
      risk: await client.run((api) => api.risk(), signal),
      paths: await client.run((api) => api.paths(), signal),
    }), (r) => {
      setRisk(r.risk);
      setPaths(r.paths);
    });
  }, [client, plantKey, compute]);

  // Tab-specific results, fetched when first needed.
  useEffect(() => {
    if (tab === 'chokepoints' && !choke) void compute('Computing chokepoints…', (signal) => client.run((api) => api.chokepoints(), signal), setChoke);
    if (tab === 'remediation' && !plan) void compute('Planning remediation…', (signal) => client.run((api) => api.remediate({ maxSteps: 10 }), signal), setPlan);
    if (tab === 'findings' && !found) void compute('Reading 62443 findings…', (signal) => client.run((api) => api.findings(), signal), setFound);
  }, [tab, choke, plan, found, client, compute]);

  const blastSource = tab === 'blast' ? (selected ?? model.entryPoints.find((e) => /supplier/i.test(e.asset))?.asset ?? model.entryPoints[0]?.asset) : undefined;
  useEffect(() => {
    if (!blastSource) return;
    void compute(`Blast radius of ${blastSource}…`, (signal) => client.run((api) => api.blast([blastSource]), signal), setBlast);
  }, [blastSource, client, compute, plantKey]);

  // The overlay follows the tab and its selection.
  useEffect(() => {
    if (tab === 'paths' && paths && pathIndex !== undefined && paths[pathIndex]) onOverlay({ kind: 'path', nodes: paths[pathIndex]!.nodes });
    else if (tab === 'blast' && blast) {
      onOverlay({ kind: 'heat', heat: new Map(blast.reached.ids.map((id, i) => [id, blast.reached.likelihood[i]!])), outline: new Set(blast.from), label: 'likelihood of compromise' });
    } else if (tab === 'chokepoints' && choke) {
      const max = Math.max(1, ...choke.ranking.map((r) => r.riskRemoved));
      const cut = choke.minCut.assets;
      onOverlay({
        kind: 'heat',
        heat: new Map(choke.ranking.map((r) => [r.id, r.riskRemoved / max])),
        outline: new Set([...cut, ...choke.dominators.flatMap((d) => d.assets)]),
        label: 'risk removed if hardened',
      });
    } else if (tab === 'findings' && found && findingIndex !== undefined && found[findingIndex]) {
      const f = found[findingIndex]!;
      onOverlay({ kind: 'heat', heat: new Map(f.assets.map((a) => [a, 1])), outline: new Set(f.assets), label: f.title });
    } else onOverlay(NO_OVERLAY);
  }, [tab, paths, pathIndex, blast, choke, found, findingIndex, onOverlay]);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'paths', label: 'Attack paths' },
    { id: 'blast', label: 'Blast radius' },
    { id: 'chokepoints', label: 'Chokepoints' },
    { id: 'remediation', label: 'Remediation' },
    { id: 'findings', label: '62443 findings' },
    { id: 'whatif', label: 'What-if' },
  ];

  return (
    <section className="analysis" aria-label="Analysis">
      <div className="risk-head">
        <span className="muted">Plant risk</span>{' '}
        <strong data-testid="plant-risk">{risk ? money(risk.total) : '…'}</strong>
      </div>
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {busy ? (
        <div className="computing" role="status" data-testid="computing">
          <span className="spinner" aria-hidden="true" /> {busy.label}
          <button type="button" className="link" onClick={() => busy.abort.abort()}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? (
        <div className="panel-error" role="alert">
          {error}
        </div>
      ) : null}

      {tab === 'paths' && paths ? (
        <div className="tab-body" data-testid="paths-panel">
          <p className="muted">Most likely path from every entry point to every crown jewel. Select one to highlight it.</p>
          <ol className="path-list">
            {paths.slice(0, 40).map((p, i) => (
              <li key={p.nodes.join('>')}>
                <button type="button" className={pathIndex === i ? 'path-item active' : 'path-item'} data-testid="path-item" onClick={() => setPathIndex(pathIndex === i ? undefined : i)}>
                  <span className="lik">{pct(p.likelihood)}</span> {name(p.from)} → {name(p.to)} <span className="muted">({p.edges.length} steps)</span>
                </button>
                {pathIndex === i ? (
                  <ol className="steps" data-testid="path-steps">
                    {p.edges.map((e, k) => (
                      <li key={k}>
                        <div>
                          <strong>{e.fromName}</strong> → <strong>{e.toName}</strong>
                        </div>
                        <div>
                          {e.techniqueName} <span className="muted">({e.technique})</span> · {e.likelihood.toFixed(3)} · <span className="muted">{e.rule}, {e.provenance}</span>
                        </div>
                        <div className="why">{e.why}</div>
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {tab === 'blast' ? (
        <div className="tab-body" data-testid="blast-panel">
          <p className="muted">Click an asset in the graph to see what an attacker holding it can reach.</p>
          {blast ? (
            <>
              <h3>
                From {blast.from.map(name).join(', ')}: {blast.reached.count} assets reachable
              </h3>
              <dl className="impact">
                <dt>Crown jewels</dt>
                <dd data-testid="blast-jewels">{blast.impact.crownJewels.map(name).join(', ') || 'none'}</dd>
                <dt>Lines stopped</dt>
                <dd data-testid="blast-lines">{blast.impact.productionLinesStopped.map((l) => l.name).join('; ') || 'none'}</dd>
                <dt>Downtime</dt>
                <dd>{money(blast.impact.downtimeCostPerHour)} per hour</dd>
                <dt>Safety</dt>
                <dd className={blast.impact.worstSafety === 'none' ? '' : 'danger'}>{blast.impact.worstSafety}</dd>
              </dl>
              <table className="mini">
                <thead>
                  <tr>
                    <th>Asset</th>
                    <th>Likelihood</th>
                    <th>Hops</th>
                  </tr>
                </thead>
                <tbody>
                  {reachedRows(blast.reached, 25).map((r) => (
                    <tr key={r.id}>
                      <td>{assetLink(r.id)}</td>
                      <td>{pct(r.likelihood)}</td>
                      <td>{r.hops}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </div>
      ) : null}

      {tab === 'chokepoints' && choke ? (
        <div className="tab-body" data-testid="chokepoints-panel">
          {choke.minCut.kind === 'cut' ? (
            <p>
              <strong>Minimum cut</strong> ({money(choke.minCut.cost)}): {choke.minCut.assets.map(name).join(', ')} — cuts every path to{' '}
              {choke.minCut.protects.map(name).join(', ')}
            </p>
          ) : choke.minCut.kind === 'partial-cut' ? (
            <>
              <p>
                <strong>Cannot be protected:</strong> {choke.minCut.cannotProtect.map(name).join(', ')} — reached through entry points and
                crown jewels only ({choke.minCut.direct.map((d) => `${name(d.entry)} → ${name(d.jewel)}`).join('; ')}), nothing to harden between them.
              </p>
              {choke.minCut.protects.length ? (
                <p>
                  <strong>Minimum cut protecting the rest</strong> ({money(choke.minCut.cost)}): {choke.minCut.assets.map(name).join(', ')} — cuts every path
                  to {choke.minCut.protects.map(name).join(', ')}
                </p>
              ) : (
                <p>No other crown jewel is reachable.</p>
              )}
            </>
          ) : (
            <p>{choke.minCut.reason}</p>
          )}
          <h3>Risk removed if hardened</h3>
          <table className="mini">
            <tbody>
              {choke.ranking.filter((r) => r.riskRemoved > 0).slice(0, 15).map((r) => (
                <tr key={r.id}>
                  <td>{assetLink(r.id)}</td>
                  <td>{money(r.riskRemoved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Dominators</h3>
          <ul className="compact">
            {choke.dominators.map((d) => (
              <li key={d.jewel}>
                {name(d.jewel)}: {d.reachable ? d.assets.map(name).join(', ') || 'none (several ways in)' : 'not reachable'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {tab === 'findings' && found ? (
        <div className="tab-body" data-testid="findings-panel">
          <p className="muted">{found.length} finding(s). Select one to show its assets.</p>
          <ul className="path-list">
            {found.map((f, i) => (
              <li key={`${f.kind}:${f.title}`}>
                <button type="button" className={findingIndex === i ? 'path-item active' : 'path-item'} data-testid="finding" onClick={() => setFindingIndex(findingIndex === i ? undefined : i)}>
                  <span className={`sev ${f.severity}`}>{f.severity}</span> {f.title}
                </button>
                {findingIndex === i ? <div className="why finding-detail">{f.detail}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {tab === 'whatif' ? whatIf : null}

      {tab === 'remediation' && plan ? (
        <div className="tab-body" data-testid="remediation-panel">
          <p>
            Risk {money(plan.baselineRisk)} → <strong>{money(plan.finalRisk)}</strong> for {money(plan.steps.at(-1)?.cumulativeCost ?? 0)}
          </p>
          <RiskCurve plan={plan} />
          <ol className="plan">
            {plan.steps.map((s, i) => (
              <li key={i} data-testid="plan-step">
                <div>{s.description}</div>
                <div className="muted">
                  cost {money(s.action.cost)} · removes {money(s.riskRemoved)}{' '}
                  <button type="button" className="small-btn" data-testid="apply-step" onClick={() => onApplyEdit(s.action)}>
                    Apply to scenario
                  </button>
                </div>
              </li>
            ))}
          </ol>
          {plan.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** Cumulative cost (x) against plant risk (y), as a step line. */
function RiskCurve({ plan }: { plan: RemediationPlan }) {
  const W = 300;
  const H = 140;
  const pad = 32;
  const maxX = Math.max(1, plan.curve.at(-1)?.cost ?? 1);
  const maxY = Math.max(1, plan.baselineRisk);
  const x = (c: number) => pad + ((W - pad - 8) * c) / maxX;
  const y = (r: number) => 8 + (H - pad - 8) * (1 - r / maxY);
  let d = '';
  plan.curve.forEach((p, i) => {
    d += i === 0 ? `M${x(p.cost)},${y(p.risk)}` : `H${x(p.cost)}V${y(p.risk)}`;
  });
  return (
    <svg className="curve" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Cumulative risk curve" data-testid="risk-curve">
      <line x1={pad} y1={H - pad} x2={W - 8} y2={H - pad} className="axis" />
      <line x1={pad} y1={8} x2={pad} y2={H - pad} className="axis" />
      <path d={d} className="line" />
      {plan.curve.map((p, i) => (
        <circle key={i} cx={x(p.cost)} cy={y(p.risk)} r={3} className="dot" />
      ))}
      <text x={pad} y={H - 12} className="tick">
        €0
      </text>
      <text x={W - 8} y={H - 12} className="tick" textAnchor="end">
        {money(maxX)}
      </text>
      <text x={4} y={14} className="tick">
        risk
      </text>
    </svg>
  );
}
