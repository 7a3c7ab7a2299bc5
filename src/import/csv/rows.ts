// Mapped rows: which column of a table each mapped field is in, and a record read by model field,
// its problems named by file, row (and line), id and column.
import type { CsvError, Errors } from './errors';
import type { CsvRecord, CsvTable } from './table';

/** Finds the column of each mapped field (exact name first, then ignoring case); a missing column is a mapping error. */
export function resolveColumns<F extends string>(file: string, table: CsvTable, columns: Partial<Record<F, string>>, path: string, errors: Errors): Map<F, number> {
  const out = new Map<F, number>();
  const byName = new Map(table.header.map((h, i) => [h, i]));
  const byLower = new Map(table.header.map((h, i) => [h.toLowerCase(), i]));
  for (const [field, col] of Object.entries(columns) as [F, string][]) {
    const i = byName.get(col.trim()) ?? byLower.get(col.trim().toLowerCase());
    if (i === undefined) {
      errors.add({ file: 'mapping', message: `${path}.${field}: column ${JSON.stringify(col)} is not in ${file} (its columns: ${table.header.map((h) => JSON.stringify(h)).join(', ')})` });
    } else out.set(field, i);
  }
  return out;
}

/** One record of a mapped table, read by model field. */
export class MappedRow<F extends string> {
  /** No problem reported on this row so far. */
  ok = true;
  /** The record's id once known: errors name it. */
  id = '';

  constructor(
    private readonly file: string,
    private readonly table: CsvTable,
    private readonly cols: ReadonlyMap<F, number>,
    readonly rec: CsvRecord,
    private readonly errors: Errors,
  ) {}

  /** True when field `f` is mapped to a column. */
  has(f: F): boolean {
    return this.cols.has(f);
  }

  /** The trimmed cell of field `f`; empty when the field is not mapped. */
  cell(f: F): string {
    const k = this.cols.get(f);
    return k === undefined ? '' : this.rec.fields[k]!.trim();
  }

  /** Reports a problem of this row, in the column of `f` when it is mapped, and marks the row failed. */
  fail(f: F | undefined, message: string): void {
    const k = f === undefined ? undefined : this.cols.get(f);
    const error: CsvError = {
      file: this.file,
      row: this.rec.row,
      line: this.rec.line,
      ...(this.id ? { id: this.id } : {}),
      ...(k === undefined ? {} : { column: this.table.header[k]! }),
      message,
    };
    this.errors.add(error);
    this.ok = false;
  }
}
