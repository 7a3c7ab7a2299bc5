// CSV files handed to the browser's downloads (the inventory, the remediation plan). The text comes
// from src/report/csv.ts (RFC 4180, formula-safe); a UTF-8 byte-order mark goes first so that
// spreadsheets read "€" and accented names as UTF-8 (RFC 4180 readers, ours included, drop it).
import { CSV_MIME } from '../../report/csv';
import { downloadBlob } from '../download';

export function downloadCsv(text: string, name: string): void {
  downloadBlob(new Blob(['\uFEFF', text], { type: CSV_MIME }), name);
}

/** `<plant id>[-<scenario>]-<what>.csv`, file-safe. */
export function csvFileName(plantId: string, what: string, scenarioName?: string): string {
  const safe = (s: string) => s.replace(/[^\w-]+/g, '_').slice(0, 80);
  return `${safe(plantId) || 'plant'}${scenarioName ? `-${safe(scenarioName)}` : ''}-${what}.csv`;
}
