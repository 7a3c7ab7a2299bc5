// A list of attack paths of any length (thousands on a large plant), virtualized: only the rows in
// view are in the page. A selected path opens with every step's technique, likelihood, rule,
// provenance and why.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ExplainedPath } from '../../analysis/explain';
import { formatLikelihood as pct } from '../../report/format';

export interface PathListProps {
  readonly paths: readonly ExplainedPath[];
  readonly selected: ExplainedPath | undefined;
  readonly onSelect: (p: ExplainedPath | undefined) => void;
  readonly name: (id: string) => string;
  /** Show the route (every asset) in each row, not only its ends: for paths of one pair. */
  readonly routes?: boolean;
}

const key = (p: ExplainedPath) => p.nodes.join('\u0000');

export function PathList({ paths, selected, onSelect, name, routes = false }: PathListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer is read in render by design
  const rows = useVirtualizer({
    count: paths.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (routes ? 48 : 30),
    overscan: 8,
    getItemKey: (i) => key(paths[i]!),
  });
  const selectedKey = selected ? key(selected) : undefined;
  // A new list starts at its top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [paths]);
  return (
    <div className="path-scroll" ref={scroller} data-testid="path-list">
      <ol className="path-list-v" style={{ height: rows.getTotalSize() }} aria-label={`${paths.length} attack paths`}>
        {rows.getVirtualItems().map((row) => {
          const p = paths[row.index]!;
          const open = key(p) === selectedKey;
          return (
            <li key={row.key} data-index={row.index} ref={rows.measureElement} style={{ transform: `translateY(${row.start}px)` }} aria-setsize={paths.length} aria-posinset={row.index + 1}>
              <button type="button" className={open ? 'path-item active' : 'path-item'} aria-expanded={open} data-testid="path-item" onClick={() => onSelect(open ? undefined : p)}>
                <span className="path-rank">{row.index + 1}.</span>
                <span className="path-text">
                  <span className="lik">{pct(p.likelihood)}</span> {name(p.from)} → {name(p.to)}{' '}
                  <span className="muted">
                    ({p.edges.length} step{p.edges.length === 1 ? '' : 's'})
                  </span>
                  {routes ? <span className="path-route">{[p.edges[0]?.fromName ?? name(p.from), ...p.edges.map((e) => e.toName)].join(' → ')}</span> : null}
                </span>
              </button>
              {open ? (
                <ol className="steps" data-testid="path-steps">
                  {p.edges.map((e, k) => (
                    <li key={k}>
                      <div>
                        <strong>{e.fromName}</strong> → <strong>{e.toName}</strong>
                      </div>
                      <div>
                        {e.techniqueName} <span className="muted">({e.technique})</span> · {e.likelihood.toFixed(3)} ·{' '}
                        <span className="muted">
                          {e.rule}, {e.provenance}
                        </span>
                      </div>
                      <div className="why">{e.why}</div>
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
