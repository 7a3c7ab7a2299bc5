// Plant model v1: the single source of the twin's shape. TypeScript types, the runtime
// validator and models/plant.schema.json are all derived from the TypeBox schema below.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

export const SCHEMA_VERSION = 1 as const;

/** Largest model file accepted, in bytes (UTF-8) or UTF-16 code units for text already in memory. */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** A size as people read it: "812 bytes", "3.2 MiB". */
export function formatSize(bytes: number): string {
  return bytes < 1048576 ? `${bytes.toLocaleString('en')} bytes` : `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** The one message for a file or text over the size limit: "plant.json is 300.0 MiB; the limit is 256.0 MiB". */
export function tooLargeMessage(name: string, size: number, limit: number = MAX_MODEL_BYTES): string {
  return `${name} is ${formatSize(size)}; the limit is ${formatSize(limit)}`;
}

export const PURDUE_LEVELS = [0, 1, 2, 3, 3.5, 4, 5] as const;
export type PurdueLevel = (typeof PURDUE_LEVELS)[number];

export const ASSET_KINDS = [
  // level 0 – process
  'sensor', 'actuator', 'drive', 'robot',
  // level 1 – basic control
  'plc', 'sis', 'rtu', 'ied',
  // level 2 – supervisory
  'hmi', 'scada-server', 'ews', 'opc-server', 'protocol-gateway',
  // level 3 – site operations
  'historian', 'mes', 'patch-server', 'domain-controller', 'database', 'file-server',
  // level 3.5 – industrial DMZ
  'jump-host', 'remote-access-gateway',
  // network infrastructure
  'firewall', 'router', 'switch', 'data-diode', 'wireless-ap',
  // IT and enterprise
  'workstation', 'laptop', 'server', 'erp', 'email',
  // external
  'cloud-service', 'supplier', 'internet',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const PROTOCOLS = [
  // industrial
  'modbus-tcp', 'modbus-rtu', 's7comm', 's7comm-plus', 'enip-cip', 'dnp3', 'iec104', 'opc-ua', 'opc-da',
  'bacnet', 'iec61850-mms', 'goose', 'profinet', 'profibus', 'hart-ip', 'mqtt', 'historian-api',
  'serial', 'hardwired',
  // IT
  'smb', 'rdp', 'ssh', 'telnet', 'vnc', 'http', 'https', 'dns', 'ntp', 'snmp', 'netbios', 'mssql',
  'ldap', 'kerberos', 'ftp', 'sftp', 'smtp', 'syslog', 'winrm', 'rpc',
  // tunnels and remote access
  'ipsec', 'tls-vpn', 'wireguard', 'vendor-remote',
  'other',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const CONTROL_KINDS = [
  'mfa', 'allowlisting', 'dpi-firewall', 'edr', 'usb-control', 'pam', 'network-monitoring',
  'hardened-config', 'signed-firmware', 'key-switch-run',
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export const TRUST_KINDS = ['shared-credentials', 'domain-trust', 'domain-membership'] as const;
export const MEDIA_KINDS = ['removable-media', 'transient-laptop'] as const;
export const SAFETY_LEVELS = ['none', 'injury', 'fatality'] as const;
export const DATA_LOSS_LEVELS = ['none', 'operational', 'confidential', 'intellectual-property'] as const;
export const ATTACKER_PROFILES = ['opportunistic', 'cybercriminal', 'hacktivist', 'insider', 'nation-state'] as const;
export type AttackerProfile = (typeof ATTACKER_PROFILES)[number];
export const DIRECTIONS = ['one-way', 'both'] as const;
export const TRANSPORTS = ['tcp', 'udp', 'l2', 'serial', 'physical'] as const;

function oneOf<T extends readonly (string | number)[]>(values: T, description: string): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)), { description });
}

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 256, description });
const Ref = (what: string) => Type.String({ minLength: 1, maxLength: 256, description: `id of ${what}` });
const Text = (description: string, maxLength = 4096) => Type.String({ maxLength, description });
/**
 * Largest money amount a field accepts (currency units): a trillion, above the yearly revenue of
 * any industrial company. An assumption (docs/attack-rules.md, "Bounds"): past it a value is a
 * typo or an attempt to swamp the plant risk; bounded fields keep every sum finite.
 */
export const MAX_MONEY = 1e12;
/** Longest restore time a production line accepts, in hours: ten years (an assumption, as MAX_MONEY). */
export const MAX_RESTORE_HOURS = 87_600;
/**
 * Days between two rounds of a removable medium or transient laptop when the model gives none: a
 * monthly maintenance visit (an assumption, docs/attack-rules.md "Time to compromise").
 */
export const DEFAULT_MEDIA_INTERVAL_DAYS = 30;
/** Longest media round accepted: ten years, as MAX_RESTORE_HOURS. */
export const MAX_MEDIA_INTERVAL_DAYS = 3650;
const Money = (description: string) => Type.Number({ minimum: 0, maximum: MAX_MONEY, description: `${description}; 0 to ${MAX_MONEY}` });
const Likelihood = Type.Number({
  exclusiveMinimum: 0,
  maximum: 1,
  description: "Analyst's override of the derived likelihood, in (0, 1]. Wins over every derived rule.",
});

export const PlantSchema = Type.Object(
  {
    id: Id('Plant id, unique among the plants of one database'),
    name: Text('Plant name', 256),
    site: Type.Optional(Text('Site or location', 256)),
    industry: Type.Optional(Text('Industry or sector', 256)),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const ZoneSchema = Type.Object(
  {
    id: Id('Zone id'),
    name: Text('Zone name', 256),
    purdueLevel: oneOf(PURDUE_LEVELS, 'Purdue level: 0 process … 3 site operations, 3.5 industrial DMZ, 4 enterprise, 5 external'),
    slTarget: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'IEC 62443 target security level SL-T' })),
    slAchieved: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, description: 'IEC 62443 achieved security level SL-A' })),
    parent: Type.Optional(Ref('the enclosing zone')),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const ConduitSchema = Type.Object(
  {
    id: Id('Conduit id'),
    name: Type.Optional(Text('Conduit name', 256)),
    zones: Type.Array(Ref('a zone'), { minItems: 2, maxItems: 2, description: 'The two zones this conduit joins' }),
    via: Type.Optional(Type.Array(Ref('an asset (firewall, data diode, VPN gateway)'), { maxItems: 64 })),
    protocols: Type.Optional(Type.Array(oneOf(PROTOCOLS, 'Protocol allowed through the conduit'), { maxItems: 64 })),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const ServiceSchema = Type.Object(
  {
    protocol: oneOf(PROTOCOLS, 'Protocol served'),
    port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    transport: Type.Optional(oneOf(TRANSPORTS, 'Transport')),
    authenticated: Type.Optional(Type.Boolean({ description: 'Whether the service authenticates clients' })),
    defaultCredentials: Type.Optional(
      Type.Boolean({ description: "The service still accepts the vendor's default or hard-coded credentials (ATT&CK for ICS T0812)" }),
    ),
  },
  { additionalProperties: false },
);

export const VulnerabilitySchema = Type.Object(
  {
    cve: Type.String({ pattern: '^CVE-[0-9]{4}-[0-9]{4,}$', description: 'CVE id, e.g. CVE-2019-0708' }),
    cvss: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: 'CVSS base score' })),
    kev: Type.Optional(Type.Boolean({ description: 'Listed in CISA Known Exploited Vulnerabilities' })),
    patched: Type.Optional(Type.Boolean({ description: 'Fix applied (kept for the record)' })),
    source: Type.Optional(Text('Where this record came from, e.g. an ICSA advisory id', 256)),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const AssetSchema = Type.Object(
  {
    id: Id('Asset id'),
    name: Text('Asset name', 256),
    kind: oneOf(ASSET_KINDS, 'Asset kind'),
    zone: Ref('the zone the asset lives in'),
    extraZones: Type.Optional(
      Type.Array(Ref('a zone'), { maxItems: 16, description: 'Further zones the asset has an interface in (dual-homed)' }),
    ),
    vendor: Type.Optional(Text('Vendor', 256)),
    product: Type.Optional(Text('Product', 256)),
    firmware: Type.Optional(Text('Firmware or software version', 256)),
    os: Type.Optional(Text('Operating system', 256)),
    addresses: Type.Optional(Type.Array(Text('IP or MAC address', 64), { maxItems: 64 })),
    services: Type.Optional(Type.Array(ServiceSchema, { maxItems: 256 })),
    vulnerabilities: Type.Optional(Type.Array(VulnerabilitySchema, { maxItems: 1024 })),
    controls: Type.Optional(Type.Array(oneOf(CONTROL_KINDS, 'Security control in place'), { maxItems: 32 })),
    patchable: Type.Optional(Type.Boolean({ description: 'false: cannot be patched until the next shutdown' })),
    hardeningCost: Type.Optional(Money('Cost to harden or isolate this asset (currency units)')),
    tags: Type.Optional(Type.Array(Text('Tag', 128), { maxItems: 64 })),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const ConnectionSchema = Type.Object(
  {
    id: Id('Connection id'),
    from: Ref('the initiating asset (client)'),
    to: Ref('the responding asset (server)'),
    protocol: oneOf(PROTOCOLS, 'Protocol'),
    port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
    transport: Type.Optional(oneOf(TRANSPORTS, 'Transport')),
    direction: oneOf(DIRECTIONS, '"one-way": only `from` opens sessions; "both": either side can'),
    via: Type.Optional(Ref('the firewall, data diode or gateway the connection passes')),
    conduit: Type.Optional(Ref('the IEC 62443 conduit carrying this connection')),
    authenticated: Type.Optional(Type.Boolean()),
    encrypted: Type.Optional(Type.Boolean()),
    observed: Type.Optional(Type.Boolean({ description: 'Seen in captured traffic' })),
    required: Type.Optional(Type.Boolean({ description: 'Business-required: remediation may restrict it but never proposes removing it' })),
    likelihood: Type.Optional(Likelihood),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const TrustSchema = Type.Object(
  {
    id: Id('Trust relation id'),
    kind: oneOf(TRUST_KINDS, 'Kind of credential or trust relation'),
    from: Ref('the asset whose compromise yields the credentials'),
    to: Ref('the asset the credentials open'),
    direction: oneOf(DIRECTIONS, '"both" when the relation works either way (e.g. the same local admin password)'),
    likelihood: Type.Optional(Likelihood),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const MediaSchema = Type.Object(
  {
    id: Id('Media path id'),
    kind: oneOf(MEDIA_KINDS, 'Removable media (USB) or a transient laptop'),
    name: Type.Optional(Text('Name', 256)),
    carrier: Type.Optional(Ref('the laptop asset that carries it, when it is modeled as an asset')),
    from: Type.Array(Ref('an asset where the medium is written or the laptop is connected first'), { minItems: 1, maxItems: 1024 }),
    to: Type.Array(Ref('an asset the medium or laptop is later plugged into'), { minItems: 1, maxItems: 1024 }),
    likelihood: Type.Optional(Likelihood),
    intervalDays: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: MAX_MEDIA_INTERVAL_DAYS,
        description: `Days between two rounds of the medium or laptop (its maintenance rhythm); default ${DEFAULT_MEDIA_INTERVAL_DAYS}. Sets how long an attacker waits for it (time to compromise)`,
      }),
    ),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const EntryPointSchema = Type.Object(
  {
    asset: Ref('the asset where the attacker starts'),
    profile: Type.Optional(oneOf(ATTACKER_PROFILES, 'Attacker profile')),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const ImpactSchema = Type.Object(
  {
    safety: Type.Optional(oneOf(SAFETY_LEVELS, 'Worst safety consequence')),
    productionLines: Type.Optional(Type.Array(Ref('a production line'), { maxItems: 256 })),
    downtimeCostPerHour: Type.Optional(Money('Direct cost per hour while this asset is lost')),
    dataLoss: Type.Optional(oneOf(DATA_LOSS_LEVELS, 'Data exposed if this asset falls')),
    description: Type.Optional(Text('Free text')),
  },
  { additionalProperties: false },
);

export const CrownJewelSchema = Type.Object(
  {
    asset: Ref('the asset that must not fall'),
    impact: ImpactSchema,
  },
  { additionalProperties: false },
);

export const RedundancyGroupSchema = Type.Object(
  {
    name: Text('Group name', 256),
    assets: Type.Array(Ref('an asset'), {
      minItems: 1,
      maxItems: 4096,
      description: 'Redundant members: the group is lost only when every member is lost',
    }),
  },
  { additionalProperties: false },
);

export const ProductionLineSchema = Type.Object(
  {
    id: Id('Production line id'),
    name: Text('Production line name', 256),
    revenuePerHour: Type.Optional(Money('Revenue per hour of production')),
    downtimeCostPerHour: Type.Optional(Money('Cost per hour while the line is stopped')),
    restoreHours: Type.Optional(
      Type.Number({ minimum: 0, maximum: MAX_RESTORE_HOURS, description: `Typical hours to restore after a cyber incident; 0 to ${MAX_RESTORE_HOURS}` }),
    ),
    groups: Type.Array(RedundancyGroupSchema, {
      minItems: 1,
      maxItems: 1024,
      description: 'Required groups: the line stops when every member of any one group is lost',
    }),
  },
  { additionalProperties: false },
);

export const PlantModelSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Path or URL of plant.schema.json, for editors' })),
    schemaVersion: Type.Literal(SCHEMA_VERSION, { description: 'Model format version' }),
    plant: PlantSchema,
    zones: Type.Array(ZoneSchema),
    conduits: Type.Optional(Type.Array(ConduitSchema)),
    assets: Type.Array(AssetSchema),
    connections: Type.Array(ConnectionSchema),
    trust: Type.Optional(Type.Array(TrustSchema)),
    media: Type.Optional(Type.Array(MediaSchema)),
    entryPoints: Type.Array(EntryPointSchema),
    crownJewels: Type.Array(CrownJewelSchema),
    productionLines: Type.Optional(Type.Array(ProductionLineSchema)),
  },
  {
    additionalProperties: false,
    $id: 'https://twinpath.dev/schema/plant-v1.json',
    title: 'TwinPath plant model v1',
    description: 'Digital twin of an industrial plant: zones, assets, connections, trust, media, entry points, crown jewels',
  },
);

export type PlantModel = Static<typeof PlantModelSchema>;
export type Zone = Static<typeof ZoneSchema>;
export type Conduit = Static<typeof ConduitSchema>;
export type Asset = Static<typeof AssetSchema>;
export type Service = Static<typeof ServiceSchema>;
export type Vulnerability = Static<typeof VulnerabilitySchema>;
export type Connection = Static<typeof ConnectionSchema>;
export type Trust = Static<typeof TrustSchema>;
export type Media = Static<typeof MediaSchema>;
export type EntryPoint = Static<typeof EntryPointSchema>;
export type CrownJewel = Static<typeof CrownJewelSchema>;
export type Impact = Static<typeof ImpactSchema>;
export type ProductionLine = Static<typeof ProductionLineSchema>;

/** The published JSON Schema (draft 2020-12), derived from PlantModelSchema. */
export function plantJsonSchema(): Record<string, unknown> {
  // TypeBox schemas are JSON Schema plus non-enumerable symbol keys; a JSON round trip drops those.
  const plain = JSON.parse(JSON.stringify(PlantModelSchema)) as Record<string, unknown>;
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...plain };
}
