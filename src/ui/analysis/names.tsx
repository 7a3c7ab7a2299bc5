// Asset names for the analysis tabs: ids are shown by name (the asset directory's), and an asset
// link selects the asset.
import { useCallback, type ReactNode } from 'react';
import type { AssetDirectory } from '../../client/analysis-client';

export interface Names {
  /** The asset's name, or the id when the plant has no such asset. */
  readonly name: (id: string) => string;
  /** A link that selects the asset. */
  readonly assetLink: (id: string) => ReactNode;
}

export function useNames(directory: AssetDirectory, onSelectAsset: (id: string | undefined) => void): Names {
  const name = useCallback((id: string) => directory.name(id) ?? id, [directory]);
  const assetLink = useCallback(
    (id: string) => (
      <button type="button" className="link" onClick={() => onSelectAsset(id)}>
        {name(id)}
      </button>
    ),
    [name, onSelectAsset],
  );
  return { name, assetLink };
}
