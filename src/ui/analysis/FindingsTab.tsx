// The IEC 62443 findings tab: every finding, most severe first, in a virtualized list whose rows
// come from the analysis worker a page at a time as the list scrolls (a 100k-asset plant has
// thousands of findings: only the rows on screen are in the page, only the pages near them are
// held). Select a finding to see its detail and its assets on the graph.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../analysis/findings';
import type { AnalysisClient } from '../../client/analysis-client';
import { FINDINGS_PAGE, type FindingsPage } from '../../session/lists';
import { keepPage } from '../kept-pages';

export interface FindingsTabProps {
  readonly client: AnalysisClient;
  /** The first page, with the counts (asked for with the tab, behind its Cancel button). */
  readonly first: FindingsPage;
  /** The position of the selected finding. */
  readonly selected: number | undefined;
  readonly onSelect: (index: number | undefined, finding: Finding | undefined) => void;
}

/** Pages kept around the rows on screen. */
const KEPT_PAGES = 8;

/** The finding rows as the list scrolls: pages asked of the worker, kept near what is on screen. */
function useFindingPages(client: AnalysisClient, first: FindingsPage) {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly Finding[]>>(() => new Map([[0, first.rows]]));
  const pending = useRef(new Set<number>());
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const fetchPage = useCallback(
    (page: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      client
        .run((api) => api.findingsPage({ offset: page * FINDINGS_PAGE, limit: FINDINGS_PAGE }))
        .then((r) => {
          if (!live.current) return;
          setPages((old) => keepPage(old, page, r.rows, KEPT_PAGES));
        })
        .catch(() => undefined) // a cancel or a new plant meanwhile: the row stays a placeholder until asked again
        .finally(() => pending.current.delete(page));
    },
    [client],
  );
  const ensure = useCallback(
    (start: number, end: number) => {
      for (let p = Math.floor(start / FINDINGS_PAGE); p <= Math.floor(Math.max(start, end - 1) / FINDINGS_PAGE); p++) if (!pages.has(p)) fetchPage(p);
    },
    [pages, fetchPage],
  );
  const row = (index: number) => pages.get(Math.floor(index / FINDINGS_PAGE))?.[index % FINDINGS_PAGE];
  return { row, ensure };
}

export function FindingsTab({ client, first, selected, onSelect }: FindingsTabProps) {
  const { row, ensure } = useFindingPages(client, first);
  const scroller = useRef<HTMLDivElement>(null);
  const total = first.total;
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: the virtualizer is read in render by design
  const rows = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => 30, overscan: 8 });
  const items = rows.getVirtualItems();
  const from = items[0]?.index ?? 0;
  const to = (items.at(-1)?.index ?? -1) + 1;
  useEffect(() => ensure(from, to), [from, to, ensure]);
  const { high, medium, low } = first.counts;
  return (
    <div className="tab-body" data-testid="findings-panel">
      <p className="muted" data-testid="findings-count">
        {total.toLocaleString('en')} finding(s)
        {total ? ` (${[high && `${high.toLocaleString('en')} high`, medium && `${medium.toLocaleString('en')} medium`, low && `${low.toLocaleString('en')} low`].filter(Boolean).join(', ')})` : ''}. Select one to show its
        assets.
      </p>
      <div className="path-scroll" ref={scroller} data-testid="finding-list">
        <ul className="path-list-v" style={{ height: rows.getTotalSize() }} aria-label={`${total} findings`}>
          {items.map((item) => {
            const f = row(item.index);
            const open = selected === item.index;
            return (
              <li key={item.key} data-index={item.index} ref={rows.measureElement} style={{ transform: `translateY(${item.start}px)` }} aria-setsize={total} aria-posinset={item.index + 1}>
                {f ? (
                  <>
                    <button type="button" className={open ? 'path-item active' : 'path-item'} aria-expanded={open} data-testid="finding" onClick={() => (open ? onSelect(undefined, undefined) : onSelect(item.index, f))}>
                      <span className={`sev ${f.severity}`}>{f.severity}</span> {f.title}
                    </button>
                    {open ? <div className="why finding-detail">{f.detail}</div> : null}
                  </>
                ) : (
                  <div className="path-item muted" aria-busy="true">
                    …
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
