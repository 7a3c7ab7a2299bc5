// Asset names for the analysis tabs: ids are shown by name, and an asset link selects the asset.
import { useCallback, useMemo, type ReactNode } from 'react';
import type { PlantModel } from '../../model/schema';

export interface Names {
  /** The asset's name, or the id when the plant has no such asset. */
  readonly name: (id: string) => string;
  /** A link that selects the asset. */
  readonly assetLink: (id: string) => ReactNode;
}

export function useNames(model: PlantModel, onSelectAsset: (id: string | undefined) => void): Names {
  const names = useMemo(() => new Map(model.assets.map((a) => [a.id, a.name])), [model]);
  const name = useCallback((id: string) => names.get(id) ?? id, [names]);
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
