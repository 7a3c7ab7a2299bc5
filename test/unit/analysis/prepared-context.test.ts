// prepareContext: what a two-thread load builds of the assets while its helper still reads the
// connections. buildContext must give exactly what it gives without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext, prepareContext, type PlantContext } from '../../../src/analysis/context';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';

function load(text: string) {
  const r = parseModelText(text);
  if (r.kind !== 'ok') throw new Error('invalid test plant');
  return r.model;
}

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function expectSame(a: PlantContext, b: PlantContext): void {
  for (const part of ['graph', 'attack'] as const) {
    const x = a[part] as unknown as Record<string, unknown>;
    const y = b[part] as unknown as Record<string, unknown>;
    expect(Object.keys(x).sort()).toEqual(Object.keys(y).sort());
    for (const k of Object.keys(x)) {
      const v = x[k];
      if (ArrayBuffer.isView(v)) expect(bytes(v).equals(bytes(y[k] as ArrayBufferView)), `${part}.${k}`).toBe(true);
      else expect(v, `${part}.${k}`).toEqual(y[k]);
    }
  }
  expect(a.ids).toEqual(b.ids);
  expect(a.names).toEqual(b.names);
  expect([...a.index]).toEqual([...b.index]);
  expect(a.entries).toEqual(b.entries);
  expect(a.jewels).toEqual(b.jewels);
}

describe('prepareContext', () => {
  const texts = [readFileSync('models/reference-plant.json', 'utf8'), serializeModel(generatePlant({ assets: 600, seed: 5 }))];

  it('changes nothing buildContext gives', () => {
    for (const text of texts) {
      const plain = buildContext(load(text));
      const model = load(text);
      expectSame(buildContext(model, prepareContext(model)), plain);
    }
  });

  it('is what buildContext takes when given: the context holds the very parts prepared; without them it builds its own', () => {
    const model = load(texts[0]!);
    const prepared = prepareContext(model);
    const first = buildContext(model, prepared);
    expect(first.graph.nodeKind).toBe(prepared.nodes.nodeKind);
    expect(first.graph.idChars).toBe(prepared.nodes.idChars);
    expect(first.index).toBe(prepared.index);
    expect(first.ids).toBe(prepared.ids);
    const second = buildContext(model);
    expectSame(second, first);
    expect(second.graph.nodeKind).not.toBe(first.graph.nodeKind);
    expect(second.index).not.toBe(first.index);
  });

  it('prepared parts belong to their model only: given for another model, they are ignored', () => {
    const other = serializeModel(generatePlant({ assets: 300, seed: 6 }));
    const a = load(texts[1]!);
    const b = load(other);
    const prepared = prepareContext(a);
    const cb = buildContext(b, prepared);
    expectSame(cb, buildContext(load(other)));
    expect(cb.graph.nodeKind).not.toBe(prepared.nodes.nodeKind);
    expect(buildContext(a, prepared).graph.nodeKind).toBe(prepared.nodes.nodeKind);
  });
});
