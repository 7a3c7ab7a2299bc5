// A pull while a push replaces the plant: Neo4j reads are read-committed, so a version replaced
// and deleted under a pull that is still reading it would give an empty or partial plant. The pull
// checks that the version it read is still current at the end and reads again otherwise.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, deletePlant, pullPlantDocument, pushPlant } from '../../src/io/neo4j/store';
import { generatePlant } from '../../src/model/generate';
import { validateModel } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { NEO4J } from './server';

let driver: Driver;
beforeAll(async () => {
  driver = await connect(NEO4J);
});
afterAll(async () => {
  await deletePlant(driver, NEO4J, 'pull-race').catch(() => undefined);
  await driver?.close();
});

function version(k: number): PlantModel {
  const m = generatePlant({ assets: 300 + 100 * k, seed: 40 + k });
  return { ...m, plant: { ...m.plant, id: 'pull-race', name: `Pull race v${k}` } };
}

describe('a pull while the plant is being replaced', () => {
  it('a push that replaces (and deletes) the version being pulled: the pull reads the new version whole', async () => {
    const [v0, v1] = [version(0), version(1)];
    await pushPlant(driver, NEO4J, v0);
    let pushed = false;
    const doc = await pullPlantDocument(driver, NEO4J, 'pull-race', undefined, async () => {
      if (pushed) return;
      pushed = true;
      await pushPlant(driver, NEO4J, v1); // makes v1 current and deletes v0's nodes
    });
    expect(pushed).toBe(true);
    const r = validateModel(doc);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect([r.model.plant.name, r.model.assets.length, r.model.connections.length]).toEqual([v1.plant.name, v1.assets.length, v1.connections.length]);
  }, 240_000);
});
