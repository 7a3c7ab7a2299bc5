// SARIF 2.1.0 (OASIS) of a scenario diff, so code-review tools show the plant-change gate's
// findings inline on the change: each new attack path to a crown jewel, each jewel newly reachable
// and the plant risk increase is a result located at the changed model file — at the records the
// finding comes from that the change added or edited (the path's connections, trust relations,
// media paths, assets, zones, entry point and jewel), by JSON pointer, line and column.
import type { PlantContext } from '../analysis/context';
import type { ScenarioDiff } from '../analysis/diff';
import type { ExplainedPath } from '../analysis/explain';
import { connectionView } from '../model/connections';
import { modelChanges, type ModelChange } from './changes';
import { pointerPosition } from './locate';
import { formatEuro, formatShare } from './text';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly index: number };
    readonly region: { readonly startLine: number; readonly startColumn: number };
  };
  readonly logicalLocations: readonly { readonly fullyQualifiedName: string; readonly kind: string }[];
  readonly message: { readonly text: string };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly semanticVersion: string; readonly rules: readonly unknown[] } };
    readonly artifacts: readonly { readonly location: { readonly uri: string }; readonly roles: readonly string[] }[];
    readonly results: readonly SarifResult[];
    readonly properties: Readonly<Record<string, unknown>>;
  }[];
}

interface Rule {
  readonly id: string;
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly level: SarifLevel;
  /** GitHub code scanning's severity of security results (0–10). */
  readonly severity: string;
}

const RULES: readonly Rule[] = [
  {
    id: 'twinpath/plant-risk-increase',
    name: 'PlantRiskIncrease',
    short: 'The change raises the plant risk',
    full: 'Plant risk (Σ over crown jewels of the most likely attack path likelihood × impact) is higher in the changed model than in the base.',
    level: 'warning',
    severity: '7.0',
  },
  {
    id: 'twinpath/jewel-newly-reachable',
    name: 'JewelNewlyReachable',
    short: 'A crown jewel becomes reachable from an entry point',
    full: 'No attack path led from an entry point to this crown jewel in the base model; the changed model opens one.',
    level: 'error',
    severity: '9.0',
  },
  {
    id: 'twinpath/new-attack-path',
    name: 'NewAttackPath',
    short: 'A new attack path to a crown jewel',
    full: 'One of the most likely attack paths from an entry point to a crown jewel in the changed model was not among them in the base model.',
    level: 'warning',
    severity: '5.0',
  },
];

export interface SarifOptions {
  /** The changed model file: its URI as the review tool knows it (repository-relative), its text, and whether it is YAML. */
  readonly changedFile: { readonly uri: string; readonly text: string; readonly yaml: boolean };
  /** The base model file's URI, listed as an artifact. */
  readonly baseUri?: string;
  /** true: the risk increase fails the gate (level error). */
  readonly failOnIncrease?: boolean;
  /** TwinPath's version, for the tool record. */
  readonly toolVersion?: string;
  /** Most locations per result (default 10). */
  readonly maxLocations?: number;
}

/** FNV-1a of a text, hex: a stable fingerprint of a finding across runs. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const CHANGE_WORD = { added: 'added', changed: 'changed', removed: 'removed' } as const;
const COLLECTION_WORD: Readonly<Record<string, string>> = {
  zones: 'zone', conduits: 'conduit', assets: 'asset', connections: 'connection', trust: 'trust relation', media: 'media path',
  entryPoints: 'entry point', crownJewels: 'crown jewel', productionLines: 'production line', plant: 'plant',
};

/** The scenario diff as a SARIF log with one run. */
export function diffSarif(base: PlantContext, changed: PlantContext, diff: ScenarioDiff, options: SarifOptions): SarifLog {
  const max = options.maxLocations ?? 10;
  const changes = modelChanges(base.model, changed.model);
  const key = (collection: string, id: string) => JSON.stringify([collection, id]);
  const byRecord = new Map<string, ModelChange>();
  for (const c of changes) if (c.kind !== 'removed') byRecord.set(key(c.collection, c.id), c);
  const m = changed.model;
  const conns = connectionView(m);
  const sourceId = (kind: string, index: number) => (kind === 'network' ? conns.id(index) : kind === 'trust' ? m.trust![index]!.id : m.media![index]!.id);
  const sourceCollection = { network: 'connections', trust: 'trust', media: 'media' } as const;
  const zoneOf = (asset: string) => m.assets[changed.index.get(asset)!]?.zone;

  /** The added or edited records a path is made of, in path order. */
  const pathChanges = (p: ExplainedPath): ModelChange[] => {
    const found = new Map<string, ModelChange>();
    const note = (collection: string, id: string | undefined) => {
      if (id === undefined) return;
      const c = byRecord.get(key(collection, id));
      if (c) found.set(key(collection, id), c);
    };
    note('entryPoints', p.from);
    p.nodes.forEach((asset, i) => {
      note('assets', asset);
      note('zones', zoneOf(asset));
      const step = p.edges[i];
      if (step) note(sourceCollection[step.source.kind], sourceId(step.source.kind, step.source.index));
    });
    note('crownJewels', p.to);
    return [...found.values()];
  };
  const edits = changes.filter((c) => c.kind !== 'removed');
  const fallback = (edits.length ? edits : changes).slice(0, max);

  const { uri, text, yaml } = options.changedFile;
  const location = (c: ModelChange | undefined): SarifLocation => {
    const pointer = c?.pointer ?? '';
    const at = pointerPosition(text, pointer, yaml);
    const what = c ? `${COLLECTION_WORD[c.collection] ?? c.collection} ${JSON.stringify(c.id)} ${CHANGE_WORD[c.kind]}${c.fields.length ? ` (${c.fields.join(', ')})` : ''}` : 'the changed model';
    return {
      physicalLocation: { artifactLocation: { uri, index: 0 }, region: { startLine: at.line, startColumn: at.column } },
      logicalLocations: [{ fullyQualifiedName: pointer === '' ? '/' : pointer, kind: 'member' }],
      message: { text: what },
    };
  };
  const locations = (cs: readonly ModelChange[]) => (cs.length ? cs.slice(0, max).map(location) : fallback.length ? fallback.map(location) : [location(undefined)]);
  const name = (id: string) => changed.names[changed.index.get(id)!] ?? base.names[base.index.get(id)!] ?? id;
  const route = (p: ExplainedPath) => p.nodes.map(name).join(' → ');

  const results: SarifResult[] = [];
  const result = (rule: number, level: SarifLevel, message: string, cs: readonly ModelChange[], id: string, properties: Record<string, unknown>) =>
    results.push({
      ruleId: RULES[rule]!.id,
      ruleIndex: rule,
      level,
      message: { text: message },
      locations: locations(cs),
      partialFingerprints: { 'twinpathFinding/v1': fingerprint(`${RULES[rule]!.id}\u0000${id}`) },
      properties: { ...properties, jsonPointers: (cs.length ? cs : fallback).slice(0, max).map((c) => c.pointer) },
    });

  const newPathChanges = diff.newPaths.map(pathChanges);
  const bestNew = new Map<string, number>();
  diff.newPaths.forEach((p, i) => {
    if (!bestNew.has(p.to)) bestNew.set(p.to, i);
  });
  const increase = diff.risk.delta > 1e-9 * Math.max(1, diff.risk.base);
  if (increase) {
    const cs = [...new Map(newPathChanges.flat().map((c) => [key(c.collection, c.id), c])).values()];
    result(
      0,
      options.failOnIncrease ? 'error' : 'warning',
      `Plant risk rises by ${formatEuro(diff.risk.delta)} (${formatEuro(diff.risk.base)} → ${formatEuro(diff.risk.changed)})` +
        `${diff.newlyReachable.length ? `; newly reachable: ${diff.newlyReachable.map(name).join(', ')}` : ''}.`,
      cs,
      'plant',
      { riskBase: diff.risk.base, riskChanged: diff.risk.changed, riskDelta: diff.risk.delta },
    );
  }
  for (const jewel of diff.newlyReachable) {
    const i = bestNew.get(jewel);
    const p = i !== undefined ? diff.newPaths[i] : undefined;
    const j = diff.jewels.find((x) => x.asset === jewel);
    result(
      1,
      'error',
      `Crown jewel ${name(jewel)} (${jewel}) is newly reachable${p ? `: ${route(p)} (likelihood ${formatShare(p.likelihood)})` : ''}${j ? `; its risk rises by ${formatEuro(j.changedRisk - j.baseRisk)}` : ''}.`,
      i !== undefined ? newPathChanges[i]! : [],
      jewel,
      { jewel, ...(p ? { path: p.nodes, likelihood: p.likelihood } : {}) },
    );
  }
  diff.newPaths.forEach((p, i) => {
    result(
      2,
      'warning',
      `New attack path to crown jewel ${name(p.to)} (likelihood ${formatShare(p.likelihood)}, ${p.edges.length} steps): ${route(p)}; ` +
        `techniques ${[...new Set(p.edges.map((e) => e.technique))].join(', ')}.`,
      newPathChanges[i]!,
      p.nodes.join('\u0000'),
      { path: p.nodes, likelihood: p.likelihood, steps: p.edges.map((e) => ({ from: e.from, to: e.to, technique: e.technique, rule: e.rule, likelihood: e.likelihood })) },
    );
  });

  const version = options.toolVersion ?? '0.0.0';
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'TwinPath',
            version,
            semanticVersion: version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              defaultConfiguration: { level: r.level },
              help: { text: `${r.full} Run \`twinpath diff <base> <changed>\` to see every path with its steps.` },
              properties: { tags: ['security', 'ics', 'attack-path'], precision: 'high', 'security-severity': r.severity },
            })),
          },
        },
        artifacts: [{ location: { uri }, roles: ['analysisTarget'] }, ...(options.baseUri !== undefined ? [{ location: { uri: options.baseUri }, roles: ['referencedOnCommandLine'] }] : [])],
        results,
        properties: { risk: diff.risk, newlyReachable: diff.newlyReachable, noLongerReachable: diff.noLongerReachable, changes: changes.length },
      },
    ],
  };
}
