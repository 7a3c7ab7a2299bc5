// Writes models/water-treatment.json: a small municipal water utility (~30 assets) with a treatment
// plant on Modbus/TCP and remote pump stations and a reservoir polled over DNP3 by radio.
// Run: npx tsx scripts/build-water-treatment.ts
import type { PlantModel } from '../src/model/schema';
import { createPlantBuilder } from './plant-builder';

const { zones, assets, connections, trust, zone, asset, conn, trustRel, write } = createPlantBuilder();

const zExt = zone('z-ext', 'Internet and vendors', 5, 1, 0);
const zOffice = zone('z-office', 'Utility office network', 4, 2, 1);
const zDmz = zone('z-dmz', 'SCADA DMZ', 3.5, 3, 1, 'A single firewall with a remote-access box behind it');
const zScada = zone('z-scada', 'SCADA control room', 2, 3, 1);
const zPlant = zone('z-plant', 'Treatment plant control', 1, 3, 1);
const zRemote = zone('z-remote', 'Remote sites (pump stations, reservoir)', 1, 2, 0, 'Polled over licensed radio with DNP3, no authentication');
const zSafety = zone('z-safety', 'Chlorine safety system', 1, 3, 2);
const zField = zone('z-field', 'Process instruments', 0, 2, 0);

const internet = asset('internet', 'Internet', 'internet', zExt);
const integrator = asset('integrator', 'SCADA integrator support', 'supplier', zExt, { description: 'Maintains VTScada screens and PLC logic under contract' });
const fw = asset('fw', 'Utility firewall', 'firewall', zDmz, { product: 'fortigate' });
const ra = asset('ra-ewon', 'Remote-access router (Ewon)', 'remote-access-gateway', zDmz, { product: 'ewon', description: 'Integrator reaches the SCADA network through Talk2M, password only' });
const mail = asset('mail', 'Hosted mail relay', 'email', zOffice);
const billing = asset('billing', 'Customer billing and metering (CIS)', 'erp', zOffice, { product: 'windows-server' });
const dc = asset('dc', 'Utility domain controller', 'domain-controller', zOffice, { product: 'windows-dc' });
const opsWs = asset('ws-ops', 'Operations manager workstation', 'workstation', zOffice, { product: 'windows-ws' });
const clerk1 = asset('ws-clerk1', 'Billing clerk workstation 1', 'workstation', zOffice, { product: 'windows-ws' });
const clerk2 = asset('ws-clerk2', 'Billing clerk workstation 2', 'workstation', zOffice, { product: 'windows-ws' });
const scada = asset('scada', 'SCADA server (VTScada, primary)', 'scada-server', zScada, { product: 'vtscada', patchable: false });
const scada2 = asset('scada-standby', 'SCADA server (VTScada, standby)', 'scada-server', zScada, { product: 'vtscada', patchable: false });
const hist = asset('historian', 'SCADA historian', 'historian', zScada, { product: 'windows-server' });
const hmi1 = asset('hmi-1', 'Control-room operator station 1', 'hmi', zScada, { product: 'windows-ws' });
const hmi2 = asset('hmi-2', 'Control-room operator station 2', 'hmi', zScada, { product: 'windows-ws' });
const ews = asset('ews', 'Engineering laptop dock (PLC programming)', 'ews', zScada, { product: 'ews' });
const radio = asset('radio-master', 'Telemetry radio master', 'router', zScada, { product: 'mds-radio' });
const plcTreat = asset('plc-treat', 'Treatment plant PLC (filters, clarifier)', 'plc', zPlant, { product: 'melsec', patchable: false, cost: 9000 });
const plcChem = asset('plc-chem', 'Chemical dosing PLC/HMI', 'plc', zPlant, { product: 'unitronics-vision', patchable: false, cost: 6000, description: 'Default password left on TCP 20256' });
const sis = asset('sis-cl2', 'Chlorine leak detection and shutdown', 'sis', zSafety, { product: 'tricon', patchable: false, cost: 25000 });
const rtuPs1 = asset('rtu-ps1', 'Pump station 1 RTU', 'rtu', zRemote, { product: 'scadapack', patchable: false });
const rtuPs2 = asset('rtu-ps2', 'Pump station 2 RTU', 'rtu', zRemote, { product: 'scadapack', patchable: false });
const rtuRes = asset('rtu-res', 'Reservoir RTU', 'rtu', zRemote, { product: 'roc800', patchable: false });
const radioPs1 = asset('radio-ps1', 'Pump station 1 radio', 'router', zRemote, { product: 'mds-radio' });
const radioPs2 = asset('radio-ps2', 'Pump station 2 radio', 'router', zRemote, { product: 'mds-radio' });
const radioRes = asset('radio-res', 'Reservoir radio', 'router', zRemote, { product: 'mds-radio' });
const cl2Analyzer = asset('ai-cl2', 'Free-chlorine analyzer', 'sensor', zField);
const turbidity = asset('ai-turb', 'Filtered-water turbidity meter', 'sensor', zField);
const dosingPump = asset('dosing-pump', 'Hypochlorite dosing pump', 'actuator', zField);
const filterValves = asset('filter-valves', 'Filter backwash valves', 'actuator', zField);
const cl2Detector = asset('cl2-gas', 'Chlorine gas detector', 'sensor', zField);
const pump1 = asset('pump-ps1', 'Pump station 1 VFD', 'drive', zField);
const pump2 = asset('pump-ps2', 'Pump station 2 VFD', 'drive', zField);
const level = asset('lt-res', 'Reservoir level transmitter', 'sensor', zField);

conn(internet, mail, 'smtp', 25, 'one-way', { required: true });
conn(integrator, ra, 'vendor-remote', 443, 'one-way', { via: fw, authenticated: true, description: 'Talk2M account, no MFA' });
conn(ra, ews, 'rdp', 3389, 'one-way', { description: 'Integrator lands on the engineering station' });
conn(ra, scada, 'rdp', 3389, 'one-way');
for (const ws of [opsWs, clerk1, clerk2]) {
  conn(ws, mail, 'https', 443, 'one-way', { required: true });
  conn(ws, dc, 'kerberos', 88, 'one-way', { required: true });
  conn(ws, billing, 'https', 443, 'one-way', { required: true });
}
conn(billing, hist, 'mssql', 1433, 'one-way', { via: fw, description: 'Billing pulls meter totals from the SCADA historian' });
conn(opsWs, scada, 'http', 80, 'one-way', { via: fw, description: 'Read-only VTScada thin client for the operations manager' });
conn(hist, dc, 'kerberos', 88, 'one-way', { via: fw, description: 'SCADA hosts joined to the office domain' });
conn(scada, dc, 'kerberos', 88, 'one-way', { via: fw });
conn(scada, hist, 'mssql', 1433, 'one-way');
conn(scada, scada2, 'other', 5780, 'both', { description: 'VTScada redundancy sync' });
for (const h of [hmi1, hmi2]) {
  conn(h, scada, 'http', 80, 'one-way');
  conn(h, scada2, 'http', 80, 'one-way');
}
for (const s of [scada, scada2]) {
  conn(s, plcTreat, 'modbus-tcp', 502, 'one-way', { required: true });
  conn(s, plcChem, 'modbus-tcp', 502, 'one-way', { required: true });
  conn(s, sis, 'modbus-tcp', 502, 'one-way', { description: 'Status read-out of the chlorine system' });
  conn(s, radio, 'dnp3', 20000, 'one-way', { required: true });
}
conn(ews, plcTreat, 'other', 5007, 'one-way', { description: 'GX Works programming' });
conn(ews, plcChem, 'other', 20256, 'one-way', { description: 'VisiLogic programming (PCOM)' });
conn(ews, sis, 'other', 1502, 'one-way', { transport: 'udp', description: 'TriStation programming' });
for (const [r, rtu] of [[radioPs1, rtuPs1], [radioPs2, rtuPs2], [radioRes, rtuRes]] as const) {
  conn(radio, r, 'dnp3', 20000, 'one-way', { transport: 'physical', required: true, description: 'Licensed-band radio link' });
  conn(r, rtu, 'dnp3', 20000, 'one-way', { required: true, description: 'DNP3 polling, unsolicited responses disabled' });
}
conn(ews, rtuPs1, 'dnp3', 20000, 'one-way', { description: 'RTU configuration over the radio network' });
conn(plcTreat, turbidity, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(plcTreat, filterValves, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(plcChem, cl2Analyzer, 'modbus-rtu', undefined, 'both', { transport: 'serial' });
conn(plcChem, dosingPump, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(sis, cl2Detector, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(sis, dosingPump, 'hardwired', undefined, 'both', { transport: 'physical', description: 'Trip: stop dosing, close the gas valve' });
conn(rtuPs1, pump1, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(rtuPs2, pump2, 'hardwired', undefined, 'both', { transport: 'physical' });
conn(rtuRes, level, 'hardwired', undefined, 'both', { transport: 'physical' });

for (const h of [scada, scada2, hist, hmi1, hmi2, ews]) trustRel('domain-membership', dc, h, 'one-way', 'SCADA hosts are members of the office domain');
trustRel('shared-credentials', scada, hmi1, 'both', 'One shared operator account on every control-room machine');
trustRel('shared-credentials', scada, hmi2, 'both', 'One shared operator account on every control-room machine');

const model: PlantModel = {
  $schema: './plant.schema.json',
  schemaVersion: 1,
  plant: {
    id: 'water-lakeside',
    name: 'Lakeside Water Authority — treatment and distribution',
    site: 'Lakeside (12,000 connections)',
    industry: 'Water and wastewater',
    description:
      'A small municipal utility: treatment plant on Modbus/TCP, two pump stations and a reservoir polled over DNP3 by radio, ' +
      'a chlorine safety system, SCADA hosts joined to the office domain, and an integrator with password-only remote access.',
  },
  zones,
  conduits: [
    { id: 'cd-office-scada', name: 'Office ↔ SCADA', zones: [zOffice, zScada], via: [fw], protocols: ['mssql', 'http', 'kerberos'] },
    { id: 'cd-scada-remote', name: 'SCADA ↔ remote sites (radio)', zones: [zScada, zRemote], protocols: ['dnp3'] },
  ],
  assets,
  connections,
  trust,
  media: [{ id: 'm-usb', kind: 'removable-media', name: 'Integrator USB stick', from: [opsWs], to: [ews, hmi1], description: 'Screen and logic updates carried in by hand' }],
  entryPoints: [
    { asset: internet, profile: 'hacktivist', description: 'Phishing of office staff; hacktivists target water utilities' },
    { asset: integrator, profile: 'cybercriminal', description: 'Compromised integrator Talk2M account' },
  ],
  crownJewels: [
    { asset: plcChem, impact: { safety: 'injury', productionLines: ['supply'], downtimeCostPerHour: 4000, description: 'Overdosing hypochlorite endangers consumers' } },
    { asset: sis, impact: { safety: 'fatality', productionLines: ['supply'], description: 'Chlorine release not contained' } },
    { asset: plcTreat, impact: { safety: 'none', productionLines: ['supply'], downtimeCostPerHour: 3000 } },
    { asset: rtuPs1, impact: { safety: 'none', productionLines: ['supply'], downtimeCostPerHour: 1500 } },
    { asset: billing, impact: { dataLoss: 'confidential', downtimeCostPerHour: 800, description: 'Customer and payment data' } },
  ],
  productionLines: [
    {
      id: 'supply', name: 'Potable water supply', revenuePerHour: 2500, downtimeCostPerHour: 6000, restoreHours: 24,
      groups: [
        { name: 'Treatment control', assets: [plcTreat] },
        { name: 'Disinfection', assets: [plcChem] },
        { name: 'Chlorine safety', assets: [sis] },
        { name: 'Distribution pumping (either station)', assets: [rtuPs1, rtuPs2] },
        { name: 'SCADA (redundant pair)', assets: [scada, scada2] },
      ],
    },
  ],
};

write(model, new URL('../models/water-treatment.json', import.meta.url));
