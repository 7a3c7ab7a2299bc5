// Which files the app treats as packet captures (dropped on the app, chosen in the import dialog).

export function isCaptureFile(f: { readonly name: string }): boolean {
  return /\.(pcap|pcapng|cap)$/i.test(f.name);
}
