// Mapped rows (src/import/csv/rows.ts): columns found by name, cells read by model field, and
// problems named by file, row, line, id and column.
import { describe, expect, it } from 'vitest';
import { Errors } from '../../../src/import/csv/errors';
import { MappedRow, resolveColumns } from '../../../src/import/csv/rows';
import type { CsvTable } from '../../../src/import/csv/table';

const table: CsvTable = {
  delimiter: ',',
  header: ['Asset ID', 'Type', 'Notes'],
  records: [{ row: 3, line: 4, fields: [' plc-1 ', 'PLC', ''] }],
};

describe('resolveColumns', () => {
  it('finds each mapped column by its exact name, else ignoring case and outer spaces', () => {
    const errors = new Errors();
    const cols = resolveColumns('assets.csv', table, { id: 'Asset ID', kind: ' type ' }, 'mapping.assets.columns', errors);
    expect([...cols]).toEqual([['id', 0], ['kind', 1]]);
    expect(errors.count).toBe(0);
  });

  it('names a column the file does not have, and the columns it has', () => {
    const errors = new Errors();
    const cols = resolveColumns('assets.csv', table, { zone: 'Zone' }, 'mapping.assets.columns', errors);
    expect(cols.size).toBe(0);
    expect(errors.result('assets.csv')).toEqual([
      { file: 'mapping', message: 'mapping.assets.columns.zone: column "Zone" is not in assets.csv (its columns: "Asset ID", "Type", "Notes")' },
    ]);
  });
});

describe('MappedRow', () => {
  const cols = new Map([['id', 0], ['kind', 1], ['description', 2]] as const);

  it('reads trimmed cells by field; an unmapped field is empty', () => {
    const row = new MappedRow('assets.csv', table, cols, table.records[0]!, new Errors());
    expect(row.cell('id')).toBe('plc-1');
    expect(row.cell('kind')).toBe('PLC');
    expect(row.has('kind')).toBe(true);
    expect(row.has('zone' as never)).toBe(false);
  });

  it('names file, row, line, id and column of a problem and marks the row failed', () => {
    const errors = new Errors();
    const row = new MappedRow('assets.csv', table, cols, table.records[0]!, errors);
    row.fail('kind', 'first');
    row.id = 'plc-1';
    row.fail('kind', 'second');
    row.fail(undefined, 'third');
    expect(row.ok).toBe(false);
    expect(errors.result('assets.csv')).toEqual([
      { file: 'assets.csv', row: 3, line: 4, column: 'Type', message: 'first' },
      { file: 'assets.csv', row: 3, line: 4, id: 'plc-1', column: 'Type', message: 'second' },
      { file: 'assets.csv', row: 3, line: 4, id: 'plc-1', message: 'third' },
    ]);
  });
});
