// Unit tests of the attack-edge rules (src/analysis/rules.ts): every rule, every control factor,
// data diodes, "both" connections, provenance, vulnerabilities (patched, KEV, unscored) and the
// analyst's override, each on a tiny inline plant whose derived edges are asserted exactly.
//
// CVSS scores in the arithmetic tests are exact in binary floating point (7.5, 9, 10, 4, …) so each
// test checks one thing; the one-decimal score case (9.8) has a test of its own below.
import { describe, expect, it } from 'vitest';
import { explainEdge, techniqueOf, type EdgeExplanation } from '../../../src/analysis/attack-graph';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import { RULES } from '../../../src/analysis/rules';
import { formatError } from '../../../src/model/errors';
import { validateModel } from '../../../src/model/parse';
import type { Asset, AssetKind, Connection, Media, PlantModel, Protocol, Trust, Zone } from '../../../src/model/schema';

// ---------------------------------------------------------------------------------------------
// Builders

const ZONES: Zone[] = [
  { id: 'z0', name: 'Process', purdueLevel: 0 },
  { id: 'z1', name: 'Basic control', purdueLevel: 1 },
  { id: 'z2', name: 'Supervisory', purdueLevel: 2 },
  { id: 'z3', name: 'Site operations', purdueLevel: 3 },
  { id: 'z35', name: 'Industrial DMZ', purdueLevel: 3.5 },
  { id: 'z4', name: 'Enterprise', purdueLevel: 4 },
  { id: 'z5', name: 'External', purdueLevel: 5 },
];

/** An asset in zone z2 (Purdue 2) unless `extra` says otherwise. */
function asset(id: string, kind: AssetKind, extra: Partial<Asset> = {}): Asset {
  return { id, name: `Asset ${id}`, kind, zone: 'z2', ...extra };
}

function conn(from: string, to: string, protocol: Protocol, extra: Partial<Connection> = {}): Connection {
  return { id: `c-${from}-${to}-${protocol}`, from, to, protocol, direction: 'one-way', ...extra };
}

interface Records {
  readonly connections?: Connection[];
  readonly trust?: Trust[];
  readonly media?: Media[];
}

/** A validated plant of the given assets and records, ready for analysis. */
function plant(assets: Asset[], records: Records = {}): PlantContext {
  const model: PlantModel = {
    schemaVersion: 1,
    plant: { id: 'rules', name: 'Rules test plant' },
    zones: ZONES,
    assets,
    connections: records.connections ?? [],
    trust: records.trust ?? [],
    media: records.media ?? [],
    entryPoints: [],
    crownJewels: [],
  };
  const parsed = validateModel(model);
  if (parsed.kind !== 'ok') throw new Error(`test model is invalid:\n${parsed.errors.map(formatError).join('\n')}`);
  return buildContext(parsed.model);
}

// ---------------------------------------------------------------------------------------------
// Reading the derived attack graph

interface EdgeView {
  readonly from: string;
  readonly to: string;
  readonly rule: string;
  readonly technique: string;
  readonly likelihood: number;
  readonly provenance: string;
}

/** Rule ids seen in any derived edge of this file: checked against RULES at the end. */
const rulesSeen = new Set<string>();

const key = (e: EdgeView) => `${e.from}>${e.to}:${e.rule}`;
const byKey = (a: EdgeView, b: EdgeView) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Every attack edge of the plant, explained, in a stable order. */
function edges(ctx: PlantContext): EdgeView[] {
  const out: EdgeView[] = [];
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    const x = explainEdge(ctx.graph, ctx.attack, e);
    expect(techniqueOf(ctx.attack, e)).toBe(x.technique);
    rulesSeen.add(x.rule);
    out.push({ from: x.from, to: x.to, rule: x.rule, technique: x.technique, likelihood: x.likelihood, provenance: x.provenance });
  }
  return out.sort(byKey);
}

/** Asserts the plant yields exactly these attack edges (likelihoods to 12 digits). */
function expectEdges(ctx: PlantContext, expected: EdgeView[]): void {
  const got = edges(ctx);
  const want = [...expected].sort(byKey);
  const shape = (list: EdgeView[]) => list.map(({ likelihood: _l, ...rest }) => rest);
  expect(shape(got)).toEqual(shape(want));
  got.forEach((e, i) => expect(e.likelihood, key(e)).toBeCloseTo(want[i]!.likelihood, 12));
}

/** The explanation of the one edge from → to by `rule`. */
function explain(ctx: PlantContext, from: string, to: string, rule: string): EdgeExplanation {
  const found: EdgeExplanation[] = [];
  for (let e = 0; e < ctx.attack.edgeCount; e++) {
    const x = explainEdge(ctx.graph, ctx.attack, e);
    if (x.from === from && x.to === to && x.rule === rule) found.push(x);
  }
  expect(found, `${from} → ${to} by ${rule}`).toHaveLength(1);
  return found[0]!;
}

/** Asserts the edge's explanation is a sentence that names the control and its factor. */
function expectWhyMentions(ctx: PlantContext, from: string, to: string, rule: string, ...phrases: string[]): void {
  const why = explain(ctx, from, to, rule).why;
  expect(why.length).toBeGreaterThan(20);
  expect(why).toMatch(/^[A-Za-z].*\S$/s);
  for (const p of phrases) expect(why).toContain(p);
}

const E = (from: string, to: string, rule: string, technique: string, likelihood: number, provenance = 'declared'): EdgeView => ({
  from, to, rule, technique, likelihood, provenance,
});

// ---------------------------------------------------------------------------------------------
// Industrial protocols to controllers

describe('program-download', () => {
  it('an engineering workstation speaking an unauthenticated controller protocol downloads logic (0.9) and commands (0.8)', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc', { zone: 'z1' })], { connections: [conn('ews', 'plc', 's7comm')] });
    expectEdges(ctx, [E('ews', 'plc', 'program-download', 'T0843', 0.9), E('ews', 'plc', 'unauthenticated-command', 'T0855', 0.8)]);
    const why = explain(ctx, 'ews', 'plc', 'program-download').why;
    expect(why).toContain('engineering host');
    expect(why).not.toContain('×');
  });

  it('a laptop counts as an engineering host and an RTU as programmable', () => {
    const ctx = plant([asset('lap', 'laptop'), asset('rtu', 'rtu')], { connections: [conn('lap', 'rtu', 'dnp3')] });
    expectEdges(ctx, [E('lap', 'rtu', 'program-download', 'T0843', 0.9), E('lap', 'rtu', 'unauthenticated-command', 'T0855', 0.8)]);
  });

  it('an authenticated session halves the download likelihood (0.9 × 0.5)', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc')], { connections: [conn('ews', 'plc', 'opc-ua')] });
    expectEdges(ctx, [E('ews', 'plc', 'program-download', 'T0843', 0.9 * 0.5), E('ews', 'plc', 'authenticated-command', 'T0855', 0.3)]);
    expectWhyMentions(ctx, 'ews', 'plc', 'program-download', '×0.5', 'the session authenticates');
  });

  it('key-switch-run on the controller multiplies the download by 0.2 and leaves commands alone', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc', { controls: ['key-switch-run'] })], { connections: [conn('ews', 'plc', 's7comm')] });
    expectEdges(ctx, [E('ews', 'plc', 'program-download', 'T0843', 0.9 * 0.2), E('ews', 'plc', 'unauthenticated-command', 'T0855', 0.8)]);
    expectWhyMentions(ctx, 'ews', 'plc', 'program-download', '×0.2', 'plc has its key switch in RUN');
  });

  it('key switch and authentication compound (0.9 × 0.2 × 0.5)', () => {
    const ctx = plant([asset('ews', 'ews'), asset('sis', 'sis', { controls: ['key-switch-run'] })], {
      connections: [conn('ews', 'sis', 'modbus-tcp', { authenticated: true })],
    });
    expectEdges(ctx, [E('ews', 'sis', 'program-download', 'T0843', 0.9 * 0.2 * 0.5), E('ews', 'sis', 'authenticated-command', 'T0855', 0.3)]);
  });

  it('no download from a non-engineering host, nor to a controlled but non-programmable device', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('ews', 'ews'), asset('plc', 'plc'), asset('ts', 'sensor', { zone: 'z0' })], {
      connections: [conn('hmi', 'plc', 's7comm'), conn('ews', 'ts', 'hart-ip')],
    });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8), E('ews', 'ts', 'unauthenticated-command', 'T0855', 0.8)]);
  });
});

describe('unauthenticated-command / authenticated-command', () => {
  it('Modbus/TCP to a PLC obeys any client (0.8)', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('plc', 'plc')], { connections: [conn('hmi', 'plc', 'modbus-tcp')] });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8)]);
    expect(explain(ctx, 'hmi', 'plc', 'unauthenticated-command').why).toContain('no authentication');
  });

  it('authenticated: true turns an unauthenticated protocol into an authenticated command (0.3)', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('drv', 'drive', { zone: 'z0' })], {
      connections: [conn('hmi', 'drv', 'modbus-tcp', { authenticated: true })],
    });
    expectEdges(ctx, [E('hmi', 'drv', 'authenticated-command', 'T0855', 0.3)]);
  });

  it('OPC UA authenticates by default; authenticated: false says otherwise', () => {
    const ctx = plant([asset('scada', 'scada-server'), asset('gw', 'protocol-gateway'), asset('act', 'actuator', { zone: 'z0' })], {
      connections: [conn('scada', 'gw', 'opc-ua'), conn('scada', 'act', 'opc-ua', { authenticated: false })],
    });
    expectEdges(ctx, [E('scada', 'gw', 'authenticated-command', 'T0855', 0.3), E('scada', 'act', 'unauthenticated-command', 'T0855', 0.8)]);
  });

  it('an industrial protocol to a non-controlled host is only an assumed application service', () => {
    const ctx = plant([asset('scada', 'scada-server'), asset('hmi', 'hmi')], { connections: [conn('scada', 'hmi', 'modbus-tcp')] });
    expectEdges(ctx, [E('scada', 'hmi', 'application-service', 'T0866', 0.2, 'default')]);
  });
});

describe('dpi-firewall (on the connection\'s via asset)', () => {
  it('multiplies commands through it by 0.3 and names the firewall', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('fw', 'firewall', { controls: ['dpi-firewall'] }), asset('plc', 'plc', { zone: 'z1' })], {
      connections: [conn('hmi', 'plc', 'modbus-tcp', { via: 'fw' })],
    });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8 * 0.3)]);
    expectWhyMentions(ctx, 'hmi', 'plc', 'unauthenticated-command', '×0.3', 'DPI firewall fw');
  });

  it('multiplies exploits through it by 0.6', () => {
    const ctx = plant(
      [asset('ws', 'workstation', { zone: 'z4' }), asset('fw', 'firewall', { controls: ['dpi-firewall'] }), asset('db', 'database', { zone: 'z3', vulnerabilities: [{ cve: 'CVE-2020-0001', cvss: 10 }] })],
      { connections: [conn('ws', 'db', 'mssql', { via: 'fw' })] },
    );
    expectEdges(ctx, [E('ws', 'db', 'exploit-remote-service', 'T0866', (0.05 + 0.6 * 1) * 0.6)]);
    expectWhyMentions(ctx, 'ws', 'db', 'exploit-remote-service', '×0.6', 'DPI firewall fw inspects');
  });

  it('a plain firewall in via, or dpi-firewall on the target itself, changes nothing', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('fw', 'firewall'), asset('plc', 'plc', { controls: ['dpi-firewall'] }), asset('rtu', 'rtu')], {
      connections: [conn('hmi', 'plc', 'modbus-tcp'), conn('hmi', 'rtu', 'dnp3', { via: 'fw' })],
    });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8), E('hmi', 'rtu', 'unauthenticated-command', 'T0855', 0.8)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Vulnerabilities

describe('exploit-public-facing / exploit-remote-service', () => {
  it('from the internet (Purdue 5), a non-KEV CVE gives 0.05 + 0.6 × CVSS/10 (T0819)', () => {
    const ctx = plant([asset('inet', 'internet', { zone: 'z5' }), asset('web', 'server', { zone: 'z4', vulnerabilities: [{ cve: 'CVE-2021-0001', cvss: 7.5 }] })], {
      connections: [conn('inet', 'web', 'https')],
    });
    expectEdges(ctx, [E('inet', 'web', 'exploit-public-facing', 'T0819', 0.05 + 0.6 * 0.75)]);
    expect(explain(ctx, 'inet', 'web', 'exploit-public-facing').why).toContain('CVSS 7.5');
  });

  it('a KEV CVE of the same score gives 0.05 + 0.85 × CVSS/10', () => {
    const ctx = plant(
      [asset('sup', 'supplier', { zone: 'z5' }), asset('rag', 'remote-access-gateway', { zone: 'z35', vulnerabilities: [{ cve: 'CVE-2021-0002', cvss: 7.5, kev: true }] })],
      { connections: [conn('sup', 'rag', 'https')] },
    );
    // A supplier's channel into the plant is also a supply-chain edge (T0862, 0.3).
    expectEdges(ctx, [E('sup', 'rag', 'exploit-public-facing', 'T0819', 0.05 + 0.85 * 0.75), E('sup', 'rag', 'supply-chain', 'T0862', 0.3)]);
    expect(explain(ctx, 'sup', 'rag', 'exploit-public-facing').why).toContain('CISA KEV');
  });

  it('from inside the plant the same CVE is exploit-remote-service (T0866), KEV and non-KEV', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation', { zone: 'z4' }),
        asset('db', 'database', { zone: 'z3', vulnerabilities: [{ cve: 'CVE-2022-0001', cvss: 9 }] }),
        asset('hist', 'historian', { zone: 'z3', vulnerabilities: [{ cve: 'CVE-2022-0002', cvss: 9, kev: true }] }),
      ],
      { connections: [conn('ws', 'db', 'mssql'), conn('ws', 'hist', 'historian-api')] },
    );
    expectEdges(ctx, [E('ws', 'db', 'exploit-remote-service', 'T0866', 0.05 + 0.6 * 0.9), E('ws', 'hist', 'exploit-remote-service', 'T0866', 0.05 + 0.85 * 0.9)]);
  });

  it('a CVE without a CVSS score counts as 5', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('fs', 'file-server', { vulnerabilities: [{ cve: 'CVE-2022-0003' }] })], {
      connections: [conn('ws', 'fs', 'sftp')],
    });
    // The file server's share serves the workstation files it opens: shared-files back (T0863, 0.3).
    expectEdges(ctx, [E('ws', 'fs', 'exploit-remote-service', 'T0866', 0.05 + 0.6 * 0.5), E('fs', 'ws', 'shared-files', 'T0863', 0.3)]);
  });

  it('patched vulnerabilities are ignored', () => {
    const ctx = plant(
      [asset('ws', 'workstation'), asset('db', 'database', { vulnerabilities: [{ cve: 'CVE-2022-0004', cvss: 10, kev: true, patched: true }] })],
      { connections: [conn('ws', 'db', 'mssql')] },
    );
    expectEdges(ctx, [E('ws', 'db', 'application-service', 'T0866', 0.1, 'default')]);
  });

  it('a patched KEV CVE neither raises the score nor the slope of an unpatched one', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation'),
        asset('db', 'database', {
          vulnerabilities: [
            { cve: 'CVE-2022-0005', cvss: 10, kev: true, patched: true },
            { cve: 'CVE-2022-0006', cvss: 6.5 },
          ],
        }),
      ],
      { connections: [conn('ws', 'db', 'mssql')] },
    );
    expectEdges(ctx, [E('ws', 'db', 'exploit-remote-service', 'T0866', 0.05 + 0.6 * 0.65)]);
  });

  it('comes on top of the command edge for IP protocols, but not over serial/fieldbus links', () => {
    const vulns = [{ cve: 'CVE-2023-0001', cvss: 10, kev: true }];
    const ctx = plant([asset('hmi', 'hmi'), asset('plc1', 'plc', { vulnerabilities: vulns }), asset('plc2', 'plc', { vulnerabilities: vulns })], {
      connections: [conn('hmi', 'plc1', 'modbus-tcp'), conn('hmi', 'plc2', 'modbus-rtu')],
    });
    expectEdges(ctx, [
      E('hmi', 'plc1', 'unauthenticated-command', 'T0855', 0.8),
      E('hmi', 'plc1', 'exploit-remote-service', 'T0866', 0.05 + 0.85),
      E('hmi', 'plc2', 'unauthenticated-command', 'T0855', 0.8),
    ]);
  });

  it('allowlisting (×0.4) and EDR (×0.6) on the target compound', () => {
    const v = [{ cve: 'CVE-2023-0002', cvss: 10 }];
    const ctx = plant(
      [
        asset('scada', 'scada-server'),
        asset('a', 'server', { vulnerabilities: v, controls: ['allowlisting'] }),
        asset('b', 'server', { vulnerabilities: v, controls: ['edr'] }),
        asset('c', 'server', { vulnerabilities: v, controls: ['allowlisting', 'edr'] }),
      ],
      { connections: [conn('scada', 'a', 'https'), conn('scada', 'b', 'https'), conn('scada', 'c', 'https')] },
    );
    const p = 0.05 + 0.6 * 1;
    expectEdges(ctx, [
      E('scada', 'a', 'exploit-remote-service', 'T0866', p * 0.4),
      E('scada', 'b', 'exploit-remote-service', 'T0866', p * 0.6),
      E('scada', 'c', 'exploit-remote-service', 'T0866', p * 0.4 * 0.6),
    ]);
    expectWhyMentions(ctx, 'scada', 'a', 'exploit-remote-service', '×0.4', 'a has application allow-listing');
    expectWhyMentions(ctx, 'scada', 'b', 'exploit-remote-service', '×0.6', 'b runs EDR');
  });

  // Found while writing these tests: compileModel keeps one score (the highest CVSS) and one KEV bit
  // per asset, so the KEV slope of one CVE is applied to the score of another. The documented rule
  // is per vulnerability: 0.05 + (0.85 if KEV else 0.6) × CVSS/10, the edge taking the best of them.
  it('a low-score KEV CVE does not lend its KEV slope to a high-score non-KEV CVE of the same asset', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation'),
        asset('db', 'database', {
          vulnerabilities: [
            { cve: 'CVE-2024-0001', cvss: 4, kev: true },
            { cve: 'CVE-2024-0002', cvss: 9 },
          ],
        }),
      ],
      { connections: [conn('ws', 'db', 'mssql')] },
    );
    const perCve = Math.max(0.05 + 0.85 * 0.4, 0.05 + 0.6 * 0.9); // 0.59, not 0.05 + 0.85 × 0.9 = 0.815
    expectEdges(ctx, [E('ws', 'db', 'exploit-remote-service', 'T0866', perCve)]);
  });

  // Found while writing these tests: CompactGraph.nodeVulnScore is a Float32Array, so a one-decimal
  // CVSS such as 9.8 is stored as 9.800000190734863 and the likelihood is off by ~1.6e-8.
  it('a one-decimal CVSS (9.8, KEV) gives exactly 0.05 + 0.85 × 9.8/10', () => {
    const ctx = plant([asset('inet', 'internet', { zone: 'z5' }), asset('vpn', 'remote-access-gateway', { zone: 'z35', vulnerabilities: [{ cve: 'CVE-2019-0708', cvss: 9.8, kev: true }] })], {
      connections: [conn('inet', 'vpn', 'https')],
    });
    expectEdges(ctx, [E('inet', 'vpn', 'exploit-public-facing', 'T0819', 0.05 + 0.85 * (9.8 / 10))]);
  });
});

// ---------------------------------------------------------------------------------------------
// Remote administration and remote access

describe('remote-admin-service', () => {
  it('RDP (authenticated by default) gives 0.4, VNC (not) 0.8, RDP with authenticated: false 0.8', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('jh', 'jump-host', { zone: 'z35' }), asset('hmi', 'hmi'), asset('srv', 'server')], {
      connections: [conn('ws', 'jh', 'rdp'), conn('jh', 'hmi', 'vnc'), conn('ws', 'srv', 'rdp', { authenticated: false })],
    });
    expectEdges(ctx, [
      E('ws', 'jh', 'remote-admin-service', 'T0886', 0.4),
      E('jh', 'hmi', 'remote-admin-service', 'T0886', 0.8),
      E('ws', 'srv', 'remote-admin-service', 'T0886', 0.8),
    ]);
    expect(explain(ctx, 'ws', 'jh', 'remote-admin-service').why).toContain('credentials taken from ws');
  });

  it('mfa ×0.1, pam ×0.5, hardened-config ×0.7 on the target, and all three together', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation'),
        asset('m', 'server', { controls: ['mfa'] }),
        asset('p', 'server', { controls: ['pam'] }),
        asset('h', 'server', { controls: ['hardened-config'] }),
        asset('all', 'server', { controls: ['hardened-config', 'pam', 'mfa'] }),
      ],
      { connections: [conn('ws', 'm', 'ssh'), conn('ws', 'p', 'winrm'), conn('ws', 'h', 'smb'), conn('ws', 'all', 'rdp')] },
    );
    expectEdges(ctx, [
      E('ws', 'm', 'remote-admin-service', 'T0886', 0.4 * 0.1),
      E('ws', 'p', 'remote-admin-service', 'T0886', 0.4 * 0.5),
      E('ws', 'h', 'remote-admin-service', 'T0886', 0.4 * 0.7),
      E('ws', 'all', 'remote-admin-service', 'T0886', 0.4 * 0.1 * 0.5 * 0.7),
    ]);
    expectWhyMentions(ctx, 'ws', 'm', 'remote-admin-service', '×0.1', 'm requires MFA');
    expectWhyMentions(ctx, 'ws', 'p', 'remote-admin-service', '×0.5', 'p has privileged-access management');
    expectWhyMentions(ctx, 'ws', 'h', 'remote-admin-service', '×0.7', 'h is hardened');
  });

  it('a vulnerable remote-admin target gets both the admin and the exploit edge', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('hmi', 'hmi', { vulnerabilities: [{ cve: 'CVE-2019-0001', cvss: 10, kev: true }] })], {
      connections: [conn('ws', 'hmi', 'rdp')],
    });
    expectEdges(ctx, [E('ws', 'hmi', 'remote-admin-service', 'T0886', 0.4), E('ws', 'hmi', 'exploit-remote-service', 'T0866', 0.9)]);
  });
});

describe('external-remote-access', () => {
  it('vendor remote access with credentials gives 0.5, without authentication 0.9', () => {
    const ctx = plant([asset('sup', 'supplier', { zone: 'z5' }), asset('rag', 'remote-access-gateway', { zone: 'z35' }), asset('jh', 'jump-host', { zone: 'z35' })], {
      connections: [conn('sup', 'rag', 'vendor-remote'), conn('sup', 'jh', 'tls-vpn', { authenticated: false })],
    });
    expectEdges(ctx, [
      E('sup', 'rag', 'external-remote-access', 'T0822', 0.5), E('sup', 'jh', 'external-remote-access', 'T0822', 0.9),
      E('sup', 'rag', 'supply-chain', 'T0862', 0.3), E('sup', 'jh', 'supply-chain', 'T0862', 0.3),
    ]);
  });

  it('mfa on the gateway multiplies by 0.1', () => {
    const ctx = plant([asset('sup', 'supplier', { zone: 'z5' }), asset('rag', 'remote-access-gateway', { zone: 'z35', controls: ['mfa'] })], {
      connections: [conn('sup', 'rag', 'wireguard')],
    });
    expectEdges(ctx, [E('sup', 'rag', 'external-remote-access', 'T0822', 0.5 * 0.1), E('sup', 'rag', 'supply-chain', 'T0862', 0.3)]);
    expectWhyMentions(ctx, 'sup', 'rag', 'external-remote-access', '×0.1', 'rag requires MFA');
  });
});

describe('application-service (assumed, provenance default)', () => {
  it('an authenticated service gives 0.1, an unauthenticated one 0.2', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('hist', 'historian', { zone: 'z3' }), asset('dns', 'server')], {
      connections: [conn('ws', 'hist', 'historian-api'), conn('ws', 'dns', 'dns')],
    });
    expectEdges(ctx, [E('ws', 'hist', 'application-service', 'T0866', 0.1, 'default'), E('ws', 'dns', 'application-service', 'T0866', 0.2, 'default')]);
    expect(explain(ctx, 'ws', 'dns', 'application-service').why).toContain('assumed');
  });

  it('stays default even on an observed connection (the rule is an assumption)', () => {
    const ctx = plant([asset('mes', 'mes', { zone: 'z3' }), asset('erp', 'erp', { zone: 'z4' })], {
      connections: [conn('mes', 'erp', 'http', { observed: true })],
    });
    expectEdges(ctx, [E('mes', 'erp', 'application-service', 'T0866', 0.2, 'default')]);
  });
});

// ---------------------------------------------------------------------------------------------
// Server-to-client edges

describe('phishing (mail server → reader)', () => {
  it('a workstation reading mail over SMTP gets a reverse edge from the mail server (0.3)', () => {
    const ctx = plant([asset('ws', 'workstation', { zone: 'z4' }), asset('mail', 'email', { zone: 'z4' })], { connections: [conn('ws', 'mail', 'smtp')] });
    expectEdges(ctx, [E('ws', 'mail', 'application-service', 'T0866', 0.2, 'default'), E('mail', 'ws', 'phishing', 'T0865', 0.3)]);
    expect(explain(ctx, 'mail', 'ws', 'phishing').why).toContain('ws reads mail from mail');
  });

  it('webmail over HTTPS counts, and allowlisting/EDR on the reader apply (×0.4, ×0.6)', () => {
    const ctx = plant(
      [asset('a', 'laptop', { zone: 'z4', controls: ['allowlisting'] }), asset('b', 'jump-host', { zone: 'z4', controls: ['edr'] }), asset('mail', 'email', { zone: 'z4', controls: ['edr', 'allowlisting'] })],
      { connections: [conn('a', 'mail', 'https'), conn('b', 'mail', 'https')] },
    );
    expectEdges(ctx, [
      E('a', 'mail', 'application-service', 'T0866', 0.1, 'default'),
      E('b', 'mail', 'application-service', 'T0866', 0.1, 'default'),
      E('mail', 'a', 'phishing', 'T0865', 0.3 * 0.4),
      E('mail', 'b', 'phishing', 'T0865', 0.3 * 0.6),
    ]);
    expectWhyMentions(ctx, 'mail', 'a', 'phishing', '×0.4', 'a has application allow-listing');
    expectWhyMentions(ctx, 'mail', 'b', 'phishing', '×0.6', 'b runs EDR');
  });

  it('is observed when the connection is', () => {
    const ctx = plant([asset('ews', 'ews'), asset('mail', 'email', { zone: 'z4' })], { connections: [conn('ews', 'mail', 'smtp', { observed: true })] });
    expectEdges(ctx, [E('ews', 'mail', 'application-service', 'T0866', 0.2, 'default'), E('mail', 'ews', 'phishing', 'T0865', 0.3, 'observed')]);
  });

  it('a non-reader kind (server) gets no phishing edge', () => {
    const ctx = plant([asset('srv', 'server'), asset('mail', 'email')], { connections: [conn('srv', 'mail', 'smtp')] });
    expectEdges(ctx, [E('srv', 'mail', 'application-service', 'T0866', 0.2, 'default')]);
  });
});

describe('drive-by (web server → browsing host)', () => {
  it('a browsing host gets a reverse edge from the web server (0.1)', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('web', 'server', { zone: 'z3' })], { connections: [conn('hmi', 'web', 'http')] });
    expectEdges(ctx, [E('hmi', 'web', 'application-service', 'T0866', 0.2, 'default'), E('web', 'hmi', 'drive-by', 'T0817', 0.1)]);
    expect(explain(ctx, 'web', 'hmi', 'drive-by').why).toContain('hmi browses web');
  });

  it('allowlisting and EDR on the browser compound (0.1 × 0.4 × 0.6)', () => {
    const ctx = plant([asset('ws', 'workstation', { controls: ['edr', 'allowlisting'] }), asset('web', 'cloud-service', { zone: 'z5' })], {
      connections: [conn('ws', 'web', 'https')],
    });
    expectEdges(ctx, [E('ws', 'web', 'application-service', 'T0866', 0.1, 'default'), E('web', 'ws', 'drive-by', 'T0817', 0.1 * 0.4 * 0.6)]);
    expectWhyMentions(ctx, 'web', 'ws', 'drive-by', '×0.4', '×0.6', 'allow-listing', 'EDR');
  });

  it('a client that does not browse (historian) gets no drive-by edge', () => {
    const ctx = plant([asset('hist', 'historian'), asset('web', 'server')], { connections: [conn('hist', 'web', 'https')] });
    expectEdges(ctx, [E('hist', 'web', 'application-service', 'T0866', 0.1, 'default')]);
  });
});

// ---------------------------------------------------------------------------------------------
// Trust relations

describe('trust relations', () => {
  it('shared-credentials gives 0.7 (T0859), both ways when direction is both', () => {
    const ctx = plant([asset('a', 'workstation'), asset('b', 'hmi')], { trust: [{ id: 't1', kind: 'shared-credentials', from: 'a', to: 'b', direction: 'both' }] });
    expectEdges(ctx, [E('a', 'b', 'shared-credentials', 'T0859', 0.7), E('b', 'a', 'shared-credentials', 'T0859', 0.7)]);
    const x = explain(ctx, 'b', 'a', 'shared-credentials');
    expect(x.source).toEqual({ kind: 'trust', index: 0 });
    expect(x.why).toContain('Base 0.7');
  });

  it('one-way shared-credentials gives one edge', () => {
    const ctx = plant([asset('a', 'workstation'), asset('b', 'hmi')], { trust: [{ id: 't1', kind: 'shared-credentials', from: 'a', to: 'b', direction: 'one-way' }] });
    expectEdges(ctx, [E('a', 'b', 'shared-credentials', 'T0859', 0.7)]);
  });

  it('mfa (×0.2) and pam (×0.5) act on the target of each direction only', () => {
    const ctx = plant([asset('a', 'workstation', { controls: ['pam'] }), asset('b', 'server', { controls: ['mfa'] }), asset('c', 'server', { controls: ['mfa', 'pam'] })], {
      trust: [
        { id: 't1', kind: 'shared-credentials', from: 'a', to: 'b', direction: 'both' },
        { id: 't2', kind: 'shared-credentials', from: 'a', to: 'c', direction: 'one-way' },
      ],
    });
    expectEdges(ctx, [
      E('a', 'b', 'shared-credentials', 'T0859', 0.7 * 0.2),
      E('b', 'a', 'shared-credentials', 'T0859', 0.7 * 0.5),
      E('a', 'c', 'shared-credentials', 'T0859', 0.7 * 0.2 * 0.5),
    ]);
    expectWhyMentions(ctx, 'a', 'b', 'shared-credentials', '×0.2', 'b requires MFA');
    expectWhyMentions(ctx, 'b', 'a', 'shared-credentials', '×0.5', 'a has privileged-access management');
  });

  it('domain-membership: the domain controller administers its members (0.9)', () => {
    const ctx = plant([asset('dc', 'domain-controller', { zone: 'z3' }), asset('ws', 'workstation', { zone: 'z3' }), asset('hist', 'historian', { zone: 'z3', controls: ['mfa'] })], {
      trust: [
        { id: 't1', kind: 'domain-membership', from: 'dc', to: 'ws', direction: 'one-way' },
        { id: 't2', kind: 'domain-membership', from: 'dc', to: 'hist', direction: 'one-way' },
      ],
    });
    expectEdges(ctx, [E('dc', 'ws', 'domain-membership', 'T0859', 0.9), E('dc', 'hist', 'domain-membership', 'T0859', 0.9 * 0.2)]);
  });

  it('domain-trust: accounts of the trusted domain log on in the trusting one (0.6)', () => {
    const ctx = plant([asset('dc-it', 'domain-controller', { zone: 'z4' }), asset('dc-ot', 'domain-controller', { zone: 'z3' })], {
      trust: [{ id: 't1', kind: 'domain-trust', from: 'dc-it', to: 'dc-ot', direction: 'one-way' }],
    });
    expectEdges(ctx, [E('dc-it', 'dc-ot', 'domain-trust', 'T0859', 0.6)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Media paths

describe('media paths', () => {
  it('removable-media: one edge per from × to pair (0.3, T0847), none to itself', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('plc', 'plc'), asset('hmi', 'hmi')], {
      media: [{ id: 'm1', kind: 'removable-media', from: ['ws', 'hmi'], to: ['plc', 'hmi'] }],
    });
    expectEdges(ctx, [
      E('ws', 'plc', 'removable-media', 'T0847', 0.3),
      E('ws', 'hmi', 'removable-media', 'T0847', 0.3),
      E('hmi', 'plc', 'removable-media', 'T0847', 0.3),
    ]);
    expect(explain(ctx, 'hmi', 'plc', 'removable-media').source).toEqual({ kind: 'media', index: 0 });
  });

  it('removable-media: usb-control ×0.1, allowlisting ×0.5, key-switch-run no effect', () => {
    const ctx = plant(
      [asset('ws', 'workstation'), asset('u', 'hmi', { controls: ['usb-control'] }), asset('a', 'hmi', { controls: ['allowlisting'] }), asset('k', 'plc', { controls: ['key-switch-run', 'usb-control', 'allowlisting'] })],
      { media: [{ id: 'm1', kind: 'removable-media', from: ['ws'], to: ['u', 'a', 'k'] }] },
    );
    expectEdges(ctx, [
      E('ws', 'u', 'removable-media', 'T0847', 0.3 * 0.1),
      E('ws', 'a', 'removable-media', 'T0847', 0.3 * 0.5),
      E('ws', 'k', 'removable-media', 'T0847', 0.3 * 0.1 * 0.5),
    ]);
    expectWhyMentions(ctx, 'ws', 'u', 'removable-media', '×0.1', 'u blocks USB storage');
    expectWhyMentions(ctx, 'ws', 'a', 'removable-media', '×0.5', 'a has application allow-listing');
  });

  it('transient-laptop: 0.5 (T0864), key-switch-run ×0.3, usb-control no effect', () => {
    const ctx = plant([asset('lab', 'workstation'), asset('plc', 'plc', { controls: ['key-switch-run'] }), asset('drv', 'drive', { controls: ['usb-control'] })], {
      media: [{ id: 'm1', kind: 'transient-laptop', from: ['lab'], to: ['plc', 'drv'] }],
    });
    expectEdges(ctx, [E('lab', 'plc', 'transient-laptop', 'T0864', 0.5 * 0.3), E('lab', 'drv', 'transient-laptop', 'T0864', 0.5)]);
    expectWhyMentions(ctx, 'lab', 'plc', 'transient-laptop', '×0.3', 'plc has its key switch in RUN');
  });
});

// ---------------------------------------------------------------------------------------------
// Direction, diodes and provenance

describe('connection direction and data diodes', () => {
  it('a both connection yields edges both ways, each by the rules of its own target', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('plc', 'plc')], { connections: [conn('hmi', 'plc', 'modbus-tcp', { direction: 'both' })] });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8), E('plc', 'hmi', 'application-service', 'T0866', 0.2, 'default')]);
  });

  // Found while writing these tests: server-to-client edges (phishing, drive-by) are skipped on the
  // reverse arc of a both connection, so the same both connection declared mail → ws instead of
  // ws → mail loses its phishing edge, although ws opens sessions to mail in both cases.
  it('a both connection yields the same edges whichever end is declared from', () => {
    const assets = [asset('ws', 'workstation', { zone: 'z4' }), asset('mail', 'email', { zone: 'z4' })];
    const expected = [
      E('ws', 'mail', 'application-service', 'T0866', 0.2, 'default'),
      E('mail', 'ws', 'application-service', 'T0866', 0.2, 'default'),
      E('mail', 'ws', 'phishing', 'T0865', 0.3),
    ];
    expectEdges(plant(assets, { connections: [conn('ws', 'mail', 'smtp', { direction: 'both' })] }), expected);
    expectEdges(plant(assets, { connections: [conn('mail', 'ws', 'smtp', { direction: 'both' })] }), expected);
  });

  it('a both connection through a data diode yields edges only from → to', () => {
    const ctx = plant([asset('scada', 'scada-server'), asset('dd', 'data-diode', { zone: 'z35' }), asset('hist', 'historian', { zone: 'z3', vulnerabilities: [{ cve: 'CVE-2020-0002', cvss: 10 }] })], {
      connections: [conn('scada', 'hist', 'historian-api', { direction: 'both', via: 'dd' }), conn('hist', 'scada', 'rdp', { direction: 'both', via: 'dd' })],
    });
    expectEdges(ctx, [E('scada', 'hist', 'exploit-remote-service', 'T0866', 0.65), E('hist', 'scada', 'remote-admin-service', 'T0886', 0.4)]);
  });

  it('the same both connection through a firewall yields edges both ways', () => {
    const ctx = plant([asset('scada', 'scada-server'), asset('fw', 'firewall', { zone: 'z35' }), asset('hist', 'historian', { zone: 'z3' })], {
      connections: [conn('scada', 'hist', 'historian-api', { direction: 'both', via: 'fw' })],
    });
    expectEdges(ctx, [E('scada', 'hist', 'application-service', 'T0866', 0.1, 'default'), E('hist', 'scada', 'application-service', 'T0866', 0.1, 'default')]);
  });

  it('a data diode also blocks the server-to-client drive-by and phishing edges', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('dd', 'data-diode'), asset('web', 'server'), asset('mail', 'email')], {
      connections: [conn('ws', 'web', 'http', { via: 'dd' }), conn('ws', 'mail', 'smtp', { via: 'dd' })],
    });
    expectEdges(ctx, [E('ws', 'web', 'application-service', 'T0866', 0.2, 'default'), E('ws', 'mail', 'application-service', 'T0866', 0.2, 'default')]);
  });
});

describe('provenance', () => {
  it('observed: true gives observed edges in both directions', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc'), asset('jh', 'jump-host')], {
      connections: [conn('ews', 'plc', 'enip-cip', { observed: true }), conn('ews', 'jh', 'ssh', { observed: true, direction: 'both' })],
    });
    expectEdges(ctx, [
      E('ews', 'plc', 'program-download', 'T0843', 0.9, 'observed'),
      E('ews', 'plc', 'unauthenticated-command', 'T0855', 0.8, 'observed'),
      E('ews', 'jh', 'remote-admin-service', 'T0886', 0.4, 'observed'),
      E('jh', 'ews', 'remote-admin-service', 'T0886', 0.4, 'observed'),
    ]);
  });

  it('observed: false (or absent) gives declared edges', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('plc', 'plc'), asset('rtu', 'rtu')], {
      connections: [conn('hmi', 'plc', 'enip-cip', { observed: false }), conn('hmi', 'rtu', 'iec104')],
    });
    expectEdges(ctx, [E('hmi', 'plc', 'unauthenticated-command', 'T0855', 0.8), E('hmi', 'rtu', 'unauthenticated-command', 'T0855', 0.8)]);
  });
});

// ---------------------------------------------------------------------------------------------
// The analyst's override

describe('analyst-override', () => {
  it('replaces the rules of a connection with one edge, technique of the strongest rule', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc')], { connections: [conn('ews', 'plc', 's7comm', { likelihood: 0.25, observed: true })] });
    expectEdges(ctx, [E('ews', 'plc', 'analyst-override', 'T0843', 0.25, 'analyst')]);
    const x = explain(ctx, 'ews', 'plc', 'analyst-override');
    expect(x.why).toContain('analyst set likelihood 0.25');
    expect(x.why).toContain('program-download');
  });

  it('the strongest rule is judged after controls (key switch: command beats download)', () => {
    const ctx = plant([asset('ews', 'ews'), asset('plc', 'plc', { controls: ['key-switch-run'] })], { connections: [conn('ews', 'plc', 's7comm', { likelihood: 0.6 })] });
    expectEdges(ctx, [E('ews', 'plc', 'analyst-override', 'T0855', 0.6, 'analyst')]);
  });

  it('a both connection gets exactly one edge per direction', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('srv', 'server', { vulnerabilities: [{ cve: 'CVE-2020-0003', cvss: 10, kev: true }] })], {
      connections: [conn('ws', 'srv', 'rdp', { likelihood: 0.5, direction: 'both' })],
    });
    // ws → srv: exploit (0.9, T0866) beats remote admin (0.4); srv → ws: remote admin only (T0886).
    expectEdges(ctx, [E('ws', 'srv', 'analyst-override', 'T0866', 0.5, 'analyst'), E('srv', 'ws', 'analyst-override', 'T0886', 0.5, 'analyst')]);
  });

  it('drops the server-to-client edge: only the connection\'s own direction remains', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('mail', 'email')], { connections: [conn('ws', 'mail', 'smtp', { likelihood: 0.4 })] });
    expectEdges(ctx, [E('ws', 'mail', 'analyst-override', 'T0866', 0.4, 'analyst')]);
  });

  it('through a data diode, a both connection keeps only its from → to edge', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('dd', 'data-diode'), asset('rtu', 'rtu')], {
      connections: [conn('hmi', 'rtu', 'dnp3', { likelihood: 0.3, direction: 'both', via: 'dd' })],
    });
    expectEdges(ctx, [E('hmi', 'rtu', 'analyst-override', 'T0855', 0.3, 'analyst')]);
  });

  it('replaces trust rules, keeping the trust kind\'s technique, in each direction', () => {
    const ctx = plant([asset('a', 'workstation'), asset('b', 'server', { controls: ['mfa'] })], {
      trust: [{ id: 't1', kind: 'shared-credentials', from: 'a', to: 'b', direction: 'both', likelihood: 0.05 }],
    });
    expectEdges(ctx, [E('a', 'b', 'analyst-override', 'T0859', 0.05, 'analyst'), E('b', 'a', 'analyst-override', 'T0859', 0.05, 'analyst')]);
    expect(explain(ctx, 'a', 'b', 'analyst-override').why).toContain('shared-credentials');
  });

  it('replaces media rules for every pair, keeping the media kind\'s technique', () => {
    const ctx = plant([asset('lab', 'laptop'), asset('plc', 'plc', { controls: ['key-switch-run'] }), asset('ied', 'ied')], {
      media: [{ id: 'm1', kind: 'transient-laptop', from: ['lab'], to: ['plc', 'ied'], likelihood: 0.2 }],
    });
    expectEdges(ctx, [E('lab', 'plc', 'analyst-override', 'T0864', 0.2, 'analyst'), E('lab', 'ied', 'analyst-override', 'T0864', 0.2, 'analyst')]);
  });
});

// ---------------------------------------------------------------------------------------------
// Explanations

describe('explainEdge', () => {
  it('names the record, the technique and the rule of a network edge', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('fw', 'firewall', { controls: ['dpi-firewall'] }), asset('plc', 'plc')], {
      connections: [conn('hmi', 'fw', 'ssh'), conn('hmi', 'plc', 'modbus-tcp', { via: 'fw' })],
    });
    const x = explain(ctx, 'hmi', 'plc', 'unauthenticated-command');
    expect(x.source).toEqual({ kind: 'network', index: 1 });
    expect(x.techniqueName).toBe('Unauthorized Command Message');
    expect(x.why).toMatch(/^modbus-tcp has no authentication: plc obeys any client that reaches it, such as hmi\. Base 0\.8\. ×0\.3: the DPI firewall fw /);
  });
});

// ---------------------------------------------------------------------------------------------
// Shared files, software repositories, supply chain, default credentials, wireless, rogue master,
// I/O manipulation (#19)

describe('shared-files (a held share → the users who open its files)', () => {
  it('a workstation mounting a file server over SMB gets a reverse edge from it (0.3, T0863); a historian\'s FTP export too', () => {
    const ctx = plant([asset('ws', 'workstation'), asset('fs', 'file-server', { zone: 'z3' }), asset('hist', 'historian', { zone: 'z3' }), asset('hmi', 'hmi')], {
      connections: [conn('ws', 'fs', 'smb'), conn('hmi', 'hist', 'ftp')],
    });
    expectEdges(ctx, [
      E('ws', 'fs', 'remote-admin-service', 'T0886', 0.4), E('fs', 'ws', 'shared-files', 'T0863', 0.3),
      E('hmi', 'hist', 'application-service', 'T0866', 0.1, 'default'), E('hist', 'hmi', 'shared-files', 'T0863', 0.3),
    ]);
    expectWhyMentions(ctx, 'fs', 'ws', 'shared-files', 'ws opens files from fs\'s smb share');
  });

  it('allow-listing (×0.4) and EDR (×0.6) on the client apply; a server client, a non-file protocol or a data diode give none', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation', { controls: ['allowlisting', 'edr'] }), asset('fs', 'file-server', { zone: 'z3' }), asset('srv', 'server'),
        asset('ews', 'ews'), asset('dio', 'data-diode'),
      ],
      { connections: [conn('ws', 'fs', 'sftp'), conn('srv', 'fs', 'smb'), conn('ews', 'fs', 'https'), conn('fs', 'ews', 'smb', { via: 'dio', direction: 'both' })] },
    );
    const shared = edges(ctx).filter((e) => e.rule === 'shared-files');
    expect(shared.map((e) => `${e.from}>${e.to}`)).toEqual(['fs>ws']);
    expect(shared[0]!.likelihood).toBeCloseTo(0.3 * 0.4 * 0.6, 12);
    expectWhyMentions(ctx, 'fs', 'ws', 'shared-files', '×0.4: ws has application allow-listing', '×0.6: ws runs EDR');
  });
});

describe('software-repository (a held update server → its clients)', () => {
  it('HMIs and servers pulling from a patch server get a reverse edge (0.6, T0867); a PLC does not install updates from it', () => {
    const ctx = plant([asset('hmi', 'hmi'), asset('wsus', 'patch-server', { zone: 'z3' }), asset('plc', 'plc', { zone: 'z1' }), asset('hist', 'historian', { zone: 'z3', controls: ['allowlisting'] })], {
      connections: [conn('hmi', 'wsus', 'https'), conn('hist', 'wsus', 'http'), conn('plc', 'wsus', 'https')],
    });
    const repo = edges(ctx).filter((e) => e.rule === 'software-repository');
    expect(repo.map((e) => [`${e.from}>${e.to}`, e.technique])).toEqual([['wsus>hist', 'T0867'], ['wsus>hmi', 'T0867']]);
    expect(repo.map((e) => e.likelihood)).toEqual([0.6 * 0.4, 0.6]);
    expectWhyMentions(ctx, 'wsus', 'hmi', 'software-repository', 'hmi installs updates from wsus');
  });
});

describe('supply-chain (a supplier\'s channel → the assets it updates)', () => {
  it('a supplier pushing into an asset, and an asset pulling from a supplier, each give an edge from the supplier (0.3, T0862)', () => {
    const ctx = plant([asset('vendor', 'supplier', { zone: 'z5' }), asset('rag', 'remote-access-gateway', { zone: 'z35' }), asset('ews', 'ews'), asset('inet', 'internet', { zone: 'z5' })], {
      connections: [conn('vendor', 'rag', 'vendor-remote'), conn('ews', 'vendor', 'https'), conn('vendor', 'inet', 'https')],
    });
    const sc = edges(ctx).filter((e) => e.rule === 'supply-chain');
    expect(sc.map((e) => `${e.from}>${e.to}:${e.likelihood}`)).toEqual(['vendor>ews:0.3', 'vendor>rag:0.3']);
    expectWhyMentions(ctx, 'vendor', 'ews', 'supply-chain', 'ews pulls software or updates from the supplier vendor');
    expectWhyMentions(ctx, 'vendor', 'rag', 'supply-chain', 'The supplier vendor delivers software or firmware to rag');
  });

  it('signed-firmware on the asset multiplies by 0.5', () => {
    const ctx = plant([asset('vendor', 'supplier', { zone: 'z5' }), asset('plc', 'plc', { zone: 'z1', controls: ['signed-firmware'] })], {
      connections: [conn('vendor', 'plc', 'vendor-remote')],
    });
    expect(edges(ctx).find((e) => e.rule === 'supply-chain')!.likelihood).toBeCloseTo(0.15, 12);
    expectWhyMentions(ctx, 'vendor', 'plc', 'supply-chain', '×0.5: plc accepts only signed firmware and software');
  });
});

describe('default-credentials (T0812)', () => {
  it('a service that still accepts the vendor\'s default credentials gives 0.8 over its protocol only, MFA ×0.1', () => {
    const ctx = plant(
      [
        asset('ws', 'workstation'),
        asset('plc', 'plc', { zone: 'z1', services: [{ protocol: 'snmp', port: 161, defaultCredentials: true }] }),
        asset('cam', 'server', { services: [{ protocol: 'ssh', defaultCredentials: true }], controls: ['mfa'] }),
      ],
      { connections: [conn('ws', 'plc', 'snmp'), conn('ws', 'plc', 'ftp'), conn('ws', 'cam', 'ssh')] },
    );
    expectEdges(ctx, [
      E('ws', 'plc', 'default-credentials', 'T0812', 0.8),
      E('ws', 'plc', 'application-service', 'T0866', 0.1, 'default'),
      E('ws', 'cam', 'remote-admin-service', 'T0886', 0.4 * 0.1),
      E('ws', 'cam', 'default-credentials', 'T0812', 0.8 * 0.1),
    ]);
    expectWhyMentions(ctx, 'ws', 'plc', 'default-credentials', "plc's snmp service still accepts the vendor's default");
  });
});

describe('wireless (T0860)', () => {
  it('an access point reaches every asset on it, one edge per connection whichever end is declared first (0.3; 0.9 open)', () => {
    const ctx = plant(
      [asset('ap', 'wireless-ap'), asset('tab', 'laptop'), asset('hmi', 'hmi'), asset('scn', 'sensor', { zone: 'z0' }), asset('inet', 'internet', { zone: 'z5' })],
      {
        connections: [
          conn('tab', 'ap', 'other'), conn('ap', 'hmi', 'other', { direction: 'both' }), conn('scn', 'ap', 'other', { direction: 'both', authenticated: false }),
          conn('ap', 'inet', 'https'),
        ],
      },
    );
    const w = edges(ctx).filter((e) => e.rule === 'wireless');
    expect(w.map((e) => `${e.from}>${e.to}:${e.likelihood}:${e.technique}`)).toEqual(['ap>hmi:0.3:T0860', 'ap>scn:0.9:T0860', 'ap>tab:0.3:T0860']);
    expectWhyMentions(ctx, 'ap', 'scn', 'wireless', 'scn is on the open wireless network of ap');
    expectWhyMentions(ctx, 'ap', 'tab', 'wireless', 'an attacker in radio range cracks its shared key');
  });
});

describe('rogue-master (T0848)', () => {
  it('a host on a controller\'s segment reaching it over IP commands it when it declares an unauthenticated command service (0.6)', () => {
    const plcs = (extra: Partial<Asset>) => asset('plc', 'plc', { zone: 'z1', ...extra });
    const hosts = [asset('ws', 'workstation', { zone: 'z1' }), asset('far', 'workstation', { zone: 'z2' })];
    const connections = [conn('ws', 'plc', 'snmp'), conn('far', 'plc', 'snmp')];
    const open = plant([plcs({ services: [{ protocol: 'modbus-tcp', port: 502 }] }), ...hosts], { connections });
    expectEdges(open, [E('ws', 'plc', 'rogue-master', 'T0848', 0.6), E('far', 'plc', 'application-service', 'T0866', 0.2, 'default')]);
    expectWhyMentions(open, 'ws', 'plc', 'rogue-master', 'accepts industrial commands from any master on its segment');
    // An authenticated command service, or OPC UA (authenticated by default), accepts no rogue master; OPC UA declared unauthenticated does.
    for (const services of [[{ protocol: 'modbus-tcp' as const, authenticated: true }], [{ protocol: 'opc-ua' as const }]]) {
      expect(edges(plant([plcs({ services }), ...hosts], { connections })).some((e) => e.rule === 'rogue-master')).toBe(false);
    }
    expect(edges(plant([plcs({ services: [{ protocol: 'opc-ua', authenticated: false }] }), ...hosts], { connections })).filter((e) => e.rule === 'rogue-master')).toHaveLength(1);
  });
});

describe('io-manipulation (T0831: a held controller drives the process)', () => {
  it('a PLC or robot drives the actuator, drive or sensor wired to it (0.95); an EWS still downloads to a drive', () => {
    const ctx = plant([asset('plc', 'plc', { zone: 'z1' }), asset('rob', 'robot', { zone: 'z0' }), asset('act', 'actuator', { zone: 'z0' }), asset('drv', 'drive', { zone: 'z0' }), asset('ews', 'ews')], {
      connections: [conn('plc', 'act', 'hardwired'), conn('drv', 'rob', 'profinet'), conn('ews', 'drv', 'profinet')],
    });
    expectEdges(ctx, [
      E('plc', 'act', 'io-manipulation', 'T0831', 0.95), E('rob', 'drv', 'io-manipulation', 'T0831', 0.95),
      E('ews', 'drv', 'program-download', 'T0843', 0.9), E('ews', 'drv', 'unauthenticated-command', 'T0855', 0.8),
    ]);
    expectWhyMentions(ctx, 'rob', 'drv', 'io-manipulation', 'drv is wired to the controller rob');
  });
});

describe('a CVE never makes a step less likely (the exploit is weighed against the rule it would displace)', () => {
  it('a low-score CVE on an otherwise uncovered service keeps the assumed 0.2, not the exploit\'s 0.14', () => {
    const vuln = { cve: 'CVE-2020-0001', cvss: 1.5 };
    const ctx = plant([asset('ws', 'workstation'), asset('srv', 'server', { vulnerabilities: [vuln] })], { connections: [conn('ws', 'srv', 'snmp')] });
    expectEdges(ctx, [E('ws', 'srv', 'application-service', 'T0866', 0.2, 'default')]);
    const strong = plant([asset('ws', 'workstation'), asset('srv', 'server', { vulnerabilities: [{ ...vuln, cvss: 9 }] })], { connections: [conn('ws', 'srv', 'snmp')] });
    expectEdges(strong, [E('ws', 'srv', 'exploit-remote-service', 'T0866', 0.05 + 0.6 * 0.9)]);
  });
});

// Last, so it sees the edges of every test above (tests of a file run in order).
describe('field devices', () => {
  it('open no attack: a sensor, actuator or drive wired to its PLC yields one edge, from the PLC (io-manipulation), whichever end is declared first', () => {
    for (const kind of ['sensor', 'actuator', 'drive'] as const) {
      for (const [from, to] of [['plc', 'dev'], ['dev', 'plc']] as const) {
        const ctx = plant([asset('plc', 'plc', { vulnerabilities: [{ cve: 'CVE-2021-22681', cvss: 10 }] }), asset('dev', kind)], {
          connections: [conn(from, to, 'profinet', { direction: 'both' })],
        });
        expectEdges(ctx, [E('plc', 'dev', 'io-manipulation', 'T0831', 0.95)]);
      }
    }
  });

  it('still carry an analyst override in both directions', () => {
    const ctx = plant([asset('plc', 'plc'), asset('dev', 'drive')], {
      connections: [conn('plc', 'dev', 'profinet', { direction: 'both', likelihood: 0.25 })],
    });
    expect(edges(ctx).map((e) => `${e.from}>${e.to}:${e.rule}:${e.likelihood}`).sort()).toEqual([
      'dev>plc:analyst-override:0.25',
      'plc>dev:analyst-override:0.25',
    ]);
  });
});

describe('coverage of the rule table', () => {
  it('every rule in RULES produced an edge in some test above', () => {
    expect([...rulesSeen].sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});
