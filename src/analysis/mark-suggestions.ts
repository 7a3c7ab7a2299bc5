// Likely entry points and crown jewels of a twin that names too few — a twin made from a packet
// capture or a CSV inventory names none — offered for one-click confirmation as scenario edits.
// Entries: external parties, remote access, laptops, mail servers, assets in a level-5 zone, and
// hosts with a public IP address (internet-facing unless filtered). Jewels: controllers (PLC, RTU,
// IED) and safety systems (SIS). The rules and the defaults they fill in are in
// docs/attack-rules.md ("Suggested entry points and crown jewels"); the analyst confirms each.
import type { Asset, CrownJewel, EntryPoint, PlantModel } from '../model/schema';
import type { ScenarioEdit } from './scenario';

/** An asset offered as an entry point or a crown jewel (its name and kind, for the list). */
export interface MarkSuggestion extends Pick<Asset, 'name' | 'kind'> {
  readonly asset: string;
  /** Why it is suggested, in a few words ("public IP address 141.81.0.10"). */
  readonly reason: string;
  /** The edit that confirms it. */
  readonly edit: ScenarioEdit;
}

export interface MarkSuggestions {
  readonly entries: readonly MarkSuggestion[];
  readonly jewels: readonly MarkSuggestion[];
  /** Suggestions left out beyond MAX_SUGGESTIONS of each kind. */
  readonly more: { readonly entries: number; readonly jewels: number };
}

/** Most suggestions of each kind listed (a capture of a large cell has hundreds of PLCs). */
export const MAX_SUGGESTIONS = 100;

const EXTERNAL_KINDS: Readonly<Record<string, string>> = {
  internet: 'the internet',
  supplier: 'a supplier network',
  'cloud-service': 'a cloud service',
  'remote-access-gateway': 'a remote-access gateway',
  'jump-host': 'a jump host (remote access into the plant)',
  laptop: 'a laptop (carried between networks)',
  email: 'a mail server (receives mail from the internet: phishing)',
};
/** Protocols that bring a session in from outside: the server end is an entry. */
const REMOTE_ACCESS = new Set(['tls-vpn', 'vendor-remote', 'ipsec', 'wireguard']);
const CONTROLLERS: Readonly<Record<string, string>> = {
  sis: 'a safety system',
  plc: 'a controller',
  rtu: 'a remote terminal unit (controller)',
  ied: 'an intelligent electronic device (protection and control)',
};
/** Kinds that are not where an attacker starts even with a public address: they are what is attacked. */
const NEVER_ENTRY = new Set(['plc', 'sis', 'rtu', 'ied', 'sensor', 'actuator', 'drive', 'robot']);

/** An IPv4 or IPv6 address outside the private, loopback, link-local, shared and multicast ranges. */
export function isPublicAddress(address: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if ([a, b, Number(v4[3]), Number(v4[4])].some((x) => x > 255)) return false;
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
    return true;
  }
  // IPv6 global unicast is 2000::/3; eight groups or a "::" (a MAC address has six groups).
  return /^[23][0-9a-f]{0,3}:[0-9a-f:]+$/i.test(address) && (address.includes('::') || address.split(':').length === 8);
}

function entryReason(a: PlantModel['assets'][number], level5: ReadonlySet<string>, remote: ReadonlyMap<string, string>): string | undefined {
  const kind = EXTERNAL_KINDS[a.kind];
  if (kind) return kind;
  if (NEVER_ENTRY.has(a.kind)) return undefined;
  const via = remote.get(a.id);
  if (via) return `accepts remote access (${via})`;
  if (level5.has(a.zone)) return 'in an external zone (Purdue level 5)';
  const pub = a.addresses?.find(isPublicAddress);
  return pub ? `public IP address ${pub}: internet-facing unless filtered` : undefined;
}

/** The production lines an asset is a member of. */
function linesOf(model: PlantModel, asset: string): string[] {
  return (model.productionLines ?? []).filter((l) => l.groups.some((g) => g.assets.includes(asset))).map((l) => l.id);
}

export function suggestMarks(model: PlantModel): MarkSuggestions {
  const entries = new Set(model.entryPoints.map((e) => e.asset));
  const jewels = new Set(model.crownJewels.map((j) => j.asset));
  const level5 = new Set(model.zones.filter((z) => z.purdueLevel === 5).map((z) => z.id));
  const remote = new Map<string, string>();
  for (const c of model.connections) if (REMOTE_ACCESS.has(c.protocol) && !remote.has(c.to)) remote.set(c.to, c.protocol);
  const e: MarkSuggestion[] = [];
  const j: MarkSuggestion[] = [];
  for (const a of model.assets) {
    if (!entries.has(a.id)) {
      const reason = entryReason(a, level5, remote);
      if (reason) {
        const profile: NonNullable<EntryPoint['profile']> = a.kind === 'laptop' ? 'insider' : 'cybercriminal';
        e.push({ asset: a.id, name: a.name, kind: a.kind, reason, edit: { kind: 'mark-entry', entry: { asset: a.id, profile } } });
      }
    }
    const what = CONTROLLERS[a.kind];
    if (what && !jewels.has(a.id)) {
      const lines = linesOf(model, a.id);
      const impact: CrownJewel['impact'] = { ...(a.kind === 'sis' ? { safety: 'injury' as const } : {}), ...(lines.length ? { productionLines: lines } : {}) };
      j.push({ asset: a.id, name: a.name, kind: a.kind, reason: what, edit: { kind: 'mark-jewel', jewel: { asset: a.id, impact } } });
    }
  }
  // Safety systems first, then by name; entries by name.
  const byName = (x: MarkSuggestion, y: MarkSuggestion) => x.name.localeCompare(y.name, 'en');
  j.sort((x, y) => Number(y.kind === 'sis') - Number(x.kind === 'sis') || byName(x, y));
  e.sort(byName);
  return {
    entries: e.slice(0, MAX_SUGGESTIONS),
    jewels: j.slice(0, MAX_SUGGESTIONS),
    more: { entries: Math.max(0, e.length - MAX_SUGGESTIONS), jewels: Math.max(0, j.length - MAX_SUGGESTIONS) },
  };
}
