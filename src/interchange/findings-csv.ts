// The IEC 62443 findings as a CSV file for ticketing tools and spreadsheets (RFC 4180, formula-safe:
// the writer of src/report/csv.ts), one record per finding, most severe first.
import type { Finding } from '../analysis/findings';
import { toCsv } from '../report/csv';

export const FINDINGS_CSV_HEADER = ['severity', 'kind', 'title', 'detail', 'zone ids', 'asset ids'] as const;

export function findingsCsv(findings: readonly Finding[]): string {
  return toCsv(FINDINGS_CSV_HEADER, findings.map((f) => [f.severity, f.kind, f.title, f.detail, f.zones.join(' '), f.assets.join(' ')]));
}
