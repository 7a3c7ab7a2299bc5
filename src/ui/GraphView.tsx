// The plant graph in React: a thin layer over the framework-free GraphController (src/ui/graph/),
// created on mount with its page layers (Purdue bands, names, tooltip and focus ring, minimap),
// given the props on every change and destroyed on unmount; plus the toolbar (find an asset,
// filters), the zoom buttons, the key, the chokepoints headline and the heat map's colour scale.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GraphLayout } from '../analysis/layout';
import type { PlantModel } from '../model/schema';
import { chokepointHeadline } from '../report/svg';
import { bandLayer } from './graph/bands';
import { createGraphController, type GraphController, type Renderer, type Scene } from './graph/controller';
import { trafficOf } from './graph/elements';
import { labelLayer } from './graph/labels';
import { minimapLayer } from './graph/minimap';
import { tooltipLayer } from './graph/tooltip';
import { ZOOM_STEP } from './graph/viewport';
import { heatGradient, NO_OVERLAY, type HeatScale, type Overlay } from './overlay';
import './graph.css';
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
  const under = useRef<HTMLDivElement>(null);
  const over = useRef<HTMLDivElement>(null);
  const controller = useRef<GraphController>(undefined);
  const [query, setQuery] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [hiddenLevels, setHiddenLevels] = useState<ReadonlySet<number>>(new Set());
  const [kindFilter, setKindFilter] = useState('');
  const [zoneFilter, setZoneFilter] = useState('');
  const [renderer, setRenderer] = useState<Renderer>('canvas');
  // The scene whose drawing is complete (shown as data-drawn, which tests wait for).
  const [complete, setComplete] = useState<Scene>();
  const onSelect = useRef(onSelectAsset);
  useEffect(() => {
    onSelect.current = onSelectAsset;
  }, [onSelectAsset]);

  useEffect(() => {
    const created = createGraphController(container.current!, {
      onSelectAsset: (id) => onSelect.current?.(id),
      onEscape: () => {
        onSelect.current?.(undefined);
        created.fit();
      },
      onDrawn: setComplete,
      onRenderer: setRenderer,
      under: under.current!,
      over: over.current!,
      layers: [bandLayer(), labelLayer(), tooltipLayer(), minimapLayer()],
    });
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
  // Drawn: the scene for these props is complete (a zone opened in place draws a scene of its own layout).
  const drawn =
    !!model && complete?.model === model && (overlay.kind === 'chokepoints' ? complete.view === overlay.view : !complete.view && (complete.layout === layout || complete.opened !== undefined));
  const scale: HeatScale | undefined = overlay.kind === 'heat' || overlay.kind === 'chokepoints' ? overlay.scale : undefined;
  const hasCut = overlay.kind === 'chokepoints' ? overlay.view.cut.length > 0 : overlay.kind === 'none' && !!overlay.harden?.length;

  return (
    <div className="graph-wrap pg-wrap">
      <div className="pg-toolbar">
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
        {scale ? (
          <div className="pg-scale" data-testid="heat-scale" role="img" aria-label={`Colour scale: ${scale.title}, from ${scale.low} (pale yellow) to ${scale.high} (deep red)`}>
            <span className="pg-scale-title">{scale.title}</span>
            <span className="pg-scale-low">{scale.low}</span>
            <span className="pg-scale-bar" style={{ background: heatGradient() }} />
            <span className="pg-scale-high">{scale.high}</span>
          </div>
        ) : null}
        <ul className="pg-key" aria-label="Key">
          <li>
            <span className="pg-swatch entry" /> Entry point: an attacker starts here
          </li>
          <li>
            <span className="pg-swatch jewel" /> Crown jewel: must not fall
          </li>
          {hasCut ? (
            <li>
              <span className="pg-swatch cut">1</span> Harden first (rank)
            </li>
          ) : null}
        </ul>
      </div>
      {overlay.kind === 'chokepoints' ? (
        <p className="pg-headline" data-testid="chokepoints-headline">
          <strong>Chokepoints:</strong> {chokepointHeadline(overlay.view.headline)}
          {overlay.view.assets.length < overlay.view.relevant ? (
            <span className="muted">
              {' '}
              Showing {overlay.view.assets.length.toLocaleString('en')} of the {overlay.view.relevant.toLocaleString('en')} assets on attack paths: entry points, crown jewels, the cut, the
              dominators and the most likely paths.
            </span>
          ) : null}
        </p>
      ) : null}
      <div className="pg-stage">
        <div className="pg-under" ref={under} />
        <div className="graph" ref={container} data-testid="graph-view" data-renderer={renderer} data-drawn={drawn} data-scene={overlay.kind === 'chokepoints' ? 'chokepoints' : 'plant'} />
        <div className="pg-over" ref={over} />
        <div className="pg-zoom" role="group" aria-label="Zoom">
          <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => controller.current?.zoomBy(ZOOM_STEP)}>
            +
          </button>
          <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => controller.current?.zoomBy(1 / ZOOM_STEP)}>
            −
          </button>
          <button type="button" title="Fit the plant in view (0)" onClick={() => controller.current?.fit()}>
            Fit
          </button>
        </div>
        {model && layout?.collapsed && overlay.kind !== 'chokepoints' ? (
          <div className="graph-note pg-note" data-testid="collapsed-note">
            {model.assets.length.toLocaleString('en')} assets: one tile per zone, sized by its assets, with its name and asset count. Click a zone to open it in place.
          </div>
        ) : null}
        {traffic ? (
          <div className="observed-legend" data-testid="observed-legend">
            Captured traffic: <span className="seen">━ {traffic.observed.toLocaleString('en')} seen</span> · <span className="shadow">━ {traffic.shadow.toLocaleString('en')} seen, not modeled</span> · ┄{' '}
            {traffic.unseen.toLocaleString('en')} modeled, never seen
          </div>
        ) : null}
      </div>
    </div>
  );
}
