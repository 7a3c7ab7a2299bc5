// Real products and their published vulnerabilities, used by the sample plants and the generator.
// CVE, CVSS and advisory ids from the CISA ICS advisories (ICS Advisory Project, ODbL 1.0) and the
// CISA Known Exploited Vulnerabilities catalog (CC0 1.0); see NOTICE.md. CVSS is the advisory's
// cumulative score; for KEV-only entries it is the vendor's or NVD's published v3 base score.
import type { AssetKind, Service, Vulnerability } from './schema';

/** Published vulnerabilities by product key. */
export const PRODUCT_VULNERABILITIES = {
  'siemens-s7-1500': [
    {cve: "CVE-2022-38465", cvss: 9.3, kev: false, source: "ICSA-22-286-04", description: "Global private key extractable from CPU; enables PG/HMI comms decrypt, spoofing, MitM"},
    {cve: "CVE-2020-15782", cvss: 8.1, kev: false, source: "ICSA-21-152-01", description: "Network attacker on TCP/102 bypasses memory protection to write code into protected areas"},
    {cve: "CVE-2023-44487", cvss: 8.7, kev: true, source: "ICSA-25-162-05", description: "HTTP/2 Rapid Reset remote DoS (KEV) in third-party components of the CPU family"},
  ],
  'siemens-s7-1200': [
    {cve: "CVE-2022-38465", cvss: 9.3, kev: false, source: "ICSA-22-286-04", description: "Global private key extractable from CPU; enables PG/HMI comms decrypt, spoofing, MitM"},
    {cve: "CVE-2020-15782", cvss: 8.1, kev: false, source: "ICSA-21-152-01", description: "Network attacker on TCP/102 bypasses memory protection to write code into protected areas"},
    {cve: "CVE-2021-37172", cvss: 8.1, kev: false, source: "ICSA-21-222-09", description: "CPUs provisioned with TIA Portal V13 skip password check; arbitrary program download"},
  ],
  'siemens-s7-300-400': [
    {cve: "CVE-2018-16556", cvss: 8.2, kev: false, source: "ICSA-18-317-02", description: "Crafted packets to TCP/102 (or PROFIBUS/MPI) put S7-400 CPU into defect mode (DoS)"},
    {cve: "CVE-2016-9159", cvss: 7.5, kev: false, source: "ICSA-16-348-05", description: "Attacker with access to TCP/102 can obtain PLC credentials (protection level 2)"},
    {cve: "CVE-2019-18336", cvss: 7.5, kev: false, source: "ICSA-20-070-02", description: "Crafted PROFINET packets cause denial of service of S7-300 CPUs"},
  ],
  'siemens-wincc': [
    {cve: "CVE-2010-2568", cvss: 8.1, kev: true, source: "ICSA-10-238-01B", description: "Windows .LNK shortcut RCE used by Stuxnet to infect WinCC/STEP 7 hosts"},
    {cve: "CVE-2010-2772", cvss: 10.0, kev: false, source: "ICSA-12-205-01", description: "Hard-coded WinCC SQL Server password (abused by Stuxnet) gives DB access"},
    {cve: "CVE-2022-33139", cvss: 9.8, kev: false, source: "ICSA-22-172-06", description: "WinCC OA client-side-only auth: attackers impersonate users without authenticating"},
  ],
  'siemens-tia-portal': [
    {cve: "CVE-2010-2568", cvss: 8.1, kev: true, source: "ICSA-10-238-01B", description: "Windows .LNK shortcut RCE used by Stuxnet to infect WinCC/STEP 7 hosts"},
    {cve: "CVE-2024-33698", cvss: 9.3, kev: false, source: "ICSA-24-256-03", description: "Heap overflow in integrated UMC component: unauthenticated remote code execution"},
    {cve: "CVE-2023-25910", cvss: 9.9, kev: false, source: "ICSA-23-166-08", description: "Embedded DB functions let low-priv network users run code with elevated DB privileges"},
  ],
  'siemens-scalance': [
    {cve: "CVE-2013-5944", cvss: 10.0, kev: false, source: "ICSA-13-274-01", description: "X-200 web server fails to enforce auth: remote admin actions on management interface"},
    {cve: "CVE-2020-15799", cvss: 9.8, kev: false, source: "ICSA-21-012-05", description: "Unauthenticated attacker can reboot X-200 switches via special web server URLs (DoS)"},
    {cve: "CVE-2022-2586", cvss: 9.8, kev: true, source: "ICSA-24-046-11", description: "Linux kernel nft use-after-free: local privilege escalation (KEV)"},
  ],
  'siemens-sinamics': [
    {cve: "CVE-2013-6920", cvss: 10.0, kev: false, source: "ICSA-13-338-01", description: "SINAMICS S/G FTP and Telnet require no authentication (ports 21/23)"},
    {cve: "CVE-2024-56336", cvss: 9.5, kev: false, source: "ICSA-25-072-05", description: "Unlocked bootloader allows malicious code injection / untrusted firmware install"},
    {cve: "CVE-2019-6568", cvss: 7.5, kev: false, source: "ICSA-19-227-04", description: "Crafted network packets cause denial of service of the drive's communication"},
  ],
  'rockwell-controllogix': [
    {cve: "CVE-2021-22681", cvss: 10.0, kev: false, source: "ICSA-21-056-03", description: "Discoverable Logix key lets unauthenticated attacker bypass verification and control PLC"},
    {cve: "CVE-2022-1161", cvss: 10.0, kev: false, source: "ICSA-22-090-05", description: "Attacker can run modified code on controller while project shows original code"},
    {cve: "CVE-2023-3595", cvss: 9.8, kev: false, source: "ICSA-23-193-01", description: "Crafted CIP messages give unauthenticated RCE on 1756-EN2*/EN3*/EN4* comm modules"},
  ],
  'rockwell-factorytalk-view': [
    {cve: "CVE-2023-2071", cvss: 9.8, kev: false, source: "ICSA-23-264-06", description: "FT View ME on PanelView Plus: crafted CIP packets give unauthenticated remote code exec"},
    {cve: "CVE-2024-45824", cvss: 9.2, kev: false, source: "ICSA-24-256-23", description: "FactoryTalk View SE command injection + path traversal: unauthenticated RCE"},
  ],
  'rockwell-powerflex': [
    {cve: "CVE-2025-0631", cvss: 8.7, kev: false, source: "ICSA-25-056-01", description: "PowerFlex 755 web UI sends credentials over cleartext HTTP (sniffable)"},
    {cve: "CVE-2024-2427", cvss: 8.7, kev: false, source: "ICSA-24-086-02", description: "Repeated packets crash PowerFlex 527 (improper throttling); manual restart needed"},
    {cve: "CVE-2018-19282", cvss: 7.5, kev: false, source: "ICSA-19-087-01", description: "Remote attacker crashes CIP stack of PowerFlex 525 so new connections are refused"},
  ],
  'schneider-modicon-m580': [
    {cve: "CVE-2021-22779", cvss: 9.8, kev: false, source: "ICSA-21-194-02", description: "Modbus/UMAS auth bypass by spoofing: read/write access to M340/M580 controller"},
    {cve: "CVE-2022-45789", cvss: 8.1, kev: false, source: "ICSA-23-227-01", description: "Capture-replay hijack of authenticated Modbus session runs unauthorized functions"},
    {cve: "CVE-2024-11425", cvss: 8.7, kev: false, source: "ICSA-25-035-04", description: "Unauthenticated crafted HTTPS packet to web server causes M580 denial of service"},
  ],
  'schneider-triconex': [
    {cve: "CVE-2018-7522", cvss: 9.0, kev: false, source: "ICSA-18-107-02", description: "Tricon MP3008 fw 10.0-10.4: overwrite stored registers for supervisor access (TRITON)"},
    {cve: "CVE-2018-8872", cvss: 9.0, kev: false, source: "ICSA-18-107-02", description: "Tricon MP3008 system calls read unverified addresses: attacker data copied anywhere"},
    {cve: "CVE-2020-7491", cvss: 10.0, kev: false, source: "ICSA-20-205-01", description: "Legacy debug port on Tricon Communication Module gives root-level access"},
  ],
  'aveva-pi': [
    {cve: "CVE-2023-34348", cvss: 9.8, kev: false, source: "ICSA-24-018-01", description: "Unauthenticated remote crash of PI Message Subsystem on PI Server (DoS)"},
    {cve: "CVE-2017-7930", cvss: 8.9, kev: false, source: "ICSA-17-164-02", description: "PI Data Archive protocol flaws expose change records and allow server spoofing"},
    {cve: "CVE-2024-3468", cvss: 8.4, kev: false, source: "ICSA-24-163-02", description: "PI Web API deserialization: code exec when user imports attacker-supplied XML"},
  ],
  'aveva-wonderware-or-intouch': [
    {cve: "CVE-2018-10628", cvss: 9.8, kev: false, source: "ICSA-18-200-02", description: "Unauthenticated crafted packet overflows InTouch buffer: remote code execution"},
    {cve: "CVE-2022-23854", cvss: 9.8, kev: false, source: "ICSA-22-342-02", description: "InTouch Access Anywhere Secure Gateway path traversal: unauthenticated file read"},
    {cve: "CVE-2021-33008", cvss: 8.8, kev: false, source: "ICSA-21-180-05", description: "System Platform missing authentication for critical function (network)"},
  ],
  'moxa-nport': [
    {cve: "CVE-2021-32974", cvss: 9.8, kev: false, source: "ICSA-21-187-01", description: "NPort IAW5000A-I/O web server input validation flaw: remote command execution"},
    {cve: "CVE-2016-9363", cvss: 7.8, kev: false, source: "ICSA-16-336-02A", description: "NPort buffer overflow may allow unauthenticated remote code execution"},
    {cve: "CVE-2022-2044", cvss: 8.2, kev: false, source: "ICSA-22-207-04", description: "NPort 5110 out-of-bounds write: remote DoS, can brick the device"},
  ],
  'moxa-edr': [
    {cve: "CVE-2020-14511", cvss: 9.8, kev: false, source: "ICSA-20-196-02", description: "Stack overflow in EDR-G902/G903 web server: unauthenticated remote code execution"},
  ],
  'kuka-kr-c4': [
    {cve: "CVE-2021-33014", cvss: 9.8, kev: false, source: "ICSA-21-208-01", description: "Hard-coded credentials give VxWorks shell on KUKA KR C4 robot controller"},
  ],
  'hms-ewon': [
    {cve: "CVE-2020-14498", cvss: 9.6, kev: false, source: "ICSA-20-210-03", description: "eCatcher (Talk2M VPN client) stack overflow: remote code exec via crafted content"},
    {cve: "CVE-2024-7755", cvss: 7.1, kev: false, source: "ICSA-24-291-04", description: "Ewon Flexy 202 sends credentials base64-encoded; network sniffing reveals them"},
  ],
  'secomea-gatemanager': [
    {cve: "CVE-2020-14500", cvss: 10.0, kev: false, source: "ICSA-20-210-01", description: "GateManager mishandles negative values/NUL bytes: unauth arbitrary data overwrite"},
    {cve: "CVE-2020-14508", cvss: 10.0, kev: false, source: "ICSA-20-210-01", description: "GateManager off-by-one error: remote code execution or denial of service"},
  ],
  'fortinet-fortios-sslvpn': [
    {cve: "CVE-2018-13379", cvss: 9.8, kev: true, source: "CISA KEV", description: "FortiOS SSL VPN path traversal: unauthenticated download of system files/credentials"},
    {cve: "CVE-2022-42475", cvss: 9.8, kev: true, source: "CISA KEV", description: "FortiOS SSL-VPN heap overflow: unauthenticated remote code execution"},
    {cve: "CVE-2020-12812", cvss: 9.8, kev: true, source: "CISA KEV", description: "FortiOS SSL VPN improper auth: login without 2FA by changing username case"},
  ],
  'ivanti-connect-secure': [
    {cve: "CVE-2019-11510", cvss: 10.0, kev: true, source: "CISA KEV", description: "Pulse Connect Secure arbitrary file read: unauthenticated theft of creds/sessions"},
    {cve: "CVE-2024-21887", cvss: 9.1, kev: true, source: "CISA KEV", description: "Connect Secure web component command injection (chained with CVE-2023-46805 for RCE)"},
    {cve: "CVE-2023-46805", cvss: 8.2, kev: true, source: "CISA KEV", description: "Connect Secure web component authentication bypass"},
  ],
  'citrix-adc': [
    {cve: "CVE-2019-19781", cvss: 9.8, kev: true, source: "CISA KEV", description: "Citrix ADC/Gateway path traversal: unauthenticated remote code execution"},
    {cve: "CVE-2023-3519", cvss: 9.8, kev: true, source: "CISA KEV", description: "NetScaler ADC/Gateway code injection: unauthenticated remote code execution"},
    {cve: "CVE-2023-4966", cvss: 9.4, kev: true, source: "CISA KEV", description: "'Citrix Bleed' buffer overflow leaks session tokens; session hijack"},
  ],
  'windows-rdp': [
    {cve: "CVE-2019-0708", cvss: 9.8, kev: true, source: "CISA KEV", description: "BlueKeep: pre-auth wormable RCE in Remote Desktop Services"},
  ],
  'windows-smb': [
    {cve: "CVE-2017-0144", cvss: 8.1, kev: true, source: "CISA KEV", description: "EternalBlue: SMBv1 server RCE via crafted packets (WannaCry/NotPetya)"},
  ],
  'windows-netlogon': [
    {cve: "CVE-2020-1472", cvss: 10.0, kev: true, source: "CISA KEV", description: "Zerologon: Netlogon crypto flaw lets unauthenticated attacker become domain admin"},
  ],
  'windows-print-spooler': [
    {cve: "CVE-2021-34527", cvss: 8.8, kev: true, source: "CISA KEV", description: "PrintNightmare: Print Spooler RCE as SYSTEM by authenticated user"},
    {cve: "CVE-2021-1675", cvss: 7.8, kev: true, source: "CISA KEV", description: "Print Spooler flaw (original PrintNightmare PoC) allowing RCE/privilege escalation"},
  ],
  'microsoft-exchange': [
    {cve: "CVE-2021-26855", cvss: 9.8, kev: true, source: "CISA KEV", description: "ProxyLogon SSRF: unauthenticated auth bypass to Exchange (chains to RCE)"},
    {cve: "CVE-2021-27065", cvss: 7.8, kev: true, source: "CISA KEV", description: "ProxyLogon post-auth arbitrary file write, webshell drop after CVE-2021-26855"},
    {cve: "CVE-2021-34473", cvss: 9.8, kev: true, source: "CISA KEV", description: "ProxyShell pre-auth path confusion: unauthenticated RCE chain on Exchange"},
  ],
  'sap-netweaver': [
    {cve: "CVE-2020-6287", cvss: 10.0, kev: true, source: "CISA KEV", description: "RECON: missing auth in NetWeaver AS Java LM Configuration Wizard: create admin user"},
    {cve: "CVE-2025-31324", cvss: 10.0, kev: true, source: "CISA KEV", description: "Visual Composer Metadata Uploader unrestricted upload: unauthenticated RCE"},
  ],
  'inductive-automation-ignition': [
    {cve: "CVE-2020-10644", cvss: 9.8, kev: false, source: "ICSA-20-147-01", description: "Gateway deserializes untrusted data (used in public unauthenticated RCE chain)"},
    {cve: "CVE-2020-12004", cvss: 9.8, kev: false, source: "ICSA-20-147-01", description: "Gateway lacks authentication to query the server: sensitive info disclosure"},
    {cve: "CVE-2020-10641", cvss: 9.1, kev: false, source: "ICSA-20-112-01", description: "Unprotected logging route: unauthenticated log flood fills disk (DoS)"},
  ],
  'unitronics-vision': [
    {cve: "CVE-2023-6448", cvss: 9.8, kev: true, source: "ICSA-23-348-15", description: "Insecure default password (TCP 20256) lets remote attackers take over PLC/HMI"},
    {cve: "CVE-2024-1480", cvss: 8.7, kev: false, source: "ICSA-24-109-01", description: "Vision Standard: Information Mode password retrievable without authentication"},
  ],
  'scadapack': [
    {cve: "CVE-2026-0667", cvss: 9.8, kev: false, source: "ICSA-26-076-02", description: "Improper exception check over Modbus TCP: code exec, DoS, confidentiality/integrity loss"},
    {cve: "CVE-2024-12703", cvss: 7.8, kev: false, source: "ICSA-25-028-06", description: "RemoteConnect/x70 Utilities deserialization: code exec when user opens malicious project"},
  ],
  'emerson-roc800': [
    {cve: "CVE-2023-1935", cvss: 9.4, kev: false, source: "ICSA-23-206-03", description: "ROC800-Series RTU authentication bypass: unauthorized data access/control, DoS"},
    {cve: "CVE-2013-0692", cvss: 9.8, kev: false, source: "ICSA-13-259-01B", description: "ROC800/DL8000 OSE kernel debug service allows remote code execution"},
  ],
  'mitsubishi-melsec': [
    {cve: "CVE-2023-1424", cvss: 10.0, kev: false, source: "ICSA-23-143-03", description: "MELSEC iQ-F/iQ-R CPU buffer overflow: unauthenticated remote code exec or DoS"},
    {cve: "CVE-2020-5594", cvss: 10.0, kev: false, source: "ICSA-20-175-01", description: "Cleartext exchange between MELSEC CPUs and GX Works2/3 exposes sensitive info"},
    {cve: "CVE-2021-20599", cvss: 9.1, kev: false, source: "ICSA-21-287-03", description: "iQ-R Safety/SIL2 CPU cleartext creds: unauthenticated attacker can log in"},
  ],
  'vtscada': [
    {cve: "CVE-2016-4523", cvss: 8.6, kev: true, source: "ICSA-16-159-01", description: "VTScada WAP interface lets remote attackers cause denial of service (KEV)"},
    {cve: "CVE-2016-4532", cvss: 8.6, kev: false, source: "ICSA-16-159-01", description: "VTScada WAP interface directory traversal: remote arbitrary file read"},
  ],
  'ge-mds-radios': [
    {cve: "CVE-2017-17562", cvss: 10.0, kev: true, source: "ICSA-22-090-06", description: "Embedded GoAhead web server CGI flaw: remote code execution (KEV)"},
  ],
} satisfies Record<string, Vulnerability[]>;

export type ProductKey = keyof typeof PRODUCT_VULNERABILITIES;

/** A product as it appears on an asset: vendor, product, services, and its known vulnerabilities. */
export interface ProductProfile {
  readonly key: string;
  readonly vendor: string;
  readonly product: string;
  readonly firmware?: string;
  readonly os?: string;
  readonly services: readonly Service[];
  readonly vulnerabilities: readonly Vulnerability[];
}

function profile(key: string, vendor: string, product: string, services: Service[], vulnKeys: ProductKey[], extra: { firmware?: string; os?: string } = {}): ProductProfile {
  return { key, vendor, product, ...extra, services, vulnerabilities: vulnKeys.flatMap((k) => PRODUCT_VULNERABILITIES[k]) };
}

const WINDOWS_HOST: ProductKey[] = ['windows-rdp', 'windows-smb', 'windows-print-spooler'];

/** Product profiles by product key, for sample plants written by hand. */
export const PRODUCTS = {
  's7-1500': profile('s7-1500', 'Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', [{ protocol: 's7comm-plus', port: 102, transport: 'tcp' }, { protocol: 'profinet', transport: 'l2' }, { protocol: 'https', port: 443 }], ['siemens-s7-1500'], { firmware: 'V2.8.3' }),
  's7-1200': profile('s7-1200', 'Siemens', 'SIMATIC S7-1200 CPU 1215C', [{ protocol: 's7comm-plus', port: 102, transport: 'tcp' }, { protocol: 'profinet', transport: 'l2' }], ['siemens-s7-1200'], { firmware: 'V4.4' }),
  's7-400': profile('s7-400', 'Siemens', 'SIMATIC S7-400 CPU 416-3', [{ protocol: 's7comm', port: 102, transport: 'tcp', authenticated: false }], ['siemens-s7-300-400'], { firmware: 'V6.0.6' }),
  controllogix: profile('controllogix', 'Rockwell Automation', 'ControlLogix 5580 with 1756-EN2T', [{ protocol: 'enip-cip', port: 44818, transport: 'tcp', authenticated: false }], ['rockwell-controllogix'], { firmware: '32.011' }),
  m580: profile('m580', 'Schneider Electric', 'Modicon M580 BMEP58', [{ protocol: 'modbus-tcp', port: 502, transport: 'tcp', authenticated: false }, { protocol: 'https', port: 443 }], ['schneider-modicon-m580'], { firmware: 'SV3.20' }),
  tricon: profile('tricon', 'Schneider Electric', 'Triconex Tricon MP3008', [{ protocol: 'other', port: 1502, transport: 'udp' }], ['schneider-triconex'], { firmware: '10.3' }),
  'kr-c4': profile('kr-c4', 'KUKA', 'KR C4 robot controller', [{ protocol: 'enip-cip', port: 44818 }], ['kuka-kr-c4'], { firmware: 'KSS 8.6' }),
  sinamics: profile('sinamics', 'Siemens', 'SINAMICS S120 drive', [{ protocol: 'profinet', transport: 'l2' }, { protocol: 'ftp', port: 21 }, { protocol: 'telnet', port: 23 }], ['siemens-sinamics'], { firmware: 'V4.7' }),
  powerflex: profile('powerflex', 'Rockwell Automation', 'PowerFlex 755 drive', [{ protocol: 'enip-cip', port: 44818 }, { protocol: 'http', port: 80 }], ['rockwell-powerflex']),
  'moxa-nport': profile('moxa-nport', 'Moxa', 'NPort 5110 serial device server', [{ protocol: 'http', port: 80 }, { protocol: 'telnet', port: 23 }], ['moxa-nport']),
  'moxa-edr': profile('moxa-edr', 'Moxa', 'EDR-G903 industrial secure router', [{ protocol: 'https', port: 443 }], ['moxa-edr']),
  scalance: profile('scalance', 'Siemens', 'SCALANCE XC-200 managed switch', [{ protocol: 'http', port: 80 }, { protocol: 'snmp', port: 161, transport: 'udp' }], ['siemens-scalance']),
  'wincc-hmi': profile('wincc-hmi', 'Siemens', 'SIMATIC WinCC V7.5 runtime', [{ protocol: 'rdp', port: 3389 }, { protocol: 'smb', port: 445 }, { protocol: 'opc-ua', port: 4840 }], ['siemens-wincc', ...WINDOWS_HOST], { os: 'Windows 7 SP1' }),
  'ftview-hmi': profile('ftview-hmi', 'Rockwell Automation', 'FactoryTalk View SE client', [{ protocol: 'rdp', port: 3389 }, { protocol: 'smb', port: 445 }], ['rockwell-factorytalk-view', 'windows-rdp'], { os: 'Windows 10 LTSC 2016' }),
  ews: profile('ews', 'Siemens', 'TIA Portal V16 / STEP 7 engineering station', [{ protocol: 'rdp', port: 3389 }, { protocol: 'smb', port: 445 }], ['siemens-tia-portal', ...WINDOWS_HOST], { os: 'Windows 10 1809' }),
  ignition: profile('ignition', 'Inductive Automation', 'Ignition Gateway 8.0', [{ protocol: 'https', port: 8043 }, { protocol: 'opc-ua', port: 62541 }], ['inductive-automation-ignition'], { os: 'Windows Server 2016' }),
  intouch: profile('intouch', 'AVEVA', 'InTouch HMI 2017', [{ protocol: 'rdp', port: 3389 }, { protocol: 'smb', port: 445 }], ['aveva-wonderware-or-intouch', 'windows-smb'], { os: 'Windows Server 2012 R2' }),
  'pi-server': profile('pi-server', 'AVEVA', 'PI Server 2018 (PI Data Archive)', [{ protocol: 'historian-api', port: 5450 }, { protocol: 'https', port: 443 }, { protocol: 'rdp', port: 3389 }], ['aveva-pi', 'windows-rdp'], { os: 'Windows Server 2016' }),
  'windows-server': profile('windows-server', 'Microsoft', 'Windows Server 2012 R2', [{ protocol: 'rdp', port: 3389 }, { protocol: 'smb', port: 445 }], WINDOWS_HOST, { os: 'Windows Server 2012 R2' }),
  'windows-dc': profile('windows-dc', 'Microsoft', 'Active Directory domain controller', [{ protocol: 'kerberos', port: 88 }, { protocol: 'ldap', port: 389 }, { protocol: 'smb', port: 445 }], ['windows-netlogon', 'windows-print-spooler'], { os: 'Windows Server 2016' }),
  'windows-ws': profile('windows-ws', 'Microsoft', 'Windows 10 Enterprise workstation', [{ protocol: 'smb', port: 445 }, { protocol: 'rdp', port: 3389 }], ['windows-print-spooler'], { os: 'Windows 10 21H2' }),
  exchange: profile('exchange', 'Microsoft', 'Exchange Server 2016', [{ protocol: 'smtp', port: 25 }, { protocol: 'https', port: 443 }], ['microsoft-exchange'], { os: 'Windows Server 2016' }),
  'sap-erp': profile('sap-erp', 'SAP', 'SAP ERP on NetWeaver AS Java 7.5', [{ protocol: 'https', port: 443 }], ['sap-netweaver'], { os: 'SUSE Linux Enterprise 12' }),
  fortigate: profile('fortigate', 'Fortinet', 'FortiGate 100F (FortiOS SSL VPN)', [{ protocol: 'tls-vpn', port: 443 }], ['fortinet-fortios-sslvpn'], { firmware: 'FortiOS 6.0.4' }),
  'ivanti-vpn': profile('ivanti-vpn', 'Ivanti', 'Connect Secure (Pulse Secure) VPN', [{ protocol: 'tls-vpn', port: 443 }], ['ivanti-connect-secure'], { firmware: '9.1R1' }),
  'citrix-gw': profile('citrix-gw', 'Citrix', 'NetScaler ADC / Gateway', [{ protocol: 'https', port: 443 }], ['citrix-adc'], { firmware: '13.0-47.22' }),
  ewon: profile('ewon', 'HMS Networks', 'Ewon Flexy 202 (Talk2M)', [{ protocol: 'vendor-remote', port: 443 }], ['hms-ewon']),
  gatemanager: profile('gatemanager', 'Secomea', 'GateManager 8250', [{ protocol: 'vendor-remote', port: 443 }], ['secomea-gatemanager']),
  'unitronics-vision': profile('unitronics-vision', 'Unitronics', 'Vision V570 PLC/HMI', [{ protocol: 'other', port: 20256, authenticated: false }, { protocol: 'modbus-tcp', port: 502 }], ['unitronics-vision']),
  scadapack: profile('scadapack', 'Schneider Electric', 'SCADAPack 470 RTU', [{ protocol: 'dnp3', port: 20000 }, { protocol: 'modbus-tcp', port: 502 }], ['scadapack']),
  roc800: profile('roc800', 'Emerson', 'ROC800 RTU', [{ protocol: 'dnp3', port: 20000 }], ['emerson-roc800']),
  melsec: profile('melsec', 'Mitsubishi Electric', 'MELSEC iQ-R CPU', [{ protocol: 'other', port: 5007 }], ['mitsubishi-melsec']),
  vtscada: profile('vtscada', 'Trihedral', 'VTScada 11.2', [{ protocol: 'http', port: 80 }, { protocol: 'dnp3', port: 20000 }], ['vtscada', 'windows-rdp'], { os: 'Windows Server 2012 R2' }),
  'mds-radio': profile('mds-radio', 'GE', 'MDS iNET-II radio', [{ protocol: 'http', port: 80 }], ['ge-mds-radios']),
} satisfies Record<string, ProductProfile>;

export type ProductName = keyof typeof PRODUCTS;

const BY_KIND: Partial<Record<AssetKind, ProductName[]>> = {
  plc: ['s7-1500', 's7-1500', 'controllogix', 'm580', 's7-400', 's7-1200'],
  sis: ['tricon'],
  robot: ['kr-c4'],
  drive: ['sinamics', 'powerflex'],
  hmi: ['wincc-hmi', 'ftview-hmi', 'intouch'],
  ews: ['ews'],
  'scada-server': ['ignition', 'wincc-hmi'],
  'opc-server': ['ignition'],
  historian: ['pi-server'],
  mes: ['windows-server'],
  'patch-server': ['windows-server'],
  'domain-controller': ['windows-dc'],
  'jump-host': ['windows-server'],
  'remote-access-gateway': ['fortigate', 'ivanti-vpn', 'ewon', 'gatemanager'],
  firewall: ['fortigate'],
  switch: ['scalance'],
  router: ['moxa-edr'],
  'protocol-gateway': ['moxa-nport'],
  workstation: ['windows-ws'],
  laptop: ['windows-ws'],
  server: ['windows-server'],
  erp: ['sap-erp'],
  email: ['exchange'],
};

/** Products that plausibly fill an asset of this kind (empty where none is modeled). */
export function productsFor(kind: AssetKind): readonly ProductProfile[] {
  return (BY_KIND[kind] ?? []).map((k) => PRODUCTS[k]);
}
