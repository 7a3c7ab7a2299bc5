// The attack paths tab: the path finder (From / To / k), the most likely path of every entry point ×
// crown jewel pair filtered by entry, jewel and least likelihood — every one of them, in a
// virtualized list — each step explained when selected; and, for a plant that names no entry point
// or crown jewel, the likely ones to confirm.
import { useEffect, useMemo, useState } from 'react';
import type { ExplainedPath } from '../../analysis/explain';
import type { ScenarioEdit } from '../../analysis/scenario';
import type { PathsQuery } from '../../session/analysis-session';
import type { PlantOutline } from '../../session/plant-view';
import type { Ask } from '../paths/ask';
import { filterPaths, NO_FILTER, pathEnds, type AssetSearch, type PathFilter } from '../paths/asset-search';
import { PathFinder } from '../paths/PathFinder';
import { PathList } from '../paths/PathList';
import '../paths/paths.css';
import { Choice } from '../records/Choice';
import { MarkSuggestions } from '../records/MarkSuggestions';
import type { Names } from './names';

export interface PathsTabProps {
  /** The most likely path of every entry point × crown jewel pair. */
  readonly paths: readonly ExplainedPath[];
  /** The plant's outline (its entry points and crown jewels). */
  readonly outline: PlantOutline;
  /** The path finder's asset suggestions (the worker searches). */
  readonly search: AssetSearch;
  readonly plantKey: number;
  readonly selected: ExplainedPath | undefined;
  readonly onSelect: (p: ExplainedPath | undefined) => void;
  readonly names: Names;
  readonly ask: Ask;
  readonly onApplyEdit: (e: ScenarioEdit) => void;
}

interface Found {
  readonly title: string;
  readonly paths: readonly ExplainedPath[];
}

export function PathsTab({ paths, outline, search, plantKey, selected, onSelect, names: { name }, ask, onApplyEdit }: PathsTabProps) {
  const [found, setFound] = useState<Found>();
  const [filter, setFilter] = useState<PathFilter>(NO_FILTER);
  const [minText, setMinText] = useState('');
  // Another plant, or the scenario changed: a result found before no longer answers for it.
  useEffect(() => {
    setFound(undefined);
  }, [plantKey]);
  const ends = useMemo(() => pathEnds(paths, name), [paths, name]);
  const shown = useMemo(() => filterPaths(paths, filter), [paths, filter]);
  const find = (query: PathsQuery, title: string) => {
    onSelect(undefined);
    void ask('Finding paths…', (api) => api.paths(query)).then((r) => r && setFound({ title, paths: r }));
  };
  return (
    <div className="tab-body" data-testid="paths-panel">
      <MarkSuggestions outline={outline} plantKey={plantKey} ask={ask} onEdit={onApplyEdit} />
      <PathFinder search={search} onFind={find} />
      {found ? (
        <>
          <div className="paths-head" data-testid="found-head">
            {found.title}: {found.paths.length === 0 ? <strong>none</strong> : <strong>{found.paths.length} found</strong>}.
            <button
              type="button"
              className="link"
              onClick={() => {
                setFound(undefined);
                onSelect(undefined);
              }}
              data-testid="found-clear"
            >
              Back to all pairs
            </button>
          </div>
          {found.paths.length ? (
            <PathList paths={found.paths} selected={selected} onSelect={onSelect} name={name} routes />
          ) : (
            <p className="muted">No attack path joins them: nothing the twin models lets an attacker holding the first take the second.</p>
          )}
        </>
      ) : (
        <>
          <p className="muted paths-intro">Most likely path from every entry point to every crown jewel. Select one to highlight it.</p>
          {paths.length ? (
            <div className="path-filters" role="group" aria-label="Filter the paths">
              {(['entry', 'jewel'] as const).map((end) => {
                const list = end === 'entry' ? ends.entries : ends.jewels;
                const names = new Map(list.map((x) => [x.id, x.name]));
                return (
                  <label key={end}>
                    {end === 'entry' ? 'Entry' : 'Jewel'}{' '}
                    <Choice
                      value={filter[end] ?? ''}
                      options={list.map((x) => x.id)}
                      label={(id) => names.get(id) ?? id}
                      unset="all"
                      onChange={(id) => setFilter({ ...filter, [end]: id })}
                      onUnset={() => setFilter({ ...filter, [end]: undefined })}
                      testId={`filter-${end}`}
                    />
                  </label>
                );
              })}
              <label>
                At least{' '}
                <input
                  type="number"
                  min={0}
                  max={100}
                  step="any"
                  value={minText}
                  placeholder="0"
                  onChange={(e) => {
                    setMinText(e.target.value);
                    const v = Number(e.target.value);
                    setFilter({ ...filter, minLikelihood: Number.isFinite(v) && v > 0 ? Math.min(v, 100) / 100 : 0 });
                  }}
                  aria-label="Least likelihood in percent"
                  data-testid="filter-min"
                />{' '}
                %
              </label>
              <span className="muted" data-testid="paths-count">
                {shown.length === paths.length ? `${paths.length} path${paths.length === 1 ? '' : 's'}` : `${shown.length} of ${paths.length} paths`}
              </span>
            </div>
          ) : outline.entryPoints.length && outline.crownJewels.length ? (
            <p className="muted">No entry point reaches a crown jewel.</p>
          ) : null}
          {shown.length ? <PathList paths={shown} selected={selected} onSelect={onSelect} name={name} /> : null}
        </>
      )}
    </div>
  );
}
