// The analysis side panel: the tabs (one component each in src/ui/analysis/), the worker queries
// behind them with a Cancel button, and the graph overlay that follows the tab and its selection.
// Everything is computed in the analysis workers; this component only asks and renders.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BlastResult } from '../analysis/blast';
import type { ExplainedPath } from '../analysis/explain';
import type { Finding } from '../analysis/findings';
import type { ScenarioEdit } from '../analysis/scenario';
import type { RemediationPlan } from '../analysis/remediation';
import type { RiskReport } from '../analysis/risk';
import { CancelledError, type AnalysisApi, type AnalysisClient } from '../client/analysis-client';
import type { PlantModel } from '../model/schema';
import type { ChokepointsAnswer } from '../session/analysis-session';
import { formatMoney } from '../report/format';
import { BlastTab } from './analysis/BlastTab';
import { ChokepointsTab } from './analysis/ChokepointsTab';
import { FindingsTab } from './analysis/FindingsTab';
import { useNames } from './analysis/names';
import { PathsTab } from './analysis/PathsTab';
import { RemediationTab } from './analysis/RemediationTab';
import type { Overlay } from './overlay';

export type Tab = 'paths' | 'blast' | 'chokepoints' | 'remediation' | 'findings' | 'whatif';

export const money = formatMoney;

export interface AnalysisPanelProps {
  readonly client: AnalysisClient;
  readonly model: PlantModel;
  /** Changes whenever a new plant is loaded, so results are fetched again. */
  readonly plantKey: number;
  /** Changes when another plant is shown (a load, not a scenario edit): the panel goes back to Attack paths. */
  readonly plantShown?: number;
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

export function AnalysisPanel({ client, model, plantKey, plantShown, selected, onOverlay, onSelectAsset, onApplyEdit, whatIf }: AnalysisPanelProps) {
  const [tab, setTab] = useState<Tab>('paths');
  const [risk, setRisk] = useState<RiskReport>();
  const [paths, setPaths] = useState<ExplainedPath[]>();
  const [pathShown, setPathShown] = useState<ExplainedPath>();
  const [blast, setBlast] = useState<BlastResult>();
  const [choke, setChoke] = useState<ChokepointsAnswer>();
  const [plan, setPlan] = useState<RemediationPlan>();
  const [found, setFound] = useState<Finding[]>();
  const [findingIndex, setFindingIndex] = useState<number>();
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const names = useNames(model, onSelectAsset);
  const generation = useRef(0);

  // A newly loaded plant opens on its attack paths, not on whatever tab the last plant was left on.
  useEffect(() => {
    setTab('paths');
  }, [plantShown]);

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
  /** A tab's own worker query (the path finder, the suggestions), with the same Cancel. */
  const ask = useCallback(
    <R,>(label: string, call: (api: AnalysisApi) => Promise<R> | R): Promise<R | undefined> => {
      let answer: R | undefined;
      return compute(label, (signal) => client.run(call, signal), (r) => (answer = r)).then(() => answer);
    },
    [client, compute],
  );

  useEffect(() => {
    generation.current++;
    setRisk(undefined);
    setPaths(undefined);
    setPathShown(undefined);
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
    // The plant view marks the assets to harden first too: chokepoints follow the paths there.
    if ((tab === 'chokepoints' || (tab === 'paths' && paths)) && !choke) void compute('Computing chokepoints…', (signal) => client.run((api) => api.chokepoints(), signal), setChoke);
    if (tab === 'remediation' && !plan) void compute('Planning remediation…', (signal) => client.run((api) => api.remediate({ maxSteps: 10 }), signal), setPlan);
    if (tab === 'findings' && !found) void compute('Reading 62443 findings…', (signal) => client.run((api) => api.findings(), signal), setFound);
  }, [tab, paths, choke, plan, found, client, compute]);

  const blastSource = tab === 'blast' ? (selected ?? model.entryPoints.find((e) => /supplier/i.test(e.asset))?.asset ?? model.entryPoints[0]?.asset) : undefined;
  useEffect(() => {
    if (!blastSource) return;
    void compute(`Blast radius of ${blastSource}…`, (signal) => client.run((api) => api.blast([blastSource]), signal), setBlast);
  }, [blastSource, client, compute, plantKey]);

  // The overlay follows the tab and its selection; the plant view marks the cut ranked (harden first).
  useEffect(() => {
    const harden = choke?.view.cut;
    if (tab === 'paths' && pathShown) onOverlay({ kind: 'path', nodes: pathShown.nodes });
    else if (tab === 'blast' && blast) {
      onOverlay({
        kind: 'heat',
        heat: new Map(blast.reached.ids.map((id, i) => [id, blast.reached.likelihood[i]!])),
        outline: new Set(blast.from),
        label: 'likelihood of compromise',
        scale: { title: 'Likelihood of compromise', low: '0%', high: '100%', likelihood: 'Likelihood of compromise' },
      });
    } else if (tab === 'chokepoints' && choke) {
      const max = Math.max(0, ...choke.view.riskRemoved.map(([, v]) => v));
      onOverlay({ kind: 'chokepoints', view: choke.view, scale: { title: 'Risk removed if hardened alone', low: '€0', high: formatMoney(max) } });
    } else if (tab === 'findings' && found && findingIndex !== undefined && found[findingIndex]) {
      const f = found[findingIndex]!;
      onOverlay({ kind: 'heat', heat: new Map(f.assets.map((a) => [a, 1])), outline: new Set(f.assets), label: f.title, frame: true });
    } else onOverlay(harden?.length ? { kind: 'none', harden } : { kind: 'none' });
  }, [tab, paths, pathShown, blast, choke, found, findingIndex, onOverlay]);

  // Esc (outside dialogs) clears the selected path or finding: the graph shows the whole plant again.
  useEffect(() => {
    const clear = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('[role="dialog"]'))) return;
      setPathShown(undefined);
      setFindingIndex(undefined);
    };
    window.addEventListener('keydown', clear);
    return () => window.removeEventListener('keydown', clear);
  }, []);

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
        <PathsTab paths={paths} model={model} plantKey={plantKey} selected={pathShown} onSelect={setPathShown} names={names} ask={ask} onApplyEdit={onApplyEdit} />
      ) : null}

      {tab === 'blast' ? <BlastTab blast={blast} names={names} /> : null}

      {tab === 'chokepoints' && choke ? <ChokepointsTab choke={choke} names={names} /> : null}

      {tab === 'findings' && found ? <FindingsTab found={found} selected={findingIndex} onSelect={setFindingIndex} /> : null}

      {tab === 'whatif' ? whatIf : null}

      {tab === 'remediation' && plan ? <RemediationTab plan={plan} model={model} onApplyEdit={onApplyEdit} /> : null}
    </section>
  );
}
