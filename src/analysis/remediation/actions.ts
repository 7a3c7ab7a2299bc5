// Remediation actions: what can be done to the plant (patch a CVE, remove or restrict a connection,
// add MFA / allow-listing / DPI / USB control, isolate media, remove a trust), their documented
// costs, their descriptions, applying one to a copy of the model, and the candidates worth
// evaluating (elements on some entry → jewel attack path, honouring `patchable: false`).
import type { ControlKind, Connection, PlantModel } from '../../model/schema';
import type { AttackGraph } from '../attack-graph';
import { AnalysisError, type PlantContext } from '../context';
import { reachFrom } from '../reach';

/** Documented default costs of each action (currency units). */
export const ACTION_COSTS = {
  'patch-cve': 1500,
  'remove-connection': 2500,
  'require-authentication': 3000,
  mfa: 4000,
  allowlisting: 3000,
  'dpi-firewall': 8000,
  'usb-control': 800,
  'isolate-media': 1500,
  'remove-trust': 1000,
} as const;

export type RemediationAction =
  | { readonly kind: 'patch-cve'; readonly asset: string; readonly cve: string; readonly cost: number }
  | { readonly kind: 'remove-connection'; readonly connection: string; readonly cost: number }
  | { readonly kind: 'require-authentication'; readonly connection: string; readonly cost: number }
  | { readonly kind: 'add-control'; readonly asset: string; readonly control: ControlKind; readonly cost: number }
  | { readonly kind: 'isolate-media'; readonly media: string; readonly cost: number }
  | { readonly kind: 'remove-trust'; readonly trust: string; readonly cost: number };

/** Most candidates evaluated per greedy round (each is a full risk evaluation). */
export const MAX_CANDIDATES = 400;
/** Most steps a plan takes. */
export const MAX_PLAN_STEPS = 50;

/**
 * One line on an action for people. `connection`: the action's connection record when the caller
 * holds it (finding it by id reads every connection, and builds every record of a plant whose
 * connections are in columns).
 */
export function describeAction(a: RemediationAction, model?: PlantModel, connection?: Connection): string {
  const name = (id: string) => model?.assets.find((x) => x.id === id)?.name ?? id;
  switch (a.kind) {
    case 'patch-cve':
      return `Patch ${a.cve} on ${name(a.asset)}`;
    case 'remove-connection':
      return `Block connection ${a.connection}${connText(model, a.connection, connection)}`;
    case 'require-authentication':
      return `Require authentication on ${a.connection}${connText(model, a.connection, connection)}`;
    case 'add-control':
      return `Add ${a.control} to ${name(a.asset)}`;
    case 'isolate-media': {
      const x = model?.media?.find((m) => m.id === a.media);
      return x
        ? `Stop the ${x.kind === 'transient-laptop' ? 'transient laptop' : 'removable media'} path ${a.media} (${x.name ?? `${x.from.join(', ')} → ${x.to.join(', ')}`})`
        : `Stop media path ${a.media}`;
    }
    case 'remove-trust': {
      const t = model?.trust?.find((x) => x.id === a.trust);
      const what = { 'shared-credentials': 'Separate the shared credentials of', 'domain-trust': 'Remove the domain trust', 'domain-membership': 'Take out of the domain:' } as const;
      return t ? `${what[t.kind]} ${t.kind === 'domain-membership' ? name(t.to) : `${name(t.from)} → ${name(t.to)}`} (${a.trust})` : `Remove trust ${a.trust}`;
    }
    default:
      return assertNever(a);
  }
}

function connText(model: PlantModel | undefined, id: string, given: Connection | undefined): string {
  const c = given?.id === id ? given : model?.connections.find((x) => x.id === id);
  return c ? ` (${c.from} → ${c.to}, ${c.protocol})` : '';
}

/** Exhaustiveness guard of the action switches. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

/** The model with one action applied; the input is not changed. Unknown targets are a typed error. */
export function applyAction(model: PlantModel, a: RemediationAction): PlantModel {
  const missing = (what: string, id: string) => new AnalysisError('BAD_PARAMETER', `applyAction: unknown ${what} ${JSON.stringify(id)}`);
  switch (a.kind) {
    case 'patch-cve': {
      const i = model.assets.findIndex((x) => x.id === a.asset);
      if (i < 0) throw missing('asset', a.asset);
      const asset = model.assets[i]!;
      if (!asset.vulnerabilities?.some((v) => v.cve === a.cve)) throw missing(`CVE on ${a.asset}`, a.cve);
      const assets = model.assets.slice();
      assets[i] = { ...asset, vulnerabilities: asset.vulnerabilities.map((v) => (v.cve === a.cve ? { ...v, patched: true } : v)) };
      return { ...model, assets };
    }
    case 'remove-connection': {
      if (!model.connections.some((c) => c.id === a.connection)) throw missing('connection', a.connection);
      return { ...model, connections: model.connections.filter((c) => c.id !== a.connection) };
    }
    case 'require-authentication': {
      if (!model.connections.some((c) => c.id === a.connection)) throw missing('connection', a.connection);
      return { ...model, connections: model.connections.map((c): Connection => (c.id === a.connection ? { ...c, authenticated: true } : c)) };
    }
    case 'add-control': {
      const i = model.assets.findIndex((x) => x.id === a.asset);
      if (i < 0) throw missing('asset', a.asset);
      const assets = model.assets.slice();
      const asset = assets[i]!;
      if (!asset.controls?.includes(a.control)) assets[i] = { ...asset, controls: [...(asset.controls ?? []), a.control] };
      return { ...model, assets };
    }
    case 'isolate-media': {
      if (!model.media?.some((m) => m.id === a.media)) throw missing('media path', a.media);
      return { ...model, media: model.media.filter((m) => m.id !== a.media) };
    }
    case 'remove-trust': {
      if (!model.trust?.some((t) => t.id === a.trust)) throw missing('trust relation', a.trust);
      return { ...model, trust: model.trust.filter((t) => t.id !== a.trust) };
    }
    default:
      return assertNever(a);
  }
}

export const REMOTE_IN = new Set(['rdp', 'ssh', 'vnc', 'winrm', 'smb', 'telnet', 'tls-vpn', 'vendor-remote', 'ipsec', 'wireguard']);
export const COMMAND = new Set(['modbus-tcp', 's7comm', 's7comm-plus', 'enip-cip', 'dnp3', 'iec104', 'opc-ua', 'opc-da', 'bacnet', 'iec61850-mms', 'profinet', 'hart-ip', 'mqtt', 'other']);
export const ALLOWLIST_KINDS = new Set(['ews', 'hmi', 'scada-server', 'opc-server', 'historian', 'jump-host', 'mes', 'workstation', 'server', 'domain-controller']);

/**
 * Nodes on some entry → jewel attack path (1): reachable from an entry and reaching a jewel.
 * `fromEntries`: the entries' shortest-path distances when the caller has them (finite: reached).
 */
export function relevantNodes(ag: AttackGraph, entries: readonly number[], jewels: readonly number[], fromEntries?: Float64Array): Uint8Array {
  const fwd = fromEntries ? undefined : reachFrom(ag, entries).hops;
  const { inOffsets, inEdges, edgeSource } = ag;
  const rev = new Uint8Array(ag.nodeCount); // 1: reaches a jewel
  const stack = new Int32Array(ag.nodeCount);
  let top = 0;
  for (const j of jewels) {
    if (!rev[j]) {
      rev[j] = 1;
      stack[top++] = j;
    }
  }
  while (top > 0) {
    const v = stack[--top]!;
    for (let k = inOffsets[v]!; k < inOffsets[v + 1]!; k++) {
      const u = edgeSource[inEdges[k]!]!;
      if (!rev[u]) {
        rev[u] = 1;
        stack[top++] = u;
      }
    }
  }
  if (fwd) for (let v = 0; v < ag.nodeCount; v++) if (fwd[v]! < 0) rev[v] = 0;
  if (fromEntries) for (let v = 0; v < ag.nodeCount; v++) if (fromEntries[v] === Infinity) rev[v] = 0;
  return rev;
}

/** Asset ids on some entry → jewel attack path. */
function relevantAssets(ctx: PlantContext): Set<string> {
  const on = relevantNodes(ctx.attack, ctx.entries, ctx.jewels);
  const out = new Set<string>();
  for (let v = 0; v < on.length; v++) if (on[v]) out.add(ctx.ids[v]!);
  return out;
}

/** Candidate actions worth evaluating: only elements on some entry → jewel attack path. */
export function candidateActions(ctx: PlantContext): RemediationAction[] {
  const m = ctx.model;
  const rel = relevantAssets(ctx);
  const out: RemediationAction[] = [];
  const byId = new Map(m.assets.map((a) => [a.id, a]));
  // One pass over the records, not one per asset: plants have a million connections.
  const remoteIn = new Set<string>();
  for (const c of m.connections) {
    if (!REMOTE_IN.has(c.protocol)) continue;
    remoteIn.add(c.to);
    if (c.direction === 'both') remoteIn.add(c.from);
  }
  const usbTargets = new Set<string>();
  for (const x of m.media ?? []) if (x.kind === 'removable-media') for (const id of x.to) usbTargets.add(id);
  for (const a of m.assets) {
    if (!rel.has(a.id)) continue;
    if (a.patchable !== false) {
      for (const v of a.vulnerabilities ?? []) if (!v.patched) out.push({ kind: 'patch-cve', asset: a.id, cve: v.cve, cost: ACTION_COSTS['patch-cve'] });
    }
    const has = (c: ControlKind) => a.controls?.includes(c) ?? false;
    if (remoteIn.has(a.id) && !has('mfa')) out.push({ kind: 'add-control', asset: a.id, control: 'mfa', cost: ACTION_COSTS.mfa });
    if (ALLOWLIST_KINDS.has(a.kind) && !has('allowlisting')) out.push({ kind: 'add-control', asset: a.id, control: 'allowlisting', cost: ACTION_COSTS.allowlisting });
    if (usbTargets.has(a.id) && !has('usb-control')) out.push({ kind: 'add-control', asset: a.id, control: 'usb-control', cost: ACTION_COSTS['usb-control'] });
  }
  const firewalls = new Set<string>();
  for (const c of m.connections) {
    if (!rel.has(c.from) || !rel.has(c.to)) continue;
    if (!c.required) out.push({ kind: 'remove-connection', connection: c.id, cost: ACTION_COSTS['remove-connection'] });
    if (COMMAND.has(c.protocol) && !c.authenticated) out.push({ kind: 'require-authentication', connection: c.id, cost: ACTION_COSTS['require-authentication'] });
    if (c.via && byId.get(c.via)?.kind === 'firewall' && !byId.get(c.via)!.controls?.includes('dpi-firewall')) firewalls.add(c.via);
  }
  for (const f of [...firewalls].sort()) out.push({ kind: 'add-control', asset: f, control: 'dpi-firewall', cost: ACTION_COSTS['dpi-firewall'] });
  for (const x of m.media ?? []) if ([...x.from, ...x.to].some((id) => rel.has(id))) out.push({ kind: 'isolate-media', media: x.id, cost: ACTION_COSTS['isolate-media'] });
  for (const t of m.trust ?? []) if (rel.has(t.from) && rel.has(t.to)) out.push({ kind: 'remove-trust', trust: t.id, cost: ACTION_COSTS['remove-trust'] });
  return out;
}

