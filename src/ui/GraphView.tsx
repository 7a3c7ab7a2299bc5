// The plant graph in React: a thin layer over the framework-free GraphController (src/ui/graph/),
// created on mount, given the props on every change and destroyed on unmount, plus the toolbar
// (Fit, find an asset, filters) and the legends around it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GraphLayout } from '../analysis/layout';
import type { PlantModel } from '../model/schema';
import { createGraphController, type GraphController, type Renderer, type Scene } from './graph/controller';
import { trafficOf } from './graph/elements';
import { NO_OVERLAY, type Overlay } from './overlay';
import './import.css';

// AssetPanel reads observations from here.
export { observationOf, type Observation } from './graph/elements';

export interface GraphViewProps {
  readonly model: PlantModel | undefined;
  /** Positions from the analysis worker; nothing is drawn until they arrive. */
  readonly layout: GraphLayout | undefined;
  readonly overlay?: Overlay;
  readonly selected?: string | undefined;
  readonly onSelectAsset?: (id: string | undefined) => void;
}

export function GraphView({ model, layout, overlay = NO_OVERLAY, selected, onSelectAsset }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<GraphController>(undefined);
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [hiddenLevels, setHiddenLevels] = useState<ReadonlySet<number>>(new Set());
  const [kindFilter, setKindFilter] = useState('');
  const [zoneFilter, setZoneFilter] = useState('');
  const [renderer, setRenderer] = useState<Renderer>('canvas');
  // The plant whose drawing is complete (shown as data-drawn, which tests wait for).
  const [complete, setComplete] = useState<Scene>();
  const onSelect = useRef(onSelectAsset);
  useEffect(() => {
    onSelect.current = onSelectAsset;
  }, [onSelectAsset]);

  useEffect(() => {
    const created = createGraphController(container.current!, { onSelectAsset: (id) => onSelect.current?.(id), onDrawn: setComplete, onRenderer: setRenderer });
    controller.current = created;
    return () => {
      created.destroy();
      controller.current = undefined;
    };
  }, []);

  const filter = useMemo(() => ({ hiddenLevels, kind: kindFilter, zone: zoneFilter }), [hiddenLevels, kindFilter, zoneFilter]);
  useEffect(() => {
    controller.current?.update({ model, layout, overlay, selected, filter });
  }, [model, layout, overlay, selected, filter]);

  const traffic = useMemo(() => (model ? trafficOf(model) : undefined), [model]);
  const kinds = useMemo(() => [...new Set(model?.assets.map((a) => a.kind) ?? [])].sort(), [model]);

  return (
    <div className="graph-wrap">
      <div
        className="graph"
        ref={container}
        data-testid="graph-view"
        data-renderer={renderer}
        data-drawn={!!model && complete?.model === model && complete.layout === layout}
        aria-label="Plant graph"
        role="img"
      />
      {model && layout?.collapsed ? (
        <div className="graph-note" data-testid="collapsed-note">
          {model.assets.length.toLocaleString('en')} assets: zones shown as single nodes (asset count in brackets)
        </div>
      ) : null}
      {traffic ? (
        <div className="observed-legend" data-testid="observed-legend">
          Captured traffic: <span className="seen">━ {traffic.observed.toLocaleString('en')} seen</span> · <span className="shadow">━ {traffic.shadow.toLocaleString('en')} seen, not modeled</span> · ┄{' '}
          {traffic.unseen.toLocaleString('en')} modeled, never seen
        </div>
      ) : null}
      <div className="graph-tools">
        <button type="button" onClick={() => controller.current?.fit()} title="Fit the plant in view">
          Fit
        </button>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = query.trim().toLowerCase();
            const hit =
              model?.assets.find((a) => a.id.toLowerCase() === q) ??
              model?.assets.find((a) => a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q));
            setNotFound(!hit);
            if (!hit) return;
            onSelect.current?.(hit.id);
            controller.current?.focusAsset(hit.id);
          }}
        >
          <input
            className={notFound ? 'search not-found' : 'search'}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Find asset by name or id"
            aria-label="Find asset by name or id"
            data-testid="asset-search"
          />
        </form>
        <details className="filters">
          <summary>Filters{hiddenLevels.size || kindFilter || zoneFilter ? ' •' : ''}</summary>
          <fieldset>
            <legend>Purdue levels</legend>
            {[5, 4, 3.5, 3, 2, 1, 0].map((l) => (
              <label key={l}>
                <input
                  type="checkbox"
                  checked={!hiddenLevels.has(l)}
                  data-testid={`level-${l}`}
                  onChange={(e) =>
                    setHiddenLevels((h) => {
                      const next = new Set(h);
                      if (e.target.checked) next.delete(l);
                      else next.add(l);
                      return next;
                    })
                  }
                />{' '}
                L{l}
              </label>
            ))}
          </fieldset>
          <label>
            Kind{' '}
            <select value={kindFilter} onChange={(e) => setKindFilter(e.target.value)} data-testid="kind-filter">
              <option value="">all</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Zone{' '}
            <select value={zoneFilter} onChange={(e) => setZoneFilter(e.target.value)} data-testid="zone-filter">
              <option value="">all</option>
              {model?.zones.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.name}
                </option>
              ))}
            </select>
          </label>
        </details>
      </div>
    </div>
  );
}
