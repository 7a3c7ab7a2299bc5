// Writes models/reference-plant.json: a brake-components plant of an automotive tier-1 supplier,
// with the architecture and the mistakes auditors find. Run: npx tsx scripts/build-reference-plant.ts
// The JSON is the artifact users open; this script keeps it reviewable and regenerable.
import type { ProductName } from '../src/model/catalog';
import type { AssetKind, PlantModel } from '../src/model/schema';
import { createPlantBuilder } from './plant-builder';

const { zones, assets, connections, trust, zone, asset, conn, trustRel, write } = createPlantBuilder();

// ── Level 5: outside parties ───────────────────────────────────────────────────────────────
const zExt = zone('z-external', 'Internet and third parties', 5, 1, 0);
const internet = asset('internet', 'Internet (phishing, exposed services)', 'internet', zExt);
const supplierNet = asset('supplier-net', 'Tier-2 supplier network (castings)', 'supplier', zExt, { description: 'Sends advance shipping notices and quality certificates through the supplier portal' });
const robotVendor = asset('vendor-kuka', 'Robot vendor remote service centre', 'supplier', zExt);
const mtVendor = asset('vendor-dmg', 'Machine-tool vendor service network', 'supplier', zExt);
const cloud = asset('cloud-analytics', 'Predictive-maintenance cloud (IoT hub)', 'cloud-service', zExt, { description: 'Receives spindle vibration and energy data from the historian' });

// ── Level 4: enterprise ────────────────────────────────────────────────────────────────────
const zEdge = zone('z-corp-edge', 'Enterprise perimeter', 4, 2, 2, 'Internet-facing enterprise services behind the corporate firewall');
const zCorp = zone('z-corp', 'Enterprise network', 4, 2, 1);
const corpFw = asset('fw-corp', 'Corporate perimeter firewall', 'firewall', zEdge, { product: 'fortigate', controls: ['dpi-firewall'] });
const vpn = asset('corp-vpn', 'Employee SSL VPN', 'remote-access-gateway', zEdge, { product: 'ivanti-vpn', controls: ['mfa'] });
const mail = asset('mail', 'Exchange mail server', 'email', zEdge, { product: 'exchange' });
const portal = asset('supplier-portal', 'Supplier portal (ASN, certificates)', 'server', zEdge, { product: 'citrix-gw', description: 'Published through NetScaler; writes shipping notices into SAP' });
const erp = asset('erp', 'SAP ERP (production planning, orders)', 'erp', zCorp, { product: 'sap-erp', cost: 20000 });
const corpDc = asset('corp-dc', 'Corporate AD domain controller', 'domain-controller', zCorp, { product: 'windows-dc' });
const corpFs = asset('corp-fs', 'Corporate file server', 'file-server', zCorp, { product: 'windows-server' });
const qaWs = asset('ws-quality', 'Quality engineer workstation', 'workstation', zCorp, { product: 'windows-ws', description: 'Pulls SPC data from line HMIs over VNC: the conduit that skips the DMZ' });
const planWs = asset('ws-planning', 'Production planner workstation', 'workstation', zCorp, { product: 'windows-ws' });
const itAdmin = asset('ws-itadmin', 'IT administrator workstation', 'workstation', zCorp, { product: 'windows-ws', controls: ['edr', 'pam'] });
const officeWs: string[] = [];
for (let i = 1; i <= 8; i++) officeWs.push(asset(`ws-office-${i}`, `Office workstation ${i}`, 'workstation', zCorp, { product: 'windows-ws', controls: ['edr'] }));

// ── Level 3.5: industrial DMZ ──────────────────────────────────────────────────────────────
const zDmz = zone('z-idmz', 'Industrial DMZ', 3.5, 3, 2, 'Brokers every IT↔OT exchange; nothing should cross it directly');
const fwItOt = asset('fw-it-ot', 'IT/OT firewall (DMZ north)', 'firewall', zDmz, { product: 'fortigate', controls: ['dpi-firewall'] });
const fwOt = asset('fw-ot-core', 'OT core firewall (DMZ south)', 'firewall', zDmz, { product: 'fortigate' });
const jump = asset('jump-ot', 'OT jump host (RDP gateway)', 'jump-host', zDmz, { product: 'windows-server', controls: ['mfa'] });
const raGw = asset('ra-gw', 'Vendor remote-access gateway', 'remote-access-gateway', zDmz, { product: 'gatemanager', description: 'Robot and machine-tool vendors connect here — without MFA' });
const histReplica = asset('hist-replica', 'Historian replica (PI to PI)', 'historian', zDmz, { product: 'pi-server' });
const wsusRelay = asset('wsus-relay', 'Patch relay (WSUS upstream)', 'patch-server', zDmz, { product: 'windows-server' });
const fileRelay = asset('file-relay', 'File transfer relay (SFTP)', 'file-server', zDmz, { product: 'windows-server', controls: ['allowlisting'] });
const avRelay = asset('av-relay', 'Antivirus update relay', 'server', zDmz, { product: 'windows-server' });

// ── Level 3: site operations ───────────────────────────────────────────────────────────────
const zOps = zone('z-ops', 'Site operations', 3, 3, 2);
const historian = asset('historian', 'Process historian (PI Data Archive)', 'historian', zOps, {
  product: 'pi-server', extraZones: [zDmz], cost: 15000,
  description: 'Dual-homed: a second NIC sits in the industrial DMZ for the replica link',
});
const mes = asset('mes', 'MES (orders, recipes, genealogy)', 'mes', zOps, { product: 'windows-server', cost: 15000 });
const mesDb = asset('mes-db', 'MES database (SQL Server)', 'database', zOps, { product: 'windows-server' });
const otDc = asset('ot-dc', 'OT domain controller', 'domain-controller', zOps, { product: 'windows-dc' });
const wsus = asset('ot-wsus', 'OT patch server (WSUS)', 'patch-server', zOps, { product: 'windows-server' });
const backup = asset('ot-backup', 'OT backup server (PLC projects, images)', 'file-server', zOps, { product: 'windows-server' });
const opcAgg = asset('opc-agg', 'OPC UA aggregation server', 'opc-server', zOps, { product: 'ignition' });
const nms = asset('ot-nms', 'OT network monitoring (passive IDS + SNMP)', 'server', zOps, { product: 'windows-server', controls: ['network-monitoring'] });
const laptop = asset('maint-laptop', 'Maintenance laptop (transient)', 'laptop', zOps, { product: 'windows-ws', description: 'Taken home, used on vendor Wi-Fi, then plugged into cell switches' });
const coreSw = asset('sw-ot-core', 'OT core switch', 'switch', zOps, { product: 'scalance' });

// ── Level 2, 1, 0: Line A — brake caliper machining and assembly ───────────────────────────
const zASup = zone('z-a-sup', 'Line A supervisory', 2, 3, 2);
const zACtl = zone('z-a-ctl', 'Line A control (incl. robot-cell safety PLC)', 1, 3, 1, 'Flat zone: the robot-cell safety PLC shares the network with basic control');
const zAIo = zone('z-a-io', 'Line A field devices', 0, 2, 0);
const hmiA1 = asset('hmi-a1', 'Line A HMI 1 (machining)', 'hmi', zASup, { product: 'wincc-hmi' });
const hmiA2 = asset('hmi-a2', 'Line A HMI 2 (assembly)', 'hmi', zASup, { product: 'wincc-hmi' });
const scadaA1 = asset('scada-a1', 'Line A SCADA server (primary)', 'scada-server', zASup, { product: 'ignition' });
const scadaA2 = asset('scada-a2', 'Line A SCADA server (standby)', 'scada-server', zASup, { product: 'ignition' });
const ewsA = asset('ews-a', 'Line A engineering workstation', 'ews', zASup, { product: 'ews', patchable: false });
const swA = asset('sw-a', 'Line A cell switch', 'switch', zASup, { product: 'scalance' });
const plcA1a = asset('plc-a1a', 'Line A machining PLC (redundant A)', 'plc', zACtl, { product: 's7-1500', patchable: false, cost: 18000 });
const plcA1b = asset('plc-a1b', 'Line A machining PLC (redundant B)', 'plc', zACtl, { product: 's7-1500', patchable: false, cost: 18000 });
const plcA2 = asset('plc-a2', 'Line A assembly PLC', 'plc', zACtl, { product: 'controllogix', patchable: false, cost: 16000 });
const plcA3 = asset('plc-a3', 'Line A leak-test PLC', 'plc', zACtl, { product: 's7-1200', cost: 8000 });
const safA = asset('sis-a', 'Line A robot-cell safety PLC', 'sis', zACtl, { product: 's7-1500', patchable: false, cost: 20000, description: 'Fail-safe CPU guarding the weld and handling robots' });
const robA1 = asset('rob-a1', 'Line A handling robot 1 (KR C4)', 'robot', zACtl, { product: 'kr-c4', patchable: false });
const robA2 = asset('rob-a2', 'Line A handling robot 2 (KR C4)', 'robot', zACtl, { product: 'kr-c4', patchable: false });
const gwA = asset('gw-a', 'Line A serial gateway (gauging)', 'protocol-gateway', zACtl, { product: 'moxa-nport' });
const ioA: string[] = [];
const fieldA: [string, AssetKind, ProductName?][] = [
  ['Spindle drive 1', 'drive', 'sinamics'], ['Spindle drive 2', 'drive', 'sinamics'], ['Spindle drive 3', 'drive', 'sinamics'],
  ['Conveyor drive', 'drive', 'powerflex'], ['Clamping valve island', 'actuator'], ['Press-fit servo', 'actuator'],
  ['Coolant pressure sensor', 'sensor'], ['Spindle vibration sensor 1', 'sensor'], ['Spindle vibration sensor 2', 'sensor'],
  ['Bore gauge', 'sensor'], ['Leak-test pressure sensor', 'sensor'], ['Light curtain (robot cell)', 'sensor'],
  ['Safety door switch', 'sensor'], ['Torque sensor', 'sensor'], ['Part-present sensor', 'sensor'], ['Marking laser', 'actuator'],
];
fieldA.forEach(([name, kind, product], i) => ioA.push(asset(`io-a${i + 1}`, `Line A ${name.toLowerCase()}`, kind, zAIo, product ? { product } : {})));

// ── Line B — steering knuckle casting and machining ────────────────────────────────────────
const zBSup = zone('z-b-sup', 'Line B supervisory', 2, 3, 2);
const zBCtl = zone('z-b-ctl', 'Line B control', 1, 3, 2);
const zBIo = zone('z-b-io', 'Line B field devices', 0, 2, 0);
const hmiB1 = asset('hmi-b1', 'Line B HMI 1 (casting)', 'hmi', zBSup, { product: 'ftview-hmi' });
const hmiB2 = asset('hmi-b2', 'Line B HMI 2 (machining)', 'hmi', zBSup, { product: 'ftview-hmi' });
const scadaB = asset('scada-b', 'Line B SCADA server', 'scada-server', zBSup, { product: 'intouch' });
const ewsB = asset('ews-b', 'Line B engineering workstation', 'ews', zBSup, { product: 'ews', patchable: false });
const swB = asset('sw-b', 'Line B cell switch', 'switch', zBSup, { product: 'scalance' });
const plcB1a = asset('plc-b1a', 'Line B machining PLC (hot standby A)', 'plc', zBCtl, { product: 'm580', patchable: false, cost: 18000 });
const plcB1b = asset('plc-b1b', 'Line B machining PLC (hot standby B)', 'plc', zBCtl, { product: 'm580', patchable: false, cost: 18000 });
const plcB2 = asset('plc-b2', 'Line B casting cell PLC', 'plc', zBCtl, { product: 's7-400', patchable: false, cost: 15000 });
const plcB3 = asset('plc-b3', 'Line B deburring PLC', 'plc', zBCtl, { product: 'controllogix', cost: 12000 });
const robB1 = asset('rob-b1', 'Line B casting extraction robot', 'robot', zBCtl, { product: 'kr-c4', patchable: false });
const robB2 = asset('rob-b2', 'Line B deburring robot', 'robot', zBCtl, { product: 'kr-c4', patchable: false });
const ioB: string[] = [];
const fieldB: [string, AssetKind, ProductName?][] = [
  ['Die-casting shot drive', 'drive', 'powerflex'], ['Extraction conveyor drive', 'drive', 'powerflex'], ['Spindle drive', 'drive', 'sinamics'],
  ['Die temperature sensor 1', 'sensor'], ['Die temperature sensor 2', 'sensor'], ['Shot pressure sensor', 'sensor'],
  ['Ladle position encoder', 'sensor'], ['Vacuum valve', 'actuator'], ['Die spray valve', 'actuator'],
  ['Coolant flow sensor', 'sensor'], ['X-ray inspection trigger', 'actuator'], ['Cell door interlock', 'sensor'],
  ['Deburring spindle', 'actuator'], ['Part-present sensor', 'sensor'],
];
fieldB.forEach(([name, kind, product], i) => ioB.push(asset(`io-b${i + 1}`, `Line B ${name.toLowerCase()}`, kind, zBIo, product ? { product } : {})));

// ── Utilities: heat-treatment furnace with its burner-management SIS, compressed air ───────
const zUSup = zone('z-u-sup', 'Utilities supervisory (furnace, compressed air)', 2, 3, 2);
const zUCtl = zone('z-u-ctl', 'Utilities control', 1, 3, 2);
const zSis = zone('z-sis', 'Furnace safety instrumented system', 1, 4, 3, 'Burner management and over-temperature trips (SIL 2)');
const zUIo = zone('z-u-io', 'Utilities field devices', 0, 2, 0);
const hmiU = asset('hmi-u', 'Furnace and utilities HMI', 'hmi', zUSup, { product: 'wincc-hmi' });
const ewsU = asset('ews-u', 'Utilities engineering workstation (TIA + TriStation)', 'ews', zUSup, { product: 'ews', patchable: false });
const plcU1 = asset('plc-u1', 'Heat-treatment furnace PLC', 'plc', zUCtl, { product: 's7-1500', patchable: false, cost: 15000 });
const plcU2 = asset('plc-u2', 'Compressed-air station PLC', 'plc', zUCtl, { product: 's7-1200' });
const sis = asset('sis-furnace', 'Furnace burner-management SIS (Tricon)', 'sis', zSis, { product: 'tricon', patchable: false, cost: 30000, controls: ['key-switch-run'] });
const ioU: string[] = [];
const fieldU: [string, AssetKind][] = [
  ['Burner gas valve', 'actuator'], ['Flame scanner', 'sensor'], ['Furnace temperature (TC 1)', 'sensor'], ['Furnace temperature (TC 2)', 'sensor'],
  ['Quench oil level', 'sensor'], ['Combustion air fan', 'drive'], ['Compressor 1', 'drive'], ['Compressor 2', 'drive'], ['Header pressure sensor', 'sensor'],
];
fieldU.forEach(([name, kind], i) => ioU.push(asset(`io-u${i + 1}`, `Utilities ${name.toLowerCase()}`, kind, zUIo)));
const sisIo = [ioU[0]!, ioU[1]!, ioU[3]!]; // the SIS reads its own flame scanner and TC, and closes the gas valve

// ── Connections (client → server) ──────────────────────────────────────────────────────────
// Internet edge
conn(internet, mail, 'smtp', 25, 'one-way', { required: true, description: 'Inbound mail: the phishing route' });
conn(internet, vpn, 'tls-vpn', 443, 'one-way', { via: corpFw, required: true });
conn(internet, portal, 'https', 443, 'one-way', { via: corpFw, required: true });
conn(supplierNet, portal, 'https', 443, 'one-way', { via: corpFw, authenticated: true, required: true, description: 'Supplier accounts, password only' });
conn(robotVendor, raGw, 'vendor-remote', 443, 'one-way', { via: corpFw, authenticated: true, description: 'Vendor accounts on the GateManager, no MFA' });
conn(mtVendor, raGw, 'vendor-remote', 443, 'one-way', { via: corpFw, authenticated: true });
conn(portal, erp, 'https', 443, 'one-way', { required: true, description: 'Shipping notices posted into SAP' });
conn(vpn, corpDc, 'ldap', 389, 'one-way');
conn(vpn, corpFs, 'smb', 445, 'one-way');
conn(mail, corpDc, 'ldap', 389, 'one-way');
// Enterprise
for (const ws of [...officeWs, qaWs, planWs, itAdmin]) {
  conn(ws, mail, 'https', 443, 'one-way', { required: true });
  conn(ws, corpDc, 'kerberos', 88, 'one-way', { required: true });
  conn(ws, corpFs, 'smb', 445, 'one-way', { required: true });
  conn(ws, erp, 'https', 443, 'one-way', { required: true });
}
conn(itAdmin, corpDc, 'rdp', 3389, 'one-way', { authenticated: true });
conn(erp, corpDc, 'ldap', 389, 'one-way');
conn(corpDc, otDc, 'ldap', 389, 'both', { via: fwItOt, description: 'AD trust replication across the DMZ firewalls' });
// Enterprise → DMZ
conn(planWs, histReplica, 'https', 443, 'one-way', { via: fwItOt });
conn(qaWs, histReplica, 'https', 443, 'one-way', { via: fwItOt });
conn(itAdmin, jump, 'rdp', 3389, 'one-way', { via: fwItOt });
conn(vpn, jump, 'rdp', 3389, 'one-way', { via: fwItOt, description: 'Remote engineers reach the jump host from the VPN' });
conn(erp, mes, 'https', 443, 'both', { via: fwItOt, required: true, description: 'Production orders down, confirmations up (allowed both ways — a finding)' });
conn(corpFs, fileRelay, 'sftp', 22, 'one-way', { via: fwItOt });
conn(wsusRelay, corpFw, 'https', 443, 'one-way');
conn(avRelay, corpFw, 'https', 443, 'one-way');
// The mistake: level 4 straight to level 2, skipping the DMZ
conn(qaWs, hmiA1, 'vnc', 5900, 'one-way', { via: fwItOt, description: 'SPC screen-scraping over VNC: a conduit from level 4 straight to level 2' });
conn(qaWs, hmiB1, 'vnc', 5900, 'one-way', { via: fwItOt });
// DMZ ↔ operations
conn(historian, histReplica, 'historian-api', 5450, 'one-way', { via: fwOt, required: true });
conn(histReplica, cloud, 'https', 443, 'one-way', { via: corpFw, description: 'Vibration and energy data to the cloud' });
conn(cloud, histReplica, 'https', 443, 'one-way', { via: corpFw, authenticated: true, description: 'Cloud pulls model results back (API key)' });
conn(jump, ewsA, 'rdp', 3389, 'one-way', { via: fwOt });
conn(jump, ewsB, 'rdp', 3389, 'one-way', { via: fwOt });
conn(jump, ewsU, 'rdp', 3389, 'one-way', { via: fwOt });
conn(jump, mes, 'rdp', 3389, 'one-way', { via: fwOt });
conn(jump, historian, 'rdp', 3389, 'one-way', { via: fwOt });
conn(raGw, robA1, 'vendor-remote', 443, 'one-way', { via: fwOt, description: 'Robot vendor straight to the robot controller, no MFA' });
conn(raGw, robB1, 'vendor-remote', 443, 'one-way', { via: fwOt });
conn(raGw, ewsA, 'rdp', 3389, 'one-way', { via: fwOt, description: 'Machine-tool vendor lands on the engineering workstation, no MFA' });
conn(wsus, wsusRelay, 'https', 443, 'one-way', { via: fwOt });
conn(opcAgg, avRelay, 'https', 443, 'one-way', { via: fwOt });
conn(fileRelay, backup, 'sftp', 22, 'one-way', { via: fwOt });
// Operations
for (const h of [historian, mes, mesDb, wsus, backup, opcAgg, nms, laptop]) conn(h, otDc, 'kerberos', 88, 'one-way');
conn(mes, mesDb, 'mssql', 1433, 'one-way', { required: true });
conn(mes, historian, 'historian-api', 5450, 'one-way');
conn(historian, opcAgg, 'opc-ua', 4840, 'one-way');
conn(laptop, backup, 'smb', 445, 'one-way');
// Supervisory ↔ operations
for (const s of [scadaA1, scadaA2, scadaB]) conn(opcAgg, s, 'opc-ua', 4840, 'one-way', { via: fwOt });
conn(opcAgg, hmiU, 'opc-ua', 4840, 'one-way', { via: fwOt });
for (const w of [hmiA1, hmiA2, scadaA1, scadaA2, ewsA, hmiB1, hmiB2, scadaB, ewsB, hmiU, ewsU]) {
  conn(w, otDc, 'kerberos', 88, 'one-way', { via: fwOt });
  conn(w, wsus, 'https', 443, 'one-way', { via: fwOt });
  trustRel('domain-membership', otDc, w, 'one-way', 'OT domain admins administer this host');
}
for (const h of [historian, mes, mesDb, wsus, backup, opcAgg, nms, jump]) trustRel('domain-membership', otDc, h, 'one-way', 'OT domain admins administer this host');
conn(mes, scadaA1, 'opc-ua', 4840, 'one-way', { via: fwOt, required: true, description: 'Recipes and orders to Line A' });
conn(mes, scadaB, 'opc-ua', 4840, 'one-way', { via: fwOt, required: true, description: 'Recipes and orders to Line B' });
conn(ewsA, backup, 'smb', 445, 'one-way', { via: fwOt });
conn(ewsB, backup, 'smb', 445, 'one-way', { via: fwOt });
conn(ewsU, backup, 'smb', 445, 'one-way', { via: fwOt });
for (const d of [swA, swB, coreSw, plcA1a, plcB1a, plcU1]) conn(nms, d, 'snmp', 161, 'one-way', { transport: 'udp' });

// Line A
for (const h of [hmiA1, hmiA2]) {
  conn(h, scadaA1, 'opc-ua', 62541, 'one-way');
  conn(h, scadaA2, 'opc-ua', 62541, 'one-way');
}
for (const s of [scadaA1, scadaA2]) {
  conn(s, plcA1a, 's7comm-plus', 102, 'one-way', { required: true });
  conn(s, plcA1b, 's7comm-plus', 102, 'one-way', { required: true });
  conn(s, plcA2, 'enip-cip', 44818, 'one-way', { required: true });
  conn(s, plcA3, 's7comm-plus', 102, 'one-way', { required: true });
}
conn(scadaA1, scadaA2, 'opc-ua', 62541, 'both', { description: 'Redundancy sync' });
conn(hmiA1, plcA1a, 's7comm-plus', 102, 'one-way');
conn(hmiA2, plcA2, 'enip-cip', 44818, 'one-way');
for (const p of [plcA1a, plcA1b, plcA3, safA]) conn(ewsA, p, 's7comm-plus', 102, 'one-way', { description: 'Program download and online changes' });
conn(ewsA, plcA2, 'enip-cip', 44818, 'one-way', { description: 'Studio 5000 downloads' });
conn(ewsA, robA1, 'enip-cip', 44818, 'one-way');
conn(ewsA, robA2, 'enip-cip', 44818, 'one-way');
conn(plcA1a, plcA1b, 'profinet', undefined, 'both', { description: 'Redundancy link (R1 system)' });
conn(plcA1a, safA, 'profinet', undefined, 'both', { description: 'Safety PLC on the same PROFINET segment as basic control' });
conn(plcA2, robA1, 'enip-cip', 44818, 'both');
conn(plcA2, robA2, 'enip-cip', 44818, 'both');
conn(safA, robA1, 'profinet', undefined, 'both', { description: 'PROFIsafe' });
conn(safA, robA2, 'profinet', undefined, 'both', { description: 'PROFIsafe' });
conn(plcA3, gwA, 'serial', undefined, 'both', { transport: 'serial' });
ioA.forEach((io, i) => {
  const kind = assets.find((a) => a.id === io)!.kind;
  const plc = i < 4 || i === 6 || i === 7 || i === 8 ? plcA1a : i === 9 || i === 10 ? plcA3 : i === 11 || i === 12 ? safA : plcA2;
  conn(plc, io, 'profinet', undefined, 'both', { required: true, description: `I/O of a ${kind}` });
  if (plc === plcA1a) conn(plcA1b, io, 'profinet', undefined, 'both', { required: true, description: 'Redundant controller also owns the device' });
});
conn(gwA, ioA[9]!, 'serial', undefined, 'both', { transport: 'serial' });
conn(ewsA, ioA[0]!, 'http', 80, 'one-way', { description: 'Drive commissioning (Startdrive)' });

// Line B
for (const h of [hmiB1, hmiB2]) conn(h, scadaB, 'opc-ua', 4840, 'one-way');
conn(scadaB, plcB1a, 'modbus-tcp', 502, 'one-way', { required: true });
conn(scadaB, plcB1b, 'modbus-tcp', 502, 'one-way', { required: true });
conn(scadaB, plcB2, 's7comm', 102, 'one-way', { required: true });
conn(scadaB, plcB3, 'enip-cip', 44818, 'one-way', { required: true });
conn(hmiB1, plcB2, 's7comm', 102, 'one-way');
conn(hmiB2, plcB1a, 'modbus-tcp', 502, 'one-way');
for (const p of [plcB1a, plcB1b]) conn(ewsB, p, 'modbus-tcp', 502, 'one-way', { description: 'Control Expert downloads (UMAS over Modbus)' });
conn(ewsB, plcB2, 's7comm', 102, 'one-way');
conn(ewsB, plcB3, 'enip-cip', 44818, 'one-way');
conn(ewsB, robB1, 'enip-cip', 44818, 'one-way');
conn(ewsB, robB2, 'enip-cip', 44818, 'one-way');
conn(plcB1a, plcB1b, 'other', undefined, 'both', { description: 'Hot-standby link' });
conn(plcB2, robB1, 'profinet', undefined, 'both');
conn(plcB3, robB2, 'enip-cip', 44818, 'both');
ioB.forEach((io, i) => {
  const plc = i < 2 || (i >= 3 && i <= 8) ? plcB2 : i === 12 ? plcB3 : plcB1a;
  conn(plc, io, plc === plcB1a ? 'enip-cip' : 'profinet', undefined, 'both', { required: true });
});
conn(plcB1a, plcB2, 'modbus-tcp', 502, 'one-way', { description: 'Casting-to-machining handshake' });

// Utilities and the SIS
conn(hmiU, plcU1, 's7comm-plus', 102, 'one-way');
conn(hmiU, plcU2, 's7comm-plus', 102, 'one-way');
conn(hmiU, sis, 'modbus-tcp', 502, 'one-way', { description: 'SIS status read-out through the Tricon communication module' });
conn(ewsU, plcU1, 's7comm-plus', 102, 'one-way');
conn(ewsU, plcU2, 's7comm-plus', 102, 'one-way');
conn(ewsU, sis, 'other', 1502, 'one-way', { transport: 'udp', description: 'TriStation 1131 programming (the TRITON vector)' });
conn(plcU1, sis, 'modbus-tcp', 502, 'one-way', { description: 'BPCS reads SIS trip status' });
conn(plcU1, plcB2, 'profinet', undefined, 'both', { description: 'Furnace ready / casting release interlock' });
ioU.forEach((io, i) => conn(i >= 6 ? plcU2 : plcU1, io, 'profinet', undefined, 'both', { required: true }));
for (const io of sisIo) conn(sis, io, 'hardwired', undefined, 'both', { transport: 'physical', required: true, description: 'Hard-wired safety I/O' });

// Trust and credentials
trustRel('domain-trust', corpDc, otDc, 'one-way', 'The OT forest trusts the corporate forest (corporate admins are OT admins)');
trustRel('shared-credentials', ewsA, ewsB, 'both', 'Same local administrator password on all engineering workstations');
trustRel('shared-credentials', ewsA, ewsU, 'both', 'Same local administrator password on all engineering workstations');
trustRel('shared-credentials', jump, historian, 'both', 'Service account reused on the jump host and the historian');
trustRel('shared-credentials', itAdmin, jump, 'one-way', 'IT admin keeps the jump host password in a browser store');

const model: PlantModel = {
  $schema: './plant.schema.json',
  schemaVersion: 1,
  plant: {
    id: 'ref-brake-plant',
    name: 'Auteva Brake Systems — Plant Regensburg',
    site: 'Regensburg, Bavaria',
    industry: 'Automotive parts (tier-1): brake calipers and steering knuckles',
    description:
      'Reference plant for TwinPath: two production lines with redundant controllers, a heat-treatment furnace with a burner-management SIS, ' +
      'MES and historian with a DMZ replica, SAP ERP, corporate AD, vendor remote access, a maintenance laptop, cloud analytics and a supplier portal — ' +
      'with the findings auditors raise: a level-4 workstation with a VNC conduit straight to level-2 HMIs, a dual-homed historian, ' +
      'vendor remote access without MFA, a flat robot-cell safety zone, and corporate AD trusted by the OT domain.',
  },
  zones,
  conduits: [
    { id: 'cd-corp-dmz', name: 'Enterprise ↔ industrial DMZ', zones: [zCorp, zDmz], via: [fwItOt], protocols: ['https', 'rdp', 'sftp', 'ldap'] },
    { id: 'cd-dmz-ops', name: 'Industrial DMZ ↔ site operations', zones: [zDmz, zOps], via: [fwOt], protocols: ['historian-api', 'rdp', 'https', 'sftp'] },
    { id: 'cd-ops-a', name: 'Operations ↔ Line A', zones: [zOps, zASup], via: [fwOt], protocols: ['opc-ua', 'kerberos', 'https', 'smb'] },
    { id: 'cd-ops-b', name: 'Operations ↔ Line B', zones: [zOps, zBSup], via: [fwOt], protocols: ['opc-ua', 'kerberos', 'https', 'smb'] },
    { id: 'cd-ops-u', name: 'Operations ↔ Utilities', zones: [zOps, zUSup], via: [fwOt], protocols: ['opc-ua', 'kerberos', 'https', 'smb'] },
    { id: 'cd-u-sis', name: 'Utilities ↔ furnace SIS', zones: [zUCtl, zSis], protocols: ['modbus-tcp'] },
  ],
  assets,
  connections,
  trust,
  media: [
    {
      id: 'm-laptop', kind: 'transient-laptop', name: 'Maintenance laptop rounds', carrier: laptop, from: [laptop],
      to: [plcA1a, plcA2, robA1, plcB2, robB1, plcU1],
      description: 'Plugged into cell switches to go online with controllers and robots',
    },
    {
      id: 'm-usb-eng', kind: 'removable-media', name: 'USB sticks with PLC projects', from: [qaWs, officeWs[0]!, corpFs], to: [ewsA, ewsB, ewsU],
      description: 'Project files and firmware carried from the office to the engineering workstations',
    },
    {
      id: 'm-usb-vendor', kind: 'removable-media', name: 'Vendor service USB stick', from: [laptop], to: [hmiA1, hmiB1, hmiU],
      description: 'Robot and machine-tool vendor technicians update HMIs from USB',
    },
  ],
  entryPoints: [
    { asset: internet, profile: 'cybercriminal', description: 'Phishing and exposed internet services (ransomware crews)' },
    { asset: supplierNet, profile: 'cybercriminal', description: 'Supplier VPN / portal credentials stolen from the tier-2 supplier' },
    { asset: robotVendor, profile: 'nation-state', description: 'Compromised robot vendor remote service (supply-chain attack)' },
    { asset: laptop, profile: 'insider', description: 'Infected maintenance laptop brought on site' },
    { asset: cloud, profile: 'cybercriminal', description: 'Compromised cloud analytics tenant' },
  ],
  crownJewels: [
    { asset: sis, impact: { safety: 'fatality', productionLines: ['line-b'], downtimeCostPerHour: 30000, description: 'Loss of burner management: furnace explosion risk' } },
    { asset: safA, impact: { safety: 'injury', productionLines: ['line-a'], downtimeCostPerHour: 10000, description: 'Robot-cell guarding defeated: crush hazard' } },
    { asset: plcA1a, impact: { safety: 'none', productionLines: ['line-a'], downtimeCostPerHour: 42000 } },
    { asset: plcB1a, impact: { safety: 'none', productionLines: ['line-b'], downtimeCostPerHour: 35000 } },
    { asset: plcU1, impact: { safety: 'injury', productionLines: ['line-b'], downtimeCostPerHour: 25000, description: 'Furnace temperature control: scrapped batches, quench fire risk' } },
    { asset: mes, impact: { dataLoss: 'intellectual-property', productionLines: ['line-a', 'line-b'], downtimeCostPerHour: 20000, description: 'Recipes, genealogy and order flow' } },
    { asset: historian, impact: { dataLoss: 'operational', downtimeCostPerHour: 1500 } },
    { asset: erp, impact: { dataLoss: 'confidential', downtimeCostPerHour: 18000, description: 'Orders, customers, supplier pricing' } },
  ],
  productionLines: [
    {
      id: 'line-a', name: 'Line A — brake caliper machining and assembly', revenuePerHour: 42000, downtimeCostPerHour: 38000, restoreHours: 36,
      groups: [
        { name: 'Machining controllers (redundant pair)', assets: [plcA1a, plcA1b] },
        { name: 'Assembly controller', assets: [plcA2] },
        { name: 'Leak-test controller', assets: [plcA3] },
        { name: 'Robot-cell safety', assets: [safA] },
        { name: 'Handling robots (either can run the cell at half rate)', assets: [robA1, robA2] },
        { name: 'Operator stations', assets: [hmiA1, hmiA2] },
        { name: 'SCADA servers', assets: [scadaA1, scadaA2] },
      ],
    },
    {
      id: 'line-b', name: 'Line B — steering knuckle casting and machining', revenuePerHour: 35000, downtimeCostPerHour: 31000, restoreHours: 48,
      groups: [
        { name: 'Machining controllers (hot standby)', assets: [plcB1a, plcB1b] },
        { name: 'Casting cell controller', assets: [plcB2] },
        { name: 'Casting extraction robot', assets: [robB1] },
        { name: 'Heat-treatment furnace control', assets: [plcU1] },
        { name: 'Furnace safety system', assets: [sis] },
        { name: 'Operator stations', assets: [hmiB1, hmiB2] },
      ],
    },
  ],
};

write(model, new URL('../models/reference-plant.json', import.meta.url));
