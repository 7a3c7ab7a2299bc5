// Known CVEs in the import dialog: the knowledge base fetched from the app's own files (offline)
// into the import worker once, the plant shown matched against it at the chosen confidence, the
// report listed; Apply hands the enriched plant over as text.
import { useState } from 'react';
import type { ImportClient } from '../../client/import-client';
import type { Confidence } from '../../import/enrich';
import type { EnrichReport } from '../../session/import-session';
import type { PlantModel } from '../../model/schema';
import { isInvalid } from './format';
import type { JobRunner } from './import-jobs';

export interface Enrichment {
  readonly confidence: Confidence;
  readonly enriched: EnrichReport | undefined;
  setConfidence(c: Confidence): void;
  enrich(): Promise<void>;
  apply(): Promise<void>;
}

/** Where the enriched plant came from, as the header shows it. */
export function enrichedSource(r: Pick<EnrichReport, 'plantId' | 'minConfidence'>): string {
  return `${r.plantId} + CVEs (${r.minConfidence} confidence)`;
}

export function useEnrichment(handle: ImportClient, jobs: JobRunner, model: PlantModel | undefined, open: (text: string, source: string) => Promise<void>): Enrichment {
  const [confidence, setConfidence] = useState<Confidence>('high');
  const [enriched, setEnriched] = useState<EnrichReport>();

  const enrich = async () => {
    if (!model) return;
    setEnriched(undefined);
    const label = `Matching ${model.plant.name} against the knowledge base…`;
    const r = await jobs.run(label, async () => {
      if (!(await handle.run((api) => api.kbInfo()))) {
        const url = `${import.meta.env.BASE_URL}kb/twinpath-kb.json`;
        jobs.busy({ label: 'Loading the knowledge base…' });
        const res = await fetch(url);
        if (!res.ok) throw new Error(`cannot load the knowledge base ${url}: HTTP ${res.status}`);
        const text = await res.text();
        const info = await handle.run((api) => api.loadKb(text));
        if (isInvalid(info)) throw new Error(info.errors.slice(0, 10).join('\n'));
        jobs.busy({ label });
      }
      return handle.run((api) => api.enrich(model, confidence));
    });
    if (!r) return;
    if (isInvalid(r)) return jobs.fail(r.errors);
    setEnriched(r);
  };

  const apply = async () => {
    if (enriched) await open(enriched.text, enrichedSource(enriched));
  };

  return { confidence, enriched, setConfidence, enrich, apply };
}
