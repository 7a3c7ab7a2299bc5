// Import dialog: packet captures (a twin of the observed network, or merged into the plant shown:
// seen-but-not-modeled and modeled-but-never-seen), CSV inventories with a column mapping, and CVE
// enrichment from the bundled knowledge base. The work runs in a dedicated import worker
// (src/client/import-client.ts), so Cancel ends it without touching the analysis workers; whatever it
// produces comes back as model text and enters the app through the one parser, in the analysis
// worker (onOpen): a model it refuses is listed in the app's load-error panel like a file's.
// The tabs' state lives in hooks (src/ui/import/use*.ts), their views beside them.
import { useCallback, useState } from 'react';
import type { PlantModel } from '../model/schema';
import { Dialog } from './dialog';
import { CapturePanel } from './import/CapturePanel';
import { CsvPanel } from './import/CsvPanel';
import { EnrichPanel } from './import/EnrichPanel';
import { formatSize } from '../model/schema';
import { CodeList } from './import/parts';
import { useCaptureImport } from './import/useCaptureImport';
import { useCsvImport } from './import/useCsvImport';
import { useEnrichment } from './import/useEnrichment';
import { useImportJobs } from './import/useImportJobs';
import './import.css';

export type ImportTab = 'capture' | 'csv' | 'enrich';

export interface ImportDialogProps {
  /** The plant shown (merge and enrichment start from it). */
  readonly model: PlantModel | undefined;
  /** Capture files to read as soon as they arrive (dropped on the app). */
  readonly captures?: readonly File[];
  /** Loads model text through the app's one way in (worker parse; the shown plant survives a failure). */
  readonly onOpen: (text: string, source: string) => Promise<void>;
  readonly onClose: () => void;
}

const TABS = [
  ['capture', 'Packet capture'],
  ['csv', 'CSV inventory'],
  ['enrich', 'Known CVEs'],
] as const;

export function ImportDialog({ model, captures, onOpen, onClose }: ImportDialogProps) {
  const { handle, jobs, status } = useImportJobs();
  const { busy, errors, notice } = status;
  const [tab, setTab] = useState<ImportTab>('capture');
  const showCaptureTab = useCallback(() => setTab('capture'), []);

  /** Hands model text to the app (its load-error panel says why, should it not load) and closes. */
  const open = useCallback(
    async (text: string, source: string) => {
      jobs.busy({ label: `Loading ${source}…` });
      try {
        await onOpen(text, source);
      } finally {
        jobs.busy(undefined);
      }
      onClose();
    },
    [jobs, onOpen, onClose],
  );

  const capture = useCaptureImport(handle, jobs, model, captures, open, showCaptureTab);
  const csv = useCsvImport(handle, jobs, open);
  const enrichment = useEnrichment(handle, jobs, model, open);

  return (
    <Dialog className="import-dialog" label="Import" testId="import-dialog" onClose={busy ? undefined : onClose}>
      <header className="modal-head">
        <h2>Import</h2>
        <button type="button" className="link" onClick={onClose} disabled={!!busy} data-testid="import-close">
          Close
        </button>
      </header>
      <nav className="import-tabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-testid={`import-tab-${id}`} onClick={() => setTab(id)} disabled={!!busy}>
            {label}
          </button>
        ))}
      </nav>

      {busy ? (
        <div className="import-busy" role="status" data-testid="import-busy">
          <span>{busy.label}</span>
          {busy.progress ? (
            <>
              <progress max={busy.progress.totalBytes || 1} value={busy.progress.bytes} />
              <span className="muted" data-testid="import-progress">
                {formatSize(busy.progress.bytes)} of {formatSize(busy.progress.totalBytes)}
                {busy.progress.files > 1 ? ` — file ${busy.progress.fileIndex + 1} of ${busy.progress.files}: ${busy.progress.file}` : ''}
              </span>
            </>
          ) : null}
          <button type="button" onClick={() => handle.cancel()} data-testid="import-cancel">
            Cancel
          </button>
        </div>
      ) : null}
      {notice ? <p className="muted" data-testid="import-notice">{notice}</p> : null}
      {errors?.length ? (
        <div className="import-errors" role="alert" data-testid="import-errors">
          <strong>{errors.length === 1 ? '1 problem' : `${errors.length} problems`}</strong>
          <CodeList items={errors} />
        </div>
      ) : null}

      {tab === 'capture' ? <CapturePanel capture={capture} model={model} busy={!!busy} /> : null}
      {tab === 'csv' ? <CsvPanel csv={csv} busy={!!busy} /> : null}
      {tab === 'enrich' ? <EnrichPanel enrichment={enrichment} model={model} busy={!!busy} /> : null}
    </Dialog>
  );
}
