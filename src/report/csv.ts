// CSV files for spreadsheets and ticketing tools (the asset inventory, the remediation plan):
// RFC 4180 — CRLF between records, a field quoted when it holds a comma, a double quote, CR or LF,
// quotes doubled inside — and safe to open in a spreadsheet: a text cell that starts with = + - @
// (or a tab or CR, which some spreadsheets strip before reading a formula) is written with a leading
// apostrophe, so it is shown as text and never run as a formula (OWASP "CSV injection"). Numbers are
// the writer's own values and stay numbers. Pure.

/** One cell: text (names from the model: untrusted), a number the program computed, or empty. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (the first one or two of its text). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text neutralized against formula injection: a leading apostrophe before a formula's first character. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number as a CSV field: finite numbers as JavaScript writes them (no grouping, '.' decimals), else empty. */
function numberField(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

/** One field, neutralized and quoted as RFC 4180 needs. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberField(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record (no line end). */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole file: the header, then each row, every record ended by CRLF (RFC 4180 §2.1–2.3). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const width = header.length;
  const out: string[] = [csvRecord(header)];
  let n = 0;
  for (const row of rows) {
    n++;
    if (row.length !== width) throw new RangeError(`toCsv: row ${n} has ${row.length} fields, the header ${width}`);
    out.push(csvRecord(row));
  }
  return `${out.join('\r\n')}\r\n`;
}

/** MIME type of the files written here (RFC 4180 §3, with its header parameter). */
export const CSV_MIME = 'text/csv;charset=utf-8;header=present';
