// The attack-edge rules: how the twin's connections, trust relations and media paths become
// attack edges "holding A, the attacker can take B", each with a likelihood, an ATT&CK for ICS
// technique, the rule that produced it and its provenance. This table is the single place where
// the rules live; docs/attack-rules.md explains them and every rule has a unit test.
import {
  EDGE_MEDIA, EDGE_TRUST, EXPLOIT_KEV, EXPLOIT_NON_KEV, FLAG_AUTHENTICATED, FLAG_OBSERVED, FLAG_REVERSE, FLAG_UNAUTHENTICATED,
  SERVICE_AUTHENTICATED, SERVICE_DEFAULT_CREDENTIALS, SERVICE_UNAUTHENTICATED, type CompactGraph,
} from '../model/compact';
import { ASSET_KINDS, CONTROL_KINDS, PROTOCOLS, type AssetKind, type ControlKind, type Protocol } from '../model/schema';
import { CAPABILITIES, CAPABILITY_FACTORS, PROFILES, profileIndex, SKILL_LEVELS, type Capability } from './profiles';
import type { TechniqueId } from './techniques';
import type { TtcClass } from './ttc';

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
  /** What it asks of the attacker (profiles.ts); exploits of a CVE in CISA KEV are `kev-exploit`. */
  readonly capability: Capability;
  /** Its time-to-compromise class (ttc.ts); exploits of a CVE in CISA KEV are `easy`. */
  readonly ttc: TtcClass;
}

/** Every rule, in the order they are tried. Indexes are stored per edge: append, never reorder. */
export const RULES = [
  { id: 'program-download', technique: 'T0843', base: 0.9, capability: 'ics', ttc: 'hard', summary: 'An engineering workstation or laptop that speaks a controller\'s protocol can download logic to it.' },
  { id: 'unauthenticated-command', technique: 'T0855', base: 0.8, capability: 'ics', ttc: 'easy', summary: 'An industrial protocol without authentication obeys commands from whoever can open a session.' },
  { id: 'authenticated-command', technique: 'T0855', base: 0.3, capability: 'ics', ttc: 'easy', summary: 'An authenticated industrial session still yields commands once the client host is held (its credentials are there).' },
  { id: 'exploit-public-facing', technique: 'T0819', base: 0.05, capability: 'exploit', ttc: 'hard', summary: 'An internet- or supplier-reachable service with a known vulnerability is exploited; likelihood 0.05 + (0.85 if KEV else 0.6) × CVSS/10.' },
  { id: 'exploit-remote-service', technique: 'T0866', base: 0.05, capability: 'exploit', ttc: 'hard', summary: 'A reachable service with a known vulnerability is exploited; likelihood 0.05 + (0.85 if KEV else 0.6) × CVSS/10.' },
  { id: 'remote-admin-service', technique: 'T0886', base: 0.4, capability: 'credentials', ttc: 'easy', summary: 'Remote administration (RDP, SSH, VNC, SMB, WinRM, Telnet) with credentials taken from the client; 0.8 without authentication.' },
  { id: 'external-remote-access', technique: 'T0822', base: 0.5, capability: 'credentials', ttc: 'easy', summary: 'VPN or vendor remote access with stolen or shared credentials; 0.9 without authentication.' },
  { id: 'application-service', technique: 'T0866', base: 0.1, capability: 'unknown-flaw', ttc: 'very-hard', summary: 'Assumed: any other reachable application service may be misconfigured or carry an unknown flaw (0.2 when unauthenticated).' },
  { id: 'phishing', technique: 'T0865', base: 0.3, capability: 'delivery', ttc: 'easy', summary: 'A held mail server delivers malicious attachments to the hosts that read mail from it.' },
  { id: 'drive-by', technique: 'T0817', base: 0.1, capability: 'delivery', ttc: 'easy', summary: 'A held web server serves malicious content to the hosts that browse it.' },
  { id: 'shared-credentials', technique: 'T0859', base: 0.7, capability: 'credentials', ttc: 'easy', summary: 'Credentials shared between hosts are harvested on one and replayed on the other.' },
  { id: 'domain-membership', technique: 'T0859', base: 0.9, capability: 'credentials', ttc: 'easy', summary: 'Whoever holds a domain controller administers the domain\'s members.' },
  { id: 'domain-trust', technique: 'T0859', base: 0.6, capability: 'credentials', ttc: 'easy', summary: 'A domain trust lets accounts of the trusted domain log on in the trusting one.' },
  { id: 'removable-media', technique: 'T0847', base: 0.3, capability: 'physical', ttc: 'rounds', summary: 'Removable media written on one host carry malware to the hosts they are later plugged into.' },
  { id: 'transient-laptop', technique: 'T0864', base: 0.5, capability: 'physical', ttc: 'rounds', summary: 'A transient laptop infected in one place connects to the assets on its rounds.' },
  { id: 'analyst-override', technique: 'T0866', base: 1, capability: 'credentials', ttc: 'easy', summary: 'The analyst set this connection\'s likelihood; it replaces the rules (technique, and time class, of the strongest rule; no profile factor).' },
  { id: 'shared-files', technique: 'T0863', base: 0.3, capability: 'delivery', ttc: 'easy', summary: 'A held file share (file server, historian export) holds planted files that the users of its clients open.' },
  { id: 'software-repository', technique: 'T0867', base: 0.6, capability: 'delivery', ttc: 'easy', summary: 'A held update server (WSUS, antivirus relay) serves programs that its clients install without a user.' },
  { id: 'supply-chain', technique: 'T0862', base: 0.3, capability: 'supply-chain', ttc: 'very-hard', summary: 'A supplier\'s software, firmware or update channel is compromised before it reaches the assets it updates.' },
  { id: 'default-credentials', technique: 'T0812', base: 0.8, capability: 'credentials', ttc: 'easy', summary: 'A service still accepts the vendor\'s default or hard-coded credentials, published in manuals and advisories.' },
  { id: 'wireless', technique: 'T0860', base: 0.3, capability: 'physical', ttc: 'easy', summary: 'Whoever holds a wireless access point (in radio range, its key cracked) reaches the assets on it; 0.9 for an open network.' },
  { id: 'rogue-master', technique: 'T0848', base: 0.6, capability: 'ics', ttc: 'easy', summary: 'A controller that accepts commands from any master on its segment obeys a held host there that reaches it over IP.' },
  { id: 'io-manipulation', technique: 'T0831', base: 0.95, capability: 'ics', ttc: 'easy', summary: 'A held controller drives the sensors, actuators and drives wired to it: the physical process.' },
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
  signedFirmware: 0.5,
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
/** Controllers that drive the field devices wired to them (io-manipulation) and outstations a rogue master commands. */
const CONTROLLER_KINDS = kindSet(['plc', 'sis', 'rtu', 'ied', 'robot']);
const OUTSTATION_KINDS = kindSet(['plc', 'sis', 'rtu', 'ied']);
/** Shares users open files from (shared-files), over file protocols. */
const FILE_SHARE_KINDS = kindSet(['file-server', 'historian']);
const FILE_PROTOCOLS = protocolSet(['smb', 'ftp', 'sftp']);
/** Hosts whose users open files from a share. */
const FILE_USER_KINDS = kindSet(['workstation', 'laptop', 'ews', 'hmi', 'jump-host', 'scada-server']);
/** Update channels a patch server or supplier serves software over. */
const SOFTWARE_PROTOCOLS = protocolSet(['smb', 'http', 'https', 'ftp', 'sftp', 'vendor-remote', 'other']);
/** Hosts that install what an update server serves them. */
const SOFTWARE_CLIENT_KINDS = kindSet([
  'hmi', 'scada-server', 'ews', 'opc-server', 'protocol-gateway', 'historian', 'mes', 'patch-server', 'domain-controller', 'database', 'file-server',
  'jump-host', 'remote-access-gateway', 'workstation', 'laptop', 'server', 'erp', 'email',
]);
/** Outside the plant: no supply-chain or wireless edge lands there. */
const EXTERNAL_KINDS = kindSet(['internet', 'supplier', 'cloud-service']);
const KIND_PATCH_SERVER = ASSET_KINDS.indexOf('patch-server');
const KIND_SUPPLIER = ASSET_KINDS.indexOf('supplier');
const KIND_WIRELESS_AP = ASSET_KINDS.indexOf('wireless-ap');
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
  { id: 'signed-firmware', factor: CONTROL_FACTORS.signedFirmware, on: 'target', says: 'accepts only signed firmware and software' },
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
const FB_SIGNED = fbit('signed-firmware');

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

const R_EXPLOIT_PUBLIC_ = 3; // checked below against RULES
const R_EXPLOIT_ = 4;
const CAPABILITY_INDEX = new Map<string, number>(CAPABILITIES.map((c, i) => [c, i]));
const RULE_CAPABILITY = Int32Array.from(RULES, (r) => CAPABILITY_INDEX.get(r.capability)!);
const KEV_EXPLOIT = CAPABILITY_INDEX.get('kev-exploit')!;

/** The capability an edge of `rule` asks of the attacker, with the target's best CVE in KEV or not. */
export function edgeCapability(rule: number, kev: boolean): Capability {
  return CAPABILITIES[isExploitRule(rule) && kev ? KEV_EXPLOIT : RULE_CAPABILITY[rule]!]!;
}

/** The TTC class of an edge of `rule` (a KEV exploit is weaponized: easy). */
export function edgeTtcClass(rule: number, kev: boolean): TtcClass {
  return isExploitRule(rule) && kev ? 'easy' : RULES[rule]!.ttc;
}

function isExploitRule(rule: number): boolean {
  return rule === R_EXPLOIT_PUBLIC_ || rule === R_EXPLOIT_;
}

/** The profile's factor on an edge of `rule` into a target whose best CVE is (not) in KEV. */
export function profileFactor(g: CompactGraph, rule: number, kev: boolean): number {
  if (g.profile === undefined) return 1;
  const cap = isExploitRule(rule) && kev ? KEV_EXPLOIT : RULE_CAPABILITY[rule]!;
  return CAPABILITY_FACTORS[profileIndex(g.profile)]![cap]!;
}

/** Whether v declares an industrial command service over IP that accepts any client (no authentication). */
function openCommandService(g: CompactGraph, v: number): boolean {
  for (let k = g.serviceOffsets[v]!, end = g.serviceOffsets[v + 1]!; k < end; k++) {
    const p = g.serviceProtocol[k]!;
    if (!COMMAND_PROTOCOLS[p] || NON_IP_PROTOCOLS[p]) continue;
    const f = g.serviceFlags[k]!;
    if (f & SERVICE_UNAUTHENTICATED || (!(f & SERVICE_AUTHENTICATED) && !AUTH_BY_DEFAULT[p])) return true;
  }
  return false;
}

/** Whether v declares a service of protocol p that accepts the vendor's default credentials. */
function defaultCredentials(g: CompactGraph, v: number, p: number): boolean {
  for (let k = g.serviceOffsets[v]!, end = g.serviceOffsets[v + 1]!; k < end; k++) {
    if (g.serviceProtocol[k] === p && g.serviceFlags[k]! & SERVICE_DEFAULT_CREDENTIALS) return true;
  }
  return false;
}

/** Whether connections of a protocol authenticate their sessions unless the model says otherwise. */
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
 * attack edge it yields, with the likelihood the graph's attacker profile gives it (an edge the
 * profile cannot use is not emitted). Allocation-free: it runs once per arc of plants with millions
 * of arcs.
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
  const factors = g.profile === undefined ? NO_PROFILE : CAPABILITY_FACTORS[profileIndex(g.profile)]!;

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
    const f = factors[RULE_CAPABILITY[rule]!]!;
    if (f > 0) emit(rule, s, t, clamp(applyFactors(RULES[rule]!.base, bits) * f), PROV_DECLARED, bits, -1);
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
  const forwardArc = (flags & FLAG_REVERSE) === 0;
  if (FIELD_ENDPOINT_KINDS[kindS] && !hasOverride) {
    // Field devices open no attack; the controller a field device is wired to drives it (the
    // connection's own arc only, so a "both" connection gives one edge).
    if (forwardArc && CONTROLLER_KINDS[kindT]) emitScaled(emit, factors, R_IO, t, s, RULES[R_IO]!.base, provenance, 0);
    // A wireless field device is on its access point's network like any other asset.
    if (forwardArc && kindT === KIND_WIRELESS_AP && !viaDiode) emitScaled(emit, factors, R_WIRELESS, t, s, wirelessBase(flags), provenance, 0);
    return;
  }
  // With an analyst override, the rules only pick the technique of the strongest forward edge.
  const st = ARC;
  st.hasOverride = hasOverride;
  st.bestP = -1;
  st.bestRule = -1;
  st.emit = emit;
  st.s = s;
  st.t = t;
  st.factors = factors;
  const out = outcome;

  let covered = false;
  const controllerToField = CONTROLLER_KINDS[kindS] === 1 && FIELD_ENDPOINT_KINDS[kindT] === 1;
  const command = COMMAND_PROTOCOLS[proto] === 1 && CONTROLLED_KINDS[kindT] === 1;
  if (controllerToField) {
    // A controller's own I/O: it drives them every scan, whatever the protocol.
    covered = true;
    if (forwardArc || hasOverride) out(R_IO, RULES[R_IO]!.base, provenance, 0);
  } else if (command) {
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
  if (g.serviceOffsets[t + 1]! > g.serviceOffsets[t]! && defaultCredentials(g, t, proto)) {
    covered = true;
    const bits = (ctl & BIT_MFA ? FB_MFA : 0) | (ctl & BIT_PAM ? FB_PAM : 0);
    out(R_DEFAULT_CREDS, applyFactors(RULES[R_DEFAULT_CREDS]!.base, bits), provenance, bits);
  }
  if (!command && !controllerToField && OUTSTATION_KINDS[kindT] && !NON_IP_PROTOCOLS[proto] && g.nodeZone[s] === g.nodeZone[t] && openCommandService(g, t)) {
    covered = true;
    const bits = viaDpi ? FB_DPI_CMD : 0;
    out(R_ROGUE, applyFactors(RULES[R_ROGUE]!.base, bits), provenance, bits);
  }
  const exploitable = g.nodeExploit[t]! > 0 && !NON_IP_PROTOCOLS[proto];
  const exploitRule = g.nodeLevel2[s] === LEVEL2_EXTERNAL ? R_EXPLOIT_PUBLIC : R_EXPLOIT;
  const exploitBits = (ctl & BIT_ALLOW ? FB_ALLOW_EXP : 0) | (ctl & BIT_EDR ? FB_EDR_EXP : 0) | (viaDpi ? FB_DPI_EXP : 0);
  const kev = g.nodeKev[t] === 1;
  if (covered) {
    if (exploitable) out(exploitRule, applyFactors(g.nodeExploit[t]!, exploitBits) * exploitFactor(factors, kev), provenance, exploitBits, true);
  } else {
    // No rule describes this service: the assumed unknown flaw, or — when the service has a known
    // CVE — the more likely of that and the exploit (max over the rules that apply: a CVE never
    // makes a step less likely than it is without it).
    const app = (authenticated ? 0.1 : 0.2) * factors[RULE_CAPABILITY[R_APP]!]!;
    const exploit = exploitable ? applyFactors(g.nodeExploit[t]!, exploitBits) * exploitFactor(factors, kev) : 0;
    if (exploitable && clamp(exploit) >= clamp(app) && exploit > 0) out(exploitRule, exploit, provenance, exploitBits, true);
    else out(R_APP, app, PROV_DEFAULT, 0, true);
  }
  if (kindS === KIND_SUPPLIER && !EXTERNAL_KINDS[kindT]) {
    // The supplier pushes its software or firmware over this channel.
    const bits = ctl & BIT_SIGNED ? FB_SIGNED : 0;
    out(R_SUPPLY, applyFactors(RULES[R_SUPPLY]!.base, bits), provenance, bits);
  }
  if (kindS === KIND_WIRELESS_AP && forwardArc && !EXTERNAL_KINDS[kindT]) out(R_WIRELESS, wirelessBase(flags), provenance, 0);
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
      emitScaled(emit, factors, R_PHISHING, t, s, applyFactors(RULES[R_PHISHING]!.base, bits), provenance, bits);
    } else if (FILE_SHARE_KINDS[kindT] && FILE_PROTOCOLS[proto] && FILE_USER_KINDS[kindS]) {
      emitScaled(emit, factors, R_SHARED_FILES, t, s, applyFactors(RULES[R_SHARED_FILES]!.base, bits), provenance, bits);
    } else if (kindT === KIND_PATCH_SERVER && SOFTWARE_PROTOCOLS[proto] && SOFTWARE_CLIENT_KINDS[kindS]) {
      emitScaled(emit, factors, R_REPOSITORY, t, s, applyFactors(RULES[R_REPOSITORY]!.base, bits), provenance, bits);
    } else if (WEB_PROTOCOLS[proto] && BROWSER_KINDS[kindS]) {
      emitScaled(emit, factors, R_DRIVEBY, t, s, applyFactors(RULES[R_DRIVEBY]!.base, bits), provenance, bits);
    }
    if (kindT === KIND_SUPPLIER && SOFTWARE_PROTOCOLS[proto] && !EXTERNAL_KINDS[kindS] && !FIELD_ENDPOINT_KINDS[kindS]) {
      // The asset pulls software or updates from the supplier.
      const sbits = g.nodeControls[s]! & BIT_SIGNED ? FB_SIGNED : 0;
      emitScaled(emit, factors, R_SUPPLY, t, s, applyFactors(RULES[R_SUPPLY]!.base, sbits), provenance, sbits);
    }
    if (kindT === KIND_WIRELESS_AP && forwardArc && !EXTERNAL_KINDS[kindS]) emitScaled(emit, factors, R_WIRELESS, t, s, wirelessBase(flags), provenance, 0);
  }
}

/** Likelihood factors of no profile: every capability at 1. */
const NO_PROFILE = new Float64Array(CAPABILITIES.length).fill(1);

function exploitFactor(factors: Float64Array, kev: boolean): number {
  return factors[kev ? KEV_EXPLOIT : RULE_CAPABILITY[R_EXPLOIT]!]!;
}

/** A wireless network: its key cracked (0.3), or open (the connection says authenticated: false, 0.9). */
function wirelessBase(flags: number): number {
  return flags & FLAG_UNAUTHENTICATED ? 0.9 : RULES[R_WIRELESS]!.base;
}

/** Emits an edge with the profile's factor on its rule (none when the profile cannot use it). */
function emitScaled(emit: EmitEdge, factors: Float64Array, rule: number, from: number, to: number, p: number, provenance: number, bits: number): void {
  const f = factors[RULE_CAPABILITY[rule]!]!;
  if (f > 0) emit(rule, from, to, clamp(p * f), provenance, bits, -1);
}

/**
 * Scratch state of the network-arc rules, reused for every arc so evaluateArc allocates nothing
 * (no closure per arc). evaluateArc is not re-entrant through it: `outcome` only calls `emit`,
 * and the state is read back before evaluateArc returns.
 */
const NO_EMIT: EmitEdge = () => undefined;
const ARC: { hasOverride: boolean; bestP: number; bestRule: number; emit: EmitEdge; s: number; t: number; factors: Float64Array } = {
  hasOverride: false, bestP: -1, bestRule: -1, emit: NO_EMIT, s: 0, t: 0, factors: NO_PROFILE,
};

/** A forward edge of the arc: `scaled` when p already carries the profile's factor. */
function outcome(rule: number, p: number, prov: number, bits: number, scaled = false): void {
  const st = ARC;
  const q = scaled ? p : p * st.factors[RULE_CAPABILITY[rule]!]!;
  if (!(q > 0)) return; // the profile cannot use this rule
  if (st.hasOverride) {
    if (q > st.bestP) {
      st.bestP = q;
      st.bestRule = rule;
    }
  } else st.emit(rule, st.s, st.t, clamp(q), prov, bits, -1);
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
const R_SHARED_FILES = R('shared-files');
const R_REPOSITORY = R('software-repository');
const R_SUPPLY = R('supply-chain');
const R_DEFAULT_CREDS = R('default-credentials');
const R_WIRELESS = R('wireless');
const R_ROGUE = R('rogue-master');
const R_IO = R('io-manipulation');
if (R_EXPLOIT_PUBLIC !== R_EXPLOIT_PUBLIC_ || R_EXPLOIT !== R_EXPLOIT_) throw new Error('rules.ts: the exploit rules moved in RULES');
const BIT_MFA = bit('mfa');
const BIT_PAM = bit('pam');
const BIT_USB = bit('usb-control');
const BIT_ALLOW = bit('allowlisting');
const BIT_KEY = bit('key-switch-run');
const BIT_HARD = bit('hardened-config');
const BIT_EDR = bit('edr');
const BIT_DPI = bit('dpi-firewall');
const BIT_SIGNED = bit('signed-firmware');

/** Names for explanations. */
export interface Namer {
  node(v: number): string;
  protocol(p: number): string;
}

/**
 * The one-line why of an edge derived from `arc` by `rule` with `factors`, in plain words. `from`:
 * the edge's source node when it runs against the arc (a held server attacking its client, a
 * controller driving the field device whose connection names it first).
 */
export function explainRule(
  g: CompactGraph, arc: number, rule: number, factors: number, likelihood: number, techniqueRule: number, namer: Namer, from: number = g.edgeSource[arc]!,
): string {
  const reversed = from !== g.edgeSource[arc]!;
  // The attacker holds `a` and takes `b`.
  const aNode = reversed ? g.edgeTarget[arc]! : g.edgeSource[arc]!;
  const bNode = reversed ? g.edgeSource[arc]! : g.edgeTarget[arc]!;
  const s = namer.node(g.edgeSource[arc]!);
  const t = namer.node(g.edgeTarget[arc]!);
  const a = namer.node(aNode);
  const b = namer.node(bNode);
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
    case 'shared-files':
      text = `${s} opens files from ${t}'s ${proto} share: files planted on a held share are opened by its users. Base 0.3.`;
      break;
    case 'software-repository':
      text = `${s} installs updates from ${t} over ${proto}: a held update server serves it programs to run. Base 0.6.`;
      break;
    case 'supply-chain':
      text = reversed
        ? `${b} pulls software or updates from the supplier ${a} over ${proto}: a compromised vendor channel delivers trojanized code. Base 0.3.`
        : `The supplier ${a} delivers software or firmware to ${b} over ${proto}: a compromised vendor channel delivers trojanized code. Base 0.3.`;
      break;
    case 'default-credentials':
      text = `${t}'s ${proto} service still accepts the vendor's default or hard-coded credentials, published in manuals and advisories; ${s} reaches it. Base 0.8.`;
      break;
    case 'wireless':
      text = g.edgeFlags[arc]! & FLAG_UNAUTHENTICATED
        ? `${b} is on the open wireless network of ${a}: whoever is in radio range reaches it. 0.9.`
        : `${b} is on the wireless network of ${a}: an attacker in radio range cracks its shared key and reaches it. Base 0.3.`;
      break;
    case 'rogue-master':
      text = `${t} accepts industrial commands from any master on its segment (an unauthenticated command service); ${s}, on the same segment, reaches it over ${proto} and acts as a rogue master. Base 0.6.`;
      break;
    case 'io-manipulation':
      text = `${b} is wired to the controller ${a}: whoever holds the controller drives it, and the physical process with it. Base 0.95.`;
      break;
    case 'analyst-override':
      text = `analyst set likelihood ${likelihood} on this ${g.edgeKind[arc] === EDGE_NETWORK_KIND ? 'connection' : 'relation'}; it replaces the rules (technique of ${RULES[techniqueRule]!.id}).`;
      break;
    default:
      text = `${RULES[rule]!.summary} (${a} → ${b}). Base ${RULES[rule]!.base}.`;
  }
  // Controls act on the asset taken (for server → client rules, the client).
  for (let i = 0; i < FACTORS.length; i++) {
    if (!(factors & (1 << i))) continue;
    const f = FACTORS[i]!;
    const who = f.on === 'via' ? `the DPI firewall ${via}` : f.on === 'target' ? b : '';
    text += ` ×${f.factor}: ${who ? `${who} ` : ''}${f.says}.`;
  }
  if (id !== 'analyst-override' && g.profile !== undefined) {
    const kev = g.nodeKev[bNode] === 1;
    const cap = edgeCapability(rule, kev);
    const p = profileFactor(g, rule, kev);
    const who = PROFILES[g.profile];
    const level = cap === 'ics' ? who.processSkill : who.skill;
    if (p !== 1) text += ` ×${p}: ${who.article} (${level} skill, factor ${SKILL_LEVELS[level]}) at ${CAPABILITY_WORDS[cap]}.`;
  }
  return text;
}

/** Capabilities in words, for explanations. */
const CAPABILITY_WORDS: Readonly<Record<Capability, string>> = {
  'kev-exploit': 'exploits of CVEs exploited in the wild',
  exploit: 'exploits of CVEs not known to be exploited',
  'unknown-flaw': 'finding an unknown flaw',
  'supply-chain': 'compromising a supply chain',
  ics: 'commanding and programming controllers',
  credentials: 'using credentials',
  delivery: 'delivering malware through a trusted channel',
  physical: 'physical and wireless access',
};

const EDGE_NETWORK_KIND = 0;
