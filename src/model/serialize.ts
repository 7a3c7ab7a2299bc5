// Stable JSON text for models: top-level fields in schema order, one record per line, so files
// stay diffable and large plants are written in chunks rather than one giant string.
import type { PlantModel } from './schema';

const FIELD_ORDER: readonly (keyof PlantModel)[] = [
  '$schema', 'schemaVersion', 'plant', 'zones', 'conduits', 'assets', 'connections', 'trust', 'media',
  'entryPoints', 'crownJewels', 'productionLines',
];

/** Yields the model's JSON text in pieces of at most ~1 MB. */
export function* serializeModelChunks(model: PlantModel): Generator<string> {
  const fields = FIELD_ORDER.filter((k) => model[k] !== undefined);
  yield '{\n';
  for (let f = 0; f < fields.length; f++) {
    const key = fields[f]!;
    const value = model[key];
    const tail = f + 1 < fields.length ? ',\n' : '\n';
    if (Array.isArray(value)) {
      if (value.length === 0) {
        yield `  ${JSON.stringify(key)}: []${tail}`;
        continue;
      }
      let buf = `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < value.length; i++) {
        buf += `    ${JSON.stringify(value[i])}${i + 1 < value.length ? ',\n' : '\n'}`;
        if (buf.length > 1_000_000) {
          yield buf;
          buf = '';
        }
      }
      yield `${buf}  ]${tail}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${tail}`;
    }
  }
  yield '}\n';
}

export function serializeModel(model: PlantModel): string {
  let s = '';
  for (const chunk of serializeModelChunks(model)) s += chunk;
  return s;
}
