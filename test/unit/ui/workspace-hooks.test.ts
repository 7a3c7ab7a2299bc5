// The pure parts of the workspace's hooks: what a load decides about the last open plant, a model
// file refused before the parser, waits storage cannot hold up, the worker notice, undo keys,
// dropped files, the export's file name.
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../src/ui/download';
import { readModelBlob } from '../../../src/client/read-blob';
import { lastPlantChange, refusedFile, withTimeout, workerFailure } from '../../../src/ui/hooks/plant-loading';
import { noticeAfter } from '../../../src/ui/hooks/useAnalysisClient';
import { dropTarget } from '../../../src/ui/hooks/useFileDrop';
import { undoKey } from '../../../src/ui/hooks/useUndoKeys';
import { MAX_MODEL_BYTES } from '../../../src/model/schema';

const plant = { id: 'water', name: 'Lakeside' };

describe('lastPlantChange', () => {
  it('a new plant is remembered (as its file when it came from one), the reference plant forgotten, a restore kept', () => {
    const file = new Blob(['{}']);
    expect(lastPlantChange({ kind: 'new', blob: file }, 'text', 'ref', plant, 'water.json', 7)).toEqual({
      kind: 'remember',
      plant: { text: file, plantId: 'water', plantName: 'Lakeside', source: 'water.json', openedAt: 7 },
    });
    expect(lastPlantChange({ kind: 'new' }, 'text', 'ref', plant, 'neo4j: water', 7)).toMatchObject({ kind: 'remember', plant: { text: 'text' } });
    expect(lastPlantChange({ kind: 'new' }, 'ref', 'ref', plant, 'reference-plant.json', 7)).toEqual({ kind: 'forget' });
    expect(lastPlantChange({ kind: 'reference' }, 'ref', 'ref', plant, 'reference-plant.json', 7)).toEqual({ kind: 'forget' });
    expect(lastPlantChange({ kind: 'keep' }, 'text', 'ref', plant, 'water.json', 7)).toEqual({ kind: 'keep' });
  });
});

describe('a model file: refused here by its size, read as strict UTF-8 where the plant loads (readModelBlob)', () => {
  const file = (bytes: Uint8Array<ArrayBuffer> | string, name = 'm.json') => Object.assign(new Blob([bytes]), { name });
  it('reads strict UTF-8', async () => {
    expect(refusedFile(file('{"a":"é"}'))).toBeUndefined();
    expect(await readModelBlob(file('{"a":"é"}'))).toEqual({ kind: 'text', text: '{"a":"é"}' });
  });
  it('refuses bytes that are not UTF-8, naming the file, byte, line and column', async () => {
    const r = await readModelBlob(file(new Uint8Array([0x7b, 0x0a, 0xe9, 0x7d]), 'latin1.json'));
    expect(r).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'latin1.json: invalid UTF-8 at byte 2 (line 2, column 1)' }] });
  });
  it('says so when the file can no longer be read', async () => {
    const gone = Object.assign(new Blob(['{}']), { name: 'gone.json', arrayBuffer: () => Promise.reject(new Error('NotReadableError')) });
    expect(await readModelBlob(gone)).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'gone.json: the file cannot be read: NotReadableError' }] });
  });
  it('refuses a file over the limit without reading it', () => {
    const huge = { name: 'huge.json', size: MAX_MODEL_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as Blob & { name: string };
    expect(refusedFile(huge)).toEqual({ source: 'huge.json', errors: [{ path: '', message: 'huge.json is 256.0 MiB; the limit is 256.0 MiB' }] });
  });
});

describe('small decisions', () => {
  it('withTimeout answers, or says what did not answer', async () => {
    expect(await withTimeout(Promise.resolve(3), 50, 'IndexedDB')).toBe(3);
    await expect(withTimeout(new Promise(() => {}), 10, 'IndexedDB')).rejects.toThrow('IndexedDB did not answer within 10 ms');
  });
  it('workerFailure', () => {
    expect(workerFailure('a.json', new Error('crashed'))).toEqual({ source: 'a.json', errors: [{ path: '', message: 'analysis worker failed: crashed' }] });
  });
  it('noticeAfter: a crash is said, a restart appended to it, nothing said of a restart alone', () => {
    const crashed = noticeAfter({ kind: 'worker-crashed', message: 'Out of memory' }, undefined);
    expect(crashed).toBe('The analysis worker crashed (Out of memory); it restarts on the next request, with the plant and scenario shown.');
    expect(noticeAfter({ kind: 'worker-restarted' }, crashed)).toBe(`${crashed} Restarted.`);
    expect(noticeAfter({ kind: 'worker-restarted' }, undefined)).toBeUndefined();
    expect(noticeAfter({ kind: 'fallback', reason: 'no Worker' }, undefined)).toBeUndefined();
  });
  it('undoKey: Ctrl/⌘+Z undo, Ctrl+Y or Ctrl+Shift+Z redo, never while typing in an input', () => {
    const k = (key: string, extra: Partial<Parameters<typeof undoKey>[0]> = {}) => undoKey({ key, ctrlKey: true, metaKey: false, shiftKey: false, targetTag: 'BODY', ...extra });
    expect(k('z')).toBe('undo');
    expect(k('Z', { ctrlKey: false, metaKey: true })).toBe('undo');
    expect(k('y')).toBe('redo');
    expect(k('Z', { shiftKey: true })).toBe('redo');
    expect(k('z', { targetTag: 'INPUT' })).toBeUndefined();
    expect(k('z', { ctrlKey: false })).toBeUndefined();
    expect(k('x')).toBeUndefined();
  });
  it('dropTarget: captures go to the import dialog, else the first file opens as a model', () => {
    const f = (name: string) => ({ name });
    expect(dropTarget([f('a.json'), f('b.pcapng'), f('c.PCAP')])).toEqual({ kind: 'captures', files: [f('b.pcapng'), f('c.PCAP')] });
    expect(dropTarget([f('a.json'), f('b.json')])).toEqual({ kind: 'model', file: f('a.json') });
    expect(dropTarget([])).toEqual({ kind: 'nothing' });
  });
  it('exportFileName: the plant id, with the scenario name made file-safe', () => {
    expect(exportFileName('ref-brake-plant')).toBe('ref-brake-plant.json');
    expect(exportFileName('ref-brake-plant', 'Laptop off the OT/domain')).toBe('ref-brake-plant-Laptop_off_the_OT_domain.json');
  });
});
