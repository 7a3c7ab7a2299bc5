// The attack-edge rules: how the twin's connections, trust relations and media paths become
// attack edges "holding A, the attacker can take B", each with a likelihood, an ATT&CK for ICS
// technique, the rule that produced it and its provenance. This table is the single place where
// the rules live; docs/attack-rules.md explains them and every rule has a unit test.
import {
  EDGE_MEDIA, EDGE_TRUST, FLAG_AUTHENTICATED, FLAG_OBSERVED, FLAG_REVERSE, FLAG_UNAUTHENTICATED,
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

/** Exploit likelihood slope per CVSS point/10, for CVEs in CISA KEV and for the rest. */
export const EXPLOIT_KEV = 0.85;
export const EXPLOIT_NON_KEV = 0.6;

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
const BROWSER_KINDS = kindSet(['workstation', 'laptop', 'ews', 'hmi', 'jump-host']);
const KIND_EMAIL = ASSET_KINDS.indexOf('email');
const KIND_DIODE = ASSET_KINDS.indexOf('data-diode');
const LEVEL2_EXTERNAL = 10; // Purdue 5 × 2
const TRUST_RULE = [R('shared-credentials'), R('domain-trust'), R('domain-membership')]; // by TRUST_KINDS order
const MEDIA_RULE = [R('removable-media'), R('transient-laptop')]; // by MEDIA_KINDS order
const CONTROL_BIT = new Map<ControlKind, number>(CONTROL_KINDS.map((c, i) => [c, 1 << i]));
const bit = (c: ControlKind): number => CONTROL_BIT.get(c)!;

/** One derived edge as the rules see it, before it is stored. */
export interface DerivedEdge {
  readonly rule: number;
  readonly from: number;
  readonly to: number;
  readonly likelihood: number;
  readonly provenance: number;
  /** Set when it differs from the rule's own technique (analyst overrides). */
  readonly technique?: TechniqueId;
  /** Why, step by step; filled only when explaining. */
  readonly notes?: readonly string[];
}

/** Names used in explanations; derivation passes none and gets no notes. */
export interface Namer {
  node(v: number): string;
  protocol(p: number): string;
}

/**
 * Applies the rules to one arc of the plant graph (CSR position `arc`), calling `emit` for each
 * attack edge it yields. With a namer, edges carry notes that say why.
 */
export function evaluateArc(g: CompactGraph, arc: number, recordKind: number, emit: (e: DerivedEdge) => void, namer?: Namer): void {
  const s = g.edgeSource[arc]!;
  const t = g.edgeTarget[arc]!;
  const flags = g.edgeFlags[arc]!;
  const ctl = g.nodeControls[t]!;
  const notes: string[] | undefined = namer ? [] : undefined;
  const note = (text: () => string) => notes?.push(text());
  const withFactor = (p: number, has: boolean, factor: number, text: () => string): number => {
    if (!has) return p;
    note(() => `×${factor}: ${text()}`);
    return p * factor;
  };
  const provenance = flags & FLAG_OBSERVED ? PROV_OBSERVED : PROV_DECLARED;
  const clamp = (p: number) => Math.min(1, Math.max(MIN_LIKELIHOOD, p));

  if (recordKind === EDGE_TRUST || recordKind === EDGE_MEDIA) {
    const rule = recordKind === EDGE_TRUST ? trustRule(g, arc) : mediaRule(g, arc);
    const def = RULES[rule]!;
    const override = g.edgeLikelihood[arc]!;
    if (!Number.isNaN(override)) {
      note(() => `analyst set likelihood ${override} (rule ${def.id} would apply)`);
      emit({ rule: R('analyst-override'), from: s, to: t, likelihood: override, provenance: PROV_ANALYST, technique: def.technique, ...(notes ? { notes: notes.splice(0) } : {}) });
      return;
    }
    let p: number = def.base;
    note(() => `${def.summary} Base ${def.base}.`);
    if (recordKind === EDGE_TRUST) {
      p = withFactor(p, (ctl & bit('mfa')) !== 0, CONTROL_FACTORS.mfaCredentials, () => `${namer!.node(t)} requires MFA`);
      p = withFactor(p, (ctl & bit('pam')) !== 0, CONTROL_FACTORS.pam, () => `${namer!.node(t)} has privileged-access management`);
    } else if (def.id === 'removable-media') {
      p = withFactor(p, (ctl & bit('usb-control')) !== 0, CONTROL_FACTORS.usbControl, () => `${namer!.node(t)} blocks USB storage`);
      p = withFactor(p, (ctl & bit('allowlisting')) !== 0, CONTROL_FACTORS.allowlistingMedia, () => `${namer!.node(t)} has application allow-listing`);
    } else {
      p = withFactor(p, (ctl & bit('key-switch-run')) !== 0, CONTROL_FACTORS.laptopKeySwitch, () => `${namer!.node(t)} has its key switch in RUN`);
    }
    emit({ rule, from: s, to: t, likelihood: clamp(p), provenance: PROV_DECLARED, ...(notes ? { notes: notes.splice(0) } : {}) });
    return;
  }

  // Network arc: s can open sessions to t with this protocol.
  const via = g.edgeVia[arc]!;
  if (via >= 0 && g.nodeKind[via] === KIND_DIODE && flags & FLAG_REVERSE) return; // a data diode passes one way only
  const proto = g.edgeProtocol[arc]!;
  const authenticated = flags & FLAG_AUTHENTICATED ? true : flags & FLAG_UNAUTHENTICATED ? false : AUTH_BY_DEFAULT[proto] === 1;
  const viaDpi = via >= 0 && (g.nodeControls[via]! & bit('dpi-firewall')) !== 0;
  const kindS = g.nodeKind[s]!;
  const kindT = g.nodeKind[t]!;
  const candidates: DerivedEdge[] = [];
  const push = (rule: number, p: number, prov = provenance, from = s, to = t) => {
    candidates.push({ rule, from, to, likelihood: clamp(p), provenance: prov, ...(notes ? { notes: notes.splice(0) } : {}) });
  };
  const pname = () => namer!.protocol(proto);

  let covered = false;
  if (COMMAND_PROTOCOLS[proto] && CONTROLLED_KINDS[kindT]) {
    covered = true;
    if (ENGINEERING_KINDS[kindS] && PROGRAMMABLE_KINDS[kindT]) {
      note(() => `${namer!.node(s)} is an engineering host speaking ${pname()} to ${namer!.node(t)}: it can download logic. Base 0.9.`);
      let p: number = RULES[R('program-download')]!.base;
      p = withFactor(p, (ctl & bit('key-switch-run')) !== 0, CONTROL_FACTORS.keySwitchRun, () => `${namer!.node(t)} has its key switch in RUN`);
      p = withFactor(p, authenticated, CONTROL_FACTORS.authenticatedDownload, () => 'the session authenticates');
      push(R('program-download'), p);
    }
    const rule = authenticated ? R('authenticated-command') : R('unauthenticated-command');
    note(() =>
      authenticated
        ? `${pname()} to ${namer!.node(t)} authenticates, but the client's stored credentials come with the host. Base 0.3.`
        : `${pname()} has no authentication: ${namer!.node(t)} obeys any client that reaches it. Base 0.8.`,
    );
    const p = withFactor(RULES[rule]!.base, viaDpi, CONTROL_FACTORS.dpiFirewallCommand, () => `the DPI firewall ${namer!.node(via)} filters write and program commands`);
    push(rule, p);
  }
  if (REMOTE_ADMIN_PROTOCOLS[proto]) {
    covered = true;
    note(() => (authenticated ? `${pname()} to ${namer!.node(t)} with credentials taken from ${namer!.node(s)}. Base 0.4.` : `${pname()} to ${namer!.node(t)} needs no credentials. Base 0.8.`));
    let p = authenticated ? 0.4 : 0.8;
    p = withFactor(p, (ctl & bit('mfa')) !== 0, CONTROL_FACTORS.mfa, () => `${namer!.node(t)} requires MFA`);
    p = withFactor(p, (ctl & bit('pam')) !== 0, CONTROL_FACTORS.pam, () => `${namer!.node(t)} has privileged-access management`);
    p = withFactor(p, (ctl & bit('hardened-config')) !== 0, CONTROL_FACTORS.hardenedConfig, () => `${namer!.node(t)} is hardened`);
    push(R('remote-admin-service'), p);
  }
  if (REMOTE_ACCESS_PROTOCOLS[proto]) {
    covered = true;
    note(() => (authenticated ? `remote access (${pname()}) into ${namer!.node(t)} with stolen or shared credentials. Base 0.5.` : `remote access (${pname()}) into ${namer!.node(t)} without authentication. Base 0.9.`));
    const p = withFactor(authenticated ? 0.5 : 0.9, (ctl & bit('mfa')) !== 0, CONTROL_FACTORS.mfa, () => `${namer!.node(t)} requires MFA`);
    push(R('external-remote-access'), p);
  }
  const score = g.nodeVulnScore[t]!;
  if (score > 0 && !NON_IP_PROTOCOLS[proto]) {
    const kev = g.nodeKev[t] === 1;
    const publicFacing = g.nodeLevel2[s] === LEVEL2_EXTERNAL;
    const rule = publicFacing ? R('exploit-public-facing') : R('exploit-remote-service');
    note(() => `${namer!.node(t)} has an unpatched vulnerability with CVSS ${score.toFixed(1)}${kev ? ' listed in CISA KEV (exploited in the wild)' : ''}: 0.05 + ${kev ? EXPLOIT_KEV : EXPLOIT_NON_KEV} × ${score.toFixed(1)}/10.`);
    let p = 0.05 + (kev ? EXPLOIT_KEV : EXPLOIT_NON_KEV) * (score / 10);
    p = withFactor(p, (ctl & bit('allowlisting')) !== 0, CONTROL_FACTORS.allowlistingExploit, () => `${namer!.node(t)} has application allow-listing`);
    p = withFactor(p, (ctl & bit('edr')) !== 0, CONTROL_FACTORS.edrExploit, () => `${namer!.node(t)} runs EDR`);
    p = withFactor(p, viaDpi, CONTROL_FACTORS.dpiFirewallExploit, () => `the DPI firewall ${namer!.node(via)} inspects the traffic`);
    push(rule, p);
    covered = true;
  }
  if (!covered) {
    note(() => `assumed: ${pname()} service on ${namer!.node(t)} may be misconfigured or carry an unknown flaw${authenticated ? ' (authenticated, 0.1)' : ' (unauthenticated, 0.2)'}.`);
    push(R('application-service'), authenticated ? 0.1 : 0.2, PROV_DEFAULT);
  }
  // Server-to-client: a held server attacks the clients that open sessions to it.
  if (!(flags & FLAG_REVERSE) && !(via >= 0 && g.nodeKind[via] === KIND_DIODE)) {
    if (kindT === KIND_EMAIL && MAIL_PROTOCOLS[proto] && MAIL_READER_KINDS[kindS]) {
      note(() => `${namer!.node(s)} reads mail from ${namer!.node(t)}: a held mail server delivers malicious attachments. Base 0.3.`);
      let p = 0.3;
      p = withFactor(p, (g.nodeControls[s]! & bit('allowlisting')) !== 0, CONTROL_FACTORS.allowlistingExploit, () => `${namer!.node(s)} has application allow-listing`);
      p = withFactor(p, (g.nodeControls[s]! & bit('edr')) !== 0, CONTROL_FACTORS.edrExploit, () => `${namer!.node(s)} runs EDR`);
      push(R('phishing'), p, provenance, t, s);
    } else if (WEB_PROTOCOLS[proto] && BROWSER_KINDS[kindS]) {
      note(() => `${namer!.node(s)} browses ${namer!.node(t)}: a held web server serves malicious content. Base 0.1.`);
      let p = 0.1;
      p = withFactor(p, (g.nodeControls[s]! & bit('allowlisting')) !== 0, CONTROL_FACTORS.allowlistingExploit, () => `${namer!.node(s)} has application allow-listing`);
      p = withFactor(p, (g.nodeControls[s]! & bit('edr')) !== 0, CONTROL_FACTORS.edrExploit, () => `${namer!.node(s)} runs EDR`);
      push(R('drive-by'), p, provenance, t, s);
    }
  }

  const override = g.edgeLikelihood[arc]!;
  if (Number.isNaN(override)) {
    for (const c of candidates) emit(c);
    return;
  }
  // The analyst's likelihood replaces the rules for this connection: one edge, in its direction.
  let best: DerivedEdge | undefined;
  for (const c of candidates) if (c.from === s && (!best || c.likelihood > best.likelihood)) best = c;
  const technique = best ? RULES[best.rule]!.technique : RULES[R('application-service')]!.technique;
  emit({
    rule: R('analyst-override'), from: s, to: t, likelihood: override, provenance: PROV_ANALYST, technique,
    ...(notes ? { notes: [`analyst set likelihood ${override}${best ? ` (rule ${RULES[best.rule]!.id} would give ${best.likelihood.toFixed(3)})` : ''}`] } : {}),
  });
}

function trustRule(g: CompactGraph, arc: number): number {
  return TRUST_RULE[g.edgeSubkind[arc]!]!;
}

function mediaRule(g: CompactGraph, arc: number): number {
  return MEDIA_RULE[g.edgeSubkind[arc]!]!;
}
