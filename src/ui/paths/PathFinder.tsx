// The path finder: From (an asset, or any entry point) and To (an asset, or any crown jewel), with
// suggestions as you type, and k: the k most likely paths for the choice, found in the worker.
import { useState } from 'react';
import type { PathsQuery } from '../../session/analysis-session';
import { ANY, AssetPicker, type AssetChoice } from './AssetPicker';
import { submitted } from '../records/record-forms';
import { finderK, MAX_FINDER_K, type AssetSearch } from './asset-search';

export interface PathFinderProps {
  readonly search: AssetSearch;
  /** Runs the query; `title` says what was asked ("3 most likely paths from A to B"). */
  readonly onFind: (query: PathsQuery, title: string) => void;
}

const nameOf = (c: AssetChoice, any: string) => (c.kind === 'any' ? any : c.option.name);

export function PathFinder({ search, onFind }: PathFinderProps) {
  const [from, setFrom] = useState<AssetChoice>(ANY);
  const [to, setTo] = useState<AssetChoice>(ANY);
  const [kText, setKText] = useState('3');
  const k = finderK(kText);
  const find = () => {
    if (k === undefined) return;
    const query: PathsQuery = {
      ...(from.kind === 'asset' ? { from: [from.option.id] } : {}),
      ...(to.kind === 'asset' ? { to: [to.option.id] } : {}),
      k,
      limit: k,
    };
    onFind(query, `${k === 1 ? 'The most likely path' : `The ${k} most likely paths`} from ${nameOf(from, 'any entry point')} to ${nameOf(to, 'any crown jewel')}`);
  };
  return (
    <form className="path-finder" aria-label="Find attack paths" data-testid="path-finder" onSubmit={submitted(find, k !== undefined)}
    >
      <AssetPicker label="From" anyLabel="any entry point" prefer="entry point" search={search} value={from} onChange={setFrom} testId="finder-from" />
      <AssetPicker label="To" anyLabel="any crown jewel" prefer="crown jewel" search={search} value={to} onChange={setTo} testId="finder-to" />
      <div className="finder-k">
        <label htmlFor="finder-k">Paths</label>
        <input
          id="finder-k"
          type="number"
          min={1}
          max={MAX_FINDER_K}
          value={kText}
          onChange={(e) => setKText(e.target.value)}
          aria-invalid={k === undefined}
          title={`How many of the most likely paths to list (1 to ${MAX_FINDER_K})`}
          data-testid="finder-k"
        />
      </div>
      <button type="submit" disabled={k === undefined} data-testid="finder-find">
        Find
      </button>
    </form>
  );
}
