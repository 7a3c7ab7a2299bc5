// Problems in CSV input, each named by file, row (and line), record id and column; one import's list is capped.

/** A problem in an input file, named by file, row (and line), record id, column and value. */
export interface CsvError {
  readonly file: string;
  readonly row?: number;
  readonly line?: number;
  readonly id?: string;
  readonly column?: string;
  readonly message: string;
}

export function formatCsvError(e: CsvError): string {
  let where = e.file;
  if (e.row !== undefined) {
    where += ` row ${e.row}`;
    if (e.line !== undefined && e.line !== e.row) where += ` (line ${e.line})`;
  }
  if (e.id !== undefined) where += ` (id=${e.id})`;
  if (e.column !== undefined) where += `, column ${JSON.stringify(e.column)}`;
  return `${where}: ${e.message}`;
}

/** Most errors one import reports; the rest are counted. */
export const MAX_CSV_ERRORS = 100;

/** Collects an import's errors up to MAX_CSV_ERRORS and counts the rest. */
export class Errors {
  readonly list: CsvError[] = [];
  dropped = 0;
  add(e: CsvError): void {
    if (this.list.length < MAX_CSV_ERRORS) this.list.push(e);
    else this.dropped++;
  }
  get count(): number {
    return this.list.length + this.dropped;
  }
  result(file: string): CsvError[] {
    return this.dropped === 0 ? this.list.slice() : [...this.list, { file, message: `…and ${this.dropped} more error(s) not listed` }];
  }
}
