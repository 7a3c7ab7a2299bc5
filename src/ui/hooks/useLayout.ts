// Node positions for the graph view, computed in the analysis worker for the plant it holds
// (the baseline or the scenario) and asked for again whenever that plant changes.
import { useEffect, useState } from 'react';
import type { GraphLayout } from '../../analysis/layout';
import type { AnalysisClient } from '../../client/analysis-client';
import type { PlantModel } from '../../model/schema';

/** The layout of `model` once the worker answered (undefined before, and for another model). */
export function useLayout(client: AnalysisClient | undefined, plantKey: number, model: PlantModel | undefined): GraphLayout | undefined {
  const [layout, setLayout] = useState<{ readonly model: PlantModel; readonly layout: GraphLayout }>();
  useEffect(() => {
    if (!client || plantKey === 0 || !model) return;
    let live = true;
    void client.run((api) => api.layout()).then((l) => live && setLayout({ model, layout: l }), () => undefined);
    return () => {
      live = false;
    };
  }, [client, plantKey, model]);
  return layout && layout.model === model ? layout.layout : undefined;
}
