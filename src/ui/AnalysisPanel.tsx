// The analysis side panel: the tabs (one component each in src/ui/analysis/), the worker queries
// behind them with a Cancel button and their progress, and the graph overlay that follows the tab
// and its selection. Everything is computed in the analysis workers, and answered cut to what is
// shown (a page of findings, the blast radius's first rows and its heat per tile, remediation steps
// one by one as they are decided); this component only asks and renders.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ExplainedPath } from '../analysis/explain';
import type { Finding } from '../analysis/findings';
import type { ScenarioEdit } from '../analysis/scenario';
import type { RiskReport } from '../analysis/risk';
import { CancelledError, type AnalysisApi, type AnalysisClient, type ShownPlant } from '../client/analysis-client';
import type { ChokepointsAnswer } from '../session/analysis-session';
import { FINDINGS_PAGE, type BlastView, type FindingsPage, type StepShown } from '../session/lists';
import type { PlanShown } from '../session/plant-queries';
import type { PlanRank } from '../analysis/remediation/plan';
import type { Role } from '../session/asset-search';
import { formatMoney } from '../report/format';
import { ATTACKER_PROFILES, isAttackerProfile, NO_PROFILE_TEXT, PROFILES } from '../analysis/profiles';
import type { AttackerProfile } from '../model/schema';
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
  /** The plant shown (the scenario when one is active): its outline and asset directory. */
  readonly plant: ShownPlant;
  /** Changes whenever a new plant is loaded, so results are fetched again. */
  readonly plantKey: number;
  /** Changes when another plant is shown (a load, not a scenario edit): the panel goes back to Attack paths. */
  readonly plantShown?: number;
  readonly selected: string | undefined;
  readonly onOverlay: (o: Overlay) => void;
  readonly onSelectAsset: (id: string | undefined) => void;
  readonly onApplyEdit: (e: ScenarioEdit) => void;
  /** The attacker every figure is computed as (null: none), and the way to choose another. */
  readonly profile: AttackerProfile | null;
  readonly onProfile: (profile: AttackerProfile | null) => void;
  /** The what-if tab's content (its state lives with the app). */
  readonly whatIf: ReactNode;
}

interface Busy {
  readonly label: string;
  readonly abort: AbortController;
  /** How far it got, in words ("3 of up to 10 steps decided"), when the worker tells. */
  readonly progress?: string;
}

/** The remediation plan as far as it is decided: the steps so far, then the whole plan with its texts. */
export interface PlanSoFar {
  readonly steps: readonly StepShown[];
  readonly done: PlanShown | undefined;
  /** The most steps asked for. */
  readonly of: number;
  /** Which planning this is (a cancelled one's steps go; a newer one's stay). */
  readonly run: object;
  /** Cancelled or failed before the plan was whole: the steps decided stay shown, with a way to plan again. */
  readonly stopped?: boolean;
  /** What the greedy ranks by: risk removed per euro (the default) or time bought per euro. */
  readonly rank: PlanRank;
}

/** Remediation steps the tab asks for. */
const PLAN_STEPS = 10;

export function AnalysisPanel({ client, plant, plantKey, plantShown, selected, onOverlay, onSelectAsset, onApplyEdit, profile, onProfile, whatIf }: AnalysisPanelProps) {
  const { outline } = plant;
  const [tab, setTab] = useState<Tab>('paths');
  const [risk, setRisk] = useState<RiskReport>();
  const [paths, setPaths] = useState<ExplainedPath[]>();
  const [pathShown, setPathShown] = useState<ExplainedPath>();
  const [blast, setBlast] = useState<BlastView>();
  const [choke, setChoke] = useState<ChokepointsAnswer>();
  const [plan, setPlan] = useState<PlanSoFar>();
  const [rank, setRank] = useState<PlanRank>('risk');
  const [found, setFound] = useState<FindingsPage>();
  const [finding, setFinding] = useState<{ readonly index: number; readonly finding: Finding }>();
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const names = useNames(plant.directory, onSelectAsset);
  const search = useCallback((text: string, prefer: Role) => client.run((api) => api.searchAssets(text, prefer)), [client]);
  const generation = useRef(0);

  // A newly loaded plant opens on its attack paths, not on whatever tab the last plant was left on.
  useEffect(() => {
    setTab('paths');
  }, [plantShown]);

  /**
   * Runs one worker query with a cancel button; stale answers (an older plant) are dropped. `run`
   * may tell its progress in words (shown beside the label) and ask whether what it streams before
   * its answer is still for the plant shown (`current`).
   */
  const compute = useCallback(
    async <R,>(label: string, run: (signal: AbortSignal, tell: (progress: string) => void, current: () => boolean) => Promise<R>, apply: (r: R) => void) => {
      const abort = new AbortController();
      const gen = generation.current;
      const current = () => gen === generation.current && !abort.signal.aborted;
      setBusy({ label, abort });
      setError(undefined);
      const tell = (progress: string) => {
        if (current()) setBusy((b) => (b?.abort === abort ? { ...b, progress } : b));
      };
      try {
        const r = await run(abort.signal, tell, current);
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
    setFinding(undefined);
    // Both asked at once: the worker answers them one after the other, before the graph's picture
    // (asked by the App after this effect), which would otherwise come between them.
    void compute('Computing risk and attack paths…', async (signal) => {
      const [risk, paths] = await Promise.all([client.run((api) => api.risk(), signal), client.run((api) => api.paths(), signal)]);
      return { risk, paths };
    }, (r) => {
      setRisk(r.risk);
      setPaths(r.paths);
    });
  }, [client, plantKey, compute]);

  // Tab-specific results, fetched when first needed.
  // A planning stopped (cancelled) stays stopped while its tab is open; opened again, it plans anew.
  useEffect(() => {
    if (tab !== 'remediation') setPlan((p) => (p?.stopped ? undefined : p));
  }, [tab]);

  // The plant's first answers in, the worker searches the baseline's side of a what-if diff ahead
  // of the first edit while it is otherwise idle (only where that is cheap: diff.ts prepareDiff).
  useEffect(() => {
    if (choke) client.run((api) => api.prepareWhatIf()).catch(() => undefined);
  }, [client, choke]);

  useEffect(() => {
    // The plant view marks the assets to harden first too: chokepoints follow the paths there.
    if ((tab === 'chokepoints' || (tab === 'paths' && paths)) && !choke) void compute('Computing chokepoints…', (signal) => client.run((api) => api.chokepoints(), signal), setChoke);
    if (tab === 'remediation' && !plan) {
      // The steps show as the worker decides them; the plan with its curve when it is done.
      const run = {};
      setPlan({ steps: [], done: undefined, of: PLAN_STEPS, run, rank });
      void compute(
        'Planning remediation…',
        (signal, tell, current) =>
          client.remediate(
            { maxSteps: PLAN_STEPS, ...(rank === 'time' ? { rank } : {}) },
            {
              signal,
              onStep: (s) => {
                if (!current()) return;
                tell(`${s.index + 1} of up to ${PLAN_STEPS} steps decided`);
                setPlan((p) => (p && !p.done ? { ...p, steps: [...p.steps.filter((x) => x.index !== s.index), s].sort((a, b) => a.index - b.index) } : p));
              },
            },
          ),
        (done) => setPlan({ steps: done.plan.steps.map((step, index) => ({ step, index, text: done.texts[index]! })), done, of: PLAN_STEPS, run, rank }),
      ).then(() => setPlan((p) => (p?.run === run && !p.done ? { ...p, stopped: true } : p))); // cancelled or failed: planned again on request
    }
    if (tab === 'findings' && !found) void compute('Reading 62443 findings…', (signal) => client.run((api) => api.findingsPage({ offset: 0, limit: FINDINGS_PAGE }), signal), setFound);
  }, [tab, paths, choke, plan, found, client, compute, rank]);

  const blastSource = tab === 'blast' ? (selected ?? outline.entryPoints.find((e) => /supplier/i.test(e.asset))?.asset ?? outline.entryPoints[0]?.asset) : undefined;
  const nameOf = names.name;
  useEffect(() => {
    if (!blastSource) return;
    void compute(`Blast radius of ${nameOf(blastSource)}…`, (signal) => client.run((api) => api.blastView([blastSource]), signal), setBlast);
  }, [blastSource, client, compute, plantKey, nameOf]);

  // The overlay follows the tab and its selection; the plant view marks the cut ranked (harden first).
  useEffect(() => {
    const harden = choke?.view.cut;
    if (tab === 'paths' && pathShown) onOverlay({ kind: 'path', nodes: pathShown.nodes });
    else if (tab === 'blast' && blast) {
      onOverlay({
        kind: 'heat',
        // Per asset; per zone tile when the worker rated the tiles (the plant is drawn collapsed).
        heat: blast.heat.by === 'asset' ? new Map(blast.heat.values) : new Map(),
        ...(blast.heat.by === 'zone' ? { tiles: new Map(blast.heat.values) } : {}),
        outline: new Set(blast.from),
        label: 'likelihood of compromise',
        scale: { title: 'Likelihood of compromise', low: '0%', high: '100%', likelihood: 'Likelihood of compromise' },
      });
    } else if (tab === 'chokepoints' && choke) {
      const max = Math.max(0, ...choke.view.riskRemoved.map(([, v]) => v));
      onOverlay({ kind: 'chokepoints', view: choke.view, scale: { title: 'Risk removed if hardened alone', low: '€0', high: formatMoney(max) }, scene: choke.scene });
    } else if (tab === 'findings' && finding) {
      const f = finding.finding;
      onOverlay({ kind: 'heat', heat: new Map(f.assets.map((a) => [a, 1])), outline: new Set(f.assets), label: f.title, frame: true });
    } else onOverlay(harden?.length ? { kind: 'none', harden } : { kind: 'none' });
  }, [tab, paths, pathShown, blast, choke, finding, onOverlay]);

  // Esc (outside dialogs) clears the selected path or finding: the graph shows the whole plant again.
  useEffect(() => {
    const clear = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || (e.target instanceof Element && e.target.closest('[role="dialog"]'))) return;
      setPathShown(undefined);
      setFinding(undefined);
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
        <label className="profile-pick" title={profile ? PROFILES[profile].summary : NO_PROFILE_TEXT}>
          <span className="muted">as</span>{' '}
          <select aria-label="Analyse as attacker" data-testid="profile-select" value={profile ?? ''} onChange={(e) => onProfile(isAttackerProfile(e.target.value) ? e.target.value : null)}>
            <option value="">any attacker (no profile)</option>
            {ATTACKER_PROFILES.map((p) => (
              <option key={p} value={p}>
                {PROFILES[p].article}
              </option>
            ))}
          </select>
        </label>
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
          {busy.progress ? <span className="muted" data-testid="computing-progress"> {busy.progress}</span> : null}
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
        <PathsTab paths={paths} outline={outline} search={search} plantKey={plantKey} selected={pathShown} onSelect={setPathShown} names={names} ask={ask} onApplyEdit={onApplyEdit} />
      ) : null}

      {tab === 'blast' ? <BlastTab blast={blast} names={names} /> : null}

      {tab === 'chokepoints' && choke ? <ChokepointsTab choke={choke} names={names} /> : null}

      {tab === 'findings' && found ? (
        <FindingsTab client={client} first={found} selected={finding?.index} onSelect={(index, f) => setFinding(index === undefined || !f ? undefined : { index, finding: f })} />
      ) : null}

      {tab === 'whatif' ? whatIf : null}

      {tab === 'remediation' && plan ? <RemediationTab client={client} plan={plan} plantId={outline.plant.id} onApplyEdit={onApplyEdit} onPlanAgain={() => setPlan(undefined)} onRank={(r) => {
            // A planning still running is for the other ranking: it is cancelled, then planned anew.
            if (plan && !plan.done && !plan.stopped) busy?.abort.abort();
            setRank(r);
            setPlan(undefined);
          }} /> : null}
    </section>
  );
}
