// The MITRE ATT&CK for ICS techniques that TwinPath's attack-edge rules use, with names and
// tactics from ATT&CK for ICS v18.1 (STIX bundle ics-attack.json).
// © The MITRE Corporation. This work is reproduced and distributed with the permission of The
// MITRE Corporation (licenses/mitre-attack-stix-data_LICENSE.txt).

export interface Technique {
  readonly id: string;
  readonly name: string;
  readonly tactics: readonly string[];
}

export const TECHNIQUES = {
  T0819: { id: 'T0819', name: 'Exploit Public-Facing Application', tactics: ['initial-access'] },
  T0822: { id: 'T0822', name: 'External Remote Services', tactics: ['initial-access'] },
  T0817: { id: 'T0817', name: 'Drive-by Compromise', tactics: ['initial-access'] },
  T0843: { id: 'T0843', name: 'Program Download', tactics: ['lateral-movement'] },
  T0847: { id: 'T0847', name: 'Replication Through Removable Media', tactics: ['initial-access'] },
  T0855: { id: 'T0855', name: 'Unauthorized Command Message', tactics: ['impair-process-control'] },
  T0859: { id: 'T0859', name: 'Valid Accounts', tactics: ['persistence', 'lateral-movement'] },
  T0864: { id: 'T0864', name: 'Transient Cyber Asset', tactics: ['initial-access'] },
  T0865: { id: 'T0865', name: 'Spearphishing Attachment', tactics: ['initial-access'] },
  T0866: { id: 'T0866', name: 'Exploitation of Remote Services', tactics: ['initial-access', 'lateral-movement'] },
  T0886: { id: 'T0886', name: 'Remote Services', tactics: ['initial-access', 'lateral-movement'] },
  T0863: { id: 'T0863', name: 'User Execution', tactics: ['execution'] },
  T0867: { id: 'T0867', name: 'Lateral Tool Transfer', tactics: ['lateral-movement'] },
  T0862: { id: 'T0862', name: 'Supply Chain Compromise', tactics: ['initial-access'] },
  T0812: { id: 'T0812', name: 'Default Credentials', tactics: ['lateral-movement'] },
  T0860: { id: 'T0860', name: 'Wireless Compromise', tactics: ['initial-access'] },
  T0848: { id: 'T0848', name: 'Rogue Master', tactics: ['initial-access'] },
  T0831: { id: 'T0831', name: 'Manipulation of Control', tactics: ['impact'] },
} as const satisfies Record<string, Technique>;

export type TechniqueId = keyof typeof TECHNIQUES;
