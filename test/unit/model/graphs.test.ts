// The compact CSR graph and the graphology graph are built from the same model and must agree,
// arc for arc; the CSR's buffers must transfer without copying.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reachFrom } from '../../../src/analysis/reach';
import {
  compactBuffers, compileModel, EDGE_KINDS, FLAG_AUTHENTICATED, FLAG_OBSERVED, FLAG_REVERSE, nodeId, nodeIndex, type CompactGraph,
} from '../../../src/model/compact';
import { toGraphology, type PlantGraph } from '../../helpers/graphology';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText, validateModel } from '../../../src/model/parse';
import { PROTOCOLS, type PlantModel } from '../../../src/model/schema';
import { randomPlant } from '../../helpers/random';
import { tinyPlant } from '../../helpers/builders';

/** Every arc as "from>to|kind|record|likelihood", sorted: a multiset to compare. */
function csrArcs(model: PlantModel, g: CompactGraph): string[] {
  const recordId = (kind: number, ref: number) =>
    kind === 0 ? model.connections[ref]!.id : kind === 1 ? model.trust![ref]!.id : model.media![ref]!.id;
  const arcs: string[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      expect(g.edgeSource[e]).toBe(v);
      const l = g.edgeLikelihood[e]!;
      arcs.push(`${nodeId(g, v)}>${nodeId(g, g.edgeTarget[e]!)}|${EDGE_KINDS[g.edgeKind[e]!]}|${recordId(g.edgeKind[e]!, g.edgeRef[e]!)}|${Number.isNaN(l) ? '-' : l}`);
    }
  }
  return arcs.sort();
}

function graphologyArcs(g: PlantGraph): string[] {
  const arcs: string[] = [];
  g.forEachEdge((_key, attrs, source, target, _sa, _ta, undirected) => {
    const tail = `|${attrs.kind}|${attrs.record}|${attrs.likelihood ?? '-'}`;
    arcs.push(`${source}>${target}${tail}`);
    if (undirected) arcs.push(`${target}>${source}${tail}`);
  });
  return arcs.sort();
}

function expectAgreement(model: PlantModel): void {
  const g = compileModel(model);
  const gg = toGraphology(model);
  expect(g.nodeCount).toBe(gg.order);
  expect([...nodeIndex(g).keys()]).toEqual(model.assets.map((a) => a.id));
  expect(csrArcs(model, g)).toEqual(graphologyArcs(gg));
  // In-CSR lists exactly the arcs whose target is v.
  for (let v = 0; v < g.nodeCount; v++) {
    const incoming = Array.from(g.inEdges.subarray(g.inOffsets[v]!, g.inOffsets[v + 1]!));
    expect(incoming.every((e) => g.edgeTarget[e] === v)).toBe(true);
    expect(incoming.length).toBe(g.edgeTarget.filter((t) => t === v).length);
  }
  // Reachability over the CSR equals a plain traversal of the graphology graph.
  const hops = reachFrom(g, [0]).hops;
  const seen = new Set<string>([model.assets[0]!.id]);
  const queue = [model.assets[0]!.id];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of gg.outboundNeighbors(v)) {
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  expect(model.assets.filter((_, i) => hops[i]! >= 0).map((a) => a.id).sort()).toEqual([...seen].sort());
}

describe('compact graph vs graphology graph', () => {
  it('agree on the tiny plant, with per-edge attributes in place', () => {
    const model = tinyPlant();
    expectAgreement(model);
    const g = compileModel(model);
    // c-4 is "both": two arcs, the second flagged reverse, both carrying the analyst's 0.9.
    const c4 = [...Array(g.edgeCount).keys()].filter((e) => g.edgeKind[e] === 0 && g.edgeRef[e] === 3);
    expect(c4.map((e) => g.edgeFlags[e]! & FLAG_REVERSE).sort()).toEqual([0, FLAG_REVERSE]);
    expect(c4.map((e) => g.edgeLikelihood[e])).toEqual([0.9, 0.9]);
    const c2 = [...Array(g.edgeCount).keys()].find((e) => g.edgeKind[e] === 0 && g.edgeRef[e] === 1)!;
    expect(g.edgeFlags[c2]! & FLAG_AUTHENTICATED).toBe(FLAG_AUTHENTICATED);
    expect(g.edgeFlags[c2]! & FLAG_OBSERVED).toBe(0);
    expect(PROTOCOLS[g.edgeProtocol[c2]!]).toBe('rdp');
    expect(g.nodeLevel2[nodeIndex(g).get('fw')!]).toBe(7); // DMZ, level 3.5
  });

  it.each(['models/reference-plant.json', 'models/water-treatment.json'])('agree on %s', (file) => {
    const r = parseModelText(readFileSync(file, 'utf8'));
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
    expectAgreement(r.model);
  });

  it('agree on a generated 2,000-asset plant', () => {
    expectAgreement(generatePlant({ assets: 2000, seed: 7 }));
  });

  it('agree on random plants (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const model = randomPlant(seed);
        expect(validateModel(model).kind).toBe('ok');
        expectAgreement(model);
      }),
      { numRuns: 200 },
    );
  });
});

describe('transfer', () => {
  it('lists every buffer once, and a transfer moves them without copying', () => {
    const g = compileModel(generatePlant({ assets: 500, seed: 3 }));
    const buffers = compactBuffers(g);
    expect(buffers.length).toBe(25);
    const moved = structuredClone(g, { transfer: buffers });
    expect(g.edgeTarget.byteLength).toBe(0); // detached: the sender no longer holds the data
    expect(moved.edgeTarget.length).toBe(moved.edgeCount);
    expect(reachFrom(moved, [0]).reached).toBeGreaterThan(1);
  });
});
