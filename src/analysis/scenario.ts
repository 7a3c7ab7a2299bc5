// What-if scenarios: named lists of edits applied in order to a baseline model. The edits are the
// remediation actions (remove or restrict a connection, patch a CVE, add a control, isolate media,
// remove a trust) plus architecture changes (add a connection, an asset, a trust relation or a
// media path; move an asset to another zone; close a conduit; set a record's likelihood) and the
// analyst's reading of the plant (mark or unmark an entry point or a crown jewel). Edits travel as
// edits: the analysis session checks each one *as an edit* against the model as it stands when the
// edit applies (its own fields, the record it adds or changes, the ids it names) — never the whole
// changed model again.
import { connectionView } from '../model/connections';
import { formatPath, showValue, type ModelError } from '../model/errors';
import { validateModel } from '../model/parse';
import {
  CONTROL_KINDS, MAX_MONEY, SCHEMA_VERSION,
  type Asset, type Conduit, type Connection, type CrownJewel, type EntryPoint, type Media, type PlantModel, type ProductionLine, type Trust,
} from '../model/schema';
import { applyAction, describeAction, type RemediationAction } from './remediation';

export type ScenarioEdit =
  | RemediationAction
  | { readonly kind: 'add-connection'; readonly connection: Connection }
  | { readonly kind: 'add-asset'; readonly asset: Asset }
  | { readonly kind: 'move-asset'; readonly asset: string; readonly zone: string }
  /** Makes the asset an entry point with this record (replacing the one it has, if any). */
  | { readonly kind: 'mark-entry'; readonly entry: EntryPoint }
  | { readonly kind: 'unmark-entry'; readonly asset: string }
  /** Makes the asset a crown jewel with this record (replacing the one it has, if any). */
  | { readonly kind: 'mark-jewel'; readonly jewel: CrownJewel }
  | { readonly kind: 'unmark-jewel'; readonly asset: string }
  | { readonly kind: 'add-trust'; readonly trust: Trust }
  | { readonly kind: 'add-media'; readonly media: Media }
  /** The analyst's likelihood on a connection, trust relation or media path; null takes it away. */
  | { readonly kind: 'set-likelihood'; readonly record: string; readonly likelihood: number | null }
  /** Closes a conduit: the conduit and every connection it carries (conduitConnections) go. */
  | { readonly kind: 'remove-conduit'; readonly conduit: string; readonly cost: number }
  /** A new IEC 62443 conduit between two zones (the connections it carries are added on their own). */
  | { readonly kind: 'add-conduit'; readonly conduit: Conduit };

export interface Scenario {
  readonly name: string;
  readonly edits: readonly ScenarioEdit[];
  /** Edits undone, most recent last (redo takes from the end). */
  readonly undone: readonly ScenarioEdit[];
}

export const EMPTY_SCENARIO: Scenario = { name: 'Scenario 1', edits: [], undone: [] };

/** Most edits one scenario holds (each applies in about a pass over the model). */
export const MAX_SCENARIO_EDITS = 10_000;

/** The edits that change what the analysis starts from and protects (entry points, crown jewels). */
export const MARK_EDIT_KINDS = ['mark-entry', 'unmark-entry', 'mark-jewel', 'unmark-jewel'] as const;

/** Edits that take a record out of the model: described from the model before them (`before`), where it still is. */
const REMOVING = new Set<ScenarioEdit['kind']>(['remove-connection', 'remove-trust', 'isolate-media', 'remove-conduit']);

/**
 * The edit in words, by asset, zone and line names from `model` (the scenario's, so that assets it
 * adds have names); a record the edit removes is read from `before` (the baseline) when given.
 */
export function describeEdit(e: ScenarioEdit, model?: PlantModel, before?: PlantModel): string {
  try {
    return describeKnownEdit(e, REMOVING.has(e?.kind) && before ? before : model);
  } catch {
    // A scenario kept in the browser may hold an edit this build cannot read: it is listed (and
    // the session refuses it, naming it), never allowed to break the page.
    return `Unreadable edit (${showValue((e as { kind?: unknown } | null)?.kind)})`;
  }
}

const TRUST_TEXT = { 'shared-credentials': 'shared credentials', 'domain-trust': 'domain trust', 'domain-membership': 'domain membership' } as const;
const MEDIA_TEXT = { 'removable-media': 'removable media', 'transient-laptop': 'transient laptop' } as const;

/** "safety: fatality, €30,000/h downtime, lines Line B, data: intellectual-property", or "impact not set". */
export function impactText(jewel: CrownJewel, model?: PlantModel): string {
  const i = jewel.impact;
  const parts: string[] = [];
  if (i.safety && i.safety !== 'none') parts.push(`safety: ${i.safety}`);
  if (i.downtimeCostPerHour !== undefined) parts.push(`€${i.downtimeCostPerHour.toLocaleString('en')}/h downtime`);
  if (i.productionLines?.length) parts.push(`lines ${i.productionLines.map((l) => model?.productionLines?.find((x) => x.id === l)?.name ?? l).join(', ')}`);
  if (i.dataLoss && i.dataLoss !== 'none') parts.push(`data: ${i.dataLoss}`);
  return parts.length ? parts.join(', ') : 'impact not set';
}

function describeKnownEdit(e: ScenarioEdit, model?: PlantModel): string {
  const name = (id: string) => model?.assets.find((x) => x.id === id)?.name ?? id;
  const conn = (id: string) => {
    const c = model?.connections.find((x) => x.id === id);
    return c ? `${name(c.from)} → ${name(c.to)} (${c.protocol}, ${id})` : id;
  };
  switch (e.kind) {
    case 'add-connection':
      return `Add connection ${name(e.connection.from)} → ${name(e.connection.to)} (${e.connection.protocol}${e.connection.direction === 'both' ? ', both ways' : ''})`;
    case 'add-asset':
      return `Add ${e.asset.kind} ${e.asset.name} in zone ${model?.zones.find((z) => z.id === e.asset.zone)?.name ?? e.asset.zone}`;
    case 'move-asset':
      return `Move ${name(e.asset)} to zone ${model?.zones.find((z) => z.id === e.zone)?.name ?? e.zone}`;
    case 'remove-connection':
      return `Block connection ${conn(e.connection)}`;
    case 'require-authentication':
      return `Require authentication on ${conn(e.connection)}`;
    case 'mark-entry':
      return `Mark ${name(e.entry.asset)} as an entry point${e.entry.profile ? ` (${e.entry.profile})` : ''}`;
    case 'unmark-entry':
      return `Unmark ${name(e.asset)} as an entry point`;
    case 'mark-jewel':
      return `Mark ${name(e.jewel.asset)} as a crown jewel (${impactText(e.jewel, model)})`;
    case 'unmark-jewel':
      return `Unmark ${name(e.asset)} as a crown jewel`;
    case 'add-trust':
      return `Add ${TRUST_TEXT[e.trust.kind]} ${name(e.trust.from)} → ${name(e.trust.to)}${e.trust.direction === 'both' ? ' (both ways)' : ''}`;
    case 'add-media':
      return `Add ${MEDIA_TEXT[e.media.kind]} path ${e.media.from.map(name).join(', ')} → ${e.media.to.map(name).join(', ')}`;
    case 'set-likelihood': {
      const what = recordText(e.record, model, name);
      return e.likelihood === null ? `Take the analyst likelihood off ${what}` : `Set the likelihood of ${what} to ${e.likelihood}`;
    }
    case 'remove-conduit': {
      const cd = model?.conduits?.find((c) => c.id === e.conduit);
      const n = model ? conduitConnections(model, e.conduit).length : undefined;
      return `Close conduit ${cd?.name ?? e.conduit}${n === undefined ? '' : ` (${n} connection${n === 1 ? '' : 's'})`}`;
    }
    case 'add-conduit': {
      const zone = (id: string) => model?.zones.find((z) => z.id === id)?.name ?? id;
      const [a, b] = e.conduit.zones;
      const via = e.conduit.via?.length ? ` via ${e.conduit.via.map(name).join(', ')}` : '';
      return e.conduit.name ? `Add conduit ${e.conduit.name} (${zone(a!)} ↔ ${zone(b!)})${via}` : `Add a conduit between ${zone(a!)} and ${zone(b!)}${via}`;
    }
    default:
      return describeAction(e, model);
  }
}

/** A connection, trust relation or media path in words: "trust OT DC → MES (t-13)". */
function recordText(id: string, model: PlantModel | undefined, name: (id: string) => string): string {
  const c = model?.connections.find((x) => x.id === id);
  if (c) return `connection ${name(c.from)} → ${name(c.to)} (${id})`;
  const t = model?.trust?.find((x) => x.id === id);
  if (t) return `${TRUST_TEXT[t.kind]} ${name(t.from)} → ${name(t.to)} (${id})`;
  const m = model?.media?.find((x) => x.id === id);
  if (m) return `${MEDIA_TEXT[m.kind]} path ${m.name ?? ''} (${id})`.replace(' path  (', ' path (');
  return id;
}

const sameZones = (a: readonly string[], b: readonly string[]) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);

/**
 * The connections a conduit carries: those that name it, and — when it is the only conduit between
 * its two zones — those that name no conduit and join an asset of one of its zones to an asset of
 * the other (by home zone). Closing the conduit removes them.
 */
export function conduitConnections(model: PlantModel, conduitId: string): Connection[] {
  const cd = model.conduits?.find((c) => c.id === conduitId);
  if (!cd) return [];
  const [z1, z2] = cd.zones;
  const alone = (model.conduits ?? []).filter((c) => sameZones(c.zones, cd.zones)).length === 1;
  const zoneOf = new Map(model.assets.map((a) => [a.id, a.zone]));
  return model.connections.filter((c) => {
    if (c.conduit !== undefined) return c.conduit === conduitId;
    if (!alone) return false;
    const a = zoneOf.get(c.from);
    const b = zoneOf.get(c.to);
    return (a === z1 && b === z2) || (a === z2 && b === z1);
  });
}

/** `edit`: the index of the edit refused (-1 when the list itself is refused). */
export type ApplyResult = { readonly kind: 'ok'; readonly model: PlantModel } | { readonly kind: 'invalid'; readonly edit: number; readonly errors: readonly ModelError[] };

/** What each field of an edit holds: an id naming something, a cost, a control kind, a likelihood (or null), or a whole record. */
type FieldKind = 'id' | 'cost' | 'control' | 'likelihood' | 'record';

/** The fields of each kind of edit (all required, no others allowed). */
const EDIT_FIELDS = {
  'patch-cve': { asset: 'id', cve: 'id', cost: 'cost' },
  'remove-connection': { connection: 'id', cost: 'cost' },
  'require-authentication': { connection: 'id', cost: 'cost' },
  'add-control': { asset: 'id', control: 'control', cost: 'cost' },
  'isolate-media': { media: 'id', cost: 'cost' },
  'remove-trust': { trust: 'id', cost: 'cost' },
  'add-connection': { connection: 'record' },
  'add-asset': { asset: 'record' },
  'move-asset': { asset: 'id', zone: 'id' },
  'mark-entry': { entry: 'record' },
  'unmark-entry': { asset: 'id' },
  'mark-jewel': { jewel: 'record' },
  'unmark-jewel': { asset: 'id' },
  'add-trust': { trust: 'record' },
  'add-media': { media: 'record' },
  'set-likelihood': { record: 'id', likelihood: 'likelihood' },
  'remove-conduit': { conduit: 'id', cost: 'cost' },
  'add-conduit': { conduit: 'record' },
} as const satisfies Record<ScenarioEdit['kind'], Record<string, FieldKind>>;

const EDIT_KINDS = Object.keys(EDIT_FIELDS) as ScenarioEdit['kind'][];

/** Connections, trust relations and media paths share one id space (as in the parser). */
type EdgeKind = 'connection' | 'trust relation' | 'media path';

/** The connection, trust and media ids of a model, kept per model (read-only: a scenario lays its changes over them). */
const edgeIdCache = new WeakMap<PlantModel, ReadonlyMap<string, EdgeKind>>();
export function edgeIdsOf(model: PlantModel): ReadonlyMap<string, EdgeKind> {
  let edges = edgeIdCache.get(model) as Map<string, EdgeKind> | undefined;
  if (edges) return edges;
  edges = new Map();
  // By id from the columns (the records of 50k connections are not built for it).
  const view = connectionView(model);
  for (let i = 0; i < view.count; i++) edges.set(view.id(i), 'connection');
  for (const t of model.trust ?? []) edges.set(t.id, 'trust relation');
  for (const x of model.media ?? []) edges.set(x.id, 'media path');
  edgeIdCache.set(model, edges);
  return edges;
}

/**
 * The ids of the model being edited, built once per scenario and kept up to date edit by edit, so
 * that checking an edit costs a lookup, not a pass over the plant.
 */
class ModelIds {
  readonly assets = new Map<string, number>();
  readonly zones = new Map<string, number>();
  conduits = new Map<string, number>();
  readonly lines = new Map<string, number>();
  readonly entries = new Set<string>();
  readonly jewels = new Set<string>();
  private baseEdges: ReadonlyMap<string, EdgeKind> | undefined;
  private readonly added = new Map<string, EdgeKind>();
  private readonly removed = new Set<string>();

  /** The model the scenario starts from: its edge ids are the base the scenario's own lie over. */
  private readonly start: PlantModel;

  constructor(private model: PlantModel) {
    this.start = model;
    model.assets.forEach((a, i) => this.assets.set(a.id, i));
    model.zones.forEach((z, i) => this.zones.set(z.id, i));
    model.conduits?.forEach((c, i) => this.conduits.set(c.id, i));
    model.productionLines?.forEach((l, i) => this.lines.set(l.id, i));
    for (const e of model.entryPoints) this.entries.add(e.asset);
    for (const j of model.crownJewels) this.jewels.add(j.asset);
  }

  /**
   * Edge ids, read only when an edit needs them (a large plant has a million connections): the
   * ids of the model the scenario starts from (kept per model: every what-if edit starts from the
   * plant as loaded), with the scenario's own additions and removals over them.
   */
  get edges(): { get(id: string): EdgeKind | undefined; has(id: string): boolean } {
    const base = (this.baseEdges ??= edgeIdsOf(this.start));
    const { added, removed } = this;
    return {
      get: (id) => added.get(id) ?? (removed.has(id) ? undefined : base.get(id)),
      has: (id) => added.has(id) || (!removed.has(id) && base.has(id)),
    };
  }

  private add(id: string, kind: EdgeKind): void {
    this.removed.delete(id);
    this.added.set(id, kind);
  }

  private remove(id: string): void {
    this.added.delete(id);
    this.removed.add(id);
  }

  asset(id: string): Asset | undefined {
    const i = this.assets.get(id);
    return i === undefined ? undefined : this.model.assets[i];
  }

  /** The model after `e` (already checked) was applied to it. */
  applied(e: ScenarioEdit, next: PlantModel): void {
    if (e.kind === 'add-asset') this.assets.set(e.asset.id, next.assets.length - 1);
    else if (e.kind === 'add-connection') this.add(e.connection.id, 'connection');
    else if (e.kind === 'add-trust') this.add(e.trust.id, 'trust relation');
    else if (e.kind === 'add-media') this.add(e.media.id, 'media path');
    else if (e.kind === 'remove-connection') this.remove(e.connection);
    else if (e.kind === 'remove-trust') this.remove(e.trust);
    else if (e.kind === 'isolate-media') this.remove(e.media);
    else if (e.kind === 'remove-conduit') {
      for (const c of conduitConnections(this.model, e.conduit)) this.remove(c.id);
      this.conduits = new Map((next.conduits ?? []).map((c, i) => [c.id, i]));
    } else if (e.kind === 'add-conduit') this.conduits.set(e.conduit.id, (next.conduits ?? []).length - 1);
    else if (e.kind === 'mark-entry') this.entries.add(e.entry.asset);
    else if (e.kind === 'unmark-entry') this.entries.delete(e.asset);
    else if (e.kind === 'mark-jewel') this.jewels.add(e.jewel.asset);
    else if (e.kind === 'unmark-jewel') this.jewels.delete(e.asset);
    this.model = next;
  }
}

/** `at(id=x).field`: a field of a record at `at`, the record labelled as the parser labels it. */
function fieldPath(at: string, record: unknown, field: string): string {
  return at + formatPath([record], [0, field]).slice('[0]'.length);
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The model collections an edit adds a record to (or changes one of). */
type Collection = 'assets' | 'connections' | 'trust' | 'media' | 'entryPoints' | 'crownJewels' | 'conduits';

/**
 * Checks a record an edit adds or changes with the one parser, in a document that holds only that
 * record and the records it refers to (so a bad field, an unknown reference, a self-loop, a
 * forbidden key get the parser's own message), and names it at `at` instead of its place there.
 */
function checkRecord(model: PlantModel, ids: ModelIds, collection: Collection, record: unknown, at: string): ModelError[] {
  const r = isRecord(record) ? record : {};
  const zoneIds = new Set<string>();
  const assets: Asset[] = [];
  const addAsset = (id: unknown) => {
    const a = typeof id === 'string' ? ids.asset(id) : undefined;
    if (a && !assets.includes(a)) {
      assets.push(a);
      zoneIds.add(a.zone);
    }
  };
  const addAssets = (list: unknown) => {
    if (Array.isArray(list)) for (const id of list as unknown[]) addAsset(id);
  };
  const conduits: Conduit[] = [];
  const lines: ProductionLine[] = [];
  switch (collection) {
    case 'connections': {
      addAsset(r.from);
      addAsset(r.to);
      addAsset(r.via);
      const c = typeof r.conduit === 'string' ? ids.conduits.get(r.conduit) : undefined;
      if (c !== undefined) conduits.push(model.conduits![c]!);
      break;
    }
    case 'trust':
      addAsset(r.from);
      addAsset(r.to);
      break;
    case 'media':
      addAsset(r.carrier);
      addAssets(r.from);
      addAssets(r.to);
      break;
    case 'entryPoints':
      addAsset(r.asset);
      break;
    case 'crownJewels': {
      addAsset(r.asset);
      const named = isRecord(r.impact) && Array.isArray(r.impact.productionLines) ? (r.impact.productionLines as unknown[]) : [];
      // The lines it names, as they are (their own members' references are not this edit's business).
      for (const id of named) {
        const i = typeof id === 'string' ? ids.lines.get(id) : undefined;
        if (i !== undefined && !lines.includes(model.productionLines![i]!)) lines.push(model.productionLines![i]!);
      }
      break;
    }
    case 'conduits':
      if (Array.isArray(r.zones)) for (const z of r.zones as unknown[]) zoneIds.add(z as string);
      addAssets(r.via);
      break;
    case 'assets':
      zoneIds.add(r.zone as string);
      if (Array.isArray(r.extraZones)) for (const z of r.extraZones as unknown[]) zoneIds.add(z as string);
      break;
  }
  const zones = [...zoneIds].flatMap((z) => {
    const i = typeof z === 'string' ? ids.zones.get(z) : undefined;
    return i === undefined ? [] : [model.zones[i]!];
  });
  // The record first in its collection: the parser names it `assets[0]` / `connections[0]` / ….
  const probe = {
    schemaVersion: SCHEMA_VERSION,
    plant: model.plant,
    zones,
    ...(collection === 'conduits' ? { conduits: [record] } : conduits.length ? { conduits } : {}),
    assets: collection === 'assets' ? [record, ...assets] : assets,
    connections: collection === 'connections' ? [record] : [],
    ...(collection === 'trust' ? { trust: [record] } : {}),
    ...(collection === 'media' ? { media: [record] } : {}),
    entryPoints: collection === 'entryPoints' ? [record] : [],
    crownJewels: collection === 'crownJewels' ? [record] : [],
    ...(lines.length ? { productionLines: lines } : {}),
  };
  const errors: ModelError[] = [];
  const result = validateModel(probe);
  const own = `${collection}[0]`;
  if (result.kind === 'invalid') {
    for (const e of result.errors) {
      if (e.path === '') errors.push(e);
      // Errors of the records around it belong to the document built here, not to the edit.
      else if (e.path.startsWith(own)) errors.push({ path: at + e.path.slice(own.length), message: e.message });
    }
  }
  return errors;
}

/** The edit's own fields: an object of a known kind with exactly its fields, each of its type. */
function checkFields(edit: unknown, at: string): { errors: ModelError[]; at: string } {
  if (!isRecord(edit)) return { errors: [{ path: at, message: `expected an edit (an object with a kind), got ${showValue(edit)}` }], at };
  const kind = Object.prototype.hasOwnProperty.call(edit, 'kind') ? edit.kind : undefined;
  if (typeof kind !== 'string' || !(EDIT_KINDS as string[]).includes(kind)) {
    return { errors: [{ path: `${at}.kind`, message: `unknown edit kind ${showValue(kind)}; expected one of ${EDIT_KINDS.join(', ')}` }], at };
  }
  const here = `${at}(${kind})`;
  const fields: Record<string, FieldKind> = EDIT_FIELDS[kind as ScenarioEdit['kind']];
  const errors: ModelError[] = [];
  const field = (name: string) => formatPath(undefined, [name]);
  for (const key of Object.keys(edit)) {
    if (key !== 'kind' && !Object.prototype.hasOwnProperty.call(fields, key)) errors.push({ path: `${here}.${field(key)}`, message: `unknown field ${JSON.stringify(key)} (not in a ${kind} edit)` });
  }
  for (const [name, type] of Object.entries(fields)) {
    const path = `${here}.${field(name)}`;
    const v = Object.prototype.hasOwnProperty.call(edit, name) ? edit[name] : undefined;
    if (v === undefined) errors.push({ path, message: 'required field is missing' });
    else if (type === 'id' && typeof v !== 'string') errors.push({ path, message: `expected a string, got ${showValue(v)}` });
    else if (type === 'cost' && !(typeof v === 'number' && v >= 0 && v <= MAX_MONEY)) errors.push({ path, message: `expected a cost from 0 to ${MAX_MONEY}, got ${showValue(v)}` });
    else if (type === 'control' && !(CONTROL_KINDS as readonly unknown[]).includes(v)) errors.push({ path, message: `unknown control ${showValue(v)}; expected one of ${CONTROL_KINDS.join(', ')}` });
    // The parser's own words for a likelihood out of range; null takes the analyst's value away.
    else if (type === 'likelihood' && v !== null && !(typeof v === 'number' && v > 0 && v <= 1)) errors.push({ path, message: typeof v === 'number' ? `likelihood ${showValue(v)} is outside (0, 1]` : `expected a number in (0, 1] or null, got ${showValue(v)}` });
  }
  return { errors, at: here };
}

/**
 * Checks one edit against the model it applies to: its fields, the ids it names, and every record
 * it adds or changes (by the parser, see checkRecord). No errors: `applyEdit` can apply it.
 */
function checkEdit(model: PlantModel, ids: ModelIds, edit: unknown, at: string): ModelError[] {
  const fields = checkFields(edit, at);
  if (fields.errors.length) return fields.errors;
  const e = edit as ScenarioEdit;
  const here = fields.at;
  const unknown = (field: string, what: string, id: string): ModelError[] => [{ path: `${here}.${field}`, message: `unknown ${what} ${showValue(id)}` }];
  const edge = (field: string, what: EdgeKind, id: string): ModelError[] => (ids.edges.get(id) === what ? [] : unknown(field, what, id));
  /** A record with a new id in the edge id space (connections, trust relations, media paths). */
  const newEdge = (collection: 'connections' | 'trust' | 'media', field: string, record: unknown): ModelError[] => {
    const errors = checkRecord(model, ids, collection, record, `${here}.${field}`);
    const id = isRecord(record) ? record.id : undefined;
    const taken = typeof id === 'string' ? ids.edges.get(id) : undefined;
    if (taken) errors.push({ path: fieldPath(`${here}.${field}`, record, 'id'), message: `duplicate id ${showValue(id)} (already used by a ${taken})` });
    return errors;
  };
  switch (e.kind) {
    case 'patch-cve': {
      const a = ids.asset(e.asset);
      if (!a) return unknown('asset', 'asset', e.asset);
      return a.vulnerabilities?.some((v) => v.cve === e.cve) ? [] : [{ path: `${here}.cve`, message: `${showValue(e.cve)} is not a vulnerability of asset ${showValue(e.asset)}` }];
    }
    case 'remove-connection':
    case 'require-authentication':
      return edge('connection', 'connection', e.connection);
    case 'remove-trust':
      return edge('trust', 'trust relation', e.trust);
    case 'isolate-media':
      return edge('media', 'media path', e.media);
    case 'set-likelihood':
      return ids.edges.has(e.record) ? [] : unknown('record', 'connection, trust relation or media path', e.record);
    case 'remove-conduit':
      return ids.conduits.has(e.conduit) ? [] : unknown('conduit', 'conduit', e.conduit);
    case 'add-conduit': {
      const errors = checkRecord(model, ids, 'conduits', e.conduit, `${here}.conduit`);
      const id = isRecord(e.conduit) ? e.conduit.id : undefined;
      if (typeof id === 'string' && ids.conduits.has(id)) errors.push({ path: fieldPath(`${here}.conduit`, e.conduit, 'id'), message: `duplicate id ${showValue(id)} (already a conduit of the plant)` });
      return errors;
    }
    case 'add-control':
    case 'move-asset': {
      const a = ids.asset(e.asset);
      if (!a) return unknown('asset', 'asset', e.asset);
      if (e.kind === 'add-control' && a.controls?.includes(e.control)) return []; // nothing changes
      // The asset as the edit leaves it (a zone it names must exist, a list must stay in bounds).
      const changed = e.kind === 'move-asset' ? { ...a, zone: e.zone } : { ...a, controls: [...(a.controls ?? []), e.control] };
      return checkRecord(model, ids, 'assets', changed, `${here}.asset`);
    }
    case 'add-asset': {
      const errors = checkRecord(model, ids, 'assets', e.asset, `${here}.asset`);
      const id = isRecord(e.asset) ? e.asset.id : undefined;
      if (typeof id === 'string' && ids.assets.has(id)) errors.push({ path: fieldPath(`${here}.asset`, e.asset, 'id'), message: `duplicate id ${showValue(id)} (already an asset of the plant)` });
      return errors;
    }
    case 'add-connection':
    case 'add-trust':
    case 'add-media': {
      const [collection, field, record] =
        e.kind === 'add-connection' ? (['connections', 'connection', e.connection] as const) : e.kind === 'add-trust' ? (['trust', 'trust', e.trust] as const) : (['media', 'media', e.media] as const);
      return newEdge(collection, field, record);
    }
    case 'mark-entry':
    case 'mark-jewel':
      return e.kind === 'mark-entry' ? checkRecord(model, ids, 'entryPoints', e.entry, `${here}.entry`) : checkRecord(model, ids, 'crownJewels', e.jewel, `${here}.jewel`);
    case 'unmark-entry':
    case 'unmark-jewel': {
      if (!ids.assets.has(e.asset)) return unknown('asset', 'asset', e.asset);
      const [marked, what] = e.kind === 'unmark-entry' ? [ids.entries, 'an entry point'] : [ids.jewels, 'a crown jewel'];
      return marked.has(e.asset) ? [] : [{ path: `${here}.asset`, message: `asset ${showValue(e.asset)} is not ${what}` }];
    }
    default:
      return assertNever(e);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected edit ${JSON.stringify(x)}`);
}

/** `list` with the record for `asset` replaced by `record`, or `record` appended. */
function upsert<T extends { readonly asset: string }>(list: readonly T[], record: T): T[] {
  const i = list.findIndex((x) => x.asset === record.asset);
  return i < 0 ? [...list, record] : list.map((x, k) => (k === i ? record : x));
}

/** `record` with its analyst likelihood set to `likelihood` (null: taken away). */
function withLikelihood<T extends { readonly likelihood?: number }>(record: T, likelihood: number | null): T {
  if (likelihood !== null) return { ...record, likelihood };
  const { likelihood: _dropped, ...rest } = record;
  return rest as T;
}

/** The model with one edit applied (the edit was checked); the input is not changed. */
function applyEdit(model: PlantModel, e: ScenarioEdit): PlantModel {
  switch (e.kind) {
    case 'add-connection':
      return { ...model, connections: [...model.connections, e.connection] };
    case 'add-asset':
      return { ...model, assets: [...model.assets, e.asset] };
    case 'move-asset':
      return { ...model, assets: model.assets.map((a) => (a.id === e.asset ? { ...a, zone: e.zone } : a)) };
    case 'mark-entry':
      return { ...model, entryPoints: upsert(model.entryPoints, e.entry) };
    case 'unmark-entry':
      return { ...model, entryPoints: model.entryPoints.filter((x) => x.asset !== e.asset) };
    case 'mark-jewel':
      return { ...model, crownJewels: upsert(model.crownJewels, e.jewel) };
    case 'unmark-jewel':
      return { ...model, crownJewels: model.crownJewels.filter((x) => x.asset !== e.asset) };
    case 'add-trust':
      return { ...model, trust: [...(model.trust ?? []), e.trust] };
    case 'add-media':
      return { ...model, media: [...(model.media ?? []), e.media] };
    case 'set-likelihood': {
      const set = <T extends { readonly id: string; readonly likelihood?: number }>(list: readonly T[]) => list.map((x) => (x.id === e.record ? withLikelihood(x, e.likelihood) : x));
      if (model.trust?.some((t) => t.id === e.record)) return { ...model, trust: set(model.trust) };
      if (model.media?.some((m) => m.id === e.record)) return { ...model, media: set(model.media) };
      return { ...model, connections: set(model.connections) };
    }
    case 'remove-conduit': {
      const closed = new Set(conduitConnections(model, e.conduit).map((c) => c.id));
      return { ...model, conduits: model.conduits?.filter((c) => c.id !== e.conduit), connections: model.connections.filter((c) => !closed.has(c.id)) };
    }
    case 'add-conduit':
      return { ...model, conduits: [...(model.conduits ?? []), e.conduit] };
    default:
      return applyAction(model, e);
  }
}

/**
 * Applies the edits in order, each checked as an edit against the model as it stands when it
 * applies (see checkEdit); the first edit refused stops it, with errors whose paths name that edit
 * (`edits[2](add-connection).connection(id=c-9).to: unknown asset "plc-99"`). `edits` may come from
 * anywhere (a worker message, a scenario saved in the browser): nothing is assumed of it. Never
 * changes the baseline.
 */
export function applyEdits(baseline: PlantModel, edits: readonly ScenarioEdit[]): ApplyResult {
  const list: unknown = edits;
  if (!Array.isArray(list)) return { kind: 'invalid', edit: -1, errors: [{ path: 'edits', message: `expected a list of edits, got ${showValue(list)}` }] };
  if (list.length > MAX_SCENARIO_EDITS) return { kind: 'invalid', edit: -1, errors: [{ path: 'edits', message: `${list.length} edits; a scenario holds at most ${MAX_SCENARIO_EDITS}` }] };
  const ids = new ModelIds(baseline);
  let model = baseline;
  for (let i = 0; i < list.length; i++) {
    const errors = checkEdit(model, ids, list[i], `edits[${i}]`);
    if (errors.length) return { kind: 'invalid', edit: i, errors };
    const e = list[i] as ScenarioEdit;
    model = applyEdit(model, e);
    ids.applied(e, model);
  }
  return { kind: 'ok', model };
}

/**
 * The baseline with edits applied that the analysis session has accepted (applyEdits said ok): for
 * showing the scenario, without checking them a second time.
 */
export function applyAcceptedEdits(baseline: PlantModel, edits: readonly ScenarioEdit[]): PlantModel {
  return edits.reduce(applyEdit, baseline);
}

/** What the edits would cost: the sum of their `cost` fields (modeling edits carry none). */
export function editsCost(edits: readonly ScenarioEdit[]): number {
  let sum = 0;
  for (const e of edits) if ('cost' in e && typeof e.cost === 'number') sum += e.cost;
  return sum;
}

export function addEdit(s: Scenario, e: ScenarioEdit): Scenario {
  return { ...s, edits: [...s.edits, e], undone: [] };
}

export function undo(s: Scenario): Scenario {
  if (s.edits.length === 0) return s;
  return { ...s, edits: s.edits.slice(0, -1), undone: [...s.undone, s.edits[s.edits.length - 1]!] };
}

export function redo(s: Scenario): Scenario {
  if (s.undone.length === 0) return s;
  return { ...s, edits: [...s.edits, s.undone[s.undone.length - 1]!], undone: s.undone.slice(0, -1) };
}
