// Remediation: candidate actions generated from the model, applied to a copy of the model; a greedy
// plan by risk removed per cost, under an optional budget, honouring `patchable: false`; and the
// cumulative risk curve. The parts live in ./remediation/; this module is their one entry.
export {
  ACTION_COSTS, MAX_CANDIDATES, MAX_PLAN_STEPS, applyAction, candidateActions, describeAction, type RemediationAction,
} from './remediation/actions';
export { actionsOnBestPaths, contextAfter, riskAfter } from './remediation/changes';
export { remediationPlan, type PlanOptions, type PlanStep, type PlanStepListener, type RemediationPlan } from './remediation/plan';
export type { StepWork } from './remediation/choose';
