// What changed between two plant models, record by record, each change with the JSON pointer of
// where it is in the changed model (RFC 6901) — so a finding about the changed plant (a new attack
// path, a jewel newly reachable) can point at the lines of the change in the file under review.
import { connectionView } from '../model/connections';
import type { PlantModel } from '../model/schema';

export interface ModelChange {
  readonly kind: 'added' | 'changed' | 'removed';
  /** The collection (`assets`, `connections`…) or `plant`. */
  readonly collection: string;
  /** The record's id (an asset id for entry points and crown jewels). */
  readonly id: string;
  /**
   * Where in the changed model: the record, or its one changed field; for a removed record, the
   * collection it was removed from.
   */
  readonly pointer: string;
  /** The fields that differ (changed records). */
  readonly fields: readonly string[];
}

/** A JSON pointer of segments (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The segments of a JSON pointer. */
export function pointerParts(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Rec = Record<string, unknown>;

/** Collections of records with an id, and the key that identifies each. */
const KEYED: readonly (readonly [keyof PlantModel, string])[] = [
  ['zones', 'id'], ['conduits', 'id'], ['assets', 'id'], ['connections', 'id'], ['trust', 'id'], ['media', 'id'],
  ['entryPoints', 'asset'], ['crownJewels', 'asset'], ['productionLines', 'id'],
];

function records(model: PlantModel, collection: keyof PlantModel): { length: number; at(i: number): Rec } {
  if (collection === 'connections') {
    const v = connectionView(model);
    return { length: v.count, at: (i) => v.record(i) as unknown as Rec };
  }
  const list = (model[collection] ?? []) as unknown as Rec[];
  return { length: list.length, at: (i) => list[i]! };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every record added, changed or removed from `base` to `changed`, in the changed model's order. */
export function modelChanges(base: PlantModel, changed: PlantModel): ModelChange[] {
  const out: ModelChange[] = [];
  if (!same(base.plant, changed.plant)) {
    const fields = [...new Set([...Object.keys(base.plant), ...Object.keys(changed.plant)])].filter((k) => !same((base.plant as unknown as Rec)[k], (changed.plant as unknown as Rec)[k]));
    out.push({ kind: 'changed', collection: 'plant', id: changed.plant.id, pointer: jsonPointer(['plant', ...(fields.length === 1 && fields[0]! in changed.plant ? [fields[0]!] : [])]), fields });
  }
  for (const [collection, key] of KEYED) {
    const before = records(base, collection);
    const after = records(changed, collection);
    const old = new Map<string, Rec>();
    for (let i = 0; i < before.length; i++) {
      const r = before.at(i);
      old.set(String(r[key]), r);
    }
    const seen = new Set<string>();
    for (let i = 0; i < after.length; i++) {
      const r = after.at(i);
      const id = String(r[key]);
      seen.add(id);
      const was = old.get(id);
      if (!was) {
        out.push({ kind: 'added', collection, id, pointer: jsonPointer([collection, i]), fields: [] });
        continue;
      }
      if (same(was, r)) continue;
      const fields = [...new Set([...Object.keys(was), ...Object.keys(r)])].filter((k) => !same(was[k], r[k]));
      const one = fields.length === 1 && fields[0]! in r ? [fields[0]!] : [];
      out.push({ kind: 'changed', collection, id, pointer: jsonPointer([collection, i, ...one]), fields });
    }
    for (const id of old.keys()) {
      if (!seen.has(id)) out.push({ kind: 'removed', collection, id, pointer: changed[collection] !== undefined ? jsonPointer([collection]) : '', fields: [] });
    }
  }
  return out;
}
