// The remediation tab: the greedy plan with its costs, the risk curve, and one click to apply a step
// to the what-if scenario.
import type { RemediationPlan } from '../../analysis/remediation';
import type { ScenarioEdit } from '../../analysis/scenario';
import { formatMoney as money } from '../../report/format';

export function RemediationTab({ plan, onApplyEdit }: { readonly plan: RemediationPlan; readonly onApplyEdit: (e: ScenarioEdit) => void }) {
  return (
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
