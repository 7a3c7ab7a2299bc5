// The whole plant as loaded, copied from the analysis worker only while a tool that needs every
// record is open (an import merging a capture into the plant, enrichment, a Neo4j save) and let go
// when it closes: the main thread otherwise holds only what it draws.
import { useEffect, useState } from 'react';
import type { AnalysisClient } from '../../client/analysis-client';
import type { PlantModel } from '../../model/schema';

/** The model of the plant `loaded` stands for while `wanted` (undefined until copied, and when not wanted). */
export function useFullModel(client: AnalysisClient | undefined, loaded: object | undefined, wanted: boolean): PlantModel | undefined {
  const [held, setHeld] = useState<{ readonly loaded: object; readonly model: PlantModel }>();
  useEffect(() => {
    if (!client || !loaded || !wanted) {
      setHeld(undefined);
      return;
    }
    let live = true;
    void client.fullModel('baseline').then(
      (model) => live && setHeld({ loaded, model }),
      () => undefined, // a cancel or a new plant meanwhile: the tool stays without a plant to merge into
    );
    return () => {
      live = false;
    };
  }, [client, loaded, wanted]);
  return wanted && held && held.loaded === loaded ? held.model : undefined;
}
