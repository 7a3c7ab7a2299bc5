// One worker query for a tab's own use (the path finder, the suggestions), run by the analysis
// panel with its Cancel button: the answer, or undefined when it was cancelled, failed (the panel
// shows why) or belongs to a plant no longer shown.
import type { AnalysisApi } from '../../client/analysis-client';

export type Ask = <R>(label: string, call: (api: AnalysisApi) => Promise<R> | R) => Promise<R | undefined>;
