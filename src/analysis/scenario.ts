// What-if scenarios: named lists of edits applied in order to a baseline model. The edits are the
// remediation actions (remove or restrict a connection, patch a CVE, add a control, isolate media,
// remove a trust) plus architecture changes (add a connection or an asset, move an asset to another
// zone). Edits travel as edits: the analysis session checks each one *as an edit* against the
// model as it stands when the edit applies (its own fields, the record it adds or changes, the ids
// it names) — never the whole changed model again.
import { formatPath, showValue, type ModelError } from '../model/errors';
import { validateModel } from '../model/parse';
import { CONTROL_KINDS, MAX_MONEY, SCHEMA_VERSION, type Asset, type Conduit, type Connection, type PlantModel } from '../model/schema';
import { applyAction, describeAction, type RemediationAction } from './remediation';

export type ScenarioEdit =
  | RemediationAction
  | { readonly kind: 'add-connection'; readonly connection: Connection }
  | { readonly kind: 'add-asset'; readonly asset: Asset }
  | { readonly kind: 'move-asset'; readonly asset: string; readonly zone: string };

export interface Scenario {
  readonly name: string;
  readonly edits: readonly ScenarioEdit[];
  /** Edits undone, most recent last (redo takes from the end). */
  readonly undone: readonly ScenarioEdit[];
}

export const EMPTY_SCENARIO: Scenario = { name: 'Scenario 1', edits: [], undone: [] };

/** Most edits one scenario holds (each applies in about a pass over the model). */
export const MAX_SCENARIO_EDITS = 10_000;

export function describeEdit(e: ScenarioEdit, model?: PlantModel): string {
  try {
    return describeKnownEdit(e, model);
  } catch {
    // A scenario kept in the browser may hold an edit this build cannot read: it is listed (and
    // the session refuses it, naming it), never allowed to break the page.
    return `Unreadable edit (${showValue((e as { kind?: unknown } | null)?.kind)})`;
  }
}

function describeKnownEdit(e: ScenarioEdit, model?: PlantModel): string {
  if (e.kind === 'add-connection') return `Add connection ${e.connection.from} → ${e.connection.to} (${e.connection.protocol})`;
  if (e.kind === 'add-asset') return `Add ${e.asset.kind} ${e.asset.name} (${e.asset.id}) in zone ${e.asset.zone}`;
  if (e.kind === 'move-asset') return `Move ${model?.assets.find((a) => a.id === e.asset)?.name ?? e.asset} to zone ${e.zone}`;
  return describeAction(e, model);
}

/** `edit`: the index of the edit refused (-1 when the list itself is refused). */
export type ApplyResult = { readonly kind: 'ok'; readonly model: PlantModel } | { readonly kind: 'invalid'; readonly edit: number; readonly errors: readonly ModelError[] };

/** What each field of an edit holds: an id naming something, a cost, a control kind, or a whole record. */
type FieldKind = 'id' | 'cost' | 'control' | 'record';

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
} as const satisfies Record<ScenarioEdit['kind'], Record<string, FieldKind>>;

const EDIT_KINDS = Object.keys(EDIT_FIELDS) as ScenarioEdit['kind'][];

/** Connections, trust relations and media paths share one id space (as in the parser). */
type EdgeKind = 'connection' | 'trust relation' | 'media path';

/**
 * The ids of the model being edited, built once per scenario and kept up to date edit by edit, so
 * that checking an edit costs a lookup, not a pass over the plant.
 */
class ModelIds {
  readonly assets = new Map<string, number>();
  readonly zones = new Map<string, number>();
  readonly conduits = new Map<string, number>();
  private edgeIds: Map<string, EdgeKind> | undefined;

  constructor(private model: PlantModel) {
    model.assets.forEach((a, i) => this.assets.set(a.id, i));
    model.zones.forEach((z, i) => this.zones.set(z.id, i));
    model.conduits?.forEach((c, i) => this.conduits.set(c.id, i));
  }

  /** Edge ids, read only when an edit needs them (a large plant has a million connections). */
  get edges(): Map<string, EdgeKind> {
    if (!this.edgeIds) {
      const m = this.model;
      const edges = new Map<string, EdgeKind>();
      for (const c of m.connections) edges.set(c.id, 'connection');
      for (const t of m.trust ?? []) edges.set(t.id, 'trust relation');
      for (const x of m.media ?? []) edges.set(x.id, 'media path');
      this.edgeIds = edges;
    }
    return this.edgeIds;
  }

  asset(id: string): Asset | undefined {
    const i = this.assets.get(id);
    return i === undefined ? undefined : this.model.assets[i];
  }

  /** The model after `e` (already checked) was applied to it. */
  applied(e: ScenarioEdit, next: PlantModel): void {
    if (e.kind === 'add-asset') this.assets.set(e.asset.id, next.assets.length - 1);
    else if (e.kind === 'add-connection') this.edgeIds?.set(e.connection.id, 'connection');
    else if (e.kind === 'remove-connection') this.edgeIds?.delete(e.connection);
    else if (e.kind === 'remove-trust') this.edgeIds?.delete(e.trust);
    else if (e.kind === 'isolate-media') this.edgeIds?.delete(e.media);
    this.model = next;
  }
}

/** `at(id=x).field`: a field of a record at `at`, the record labelled as the parser labels it. */
function fieldPath(at: string, record: unknown, field: string): string {
  return at + formatPath([record], [0, field]).slice('[0]'.length);
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a record an edit adds or changes with the one parser, in a document that holds only that
 * record and the records it refers to (so a bad field, an unknown reference, a self-loop, a
 * forbidden key get the parser's own message), and names it at `at` instead of its place there.
 */
function checkRecord(model: PlantModel, ids: ModelIds, collection: 'assets' | 'connections', record: unknown, at: string): ModelError[] {
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
  const conduits: Conduit[] = [];
  if (collection === 'connections') {
    addAsset(r.from);
    addAsset(r.to);
    addAsset(r.via);
    const c = typeof r.conduit === 'string' ? ids.conduits.get(r.conduit) : undefined;
    if (c !== undefined) conduits.push(model.conduits![c]!);
  } else {
    zoneIds.add(r.zone as string);
    if (Array.isArray(r.extraZones)) for (const z of r.extraZones as unknown[]) zoneIds.add(z as string);
  }
  const zones = [...zoneIds].flatMap((z) => {
    const i = typeof z === 'string' ? ids.zones.get(z) : undefined;
    return i === undefined ? [] : [model.zones[i]!];
  });
  // The record first in its collection: the parser names it `assets[0]` / `connections[0]`.
  const probe = {
    schemaVersion: SCHEMA_VERSION,
    plant: model.plant,
    zones,
    ...(conduits.length ? { conduits } : {}),
    assets: collection === 'assets' ? [record, ...assets] : assets,
    connections: collection === 'connections' ? [record] : [],
    entryPoints: [],
    crownJewels: [],
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
    case 'add-connection': {
      const errors = checkRecord(model, ids, 'connections', e.connection, `${here}.connection`);
      const id = isRecord(e.connection) ? e.connection.id : undefined;
      const taken = typeof id === 'string' ? ids.edges.get(id) : undefined;
      if (taken) errors.push({ path: fieldPath(`${here}.connection`, e.connection, 'id'), message: `duplicate id ${showValue(id)} (already used by a ${taken})` });
      return errors;
    }
    default:
      return assertNever(e);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected edit ${JSON.stringify(x)}`);
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
