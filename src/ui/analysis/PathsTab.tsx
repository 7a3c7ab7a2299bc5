// The attack paths tab: the most likely path of every entry point × crown jewel pair, each step
// explained when selected.
import type { ExplainedPath } from '../../analysis/explain';
import { formatLikelihood as pct } from '../../report/format';
import type { Names } from './names';

export interface PathsTabProps {
  readonly paths: readonly ExplainedPath[];
  readonly selected: number | undefined;
  readonly onSelect: (index: number | undefined) => void;
  readonly names: Names;
}

export function PathsTab({ paths, selected: pathIndex, onSelect: setPathIndex, names: { name } }: PathsTabProps) {
  return (
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
  );
}
