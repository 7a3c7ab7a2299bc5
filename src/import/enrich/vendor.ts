// Vendor names: normalized (legal suffixes dropped) and mapped to one canonical name through known aliases.
import type { VendorMatch } from './types';

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'gmbh', 'ag', 'sa', 'se', 'bv', 'kg', 'spa', 'srl', 'pty', 'oy', 'ab', 'as', 'nv', 'plc', 'group',
]);

/**
 * Vendor → canonical name; keys and values are normalized (see normVendor). Looked up with names
 * from the model: a Map, so that a vendor called "constructor" finds nothing on Object.prototype.
 */
const VENDOR_ALIASES: ReadonlyMap<string, string> = new Map(Object.entries({
  rockwell: 'rockwell automation',
  'allen bradley': 'rockwell automation',
  'rockwell automation allen bradley': 'rockwell automation',
  schneider: 'schneider electric',
  triconex: 'schneider electric',
  invensys: 'schneider electric',
  'schneider electric triconex': 'schneider electric',
  osisoft: 'aveva',
  wonderware: 'aveva',
  'aveva software': 'aveva',
  ge: 'general electric',
  'ge digital': 'general electric',
  'ge vernova': 'general electric',
  'ge grid solutions': 'general electric',
  'ge renewable energy': 'general electric',
  'general electric renewable energy': 'general electric',
  'ge intelligent platforms': 'general electric',
  'ge power': 'general electric',
  'hms industrial networks': 'hms networks',
  hms: 'hms networks',
  ewon: 'hms networks',
  'trihedral engineering': 'trihedral',
  'trihedral engineering limited': 'trihedral',
  'emerson process management': 'emerson',
  'emerson electric': 'emerson',
  mitsubishi: 'mitsubishi electric',
  'pulse secure': 'ivanti',
  netscaler: 'citrix',
  'kuka robotics': 'kuka',
  'yokogawa electric': 'yokogawa',
  'honeywell international': 'honeywell',
  '3s smart software solutions': 'codesys',
  'b and r': 'b and r industrial automation',
  'br automation': 'b and r industrial automation',
  'hitachi abb power grids': 'hitachi energy',
  'abb power grids': 'hitachi energy',
  'johnson controls international': 'johnson controls',
  'phoenix contact electronics': 'phoenix contact',
  'moxa technologies': 'moxa',
  'fuji electric fa components and systems': 'fuji electric',
  'omron industrial automation': 'omron',
  'inductive automation llc': 'inductive automation',
}));

/** Lower case, "&" → "and", punctuation to spaces, legal suffixes dropped. */
export function normVendor(vendor: string): string {
  const words = vendor
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** Canonical vendor key and how it was reached from the raw name. */
export function vendorKey(vendor: string): { key: string; via: 'normalized' | 'alias' } {
  const n = normVendor(vendor);
  const alias = VENDOR_ALIASES.get(n);
  return alias ? { key: alias, via: 'alias' } : { key: n, via: 'normalized' };
}

/** Vendors of one advisory: "Hitachi and ABB" names two. */
export function advisoryVendorKeys(vendor: string): string[] {
  const keys = new Set([vendorKey(vendor).key]);
  for (const part of vendor.split(/\s+and\s+|\s*\/\s*/i)) if (part.trim() && part.trim() !== vendor.trim()) keys.add(vendorKey(part).key);
  return [...keys];
}

/** How an asset's vendor name meets another's: as written, after normalizing, or through an alias. */
export function vendorMatchKind(assetVendor: string, otherVendor: string): VendorMatch {
  if (assetVendor.trim().toLowerCase() === otherVendor.trim().toLowerCase()) return 'exact';
  const a = vendorKey(assetVendor);
  const b = vendorKey(otherVendor);
  return a.via === 'alias' || b.via === 'alias' ? 'alias' : 'normalized';
}
