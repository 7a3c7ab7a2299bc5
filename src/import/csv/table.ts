// Reading CSV text into a table (RFC 4180), and the first rows of a file for a preview.
import { showValue } from '../../model/errors';
import { MAX_MODEL_BYTES, tooLargeMessage } from '../../model/schema';
import { Errors, type CsvError } from './errors';

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** One record of a CSV file: its spreadsheet row (header = 1), the file line it starts on, its fields. */
export interface CsvRecord {
  readonly row: number;
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  readonly delimiter: CsvDelimiter;
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

export type CsvParseResult =
  | { readonly kind: 'ok'; readonly table: CsvTable }
  | { readonly kind: 'invalid'; readonly errors: readonly CsvError[] };

export interface CsvParseOptions {
  /** File name used in messages. */
  readonly file?: string;
  /** Field delimiter; 'auto' (default) picks the commonest of , ; and tab in the header line. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Stop after this many records (after the header): for previews. */
  readonly maxRecords?: number;
}

/** Picks the delimiter from the header line: the commonest of , ; tab outside quotes (',' on ties). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Reads CSV text (RFC 4180: quoted fields with "" escapes, commas and newlines inside quotes;
 * LF, CRLF or CR line ends; a UTF-8 byte-order mark is dropped). The first record is the header.
 * Blank lines are skipped but keep their row numbers. One linear pass, no recursion.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const file = options.file ?? 'input.csv';
  const errors = new Errors();
  if (text.length > MAX_MODEL_BYTES) {
    return { kind: 'invalid', errors: [{ file, message: tooLargeMessage('the file', text.length) }] };
  }
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter;
  const maxRecords = options.maxRecords ?? Infinity;
  const records: CsvRecord[] = [];
  let header: string[] | undefined;

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1; // line of the current character
  let row = 0; // spreadsheet row of the current record
  while (i < n && records.length < maxRecords) {
    row++;
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let ended = false;
    let bad = false;
    // One record: fields until an unquoted line end or the end of the text.
    while (!ended) {
      if (i < n && text[i] === '"') {
        // Quoted field.
        const quoteLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunkEnd = q === -1 ? n : q;
          const chunk = text.slice(i, chunkEnd);
          line += countLineBreaks(chunk);
          field += chunk;
          i = chunkEnd;
          if (q === -1) break;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          errors.add({ file, row, line: quoteLine, column: columnName(header, fields.length), message: 'a quoted field is never closed (missing ")' });
          return { kind: 'invalid', errors: errors.result(file) };
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          if (!bad) {
            errors.add({ file, row, line: startLine, column: columnName(header, fields.length), message: `unexpected ${showValue(text[i])} after a closing quote; a quote inside a quoted field is written ""` });
          }
          bad = true;
          // Skip to the next delimiter or line end, keeping the text.
          while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
        }
      } else {
        // Unquoted field: up to the delimiter or the line end.
        let j = i;
        while (j < n) {
          const c = text[j];
          if (c === delimiter || c === '\n' || c === '\r') break;
          j++;
        }
        field = text.slice(i, j);
        if (field.includes('"') && !bad) {
          errors.add({ file, row, line: startLine, column: columnName(header, fields.length), message: `a quote inside an unquoted field (${showValue(field)}); quote the whole field and write the quote as ""` });
          bad = true;
        }
        i = j;
      }
      fields.push(field);
      field = '';
      if (i >= n) ended = true;
      else if (text[i] === delimiter) i++;
      else {
        // Line end: \r\n, \n or \r.
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        ended = true;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      const seen = new Map<string, number>();
      header.forEach((h, k) => {
        if (h === '') errors.add({ file, row, line: startLine, message: `column ${k + 1} of the header has no name` });
        else if (seen.has(h)) errors.add({ file, row, line: startLine, column: h, message: `the header names this column twice (columns ${seen.get(h)! + 1} and ${k + 1})` });
        else seen.set(h, k);
      });
      continue;
    }
    if (fields.length !== header.length) {
      errors.add({ file, row, line: startLine, message: `${fields.length} field(s), but the header has ${header.length} column(s)${fields.length > header.length ? ' (an unquoted delimiter in a value?)' : ''}` });
      continue;
    }
    if (!bad) records.push({ row, line: startLine, fields });
  }
  if (header === undefined) errors.add({ file, message: 'the file is empty (no header row)' });
  if (errors.count > 0) return { kind: 'invalid', errors: errors.result(file) };
  return { kind: 'ok', table: { delimiter, header: header!, records } };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

function columnName(header: readonly string[] | undefined, index: number): string | undefined {
  return header ? header[index] : undefined;
}

/** The first records of a CSV file, for a preview beside the mapping form. */
export function previewCsv(text: string, options: CsvParseOptions & { rows?: number } = {}): CsvParseResult {
  return parseCsv(text, { ...options, maxRecords: options.rows ?? 10 });
}
