// Product names → search phrases, most specific first: as written, normalized, aliases, product families.
import { hasDigit, isVersionToken, tokensOf } from './text';
import type { MatchHow } from './types';
import { vendorKey } from './vendor';

/** Words that describe rather than name a product: dropped from the end of a product name. */
const DESCRIPTORS = new Set([
  'drive', 'drives', 'controller', 'controllers', 'robot', 'serial', 'device', 'devices', 'server', 'servers', 'managed', 'switch', 'switches', 'industrial',
  'secure', 'router', 'routers', 'rtu', 'plc', 'plcs', 'hmi', 'radio', 'radios', 'runtime', 'client', 'workstation', 'station', 'engineering', 'module',
  'modules', 'gateway', 'firmware', 'software', 'series', 'family', 'cpu', 'system', 'systems', 'appliance', 'terminal', 'panel', 'unit', 'vpn', 'ssl',
  'the', 'and', 'with', 'for', 'of', 'on', 'a', 'edition', 'application', 'host', 'node', 'computer', 'pc', 'box', 'communication', 'comms', 'interface',
]);

/** Words too common to name a product on their own. */
const GENERIC = new Set([
  ...DESCRIPTORS,
  'connect', 'policy', 'web', 'manager', 'management', 'data', 'control', 'center', 'centre', 'access', 'remote', 'view', 'portal', 'studio', 'suite', 'platform',
  'builder', 'designer', 'editor', 'tool', 'tools', 'utility', 'utilities', 'service', 'services', 'network', 'networks', 'cloud', 'mobile', 'security', 'monitor',
  'monitoring', 'automation', 'smart', 'power', 'energy', 'process', 'plant', 'field', 'safety', 'link', 'port', 'master', 'edge', 'multiple', 'products',
  'product', 'domain', 'active', 'directory', 'enterprise', 'standard', 'professional', 'basic', 'advanced', 'pro', 'lite', 'plus', 'open', 'core', 'main', 'version',
  'versions', 'all', 'prior', 'update', 'microsoft',
]);

/** Brand umbrellas: alone they name hundreds of products. */
const UMBRELLAS = new Set([
  'windows', 'simatic', 'sinamics', 'scalance', 'ruggedcom', 'sinumerik', 'siplus', 'sinec', 'sicam', 'sipass', 'desigo', 'ecostruxure', 'modicon', 'melsec',
  'factorytalk', 'linux', 'kernel', 'office', 'android', 'ios', 'macos', 'simotion', 'sentron', 'spectrum', 'teamcenter', 'tecnomatix', 'opcenter', 'sppa',
]);

/** Known other names of products (normalized phrase → alternatives); a Map, as VENDOR_ALIASES. */
const PRODUCT_ALIASES: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  'connect secure': ['pulse connect secure', 'pulse secure'],
  'pulse connect secure': ['connect secure'],
  'pulse secure': ['pulse connect secure', 'connect secure'],
  'netscaler adc': ['citrix adc', 'application delivery controller adc', 'adc and gateway', 'netscaler adc and netscaler gateway'],
  'citrix adc': ['netscaler adc', 'application delivery controller adc'],
  fortigate: ['fortios'],
  intouch: ['wonderware intouch'],
  'wonderware intouch': ['intouch'],
  'pi server': ['pi data archive'],
  'pi data archive': ['pi server'],
  'tia portal': ['totally integrated automation portal'],
  'totally integrated automation portal': ['tia portal'],
  'step 7': ['simatic step 7', 'step7'],
  'mds inet-ii': ['inet ii', 'inet-ii'],
  'inet-ii': ['inet ii'],
  'active directory domain controller': ['windows'],
  'domain controller': ['windows'],
  'windows server': ['windows'],
  'sap erp': ['netweaver'],
  'exchange server': ['exchange'],
  'kr c4': ['kr c4', 'krc4'],
  'factorytalk view se': ['factorytalk view site edition'],
  'factorytalk view me': ['factorytalk view machine edition'],
  'tricon mp3008': ['mp model 3008', 'tricon'],
}));

/** A phrase naming a model (digits), a product line, or only a brand umbrella. */
export type Quality = 'model' | 'line' | 'umbrella';

/** One search phrase of a product name and how a hit on it matches. */
export interface Phrase {
  readonly text: string;
  readonly how: MatchHow;
  readonly quality: Quality;
  /** A version taken off the end of the product name ("PI Server 2018" → "2018"). */
  readonly versionHint?: string;
}

/** How much a phrase names: a model, a product line, or only a brand umbrella; undefined when it names nothing. */
export function quality(tokens: readonly string[]): Quality | undefined {
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (UMBRELLAS.has(t)) return 'umbrella';
    if (t.length < 3 || GENERIC.has(t) || isVersionToken(t) || /^\d+$/.test(t)) return undefined;
  } else if (tokens.every((t) => DESCRIPTORS.has(t) || isVersionToken(t) || /^\d+$/.test(t))) return undefined;
  if (tokens.every((t) => UMBRELLAS.has(t) || GENERIC.has(t) || isVersionToken(t))) return 'umbrella';
  return tokens.some((t) => hasDigit(t) && /[a-z]/.test(t)) || tokens.some((t) => /^\d{3,}$/.test(t)) ? 'model' : 'line';
}

/** The search phrases of a product name, most specific first, each with how it would match. */
export function productPhrases(product: string, vendor: string): Phrase[] {
  const vendorTokens = [vendor, vendorKey(vendor).key].map((v) => tokensOf(v));
  const dropVendor = (tokens: string[]) => {
    for (const vt of vendorTokens) {
      if (vt.length > 0 && tokens.length > vt.length && vt.every((t, i) => tokens[i] === t)) return tokens.slice(vt.length);
    }
    return tokens;
  };
  const out: Phrase[] = [];
  const seen = new Set<string>();
  const push = (tokens: readonly string[], how: MatchHow, versionHint?: string) => {
    const q = quality(tokens);
    const text = tokens.join(' ');
    if (!q || seen.has(text)) return;
    seen.add(text);
    out.push({ text, how, quality: q, ...(versionHint ? { versionHint } : {}) });
  };
  const full = dropVendor(tokensOf(product));
  push(full, 'exact');

  // Parts: outside and inside parentheses, either side of " / ", " with ", " on ".
  const parens = [...product.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const outside = product.replace(/\([^)]*\)/g, ' ');
  const parts = [...outside.split(/\s+\/\s+|\s+with\s+|\s+on\s+|\s+incl\.?\s+/i), ...parens].map((p) => dropVendor(tokensOf(p))).filter((t) => t.length > 0);
  const reduced: { tokens: string[]; hint?: string }[] = [];
  for (const p of parts) {
    let tokens = p;
    let hint: string | undefined;
    push(tokens, 'normalized');
    reduced.push({ tokens });
    for (;;) {
      const last = tokens[tokens.length - 1];
      if (last === undefined || tokens.length === 1) break;
      if (DESCRIPTORS.has(last)) tokens = tokens.slice(0, -1);
      else if (isVersionToken(last)) {
        hint ??= last;
        tokens = tokens.slice(0, -1);
      } else break;
      push(tokens, 'normalized', hint);
      reduced.push({ tokens, ...(hint ? { hint } : {}) });
    }
    // Without a leading umbrella brand: "simatic s7-1500 cpu" → "s7-1500 cpu".
    if (tokens.length > 1 && UMBRELLAS.has(tokens[0]!)) push(tokens.slice(1), 'normalized', hint);
    // De-hyphenated: "inet-ii" → "inet ii".
    if (tokens.some((t) => t.includes('-') && !/\d-\d/.test(t))) push(tokens.join(' ').replace(/(\D)-(\D)/g, '$1 $2').split(' '), 'normalized', hint);
  }
  // Aliases of any phrase so far.
  for (const p of [...out]) {
    for (const alt of PRODUCT_ALIASES.get(p.text) ?? []) push(alt.split(' '), 'alias', p.versionHint);
  }
  for (const r of reduced) {
    for (let k = r.tokens.length; k >= 1; k--) {
      for (const alt of PRODUCT_ALIASES.get(r.tokens.slice(0, k).join(' ')) ?? []) push(alt.split(' '), 'alias', r.hint);
    }
  }
  // Family: prefixes ending at, or just before, a model token ("simatic s7-1500", "gatemanager").
  for (const r of reduced) {
    const t = r.tokens;
    for (let k = t.length - 1; k >= 1; k--) {
      if (hasDigit(t[k - 1]!) || hasDigit(t[k]!)) {
        push(t.slice(0, k), 'family');
        if (k > 1 && UMBRELLAS.has(t[0]!)) push(t.slice(1, k), 'family');
      }
    }
  }
  return out;
}
