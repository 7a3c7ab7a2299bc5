// The remediation tab: the greedy plan with its costs, the risk curve (axes in euros), one click to
// apply a step to the what-if scenario, and the plan as a CSV file for ticketing. Steps read by name
// (the worker words them); the model ids they act on are in their tooltips and in the CSV. While the
// worker still plans, the steps it has decided are listed at once, each already appliable.
import { useState } from 'react';
import type { RemediationPlan } from '../../analysis/remediation';
import type { ScenarioEdit } from '../../analysis/scenario';
import type { AnalysisClient } from '../../client/analysis-client';
import { formatDays, formatMoney as money, formatMoneyShort } from '../../report/format';
import type { PlanRank } from '../../analysis/remediation/plan';
import { riskCurveScale, type ChartBox } from '../../report/svg';
import type { StepShown } from '../../session/lists';
import type { PlanSoFar } from '../AnalysisPanel';
import { csvFileName, downloadCsv } from '../inventory/csv-download';
import './remediation.css';

export interface RemediationTabProps {
  readonly client: AnalysisClient;
  /** The plan as far as the worker decided it (`done` once it is whole). */
  readonly plan: PlanSoFar;
  /** The plant's id (the CSV file's name). */
  readonly plantId: string;
  readonly onApplyEdit: (e: ScenarioEdit) => void;
  /** Plans again after a cancelled or failed planning. */
  readonly onPlanAgain: () => void;
  /** Plans again, ranked by risk removed or by time bought (per euro). */
  readonly onRank: (rank: PlanRank) => void;
}

/** The ranking's picker: risk removed per euro (the default) or time bought per euro (docs/attack-rules.md, "Time bought"). */
function RankPick({ rank, onRank }: { rank: PlanRank; onRank: (rank: PlanRank) => void }) {
  return (
    <label className="rem-rank">
      Rank steps by{' '}
      <select value={rank} onChange={(e) => onRank(e.target.value === 'time' ? 'time' : 'risk')} data-testid="plan-rank" aria-label="Rank remediation steps by">
        <option value="risk">risk removed per euro</option>
        <option value="time">time bought per euro</option>
      </select>
    </label>
  );
}

/** One step: what it does (its model ids in the tooltip), its cost and what it removes, and Apply. */
function Step({ s, testId, onApplyEdit }: { s: StepShown; testId: string; onApplyEdit: (e: ScenarioEdit) => void }) {
  const { step, text } = s;
  const bought = step.daysBought !== undefined ? ` · buys ${formatDays(step.daysBought)}` : '';
  return (
    <li data-testid={testId}>
      <div title={`model id${text.refs.length === 1 ? '' : 's'}: ${text.refs.join(', ')}`}>{text.text}</div>
      <div className="muted">
        cost {money(step.action.cost)} · removes {money(step.riskRemoved)}
        {bought}{' '}
        <button type="button" className="small-btn" data-testid="apply-step" onClick={() => onApplyEdit(step.action)}>
          Apply to scenario
        </button>
      </div>
    </li>
  );
}

export function RemediationTab({ client, plan: soFar, plantId, onApplyEdit, onPlanAgain, onRank }: RemediationTabProps) {
  const [note, setNote] = useState<string>();
  if (!soFar.done) {
    const first = soFar.steps[0]?.step;
    return (
      <div className="tab-body" data-testid="remediation-progress">
        <RankPick rank={soFar.rank} onRank={onRank} />
        {soFar.stopped ? (
          <p data-testid="remediation-stopped">
            {soFar.steps.length === 0 ? 'Planning stopped before the first step was decided.' : `Planning stopped after ${soFar.steps.length} of up to ${soFar.of} steps (from ${money(first!.riskBefore)}).`}{' '}
            <button type="button" className="small-btn" onClick={onPlanAgain}>
              Plan again
            </button>
          </p>
        ) : (
          <p>
            {soFar.steps.length === 0
              ? 'Looking for the step that removes the most risk per euro…'
              : `${soFar.steps.length} of up to ${soFar.of} steps decided, from ${money(first!.riskBefore)}; the next is being searched.`}
          </p>
        )}
        <ol className="rem-plan">
          {soFar.steps.map((s) => (
            <Step key={s.index} s={s} testId="plan-step-early" onApplyEdit={onApplyEdit} />
          ))}
        </ol>
      </div>
    );
  }
  const { plan, texts } = soFar.done;
  const exportCsv = () => {
    void client.run((api) => api.planCsv(plan)).then((csv) => {
      downloadCsv(csv, csvFileName(plantId, 'remediation-plan'));
      setNote(`CSV downloaded: ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}, with their model ids, costs and risk figures.`);
    });
  };
  return (
    <div className="tab-body" data-testid="remediation-panel">
      <RankPick rank={soFar.rank} onRank={onRank} />
      {plan.baselineDays !== undefined && plan.finalDays !== undefined ? (
        <p data-testid="plan-days">
          Expected time to compromise {formatDays(plan.baselineDays)} → <strong>{formatDays(plan.finalDays)}</strong> (impact-weighted over the crown jewels; docs/attack-rules.md, “Time bought”)
        </p>
      ) : null}
      <div className="rem-head">
        <p>
          Risk {money(plan.baselineRisk)} → <strong>{money(plan.finalRisk)}</strong> for {money(plan.steps.at(-1)?.cumulativeCost ?? 0)}
        </p>
        <button type="button" className="small-btn" onClick={exportCsv} disabled={plan.steps.length === 0} data-testid="plan-export">
          Export CSV
        </button>
      </div>
      {note ? (
        <p className="rem-note" role="status" data-testid="plan-note">
          {note}
        </p>
      ) : null}
      <RiskCurve plan={plan} />
      <ol className="rem-plan">
        {plan.steps.map((step, index) => (
          <Step key={index} s={{ step, index, text: texts[index]! }} testId="plan-step" onApplyEdit={onApplyEdit} />
        ))}
      </ol>
      {plan.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
    </div>
  );
}

/** Plant risk (y, €) after each step against the money spent on the steps so far (x, €), as a step line. */
const CURVE_BOX: ChartBox = { W: 388, H: 200, left: 58, right: 14, top: 14, bottom: 40 };

function RiskCurve({ plan }: { plan: RemediationPlan }) {
  const { W, H, left, right, top, bottom } = CURVE_BOX;
  const { maxX, maxY, x, y } = riskCurveScale(plan, CURVE_BOX);
  let d = '';
  plan.curve.forEach((p, i) => {
    d += i === 0 ? `M${x(p.cost)},${y(p.risk)}` : `H${x(p.cost)}V${y(p.risk)}`;
  });
  // Fifths of a round maximum (1, 2, 2.5, 5 × 10^k) are round too: €0, €5M, … €25M.
  const ticks = [0, 1, 2, 3, 4, 5].map((k) => (maxY * k) / 5);
  const label = `Plant risk after each step, from ${money(plan.baselineRisk)} to ${money(plan.finalRisk)}, against money spent, up to ${money(plan.curve.at(-1)?.cost ?? 0)}`;
  return (
    <svg className="rem-curve" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="risk-curve">
      {ticks.map((v) => (
        <g key={`y${v}`}>
          <line x1={left} y1={y(v)} x2={W - right} y2={y(v)} className="grid" />
          <text x={left - 6} y={y(v) + 4} className="tick" textAnchor="end" data-testid="risk-curve-y">
            {formatMoneyShort(v)}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((t) => (
        <text key={`x${t}`} x={x(maxX * t)} y={H - bottom + 15} className="tick" textAnchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'} data-testid="risk-curve-x">
          {formatMoneyShort(maxX * t)}
        </text>
      ))}
      <line x1={left} y1={H - bottom} x2={W - right} y2={H - bottom} className="axis" />
      <line x1={left} y1={top} x2={left} y2={H - bottom} className="axis" />
      <path d={d} className="line" />
      {plan.curve.map((p, i) => (
        <circle key={i} cx={x(p.cost)} cy={y(p.risk)} r={3} className="dot">
          <title>{i === 0 ? `before any step: ${money(p.risk)}` : `after step ${i}: ${money(p.risk)}, ${money(p.cost)} spent`}</title>
        </circle>
      ))}
      <text x={(left + W - right) / 2} y={H - 6} className="title" textAnchor="middle">
        money spent on the steps (€, cumulative)
      </text>
      <text x={12} y={(top + H - bottom) / 2} className="title" textAnchor="middle" transform={`rotate(-90 12 ${(top + H - bottom) / 2})`}>
        plant risk (€)
      </text>
    </svg>
  );
}
