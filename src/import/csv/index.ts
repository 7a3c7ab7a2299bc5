// CSV import of asset inventories and connection lists. Pure: text and a mapping in, a plant model
// (validated by the one parser, validateModel) or row-numbered errors out.
//
// Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
// When a record starts on another line of the file (quoted fields holding newlines before it),
// the line is named too: `assets.csv row 17 (line 19) (id=plc-3), column "level": …`.
//
// The modules:
//   table.ts        CSV text → header and records (RFC 4180); previews
//   errors.ts       CsvError, its one-line form, the capped list of an import
//   mapping.ts      the mapping file: model field → column, cell values → kinds and protocols
//   suggest.ts      a first guess at the mapping from header names
//   cells.ts        cell values → model values (yes/no, levels, amounts, services, …)
//   rows.ts         a record read by model field, its problems named by row and column
//   assets.ts       asset rows → assets, zones, entry points, crown jewels
//   connections.ts  connection rows → connections
//   import.ts       importCsv: all of it, and the one parser's last word
export { CSV_DELIMITERS, detectDelimiter, parseCsv, previewCsv, type CsvDelimiter, type CsvParseOptions, type CsvParseResult, type CsvRecord, type CsvTable } from './table';
export { formatCsvError, MAX_CSV_ERRORS, type CsvError } from './errors';
export { ASSET_FIELDS, CONNECTION_FIELDS, parseMapping, validateMapping, type AssetField, type ConnectionField, type CsvMapping, type MappingResult } from './mapping';
export { suggestColumns } from './suggest';
export { importCsv, type CsvImportResult, type CsvImportSummary, type CsvInput } from './import';
