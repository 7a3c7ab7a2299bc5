// The graph's picture of the plant the analysis worker holds (the baseline or the scenario): the
// whole plant with its positions when it is drawn asset by asset, zone tiles and their links when
// it is drawn collapsed — asked for again whenever that plant changes.
import { useEffect, useState } from 'react';
import type { AnalysisClient } from '../../client/analysis-client';
import type { PlantPicture } from '../../session/plant-queries';

/** The picture for `plantKey` once the worker answered (undefined before, and while another plant's is asked for). */
export function usePicture(client: AnalysisClient | undefined, plantKey: number): PlantPicture | undefined {
  const [picture, setPicture] = useState<{ readonly key: number; readonly picture: PlantPicture }>();
  useEffect(() => {
    if (!client || plantKey === 0) return;
    let live = true;
    void client.run((api) => api.picture()).then((p) => live && setPicture({ key: plantKey, picture: p }), () => undefined);
    return () => {
      live = false;
    };
  }, [client, plantKey]);
  return picture && picture.key === plantKey ? picture.picture : undefined;
}
