// The attack-edge rules: how the twin's connections, trust relations and media paths become
// attack edges "holding A, the attacker can take B", each with a likelihood, an ATT&CK for ICS
// technique, the rule that produced it and its provenance. This table is the single place where
// the rules live; docs/attack-rules.md explains them and every rule has a unit test.
import {
  EDGE_MEDIA, EDGE_TRUST, EXPLOIT_KEV, EXPLOIT_NON_KEV, FLAG_AUTHENTICATED, FLAG_OBSERVED, FLAG_REVERSE, FLAG_UNAUTHENTICATED,
  type CompactGraph,
} from '../model/compact';
import { ASSET_KINDS, CONTROL_KINDS, PROTOCOLS, type AssetKind, type ControlKind, type Protocol } from '../model/schema';
import type { TechniqueId } from './techniques';

export const PROVENANCES = ['declared', 'observed', 'default', 'analyst'] as const;
export type Provenance = (typeof PROVENANCES)[number];
const PROV_DECLARED = 0;
const PROV_OBSERVED = 1;
const PROV_DEFAULT = 2;
const PROV_ANALYST = 3;

export interface RuleDef {
  readonly id: string;
  readonly technique: TechniqueId;
  /** Likelihood before controls. */
  readonly base: number;
  /** One line for the docs and the UI. */
  readonly summary: string;
}

/** Every rule, in the order they are tried. Indexes are stored per edge: append, never reorder. */
export const RULES = [
  { id: 'program-download', technique: 'T0843', base: 0.9, summary: 'An engineering workstation or laptop that speaks a controller\'s protocol can download logic to it.' },
  { id: 'unauthenticated-command', technique: 'T0855', base: 0.8, summary: 'An industrial protocol without authentication obeys commands from whoever can open a session.' },
  { id: 'authenticated-command', technique: 'T0855', base: 0.3, summary: 'An authenticated industrial session still yields commands once the client host is held (its credentials are there).' },
  { id: 'exploit-public-facing', technique: 'T0819', base: 0.05, summary: 'An internet- or supplier-reachable service with a known vulnerability is exploited; likelihood 0.05 + (0.85 if KEV else 0.6) × CVSS/10.' },
  { id: 'exploit-remote-service', technique: 'T0866', base: 0.05, summary: 'A reachable service with a known vulnerability is exploited; likelihood 0.05 + (0.85 if KEV else 0.6) × CVSS/10.' },
  { id: 'remote-admin-service', technique: 'T0886', base: 0.4, summary: 'Remote administration (RDP, SSH, VNC, SMB, WinRM, Telnet) with credentials taken from the client; 0.8 without authentication.' },
  { id: 'external-remote-access', technique: 'T0822', base: 0.5, summary: 'VPN or vendor remote access with stolen or shared credentials; 0.9 without authentication.' },
  { id: 'application-service', technique: 'T0866', base: 0.1, summary: 'Assumed: any other reachable application service may be misconfigured or carry an unknown flaw (0.2 when unauthenticated).' },
  { id: 'phishing', technique: 'T0865', base: 0.3, summary: 'A held mail server delivers malicious attachments to the hosts that read mail from it.' },
  { id: 'drive-by', technique: 'T0817', base: 0.1, summary: 'A held web server serves malicious content to the hosts that browse it.' },
  { id: 'shared-credentials', technique: 'T0859', base: 0.7, summary: 'Credentials shared between hosts are harvested on one and replayed on the other.' },
  { id: 'domain-membership', technique: 'T0859', base: 0.9, summary: 'Whoever holds a domain controller administers the domain\'s members.' },
  { id: 'domain-trust', technique: 'T0859', base: 0.6, summary: 'A domain trust lets accounts of the trusted domain log on in the trusting one.' },
  { id: 'removable-media', technique: 'T0847', base: 0.3, summary: 'Removable media written on one host carry malware to the hosts they are later plugged into.' },
  { id: 'transient-laptop', technique: 'T0864', base: 0.5, summary: 'A transient laptop infected in one place connects to the assets on its rounds.' },
  { id: 'analyst-override', technique: 'T0866', base: 1, summary: 'The analyst set this connection\'s likelihood; it replaces the rules (technique: the strongest rule\'s).' },
] as const satisfies readonly RuleDef[];

export type RuleId = (typeof RULES)[number]['id'];
const RULE_INDEX = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
const R = (id: RuleId): number => RULE_INDEX.get(id)!;

/** Multipliers of the controls on the target (or on the `via` asset for firewalls). */
export const CONTROL_FACTORS = {
  keySwitchRun: 0.2,
  authenticatedDownload: 0.5,
  dpiFirewallCommand: 0.3,
  dpiFirewallExploit: 0.6,
  allowlistingExploit: 0.4,
  edrExploit: 0.6,
  mfa: 0.1,
  mfaCredentials: 0.2,
  pam: 0.5,
  hardenedConfig: 0.7,
  usbControl: 0.1,
  allowlistingMedia: 0.5,
  laptopKeySwitch: 0.3,
} as const;

export { EXPLOIT_KEV, EXPLOIT_NON_KEV } from '../model/compact';

/** Smallest likelihood an edge may carry (likelihoods live in (0, 1]). */
export const MIN_LIKELIHOOD = 1e-6;

const protocolSet = (names: readonly Protocol[]): Uint8Array => {
  const set = new Uint8Array(PROTOCOLS.length);
  for (const n of names) set[PROTOCOLS.indexOf(n)] = 1;
  return set;
};
const kindSet = (names: readonly AssetKind[]): Uint8Array => {
  const set = new Uint8Array(ASSET_KINDS.length);
  for (const n of names) set[ASSET_KINDS.indexOf(n)] = 1;
  return set;
};

const COMMAND_PROTOCOLS = protocolSet([
  'modbus-tcp', 'modbus-rtu', 's7comm', 's7comm-plus', 'enip-cip', 'dnp3', 'iec104', 'opc-ua', 'opc-da', 'bacnet',
  'iec61850-mms', 'goose', 'profinet', 'profibus', 'hart-ip', 'mqtt', 'serial', 'hardwired', 'other',
]);
/** Links with no IP stack to exploit a vulnerability through. */
const NON_IP_PROTOCOLS = protocolSet(['modbus-rtu', 'profibus', 'serial', 'hardwired', 'goose']);
const REMOTE_ADMIN_PROTOCOLS = protocolSet(['rdp', 'ssh', 'vnc', 'telnet', 'winrm', 'smb', 'rpc']);
const REMOTE_ACCESS_PROTOCOLS = protocolSet(['tls-vpn', 'vendor-remote', 'ipsec', 'wireguard']);
const WEB_PROTOCOLS = protocolSet(['http', 'https']);
const MAIL_PROTOCOLS = protocolSet(['smtp', 'http', 'https']);
/** Protocols that authenticate their sessions unless the model says otherwise. */
const AUTH_BY_DEFAULT = protocolSet([
  'opc-ua', 'rdp', 'ssh', 'winrm', 'smb', 'rpc', 'ldap', 'kerberos', 'mssql', 'historian-api', 'sftp', 'telnet', 'ftp',
  'tls-vpn', 'vendor-remote', 'ipsec', 'wireguard', 'https',
]);
const CONTROLLED_KINDS = kindSet(['plc', 'sis', 'rtu', 'ied', 'robot', 'drive', 'actuator', 'sensor', 'protocol-gateway']);
const PROGRAMMABLE_KINDS = kindSet(['plc', 'sis', 'rtu', 'ied', 'robot', 'drive']);
const ENGINEERING_KINDS = kindSet(['ews', 'laptop']);
const MAIL_READER_KINDS = kindSet(['workstation', 'laptop', 'ews', 'jump-host']);
/** Field devices answer their controller; they host no attacker tooling and open no attack. */
const FIELD_ENDPOINT_KINDS = kindSet(['sensor', 'actuator', 'drive']);
const BROWSER_KINDS = kindSet(['workstation', 'laptop', 'ews', 'hmi', 'jump-host']);
const KIND_EMAIL = ASSET_KINDS.indexOf('email');
const KIND_DIODE = ASSET_KINDS.indexOf('data-diode');
const LEVEL2_EXTERNAL = 10; // Purdue 5 × 2
const TRUST_RULE = [R('shared-credentials'), R('domain-trust'), R('domain-membership')]; // by TRUST_KINDS order
const MEDIA_RULE = [R('removable-media'), R('transient-laptop')]; // by MEDIA_KINDS order
const CONTROL_BIT = new Map<ControlKind, number>(CONTROL_KINDS.map((c, i) => [c, 1 << i]));
const bit = (c: ControlKind): number => CONTROL_BIT.get(c)!;

/** Modifiers a rule may apply; an edge records which ones by bit (1 << index). */
export const FACTORS = [
  { id: 'key-switch-run', factor: CONTROL_FACTORS.keySwitchRun, on: 'target', says: 'has its key switch in RUN' },
  { id: 'authenticated-download', factor: CONTROL_FACTORS.authenticatedDownload, on: 'session', says: 'the session authenticates' },
  { id: 'dpi-command', factor: CONTROL_FACTORS.dpiFirewallCommand, on: 'via', says: 'filters write and program commands' },
  { id: 'dpi-exploit', factor: CONTROL_FACTORS.dpiFirewallExploit, on: 'via', says: 'inspects the traffic' },
  { id: 'allowlisting-exploit', factor: CONTROL_FACTORS.allowlistingExploit, on: 'target', says: 'has application allow-listing' },
  { id: 'edr-exploit', factor: CONTROL_FACTORS.edrExploit, on: 'target', says: 'runs EDR' },
  { id: 'mfa', factor: CONTROL_FACTORS.mfa, on: 'target', says: 'requires MFA' },
  { id: 'mfa-credentials', factor: CONTROL_FACTORS.mfaCredentials, on: 'target', says: 'requires MFA' },
  { id: 'pam', factor: CONTROL_FACTORS.pam, on: 'target', says: 'has privileged-access management' },
  { id: 'hardened-config', factor: CONTROL_FACTORS.hardenedConfig, on: 'target', says: 'is hardened' },
  { id: 'usb-control', factor: CONTROL_FACTORS.usbControl, on: 'target', says: 'blocks USB storage' },
  { id: 'allowlisting-media', factor: CONTROL_FACTORS.allowlistingMedia, on: 'target', says: 'has application allow-listing' },
  { id: 'laptop-key-switch', factor: CONTROL_FACTORS.laptopKeySwitch, on: 'target', says: 'has its key switch in RUN' },
  { id: 'client-allowlisting', factor: CONTROL_FACTORS.allowlistingExploit, on: 'target', says: 'has application allow-listing' },
  { id: 'client-edr', factor: CONTROL_FACTORS.edrExploit, on: 'target', says: 'runs EDR' },
] as const;
const F = new Map<string, number>(FACTORS.map((f, i) => [f.id, i]));
const fbit = (id: (typeof FACTORS)[number]['id']): number => 1 << F.get(id)!;
const FB_KEY = fbit('key-switch-run');
const FB_AUTH_DL = fbit('authenticated-download');
const FB_DPI_CMD = fbit('dpi-command');
const FB_DPI_EXP = fbit('dpi-exploit');
const FB_ALLOW_EXP = fbit('allowlisting-exploit');
const FB_EDR_EXP = fbit('edr-exploit');
const FB_MFA = fbit('mfa');
const FB_MFA_CRED = fbit('mfa-credentials');
const FB_PAM = fbit('pam');
const FB_HARD = fbit('hardened-config');
const FB_USB = fbit('usb-control');
const FB_ALLOW_MEDIA = fbit('allowlisting-media');
const FB_LAPTOP_KEY = fbit('laptop-key-switch');
const FB_CLIENT_ALLOW = fbit('client-allowlisting');
const FB_CLIENT_EDR = fbit('client-edr');

/** Product of the factors whose bits are set. */
function applyFactors(p: number, bits: number): number {
  for (let i = 0; bits !== 0; i++, bits >>>= 1) if (bits & 1) p *= FACTORS[i]!.factor;
  return p;
}

/**
 * Receives each derived edge. `technique` is -1 for the rule's own technique, else an index into
 * RULES whose technique to use (analyst overrides keep the strongest rule's technique).
 */
export type EmitEdge = (rule: number, from: number, to: number, likelihood: number, provenance: number, factors: number, techniqueOf: number) => void;

const clamp = (p: number) => Math.min(1, Math.max(MIN_LIKELIHOOD, p));

/** Whether a connection's sessions authenticate: the model's word, else the protocol's default. */
export function connectionAuthenticated(c: { readonly protocol: Protocol; readonly authenticated?: boolean }): boolean {
  return c.authenticated ?? AUTH_BY_DEFAULT[PROTOCOLS.indexOf(c.protocol)] === 1;
}

/** Whether a network arc's session authenticates (the model's word, else the protocol's default). */
export function arcAuthenticated(g: CompactGraph, arc: number): boolean {
  const flags = g.edgeFlags[arc]!;
  return flags & FLAG_AUTHENTICATED ? true : flags & FLAG_UNAUTHENTICATED ? false : AUTH_BY_DEFAULT[g.edgeProtocol[arc]!] === 1;
}

/**
 * Applies the rules to one arc of the plant graph (CSR position `arc`), calling `emit` for each
 * attack edge it yields. Allocation-free: it runs once per arc of plants with millions of arcs.
 */
export function evaluateArc(g: CompactGraph, arc: number, emit: EmitEdge): void {
  const s = g.edgeSource[arc]!;
  const t = g.edgeTarget[arc]!;
  const kind = g.edgeKind[arc]!;
  const flags = g.edgeFlags[arc]!;
  const ctl = g.nodeControls[t]!;
  const override = g.edgeLikelihood[arc]!;
  const hasOverride = !Number.isNaN(override);
  const provenance = flags & FLAG_OBSERVED ? PROV_OBSERVED : PROV_DECLARED;

  if (kind === EDGE_TRUST || kind === EDGE_MEDIA) {
    const rule = kind === EDGE_TRUST ? TRUST_RULE[g.edgeSubkind[arc]!]! : MEDIA_RULE[g.edgeSubkind[arc]!]!;
    if (hasOverride) {
      emit(R_OVERRIDE, s, t, override, PROV_ANALYST, 0, rule);
      return;
    }
    let bits = 0;
    if (kind === EDGE_TRUST) {
      if (ctl & BIT_MFA) bits |= FB_MFA_CRED;
      if (ctl & BIT_PAM) bits |= FB_PAM;
    } else if (rule === R_USB) {
      if (ctl & BIT_USB) bits |= FB_USB;
      if (ctl & BIT_ALLOW) bits |= FB_ALLOW_MEDIA;
    } else if (ctl & BIT_KEY) {
      bits |= FB_LAPTOP_KEY;
    }
    emit(rule, s, t, clamp(applyFactors(RULES[rule]!.base, bits)), PROV_DECLARED, bits, -1);
    return;
  }

  // Network arc: s can open sessions to t with this protocol.
  const via = g.edgeVia[arc]!;
  const viaDiode = via >= 0 && g.nodeKind[via] === KIND_DIODE;
  if (viaDiode && flags & FLAG_REVERSE) return; // a data diode passes one way only
  const proto = g.edgeProtocol[arc]!;
  const authenticated = arcAuthenticated(g, arc);
  const viaDpi = via >= 0 && (g.nodeControls[via]! & BIT_DPI) !== 0;
  const kindS = g.nodeKind[s]!;
  const kindT = g.nodeKind[t]!;
  if (FIELD_ENDPOINT_KINDS[kindS] && !hasOverride) return;
  // With an analyst override, the rules only pick the technique of the strongest forward edge.
  const st = ARC;
  st.hasOverride = hasOverride;
  st.bestP = -1;
  st.bestRule = -1;
  st.emit = emit;
  st.s = s;
  st.t = t;
  const out = outcome;

  let covered = false;
  if (COMMAND_PROTOCOLS[proto] && CONTROLLED_KINDS[kindT]) {
    covered = true;
    if (ENGINEERING_KINDS[kindS] && PROGRAMMABLE_KINDS[kindT]) {
      const bits = (ctl & BIT_KEY ? FB_KEY : 0) | (authenticated ? FB_AUTH_DL : 0) | (viaDpi ? FB_DPI_CMD : 0);
      out(R_DOWNLOAD, applyFactors(RULES[R_DOWNLOAD]!.base, bits), provenance, bits);
    }
    const rule = authenticated ? R_AUTH_CMD : R_UNAUTH_CMD;
    const bits = viaDpi ? FB_DPI_CMD : 0;
    out(rule, applyFactors(RULES[rule]!.base, bits), provenance, bits);
  }
  if (REMOTE_ADMIN_PROTOCOLS[proto]) {
    covered = true;
    const bits = (ctl & BIT_MFA ? FB_MFA : 0) | (ctl & BIT_PAM ? FB_PAM : 0) | (ctl & BIT_HARD ? FB_HARD : 0);
    out(R_REMOTE_ADMIN, applyFactors(authenticated ? 0.4 : 0.8, bits), provenance, bits);
  }
  if (REMOTE_ACCESS_PROTOCOLS[proto]) {
    covered = true;
    const bits = (ctl & BIT_MFA ? FB_MFA : 0) | (ctl & BIT_PAM ? FB_PAM : 0);
    out(R_REMOTE_ACCESS, applyFactors(authenticated ? 0.5 : 0.9, bits), provenance, bits);
  }
  if (g.nodeExploit[t]! > 0 && !NON_IP_PROTOCOLS[proto]) {
    covered = true;
    const rule = g.nodeLevel2[s] === LEVEL2_EXTERNAL ? R_EXPLOIT_PUBLIC : R_EXPLOIT;
    const bits = (ctl & BIT_ALLOW ? FB_ALLOW_EXP : 0) | (ctl & BIT_EDR ? FB_EDR_EXP : 0) | (viaDpi ? FB_DPI_EXP : 0);
    out(rule, applyFactors(g.nodeExploit[t]!, bits), provenance, bits);
  }
  if (!covered) out(R_APP, authenticated ? 0.1 : 0.2, PROV_DEFAULT, 0);
  st.emit = NO_EMIT; // the scratch state must not keep the caller's callback (and its buffers) alive

  if (hasOverride) {
    // The analyst's likelihood replaces the rules for this connection: one edge, in its direction.
    emit(R_OVERRIDE, s, t, override, PROV_ANALYST, 0, st.bestRule >= 0 ? st.bestRule : R_APP);
    return;
  }
  // Server-to-client: a held server attacks the clients that open sessions to it.
  if (!viaDiode) {
    const cctl = g.nodeControls[s]!;
    const bits = (cctl & BIT_ALLOW ? FB_CLIENT_ALLOW : 0) | (cctl & BIT_EDR ? FB_CLIENT_EDR : 0);
    if (kindT === KIND_EMAIL && MAIL_PROTOCOLS[proto] && MAIL_READER_KINDS[kindS]) {
      emit(R_PHISHING, t, s, clamp(applyFactors(RULES[R_PHISHING]!.base, bits)), provenance, bits, -1);
    } else if (WEB_PROTOCOLS[proto] && BROWSER_KINDS[kindS]) {
      emit(R_DRIVEBY, t, s, clamp(applyFactors(RULES[R_DRIVEBY]!.base, bits)), provenance, bits, -1);
    }
  }
}

/**
 * Scratch state of the network-arc rules, reused for every arc so evaluateArc allocates nothing
 * (no closure per arc). evaluateArc is not re-entrant through it: `outcome` only calls `emit`,
 * and the state is read back before evaluateArc returns.
 */
const NO_EMIT: EmitEdge = () => undefined;
const ARC: { hasOverride: boolean; bestP: number; bestRule: number; emit: EmitEdge; s: number; t: number } = {
  hasOverride: false, bestP: -1, bestRule: -1, emit: NO_EMIT, s: 0, t: 0,
};

function outcome(rule: number, p: number, prov: number, bits: number): void {
  const st = ARC;
  if (st.hasOverride) {
    if (p > st.bestP) {
      st.bestP = p;
      st.bestRule = rule;
    }
  } else st.emit(rule, st.s, st.t, clamp(p), prov, bits, -1);
}

const R_DOWNLOAD = R('program-download');
const R_UNAUTH_CMD = R('unauthenticated-command');
const R_AUTH_CMD = R('authenticated-command');
const R_EXPLOIT_PUBLIC = R('exploit-public-facing');
const R_EXPLOIT = R('exploit-remote-service');
const R_REMOTE_ADMIN = R('remote-admin-service');
const R_REMOTE_ACCESS = R('external-remote-access');
const R_APP = R('application-service');
const R_PHISHING = R('phishing');
const R_DRIVEBY = R('drive-by');
const R_USB = R('removable-media');
const R_OVERRIDE = R('analyst-override');
const BIT_MFA = bit('mfa');
const BIT_PAM = bit('pam');
const BIT_USB = bit('usb-control');
const BIT_ALLOW = bit('allowlisting');
const BIT_KEY = bit('key-switch-run');
const BIT_HARD = bit('hardened-config');
const BIT_EDR = bit('edr');
const BIT_DPI = bit('dpi-firewall');

/** Names for explanations. */
export interface Namer {
  node(v: number): string;
  protocol(p: number): string;
}

/** The one-line why of an edge derived from `arc` by `rule` with `factors`, in plain words. */
export function explainRule(g: CompactGraph, arc: number, rule: number, factors: number, likelihood: number, techniqueRule: number, namer: Namer): string {
  const s = namer.node(g.edgeSource[arc]!);
  const t = namer.node(g.edgeTarget[arc]!);
  const proto = namer.protocol(g.edgeProtocol[arc]!);
  const via = g.edgeVia[arc]! >= 0 ? namer.node(g.edgeVia[arc]!) : '';
  const auth = g.edgeKind[arc] === EDGE_NETWORK_KIND ? arcAuthenticated(g, arc) : false;
  const id = RULES[rule]!.id;
  let text: string;
  switch (id) {
    case 'program-download':
      text = `${s} is an engineering host speaking ${proto} to ${t}: it can download logic. Base 0.9.`;
      break;
    case 'unauthenticated-command':
      text = `${proto} has no authentication: ${t} obeys any client that reaches it, such as ${s}. Base 0.8.`;
      break;
    case 'authenticated-command':
      text = `${proto} to ${t} authenticates, but ${s}'s stored credentials come with the host. Base 0.3.`;
      break;
    case 'remote-admin-service':
      text = auth ? `${proto} from ${s} to ${t} with credentials taken from ${s}. Base 0.4.` : `${proto} to ${t} needs no credentials. Base 0.8.`;
      break;
    case 'external-remote-access':
      text = auth ? `Remote access (${proto}) from ${s} into ${t} with stolen or shared credentials. Base 0.5.` : `Remote access (${proto}) into ${t} without authentication. Base 0.9.`;
      break;
    case 'exploit-public-facing':
    case 'exploit-remote-service': {
      const v = g.edgeTarget[arc]!;
      const score = g.nodeVulnScore[v]!;
      const kev = g.nodeKev[v] === 1;
      text =
        `${t}'s most exploitable unpatched vulnerability has CVSS ${score.toFixed(1)}${kev ? ' and is listed in CISA KEV (exploited in the wild)' : ''}, ` +
        `reachable from ${s} over ${proto}: 0.05 + ${kev ? EXPLOIT_KEV : EXPLOIT_NON_KEV} × ${score.toFixed(1)}/10.`;
      break;
    }
    case 'application-service':
      text = `assumed: the ${proto} service of ${t} may be misconfigured or carry an unknown flaw (${auth ? 'authenticated, 0.1' : 'unauthenticated, 0.2'}).`;
      break;
    case 'phishing':
      text = `${s} reads mail from ${t}: a held mail server delivers malicious attachments. Base 0.3.`;
      break;
    case 'drive-by':
      text = `${s} browses ${t}: a held web server serves malicious content. Base 0.1.`;
      break;
    case 'analyst-override':
      text = `analyst set likelihood ${likelihood} on this ${g.edgeKind[arc] === EDGE_NETWORK_KIND ? 'connection' : 'relation'}; it replaces the rules (technique of ${RULES[techniqueRule]!.id}).`;
      break;
    default:
      text = `${RULES[rule]!.summary} (${s} → ${t}). Base ${RULES[rule]!.base}.`;
  }
  // For reverse (server → client) rules the controls are the client's, which is the edge's target.
  const target = id === 'phishing' || id === 'drive-by' ? s : t;
  for (let i = 0; i < FACTORS.length; i++) {
    if (!(factors & (1 << i))) continue;
    const f = FACTORS[i]!;
    const who = f.on === 'via' ? `the DPI firewall ${via}` : f.on === 'target' ? target : '';
    text += ` ×${f.factor}: ${who ? `${who} ` : ''}${f.says}.`;
  }
  return text;
}

const EDGE_NETWORK_KIND = 0;
