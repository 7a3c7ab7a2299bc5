// The inventory's rows as the table scrolls: pages asked of the analysis worker (which sorts and
// filters every asset), kept only near what is on screen, dropped when the query or the plant
// changes. The main thread never holds the whole inventory of a large plant.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnalysisClient } from '../../client/analysis-client';
import type { InventoryFacets, InventoryQuery, InventoryRow } from '../../session/inventory';
import { keepPage } from '../kept-pages';

/** Rows per request: a few screens of the table. */
export const INVENTORY_PAGE = 200;
/** Pages kept around the rows on screen (the rest are dropped and asked again when scrolled back to). */
const KEPT_PAGES = 12;

export type InventoryView = Pick<InventoryQuery, 'sort' | 'filter'>;

export interface InventoryRows {
  /** Rows the filter keeps (undefined until the first answer). */
  readonly matched: number | undefined;
  readonly total: number | undefined;
  readonly plantRisk: number | undefined;
  readonly facets: InventoryFacets | undefined;
  readonly error: string | undefined;
  /** The row at a position of the matched order, if its page has arrived. */
  readonly row: (index: number) => InventoryRow | undefined;
  /** Asks for the pages covering [start, end) (the rows on screen). */
  readonly ensure: (start: number, end: number) => void;
}

export function useInventoryRows(client: AnalysisClient, plantKey: number, view: InventoryView): InventoryRows {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly InventoryRow[]>>(new Map());
  const [counts, setCounts] = useState<{ matched: number; total: number; plantRisk: number }>();
  const [facets, setFacets] = useState<InventoryFacets>();
  const [error, setError] = useState<string>();
  const generation = useRef(0);
  const pending = useRef(new Set<number>());
  const viewRef = useRef(view);

  /** The plant (plantKey) whose facets arrived: until they do, every first page asks for them again. */
  const facetsFor = useRef<number>(undefined);

  const fetchPage = useCallback(
    (page: number, facetsOf?: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      const gen = generation.current;
      const query: InventoryQuery = { ...viewRef.current, offset: page * INVENTORY_PAGE, limit: INVENTORY_PAGE, ...(facetsOf !== undefined ? { facets: true } : {}) };
      client
        .run((api) => api.inventory(query))
        .then((r) => {
          if (gen !== generation.current) return;
          setCounts({ matched: r.matched, total: r.total, plantRisk: r.plantRisk });
          if (r.facets) {
            setFacets(r.facets);
            facetsFor.current = facetsOf;
          }
          setPages((old) => keepPage(old, page, r.rows, KEPT_PAGES));
        })
        .catch((e: unknown) => {
          if (gen === generation.current) setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          if (gen === generation.current) pending.current.delete(page);
        });
    },
    [client],
  );

  // A new plant (or scenario): the facets too. A new sort or filter: the rows only.
  const viewKey = JSON.stringify(view);
  useEffect(() => {
    viewRef.current = JSON.parse(viewKey) as InventoryView;
    generation.current++;
    pending.current = new Set();
    setPages(new Map());
    setError(undefined);
    fetchPage(0, facetsFor.current !== plantKey ? plantKey : undefined);
  }, [plantKey, viewKey, fetchPage]);

  const ensure = useCallback(
    (start: number, end: number) => {
      if (end <= start) return;
      for (let p = Math.floor(start / INVENTORY_PAGE); p <= Math.floor((end - 1) / INVENTORY_PAGE); p++) if (!pages.has(p)) fetchPage(p);
    },
    [pages, fetchPage],
  );

  const row = useCallback((index: number) => pages.get(Math.floor(index / INVENTORY_PAGE))?.[index % INVENTORY_PAGE], [pages]);

  return { matched: counts?.matched, total: counts?.total, plantRisk: counts?.plantRisk, facets, error, row, ensure };
}
