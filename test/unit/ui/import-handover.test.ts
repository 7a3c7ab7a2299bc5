// What the importers make enters the workspace through one validation: the analysis worker's load
// of the text handed over (as an opened file does). The import session serializes; it does not run
// the model through the parser first. (importCsv keeps its own pass: it maps the parser's paths
// back to CSV rows, a message the dialog shows.)
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImportSession, type Invalid, type ModelText } from '../../../src/session/import-session';
import * as parse from '../../../src/model/parse';

vi.mock('../../../src/model/parse', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/model/parse')>();
  return { ...real, validateModel: vi.fn(real.validateModel) };
});
const validations = vi.mocked(parse.validateModel);
afterEach(() => validations.mockClear());

const text = (r: ModelText | Invalid): string => {
  if ('kind' in r) throw new Error(r.errors.join('\n'));
  return r.text;
};
const file = (name: string) => ({ name, text: readFileSync(`models/examples/${name}`, 'utf8') });

describe('import results are handed over as text, validated by the load', () => {
  it('a capture twin: no validation in the import session; the text loads', async () => {
    const s = createImportSession();
    const bytes = new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap'));
    await s.readCaptures([{ name: 'ModbusTCP.pcap', data: new Blob([bytes]) }]);
    const out = text(s.captureModel({ name: 'Observed' }));
    expect(validations).not.toHaveBeenCalled();
    expect(parse.parseModelText(out).kind).toBe('ok');
  });

  it('a CSV inventory: only importCsv’s own pass (the one that names rows); the text loads', () => {
    const s = createImportSession();
    const mapping = JSON.parse(readFileSync('models/examples/modbus-cell-mapping.json', 'utf8')) as unknown;
    const r = s.importCsv(file('modbus-cell-assets.csv'), file('modbus-cell-connections.csv'), mapping);
    expect(validations).toHaveBeenCalledTimes(1);
    expect(parse.parseModelText(text(r)).kind).toBe('ok');
  });
});
