// The import dialog's packet-capture tab: choose captures, see what was read, then create a twin
// or merge into the plant shown.
import type { PlantModel } from '../../model/schema';
import { CaptureView } from './CaptureView';
import { MergeView } from './MergeView';
import type { CaptureImport } from './useCaptureImport';

export function CapturePanel({ capture, model, busy }: { capture: CaptureImport; model: PlantModel | undefined; busy: boolean }) {
  const { report, merge } = capture;
  const hosts = report?.summary.hosts.filter((h) => h.scope === 'unicast') ?? [];
  const groups = (report?.summary.hosts.length ?? 0) - hosts.length;
  return (
    <div className="import-body" data-testid="capture-panel">
      <p className="muted">
        Choose one or more packet captures (.pcap, .pcapng) — or drop them on the app. They are read here in the browser, in slices, on a worker thread: a capture of any
        size is never loaded at once, and nothing leaves this machine.
      </p>
      <label className="file-pick">
        Captures{' '}
        <input
          type="file"
          multiple
          accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
          data-testid="capture-input"
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void capture.readCaptures(files);
          }}
        />
      </label>
      {report ? <CaptureView report={report} hosts={hosts} groups={groups} /> : null}
      {report && hosts.length > 0 ? (
        <div className="import-actions">
          <label>
            Name <input value={capture.twinName} onChange={(e) => capture.setTwinName(e.target.value)} data-testid="capture-twin-name" size={36} />
          </label>
          <button type="button" disabled={busy} onClick={() => void capture.createTwin()} data-testid="capture-create">
            Create a twin from this capture
          </button>
          <button type="button" disabled={busy || !model} onClick={() => void capture.mergeIntoPlant()} data-testid="capture-merge" title={model ? `Compare with ${model.plant.name}` : 'No plant loaded'}>
            Merge into the current plant
          </button>
        </div>
      ) : null}
      {merge ? <MergeView merge={merge} plant={model} busy={busy} onLoad={() => void capture.loadMerged()} /> : null}
    </div>
  );
}
