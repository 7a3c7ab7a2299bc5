// The formats' own schemas, compiled once for the tests: SARIF 2.1.0 (OASIS, vendored with its
// licence in test/fixtures/sarif/) and the ATT&CK Navigator layer format 4.5 (test/fixtures/navigator/).
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';

function ajv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false });
  // RFC 3986 URIs and references, RFC 3339 date-times: what SARIF's `format`s require.
  a.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s));
  a.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  a.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  return a;
}

let sarif: ValidateFunction | undefined;
let layer: ValidateFunction | undefined;

/** Validates a SARIF log against the SARIF 2.1.0 schema (draft-04, compiled as draft-07: the same keywords). */
export function sarifErrors(log: unknown): string[] {
  if (!sarif) {
    const { $schema: _s, id: _id, ...schema } = JSON.parse(readFileSync('test/fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')) as Record<string, unknown>;
    sarif = ajv().compile(schema);
  }
  return sarif(log) ? [] : (sarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Validates a Navigator layer against the layer format 4.5 schema. */
export function layerErrors(doc: unknown): string[] {
  layer ??= ajv().compile(JSON.parse(readFileSync('test/fixtures/navigator/layer-format-4.5.schema.json', 'utf8')) as object);
  return layer(doc) ? [] : (layer.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
