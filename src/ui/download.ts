// Files the app hands to the browser's downloads (the changed model, a CSV mapping), and their names.

/** Offers `blob` as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** `<plant id>.json`, or `<plant id>-<scenario name>.json` for a what-if model (the name made file-safe). */
export function exportFileName(plantId: string, scenarioName?: string): string {
  return `${plantId}${scenarioName !== undefined ? `-${scenarioName.replace(/[^\w-]+/g, '_')}` : ''}.json`;
}
