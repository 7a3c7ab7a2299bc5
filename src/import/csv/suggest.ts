// Column suggestions: a first guess at the mapping from the names in a header row, for the user to confirm.
import type { AssetField, ConnectionField } from './mapping';

/** Header names (lower case, separators as spaces) that suggest each model field. */
const SUGGEST: Record<AssetField | ConnectionField, readonly string[]> = {
  id: ['id', 'asset id', 'assetid', 'asset', 'tag', 'connection id'],
  name: ['name', 'asset name', 'hostname', 'host name', 'device name'],
  kind: ['kind', 'type', 'asset type', 'device type', 'role', 'category'],
  zone: ['zone', 'zone id', 'network zone', 'segment'],
  level: ['level', 'purdue', 'purdue level', 'purduelevel'],
  vendor: ['vendor', 'manufacturer', 'make'],
  product: ['product', 'model', 'product name'],
  firmware: ['firmware', 'firmware version', 'fw', 'version', 'software version'],
  os: ['os', 'operating system'],
  addresses: ['ip', 'ip address', 'ip addresses', 'addresses', 'address', 'mac'],
  services: ['services', 'ports', 'open ports'],
  cves: ['cves', 'cve', 'vulnerabilities'],
  tags: ['tags', 'labels'],
  controls: ['controls', 'security controls'],
  patchable: ['patchable'],
  hardeningCost: ['hardening cost', 'hardeningcost', 'cost'],
  description: ['description', 'notes', 'comment', 'comments'],
  entryPoint: ['entry point', 'entrypoint', 'entry'],
  crownJewel: ['crown jewel', 'crownjewel', 'critical'],
  safety: ['safety', 'safety impact'],
  downtimeCostPerHour: ['downtime cost per hour', 'downtime cost', 'downtimecostperhour'],
  from: ['from', 'source', 'src', 'client', 'initiator'],
  to: ['to', 'destination', 'dst', 'dest', 'target', 'server'],
  protocol: ['protocol', 'service', 'proto'],
  port: ['port', 'dst port', 'destination port'],
  transport: ['transport', 'l4'],
  direction: ['direction'],
  via: ['via', 'through', 'firewall'],
  authenticated: ['authenticated', 'auth'],
  encrypted: ['encrypted', 'tls'],
  observed: ['observed', 'seen'],
  required: ['required', 'business required'],
};

/** Guesses a column mapping from header names (for the UI's mapping form; the user confirms it). */
export function suggestColumns<F extends AssetField | ConnectionField>(header: readonly string[], fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  const used = new Set<string>();
  const norm = (s: string) => s.trim().toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ');
  for (const f of fields) {
    const want = SUGGEST[f];
    const col = header.find((h) => !used.has(h) && want.includes(norm(h)));
    if (col !== undefined) {
      out[f] = col;
      used.add(col);
    }
  }
  return out;
}
