// The ATT&CK Navigator layer: valid under the layer format 4.5 (test/fixtures/navigator), ICS
// technique ids that ATT&CK for ICS has, each scored by the risk of the most likely paths through
// it — recomputed here from the paths and the jewels' impacts — with those paths named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { explainEdge } from '../../../src/analysis/attack-graph';
import { buildContext } from '../../../src/analysis/context';
import { jewelImpact } from '../../../src/analysis/impact';
import { navigatorLayer } from '../../../src/interchange/navigator';
import { parseModelText } from '../../../src/model/parse';
import { clone, tinyPlant } from '../../helpers/builders';
import { layerErrors } from './schemas';

const kb = JSON.parse(readFileSync('public/kb/twinpath-kb.json', 'utf8')) as { techniques: [string, string, ...unknown[]][] };
const icsTechniques = new Map(kb.techniques.map(([id, name]) => [id, name]));

function context(file: string) {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(file);
  return buildContext(r.model);
}

describe('navigatorLayer', () => {
  it.each(['models/reference-plant.json', 'models/water-treatment.json'])('%s: a valid ICS layer, every technique of the attack graph scored by the risk through it', (file) => {
    const ctx = context(file);
    const layer = JSON.parse(JSON.stringify(navigatorLayer(ctx))) as ReturnType<typeof navigatorLayer>;
    expect(layerErrors(layer)).toEqual([]);
    expect(layer.domain).toBe('ics-attack');
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.gradient.maxValue).toBeGreaterThan(layer.gradient.minValue);

    const used = new Set(Array.from({ length: ctx.attack.edgeCount }, (_, e) => explainEdge(ctx.graph, ctx.attack, e).technique));
    expect(new Set(layer.techniques.map((t) => t.techniqueID))).toEqual(used);
    for (const t of layer.techniques) {
      expect(icsTechniques.has(t.techniqueID), t.techniqueID).toBe(true);
      expect(t.comment.startsWith(`${icsTechniques.get(t.techniqueID)}: `)).toBe(true);
    }

    // The score, from the definition: Σ over the most likely entry × jewel paths that take a step
    // with the technique of likelihood × the jewel's impact.
    const money = new Map(ctx.model.crownJewels.map((j) => [j.asset, jewelImpact(ctx.model, j).money]));
    const want = new Map<string, number>();
    const paths = attackPaths(ctx);
    for (const p of paths) for (const id of new Set(p.edges.map((e) => e.technique))) want.set(id, (want.get(id) ?? 0) + p.likelihood * money.get(p.to)!);
    for (const t of layer.techniques) expect(t.score).toBe(Math.round(want.get(t.techniqueID) ?? 0));
    expect(layer.gradient.maxValue).toBe(Math.max(...layer.techniques.map((t) => t.score)));

    // The top technique's comment names the riskiest path through it, asset by asset.
    const top = layer.techniques[0]!;
    const riskiest = paths.filter((p) => p.edges.some((e) => e.technique === top.techniqueID)).sort((a, b) => b.likelihood * money.get(b.to)! - a.likelihood * money.get(a.to)!)[0]!;
    expect(top.comment).toContain(`1) ${riskiest.nodes.map((id) => ctx.names[ctx.index.get(id)!]).join(' → ')} (likelihood `);
    expect(layer.techniques.map((t) => t.score)).toEqual([...layer.techniques.map((t) => t.score)].sort((a, b) => b - a));
  });

  it('scores 0 (and says so) a technique on no entry-to-jewel path, and keeps a layer valid without any path', () => {
    const m = clone(tinyPlant());
    m.crownJewels = [];
    const layer = navigatorLayer(buildContext(m));
    expect(layerErrors(JSON.parse(JSON.stringify(layer)))).toEqual([]);
    expect(layer.techniques.length).toBeGreaterThan(0);
    for (const t of layer.techniques) {
      expect(t.score).toBe(0);
      expect(t.comment).toMatch(/attack edge\(s\) in the plant, on no most likely entry-to-jewel path\.$/);
    }
    expect(layer.gradient).toMatchObject({ minValue: 0, maxValue: 1 });
  });

  it('the schema catches what the Navigator would not read', () => {
    const layer = JSON.parse(JSON.stringify(navigatorLayer(buildContext(tinyPlant())))) as Record<string, unknown>;
    expect(layerErrors({ ...layer, domain: 'ics' })).not.toEqual([]);
    expect(layerErrors({ ...layer, versions: { layer: '4.4', navigator: '5.1.0' } })).not.toEqual([]);
    expect(layerErrors({ ...layer, techniques: [{ techniqueId: 'T0866' }] })).not.toEqual([]);
    expect(layerErrors({ ...layer, gradient: { colors: ['red'], minValue: 0, maxValue: 1 } })).not.toEqual([]);
  });
});
