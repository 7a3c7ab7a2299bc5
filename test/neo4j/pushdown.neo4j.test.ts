// Push-down blast radius and most likely paths, computed by Cypher on the server, against the
// local engine on the same plants.
import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackPaths } from '../../src/analysis/attack-paths';
import { blastRadius, reachedRows } from '../../src/analysis/blast';
import { buildContext } from '../../src/analysis/context';
import { blastPushDown, pathsPushDown } from '../../src/io/neo4j/pushdown';
import { connect, deletePlant, pushPlant } from '../../src/io/neo4j/store';
import { generatePlant } from '../../src/model/generate';
import { parseModelText } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { NEO4J } from './server';

const T = NEO4J;
let driver: Driver;

function sample(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid`);
  return { ...r.model, plant: { ...r.model.plant, id: `pd-${r.model.plant.id}` } };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));

const plants: PlantModel[] = [sample('models/reference-plant.json'), sample('models/water-treatment.json'), generatePlant({ assets: 600, seed: 11 })];

beforeAll(async () => {
  driver = await connect(T);
  for (const m of plants) await pushPlant(driver, T, m);
});
afterAll(async () => {
  for (const m of plants) await deletePlant(driver, T, m.plant.id).catch(() => undefined);
  await driver?.close();
});

describe.each(plants.map((m) => [m.plant.id, m] as const))('push-down on %s equals the local engine', (_name, model) => {
  const ctx = buildContext(model);

  it('blast radius from every entry point: same assets, hops, likelihoods and impact', async () => {
    for (const e of model.entryPoints) {
      const local = blastRadius(ctx, [e.asset]);
      const remote = await blastPushDown(driver, T, model.plant.id, [e.asset]);
      expect([...remote.reached.ids].sort()).toEqual([...local.reached.ids].sort());
      const byId = new Map(reachedRows(local.reached).map((x) => [x.id, x]));
      for (const x of reachedRows(remote.reached)) {
        const y = byId.get(x.id)!;
        expect(x.hops, `${e.asset} → ${x.id} hops`).toBe(y.hops);
        expect(close(x.likelihood, y.likelihood), `${e.asset} → ${x.id}: ${x.likelihood} vs ${y.likelihood}`).toBe(true);
      }
      expect(remote.impact).toEqual(local.impact);
      expect(remote.stats.rounds).toBeGreaterThan(0);
    }
  });

  it('blast radius from all entry points at once', async () => {
    const from = model.entryPoints.map((e) => e.asset);
    const local = blastRadius(ctx, from);
    const remote = await blastPushDown(driver, T, model.plant.id, from);
    expect(remote.reached.count).toBe(local.reached.count);
    expect(remote.impact).toEqual(local.impact);
  });

  it('most likely path for every entry × crown jewel: same likelihood, and a valid chain of attack edges', async () => {
    const from = model.entryPoints.map((e) => e.asset);
    const to = model.crownJewels.map((j) => j.asset);
    const local = attackPaths(ctx, { from, to });
    const remote = await pathsPushDown(driver, T, model.plant.id, from, to);
    let reachable = 0;
    for (const p of remote.paths) {
      const l = local.find((x) => x.from === p.from && x.to === p.to);
      expect(close(p.likelihood, l?.likelihood ?? 0), `${p.from} → ${p.to}: ${p.likelihood} vs ${l?.likelihood}`).toBe(true);
      if (!p.steps.length) continue;
      reachable++;
      expect(p.steps[0]!.from).toBe(p.from);
      expect(p.steps.at(-1)!.to).toBe(p.to);
      for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.from).toBe(p.steps[i - 1]!.to);
      for (const s of p.steps) expect(s.technique).toMatch(/^T0\d{3}$/);
    }
    expect(reachable).toBeGreaterThan(0);
  });
});

it('an unknown asset is named', async () => {
  await expect(blastPushDown(driver, T, plants[0]!.plant.id, ['no-such-asset'])).rejects.toThrow(/unknown asset "no-such-asset"/);
});
