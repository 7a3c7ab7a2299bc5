// The plant graph in React: a thin layer over the framework-free GraphController (src/ui/graph/),
// created on mount with its page layers (Purdue bands, names, tooltip and focus ring, minimap),
// given the props on every change and destroyed on unmount; plus the toolbar (find an asset — the
// analysis worker searches — and filters), the zoom buttons, the key, the chokepoints headline and
// the heat map's colour scale. It draws the worker's picture of the plant (the whole plant, or
// zone tiles whose records it asks for when one is opened), never a model of its own.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AssetDirectory } from '../client/analysis-client';
import { chokepointHeadline } from '../report/svg';
import type { PlantPicture } from '../session/plant-queries';
import type { PlantOutline, ZoneLink, ZoneRecords } from '../session/plant-view';
import { bandLayer } from './graph/bands';
import { createGraphController, type GraphController, type Renderer, type Scene } from './graph/controller';
import { labelLayer } from './graph/labels';
import { minimapLayer } from './graph/minimap';
import { tooltipLayer } from './graph/tooltip';
import { ZOOM_STEP } from './graph/viewport';
import { zonesWithin } from './graph/look';
import { heatGradient, NO_OVERLAY, type HeatScale, type Overlay } from './overlay';
import './graph.css';
import './import.css';

// AssetPanel reads observations from here.
export { observationOf, type Observation } from './graph/elements';

export interface GraphViewProps {
  /** The plant shown: its outline, and the asset directory (the zone each asset is drawn in). */
  readonly outline: PlantOutline | undefined;
  readonly directory: AssetDirectory | undefined;
  /** The analysis worker's picture of it, with the positions; nothing is drawn until it arrives. */
  readonly picture: PlantPicture | undefined;
  readonly overlay?: Overlay;
  readonly selected?: string | undefined;
  readonly onSelectAsset?: (id: string | undefined) => void;
  /** The asset the Find box means by its text (the worker searches: an exact id or name first), or undefined. */
  readonly find?: (text: string) => Promise<string | undefined>;
  /** The records of one zone, to open its tile in place. */
  readonly zoneRecords?: (zone: string) => Promise<ZoneRecords>;
  readonly groupLinks?: (group: string) => Promise<readonly ZoneLink[]>;
}

export function GraphView({ outline, directory, picture, overlay = NO_OVERLAY, selected, onSelectAsset, find, zoneRecords, groupLinks }: GraphViewProps) {
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
  const [filtersOpen, setFiltersOpen] = useState(false);
  // The scene whose drawing is complete (shown as data-drawn, which tests wait for).
  const [complete, setComplete] = useState<Scene>();
  const onSelect = useRef(onSelectAsset);
  const records = useRef(zoneRecords);
  const links = useRef(groupLinks);
  useEffect(() => {
    onSelect.current = onSelectAsset;
    records.current = zoneRecords;
    links.current = groupLinks;
  }, [onSelectAsset, zoneRecords, groupLinks]);

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
      zoneRecords: (zone) => records.current?.(zone) ?? Promise.reject(new Error('no zone records here')),
      groupLinks: (group) => links.current?.(group) ?? Promise.reject(new Error('no group links here')),
    });
    controller.current = created;
    return () => {
      created.destroy();
      controller.current = undefined;
    };
  }, []);

  const filter = useMemo(
    () => ({ hiddenLevels, kind: kindFilter, zone: zoneFilter, ...(zoneFilter && outline ? { within: zonesWithin(outline.zones, zoneFilter) } : {}) }),
    [hiddenLevels, kindFilter, zoneFilter, outline],
  );
  const zoneOf = useMemo(() => (directory ? (asset: string) => directory.zoneOf(asset) : undefined), [directory]);
  useEffect(() => {
    controller.current?.update({ picture, outline, zoneOf, overlay, selected, filter });
  }, [picture, outline, zoneOf, overlay, selected, filter]);

  const traffic = outline?.traffic;
  const kinds = useMemo(() => [...(outline?.kinds ?? [])].sort(), [outline]);
  // Drawn: the scene for these props is complete (a zone or a zone group opened in place draws a scene of its own layout).
  const drawn =
    !!picture &&
    !!complete &&
    (overlay.kind === 'chokepoints'
      ? complete.view === overlay.view
      : !complete.view && (complete.layout === picture.layout || complete.opened !== undefined || complete.tiles?.groups?.opened !== undefined) && (picture.kind === 'zones' || complete.model === picture.model));
  const scale: HeatScale | undefined = overlay.kind === 'heat' || overlay.kind === 'chokepoints' ? overlay.scale : undefined;
  const hasCut = overlay.kind === 'chokepoints' ? overlay.view.cut.length > 0 : overlay.kind === 'none' && !!overlay.harden?.length;

  return (
    <div className="graph-wrap pg-wrap">
      <div className="pg-toolbar">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = query.trim();
            if (!q || !find) return;
            void find(q).then((hit) => {
              setNotFound(!hit);
              if (!hit) return;
              onSelect.current?.(hit);
              controller.current?.focusAsset(hit);
            });
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
        {/* The lists are built when the filters open (a 100k-asset plant has thousands of zones). */}
        <details className="filters" onToggle={(e) => setFiltersOpen((e.target as HTMLDetailsElement).open)}>
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
              {(filtersOpen || zoneFilter ? (outline?.zones ?? []) : []).map((z) => (
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
        {outline && picture?.kind === 'zones' && overlay.kind !== 'chokepoints' ? (
          <div className="graph-note pg-note" data-testid="collapsed-note">
            {picture.layout.groups?.length
              ? `${outline.assets.toLocaleString('en')} assets in ${picture.tiles.length.toLocaleString('en')} zones that hold assets: one tile per zone, and one per site and level for a site's zones (double border), sized by their assets. Click a tile to open it in place.`
              : `${outline.assets.toLocaleString('en')} assets: one tile per zone, sized by its assets, with its name and asset count. Click a zone to open it in place.`}
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
