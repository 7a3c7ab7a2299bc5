// The asset inventory: every asset of the plant shown (the what-if scenario when one is active) in a
// sortable, filterable table — kind, zone, Purdue level, vendor/product/firmware, unpatched CVEs and
// KEV, controls, entry point / crown jewel, the risk that flows through it and the attack paths it
// lies on. Rows are computed, sorted, filtered and paged in the analysis worker; the table draws
// only the rows on screen (@tanstack/react-virtual), so 100k assets scroll like 100. A click on a
// row selects the asset (its panel opens beside the table); Export CSV writes the matched rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnalysisClient } from '../../client/analysis-client';
import { formatMoney } from '../../report/format';
import type { InventoryFilter, InventoryRow, InventorySortKey } from '../../session/inventory';
import { csvFileName, downloadCsv } from './csv-download';
import { useInventoryRows, type InventoryView as View } from './useInventoryRows';
import './inventory.css';

export interface InventoryViewProps {
  readonly client: AnalysisClient;
  /** Changes whenever the plant or the scenario changes: the rows are asked for again. */
  readonly plantKey: number;
  readonly plantId: string;
  readonly scenarioName?: string | undefined;
  readonly selected: string | undefined;
  readonly onSelectAsset: (id: string) => void;
  readonly onClose: () => void;
}

const ROW_HEIGHT = 32;

/** "L3.5" for a Purdue level. */
export const levelText = (level: number) => `L${level}`;

interface Column {
  readonly key: InventorySortKey;
  readonly label: string;
  /** What the column holds, for the header's tooltip (every figure can be challenged). */
  readonly title: string;
  readonly width: string;
  readonly numeric?: boolean;
  readonly cell: (r: InventoryRow) => ReactNode;
}

function RoleBadges({ r }: { r: InventoryRow }) {
  return (
    <>
      {r.entry ? <span className="inv-badge entry">entry</span> : null}
      {r.jewel ? <span className="inv-badge jewel">jewel</span> : null}
    </>
  );
}

/** The columns, the ones a risk review reads first leftmost (vendor and controls scroll into view on narrow screens). */
const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', title: 'Asset name (the id in its tooltip)', width: 'minmax(170px, 2fr)', cell: (r) => r.name },
  { key: 'kind', label: 'Kind', title: 'Asset kind', width: '100px', cell: (r) => r.kind },
  { key: 'zone', label: 'Zone', title: 'IEC 62443 zone', width: 'minmax(130px, 1.4fr)', cell: (r) => r.zoneName },
  { key: 'level', label: 'Level', title: 'Purdue level of the zone', width: '64px', numeric: true, cell: (r) => levelText(r.level) },
  { key: 'role', label: 'Role', title: 'Entry point (where an attacker starts) and crown jewel (what must not fall)', width: '104px', cell: (r) => <RoleBadges r={r} /> },
  { key: 'unpatched', label: 'CVEs', title: 'Known vulnerabilities not marked patched', width: '62px', numeric: true, cell: (r) => r.unpatched || '' },
  { key: 'kev', label: 'KEV', title: 'Of the unpatched vulnerabilities, those in CISA’s Known Exploited Vulnerabilities catalog', width: '56px', numeric: true, cell: (r) => (r.kev ? <span className="kev">{r.kev}</span> : '') },
  {
    key: 'risk',
    label: 'Risk through',
    title: 'Σ risk (likelihood × impact, €) of the crown jewels whose most likely attack path — the one plant risk counts — passes through this asset',
    width: '118px',
    numeric: true,
    cell: (r) => (r.risk > 0 ? formatMoney(r.risk) : ''),
  },
  { key: 'paths', label: 'Paths', title: 'Attack paths through this asset: the most likely path of each entry point → crown jewel pair (the Attack paths list)', width: '64px', numeric: true, cell: (r) => r.paths || '' },
  { key: 'vendor', label: 'Vendor · product · firmware', title: 'Vendor, product and firmware as the model gives them', width: 'minmax(200px, 1.6fr)', cell: (r) => [r.vendor, r.product, r.firmware].filter(Boolean).join(' · ') || '—' },
  { key: 'controls', label: 'Controls', title: 'Security controls in place (sorted by their number)', width: 'minmax(130px, 1fr)', cell: (r) => r.controls.join(', ') },
];

const GRID = COLUMNS.map((c) => c.width).join(' ');

/**
 * One row of the table, drawn again only when its asset, its place or its selection changes (a page
 * arriving or a scroll leaves the other rows as they are).
 */
const Row = memo(function Row({ index, start, row: r, selected, onSelect }: { index: number; start: number; row: InventoryRow | undefined; selected: boolean; onSelect: (id: string) => void }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'inv-row selected' : 'inv-row'}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      data-testid="inventory-row"
      data-asset={r?.id}
      onClick={r ? () => onSelect(r.id) : undefined}
    >
      {r ? (
        COLUMNS.map((c) => {
          const content = c.cell(r);
          // Text cut by the column's width is whole in the tooltip.
          return (
            <div key={c.key} role="cell" data-col={c.key} className={c.numeric ? 'num' : undefined} title={c.key !== 'name' && typeof content === 'string' ? content : undefined}>
              {c.key === 'name' ? (
                <button type="button" className="inv-name" title={`${r.name} (id: ${r.id})`} onClick={(e) => (e.stopPropagation(), onSelect(r.id))}>
                  {r.name}
                </button>
              ) : (
                content
              )}
            </div>
          );
        })
      ) : (
        <div role="cell" className="inv-loading">
          …
        </div>
      )}
    </div>
  );
});

/** Text typed in the filter box reaches the worker once typing pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function InventoryView({ client, plantKey, plantId, scenarioName, selected, onSelectAsset, onClose }: InventoryViewProps) {
  const [sort, setSort] = useState<{ key: InventorySortKey; dir: 'asc' | 'desc' }>({ key: 'risk', dir: 'desc' });
  const [text, setText] = useState('');
  const [kind, setKind] = useState('');
  const [zone, setZone] = useState('');
  const [level, setLevel] = useState('');
  const [role, setRole] = useState<'' | 'entry' | 'jewel'>('');
  const [kevOnly, setKevOnly] = useState(false);
  const [onPathsOnly, setOnPathsOnly] = useState(false);
  const [exporting, setExporting] = useState<string>();
  const typed = useDebounced(text, 200);
  const titleId = useId();

  const filter = useMemo((): InventoryFilter => {
    const f: { -readonly [K in keyof InventoryFilter]: InventoryFilter[K] } = {};
    if (typed.trim()) f.text = typed;
    if (kind) f.kind = kind;
    if (zone) f.zone = zone;
    if (level) f.level = Number(level);
    if (role) f.role = role;
    if (kevOnly) f.kevOnly = true;
    if (onPathsOnly) f.onPathsOnly = true;
    return f;
  }, [typed, kind, zone, level, role, kevOnly, onPathsOnly]);
  const view = useMemo((): View => ({ sort, filter }), [sort, filter]);
  const rows = useInventoryRows(client, plantKey, view);
  // A row clicked selects its asset, and the asset's panel (below the analysis tabs) is scrolled to.
  const select = useCallback(
    (id: string) => {
      onSelectAsset(id);
      requestAnimationFrame(() => document.querySelector('.side .asset-panel')?.scrollIntoView({ block: 'nearest' }));
    },
    [onSelectAsset],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.matched ?? 0;
  // The virtualizer's methods change with scrolling: this component re-renders with them, by design.
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler memoization here
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items.at(-1)?.index ?? -1) + 1;
  const { ensure } = rows;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  // A new order or filter starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [view]);

  const toggleSort = (c: Column) =>
    setSort((s) => (s.key === c.key ? { key: c.key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key: c.key, dir: c.numeric || c.key === 'role' ? 'desc' : 'asc' }));

  const exportCsv = async () => {
    setExporting('Writing the CSV file…');
    try {
      const r = await client.run((api) => api.inventory({ ...view, csv: true, limit: 0 }));
      downloadCsv(r.csv ?? '', csvFileName(plantId, 'inventory', scenarioName));
      setExporting(`CSV downloaded: ${r.matched.toLocaleString('en')} asset${r.matched === 1 ? '' : 's'} in the order shown.`);
    } catch (e) {
      setExporting(`The CSV could not be written: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // The pickers' options, made once per plant (a large plant has hundreds of zones; remaking them on
  // every scroll or page was most of a re-render).
  const f = rows.facets;
  const options = useMemo(
    () => ({
      kinds: f?.kinds.map((k) => (
        <option key={k.kind} value={k.kind}>
          {k.kind} ({k.count.toLocaleString('en')})
        </option>
      )),
      levels: f?.levels.map((l) => (
        <option key={l} value={String(l)}>
          {levelText(l)}
        </option>
      )),
      zones: f?.zones.map((z) => (
        <option key={z.id} value={z.id}>
          {levelText(z.level)} · {z.name} ({z.count.toLocaleString('en')})
        </option>
      )),
    }),
    [f],
  );
  const filtered = Object.keys(filter).length > 0;
  return (
    <section className="inventory" aria-labelledby={titleId} data-testid="inventory">
      <div className="inv-head">
        <h2 id={titleId}>Asset inventory{scenarioName ? <span className="inv-scenario"> · what-if “{scenarioName}”</span> : null}</h2>
        <span className="inv-count" data-testid="inventory-count" aria-live="polite">
          {rows.matched === undefined ? 'Reading the inventory…' : filtered ? `${rows.matched.toLocaleString('en')} of ${(rows.total ?? 0).toLocaleString('en')} assets` : `${rows.matched.toLocaleString('en')} assets`}
        </span>
        <div className="inv-actions">
          <button type="button" onClick={() => void exportCsv()} disabled={rows.matched === undefined} data-testid="inventory-export" title="The rows shown (every one, not only those on screen), in the order shown, as a CSV file">
            Export CSV
          </button>
          <button type="button" onClick={onClose} data-testid="inventory-close">
            Back to graph
          </button>
        </div>
      </div>
      <div className="inv-filters" role="search" aria-label="Filter the inventory">
        <input
          type="search"
          className="inv-text"
          placeholder="Name, id, vendor, product, firmware, zone"
          aria-label="Filter by name, id, vendor, product, firmware or zone"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="inventory-filter"
        />
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Kind" data-testid="inventory-kind">
          <option value="">All kinds</option>
          {options.kinds}
        </select>
        <select value={level} onChange={(e) => setLevel(e.target.value)} aria-label="Purdue level" data-testid="inventory-level">
          <option value="">All levels</option>
          {options.levels}
        </select>
        <select value={zone} onChange={(e) => setZone(e.target.value)} aria-label="Zone" data-testid="inventory-zone" className="inv-zone">
          <option value="">All zones</option>
          {options.zones}
        </select>
        <select value={role} onChange={(e) => setRole(e.target.value as '' | 'entry' | 'jewel')} aria-label="Role" data-testid="inventory-role">
          <option value="">Any role</option>
          <option value="entry">Entry points</option>
          <option value="jewel">Crown jewels</option>
        </select>
        <label className="inv-check">
          <input type="checkbox" checked={kevOnly} onChange={(e) => setKevOnly(e.target.checked)} data-testid="inventory-kev" /> Unpatched KEV
        </label>
        <label className="inv-check">
          <input type="checkbox" checked={onPathsOnly} onChange={(e) => setOnPathsOnly(e.target.checked)} data-testid="inventory-on-paths" /> On attack paths
        </label>
      </div>
      {exporting ? (
        <p className="inv-note" role="status" data-testid="inventory-note">
          {exporting}
        </p>
      ) : null}
      {rows.error ? (
        <p className="panel-error" role="alert">
          {rows.error}
        </p>
      ) : null}
      <div className="inv-scroll" ref={scroller} data-testid="inventory-scroll">
        <div className="inv-table" role="table" aria-labelledby={titleId} aria-rowcount={count + 1} style={{ ['--inv-grid' as string]: GRID }}>
          <div role="rowgroup" className="inv-header">
            <div role="row" aria-rowindex={1} className="inv-row">
              {COLUMNS.map((c) => (
                <div key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={c.numeric ? 'num' : undefined}>
                  <button type="button" className="inv-sort" onClick={() => toggleSort(c)} title={c.title} data-testid={`inventory-sort-${c.key}`}>
                    {c.label}
                    <span className="inv-arrow" aria-hidden="true">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className="inv-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <Row key={item.key} index={item.index} start={item.start} row={rows.row(item.index)} selected={rows.row(item.index)?.id === selected} onSelect={select} />
            ))}
          </div>
        </div>
        {rows.matched === 0 ? <p className="inv-empty">No asset matches these filters.</p> : null}
      </div>
      <p className="inv-foot muted">
        Risk through: Σ likelihood × impact of the crown jewels whose most likely attack path runs through the asset
        {rows.plantRisk !== undefined ? ` (plant risk ${formatMoney(rows.plantRisk)}; a path counts at each of its assets, so the column adds up to more)` : ''}. Paths: entry
        point → crown jewel paths of the Attack paths list through it.
      </p>
    </section>
  );
}
