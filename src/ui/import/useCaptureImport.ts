// Packet captures in the import dialog: read in the import worker (progress, cancel), then a twin
// of the observed network, or a merge into the plant shown whose lists are shown before it loads.
import { useCallback, useEffect, useState } from 'react';
import type { ImportClient } from '../../client/import-client';
import type { CaptureInput, CaptureProgress, CaptureReport, MergeReport } from '../../session/import-session';
import type { PlantModel } from '../../model/schema';
import { isInvalid } from './format';
import { progressWorthShowing, type JobRunner } from './import-jobs';

/** The name offered for a twin built from `files`. */
export function twinNameFor(files: readonly { readonly name: string }[]): string {
  return files.length === 1 ? `Observed network (${files[0]!.name})` : `Observed network (${files.length} captures)`;
}

/** Where a model built from a capture came from, as the header shows it. */
export function captureSource(report: CaptureReport | undefined): string {
  return report?.summary.files.map((f) => f.name).join(', ') ?? 'capture';
}

export interface CaptureImport {
  readonly report: CaptureReport | undefined;
  readonly merge: MergeReport | undefined;
  readonly twinName: string;
  setTwinName(name: string): void;
  readCaptures(files: readonly File[]): Promise<void>;
  createTwin(): Promise<void>;
  mergeIntoPlant(): Promise<void>;
  loadMerged(): Promise<void>;
}

export function useCaptureImport(
  handle: ImportClient,
  jobs: JobRunner,
  model: PlantModel | undefined,
  dropped: readonly File[] | undefined,
  open: (text: string, source: string) => Promise<void>,
  showTab: () => void,
): CaptureImport {
  const [report, setReport] = useState<CaptureReport>();
  const [merge, setMerge] = useState<MergeReport>();
  const [twinName, setTwinName] = useState('');

  const readCaptures = useCallback(
    async (files: readonly File[]) => {
      showTab();
      setReport(undefined);
      setMerge(undefined);
      if (files.length === 0) return;
      const inputs: CaptureInput[] = files.map((f) => ({ name: f.name, data: f }));
      const label = `Reading ${files.length === 1 ? files[0]!.name : `${files.length} captures`}…`;
      let last = 0;
      // Progress messages the worker posted before a cancel can still arrive after it: once the
      // job has ended they must not bring the busy bar back.
      let ended = false;
      const onProgress = handle.progress((p: CaptureProgress) => {
        if (!ended && progressWorthShowing(p, last)) {
          last = p.bytes;
          jobs.busy({ label, progress: p });
        }
      });
      const r = await jobs.run(label, () =>
        handle.run((api) => api.readCaptures(inputs, onProgress)).finally(() => {
          ended = true;
        }),
      );
      if (!r) return;
      setReport(r);
      setTwinName(twinNameFor(files));
    },
    [handle, jobs, showTab],
  );

  // Captures dropped on the app: read them; a newer drop (or closing) cancels the read in flight.
  useEffect(() => {
    if (!dropped || dropped.length === 0) return;
    void readCaptures(dropped);
    return () => handle.cancel();
  }, [dropped, readCaptures, handle]);

  const createTwin = async () => {
    const name = twinName.trim() || 'Observed network';
    const r = await jobs.run('Building the twin…', () => handle.run((api) => api.captureModel({ name })));
    if (!r) return;
    if (isInvalid(r)) return jobs.fail(r.errors);
    await open(r.text, `capture: ${captureSource(report)}`);
  };

  const mergeIntoPlant = async () => {
    if (!model) return;
    const r = await jobs.run(`Merging into ${model.plant.name}…`, () => handle.run((api) => api.mergeInto(model)));
    if (!r) return;
    if (isInvalid(r)) return jobs.fail(r.errors);
    setMerge(r);
  };

  const loadMerged = async () => {
    if (merge) await open(merge.text, `${merge.plantId} + ${captureSource(report)}`);
  };

  return { report, merge, twinName, setTwinName, readCaptures, createTwin, mergeIntoPlant, loadMerged };
}
