// What the record forms of the asset panel read from their fields: an asset named or given by id,
// a likelihood in (0, 1], a downtime cost per hour, and a new record id free in the one id space of
// connections, trust relations and media paths.
import { MAX_MONEY, type PlantModel } from '../../model/schema';

/** The id of the asset whose id or name is `text` (an id first), or undefined. */
export function resolveAsset(model: PlantModel, text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return (model.assets.find((a) => a.id === t) ?? model.assets.find((a) => a.name === t) ?? model.assets.find((a) => a.name.toLowerCase() === t.toLowerCase()))?.id;
}

/** A likelihood typed as 0.3, .3 or 30%; undefined when it is not one in (0, 1]. */
export function parseLikelihood(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const percent = t.endsWith('%');
  const v = Number(percent ? t.slice(0, -1) : t);
  const x = percent ? v / 100 : v;
  return Number.isFinite(x) && x > 0 && x <= 1 ? x : undefined;
}

/** `base`, or `base-2`, `base-3`… whichever no connection, trust relation or media path uses. */
export function newRecordId(model: PlantModel, base: string): string {
  const taken = new Set<string>();
  for (const c of model.connections) taken.add(c.id);
  for (const t of model.trust ?? []) taken.add(t.id);
  for (const m of model.media ?? []) taken.add(m.id);
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  return id;
}

/** `base`, or `base-2`, `base-3`… whichever no conduit uses. */
export function newConduitId(model: PlantModel, base: string): string {
  const taken = new Set((model.conduits ?? []).map((c) => c.id));
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  return id;
}

/** The downtime field's text as a cost per hour: undefined when empty, NaN when it is no cost. */
export function downtimeValue(text: string): number | undefined {
  const t = text.trim().replace(/[€,\s]/g, '');
  if (!t) return undefined;
  const v = Number(t);
  return Number.isFinite(v) && v >= 0 && v <= MAX_MONEY ? v : NaN;
}

/** A form's submit handler that keeps the page where it is and runs `f` when the form is `ready` (its fields valid). */
export function submitted(f: () => void, ready = true): (e: { preventDefault(): void }) => void {
  return (e) => {
    e.preventDefault();
    if (ready) f();
  };
}
