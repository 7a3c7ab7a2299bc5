// The pure parts of the import dialog's hooks: its job status (one job at a time, errors, cancel,
// a job superseded by a newer one), progress throttling, the CSV mapping document and required
// fields, and the names given to what it hands over.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/client/import-client';
import type { CsvMapping } from '../../../src/import/csv';
import { IDLE, JobRunner, progressWorthShowing, type JobStatus } from '../../../src/ui/import/import-jobs';
import { captureSource, twinNameFor } from '../../../src/ui/import/useCaptureImport';
import { mappingDocument, requiredFields } from '../../../src/ui/import/useCsvImport';
import { enrichedSource } from '../../../src/ui/import/useEnrichment';
import type { CaptureReport } from '../../../src/session/import-session';

function runner() {
  let status: JobStatus = IDLE;
  const seen: JobStatus[] = [];
  const jobs = new JobRunner((f) => {
    status = f(status);
    seen.push(status);
  });
  return { jobs, status: () => status, seen };
}

describe('JobRunner', () => {
  it('a job is busy while it runs and answers its result', async () => {
    const { jobs, status, seen } = runner();
    expect(await jobs.run('Reading a.pcap…', async () => 42)).toBe(42);
    expect(seen[0]).toEqual({ busy: { label: 'Reading a.pcap…' }, errors: undefined, notice: undefined });
    expect(status()).toEqual(IDLE);
  });
  it('an error is listed; a cancel only noted', async () => {
    const { jobs, status } = runner();
    expect(await jobs.run('Importing a.csv…', () => Promise.reject(new Error('no room')))).toBeUndefined();
    expect(status()).toEqual({ busy: undefined, errors: ['no room'], notice: undefined });
    expect(await jobs.run('Reading a.pcap…', () => Promise.reject(new CancelledError()))).toBeUndefined();
    expect(status()).toEqual({ busy: undefined, errors: undefined, notice: 'Reading a.pcap: cancelled.' });
  });
  it('a job superseded by a newer one leaves the status to the newer one', async () => {
    const { jobs, status } = runner();
    let finishOld!: (v: number) => void;
    const old = jobs.run('Reading old.pcap…', () => new Promise<number>((r) => (finishOld = r)));
    const fresh = jobs.run('Reading new.pcap…', () => new Promise<number>(() => {}));
    finishOld(1);
    expect(await old).toBeUndefined();
    expect(status().busy).toEqual({ label: 'Reading new.pcap…' });
    void fresh;
  });
  it('progressWorthShowing: about every 1% of the bytes, and the end', () => {
    const p = (bytes: number) => ({ file: 'a', fileIndex: 0, files: 1, bytes, totalBytes: 1000 });
    expect(progressWorthShowing(p(5), 0)).toBe(false);
    expect(progressWorthShowing(p(10), 0)).toBe(true);
    expect(progressWorthShowing(p(1000), 995)).toBe(true);
  });
});

describe('CSV mapping', () => {
  it('mappingDocument keeps the loaded mapping’s other parts, drops unmapped columns, adds connections only when there are some', () => {
    expect(mappingDocument(undefined, { id: 'Tag', kind: '', zone: 'Cell' }, { from: 'Src' }, false)).toEqual({ assets: { columns: { id: 'Tag', zone: 'Cell' } } });
    expect(mappingDocument(undefined, { id: 'Tag' }, { from: 'Src' }, true)).toEqual({ assets: { columns: { id: 'Tag' } }, connections: { columns: { from: 'Src' } } });
    const rest: CsvMapping = { plant: { name: 'Cell 4' }, delimiter: ';', assets: { columns: { id: 'x' }, kinds: { 'Siemens PLC': 'plc' } }, connections: { columns: {}, defaults: { protocol: 's7comm' } } };
    expect(mappingDocument(rest, { id: 'Tag' }, {}, false)).toEqual({
      plant: { name: 'Cell 4' },
      delimiter: ';',
      assets: { columns: { id: 'Tag' }, kinds: { 'Siemens PLC': 'plc' } },
      connections: { columns: {}, defaults: { protocol: 's7comm' } },
    });
  });
  it('requiredFields: a default in the mapping makes a column optional', () => {
    expect(requiredFields(undefined)).toEqual({ assets: ['id', 'kind', 'zone'], connections: ['from', 'to', 'protocol'] });
    const rest: CsvMapping = { assets: { columns: {}, defaults: { kind: 'plc' } }, connections: { columns: {}, defaults: { protocol: 'modbus-tcp' } } };
    expect(requiredFields(rest)).toEqual({ assets: ['id', 'zone'], connections: ['from', 'to'] });
  });
});

describe('names of what the dialog hands over', () => {
  it('twin names and sources', () => {
    expect(twinNameFor([{ name: 'a.pcap' }])).toBe('Observed network (a.pcap)');
    expect(twinNameFor([{ name: 'a.pcap' }, { name: 'b.pcap' }])).toBe('Observed network (2 captures)');
    const report = { summary: { files: [{ name: 'a.pcap' }, { name: 'b.pcapng' }] } } as unknown as CaptureReport;
    expect(captureSource(report)).toBe('a.pcap, b.pcapng');
    expect(captureSource(undefined)).toBe('capture');
    expect(enrichedSource({ plantId: 'ref-brake-plant', minConfidence: 'high' })).toBe('ref-brake-plant + CVEs (high confidence)');
  });
});
