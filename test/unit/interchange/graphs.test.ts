// The plant and attack graphs for other tools, each read back by the format's own library:
// graphology JSON by graphology (Graph.from) and by importGraphology into the same model, GEXF by
// graphology-gexf's parser, GraphML by graphology-graphml's parser.
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import { explainEdge } from '../../../src/analysis/attack-graph';
import { attackGraph, graphologyJson, plantGraph, type GraphologyJson } from '../../../src/interchange/graphs';
import { writeGexf } from '../../../src/interchange/gexf';
import { writeGraphml, xmlText } from '../../../src/interchange/graphml';
import { importGraphology } from '../../../src/interchange/graphology-import';
import { formatError } from '../../../src/model/errors';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText, validateModel } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';
import { serializeModel } from '../../../src/model/serialize';
import { clone, tinyPlant } from '../../helpers/builders';

function load(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(file);
  return r.model;
}

const samples: [string, PlantModel][] = [
  ['the reference plant', load('models/reference-plant.json')],
  ['the water plant', load('models/water-treatment.json')],
  ['the tiny plant', tinyPlant()],
  ['a generated plant', generatePlant({ assets: 300, seed: 5 })],
];

/** Media edges of a model: one per from × to pair of different assets. */
const mediaPairs = (m: PlantModel) => (m.media ?? []).reduce((n, x) => n + x.from.flatMap((f) => x.to.filter((t) => t !== f)).length, 0);

/** Every edge as "key source target directed|undirected", sorted (an undirected edge's ends in either order). */
function edgeList(g: Graph): string[] {
  return g.mapEdges((key, a, s, t, _sa, _ta, undirected) => `${a.edgeKind === 'media' ? '' : key} ${undirected ? [s, t].sort().join(' ') : `${s} ${t}`} ${undirected ? 'undirected' : 'directed'}`).sort();
}

describe('plant graph', () => {
  it.each(samples)('%s: an asset per node, an edge per connection, trust relation and media pair', (_, m) => {
    const g = plantGraph(m);
    expect(g.order).toBe(m.assets.length);
    expect(g.size).toBe(m.connections.length + (m.trust?.length ?? 0) + mediaPairs(m));
    for (const c of m.connections.slice(0, 50)) {
      expect(g.hasEdge(c.id)).toBe(true);
      expect(g.isUndirected(c.id)).toBe(c.direction === 'both');
      expect(g.getEdgeAttributes(c.id)).toMatchObject({ edgeKind: 'network', protocol: c.protocol });
    }
    const zones = new Map(m.zones.map((z) => [z.id, z]));
    for (const a of m.assets) expect(g.getNodeAttributes(a.id)).toMatchObject({ label: a.name, kind: a.kind, zone: a.zone, purdueLevel: zones.get(a.zone)!.purdueLevel });
    for (const e of m.entryPoints) expect(g.getNodeAttribute(e.asset, 'entryPoint')).toBe(true);
    for (const j of m.crownJewels) expect(g.getNodeAttribute(j.asset, 'crownJewel')).toBe(true);
  });

  it.each(samples)('%s: graphology JSON reads back into the same model, byte for byte', (_, m) => {
    const json = JSON.parse(JSON.stringify(graphologyJson(plantGraph(m, { records: true })))) as GraphologyJson;
    // graphology itself accepts it.
    expect(Graph.from(json as never).order).toBe(m.assets.length);
    const back = importGraphology(json);
    expect(back.kind === 'invalid' ? back.errors.map(formatError) : []).toEqual([]);
    if (back.kind === 'ok') expect(serializeModel(back.model)).toBe(serializeModel(m));
  });

  // graphology-graphml's parser is quadratic in the edges (3,000 take ~20 s): a smaller generated plant here.
  const xmlSamples: [string, PlantModel][] = [...samples.slice(0, 3), ['a generated plant', generatePlant({ assets: 80, seed: 5 })]];
  it.each(xmlSamples)('%s: GEXF and GraphML read back by their libraries with the same nodes, edges and attributes', (_, m) => {
    const g = plantGraph(m);
    for (const [format, back] of [
      ['gexf', parseGexf(Graph, writeGexf(g), { allowUndeclaredAttributes: false })],
      ['graphml', parseGraphml(Graph, writeGraphml(g))],
    ] as const) {
      expect(back.order, format).toBe(g.order);
      expect(edgeList(back), format).toEqual(edgeList(g));
      for (const a of m.assets.slice(0, 40)) {
        const attrs = back.getNodeAttributes(a.id);
        expect(attrs, format).toMatchObject({ label: a.name, kind: a.kind, zone: a.zone, entryPoint: g.getNodeAttribute(a.id, 'entryPoint'), purdueLevel: g.getNodeAttribute(a.id, 'purdueLevel') });
      }
    }
  });

  it('keeps hostile strings as text in XML: markup escaped, characters XML cannot hold dropped', () => {
    const m = clone(tinyPlant());
    const evil = 'PLC <x> & "y" \'z\' ]]> <!-- --> \u0007bell \ud83d\ude00';
    m.assets[3]!.name = evil;
    m.assets[3]!.vendor = '</data></node><node id="injected"/>';
    expect(validateModel(m).kind).toBe('ok');
    const g = plantGraph(m);
    for (const back of [parseGexf(Graph, writeGexf(g)), parseGraphml(Graph, writeGraphml(g))]) {
      expect(back.order).toBe(m.assets.length);
      expect(back.hasNode('injected')).toBe(false);
      expect(back.getNodeAttribute('plc', 'label')).toBe(evil.replace('\u0007', ''));
      expect(back.getNodeAttribute('plc', 'vendor')).toBe(m.assets[3]!.vendor);
    }
    expect(xmlText('a\u0000b\ufffe<\ud800')).toBe('ab&lt;');
  });
});

describe('attack graph', () => {
  it('has every derived attack edge with its technique, likelihood, rule and record', () => {
    const m = samples[0]![1];
    const ctx = buildContext(m);
    const g = attackGraph(ctx);
    expect(g.type).toBe('directed');
    expect(g.order).toBe(m.assets.length);
    expect(g.size).toBe(ctx.attack.edgeCount);
    const want = Array.from({ length: ctx.attack.edgeCount }, (_, e) => {
      const x = explainEdge(ctx.graph, ctx.attack, e);
      return `${ctx.ids[ctx.attack.edgeSource[e]!]} ${ctx.ids[ctx.attack.edgeTarget[e]!]} ${x.technique} ${x.rule} ${x.likelihood}`;
    }).sort();
    expect(g.mapEdges((_, a, s, t) => `${s} ${t} ${a.technique} ${a.rule} ${a.likelihood}`).sort()).toEqual(want);
    const records = new Set([...m.connections.map((c) => c.id), ...(m.trust ?? []).map((t) => t.id), ...(m.media ?? []).map((x) => x.id)]);
    g.forEachEdge((_, a) => expect(records.has(a.sourceRecord as string)).toBe(true));
    const gexf = parseGexf(Graph, writeGexf(g));
    expect(gexf.size).toBe(g.size);
    expect(gexf.mapEdges((_, a) => a.weight as number).sort()).toEqual(g.mapEdges((_, a) => a.likelihood as number).sort());
  });
});

describe('importGraphology', () => {
  it('maps a graph made elsewhere from its flat attributes', () => {
    const json = {
      attributes: { name: 'Hand-drawn cell' },
      options: { type: 'mixed', multi: true, allowSelfLoops: false },
      nodes: [
        { key: 'hmi', attributes: { label: 'HMI', kind: 'hmi', zone: 'z2', zoneName: 'Supervisory', purdueLevel: 2, entryPoint: true, controls: 'mfa edr' } },
        { key: 'plc', attributes: { label: 'PLC', kind: 'plc', zone: 'z1', purdueLevel: 1, crownJewel: true, vendor: 'Siemens' } },
      ],
      edges: [{ key: 'e1', source: 'hmi', target: 'plc', attributes: { protocol: 's7comm', port: 102 } }],
    };
    const r = importGraphology(json);
    expect(r.kind === 'invalid' ? r.errors.map(formatError) : []).toEqual([]);
    if (r.kind !== 'ok') return;
    expect(r.model.plant.name).toBe('Hand-drawn cell');
    expect(r.model.zones).toEqual([
      { id: 'z2', name: 'Supervisory', purdueLevel: 2 },
      { id: 'z1', name: 'z1', purdueLevel: 1 },
    ]);
    expect(r.model.assets[0]).toEqual({ id: 'hmi', name: 'HMI', kind: 'hmi', zone: 'z2', controls: ['mfa', 'edr'] });
    expect(r.model.connections).toEqual([{ id: 'e1', from: 'hmi', to: 'plc', protocol: 's7comm', direction: 'one-way', port: 102 }]);
    expect(r.model.entryPoints).toEqual([{ asset: 'hmi' }]);
    expect(r.model.crownJewels).toEqual([{ asset: 'plc', impact: {} }]);
  });

  it('says what does not map: an attack graph, a node without a kind, something that is no graph', () => {
    const attack = importGraphology(JSON.parse(JSON.stringify(graphologyJson(attackGraph(buildContext(tinyPlant()))))));
    expect(attack.kind === 'invalid' && attack.errors[0]!.message).toMatch(/not a plant edge .*an attack graph does not map back to a model; export the plant graph \(--graph plant\)/);
    const noKind = importGraphology({ nodes: [{ key: 'x', attributes: { zone: 'z', purdueLevel: 1 } }], edges: [] });
    expect(noKind.kind === 'invalid' && noKind.errors.map(formatError)).toContain('assets[0](id=x).kind: required field is missing');
    expect(importGraphology([1, 2])).toEqual({ kind: 'invalid', errors: [{ path: '', message: "expected graphology's JSON (an object with nodes and edges arrays), got an array of 2" }] });
  });
});
