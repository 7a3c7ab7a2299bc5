// Round trips, atomic replacement, several plants in one database, hostile strings and the
// errors users meet — against the real Neo4j server (npm run neo4j:start).
import { readFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, deletePlant, listPlants, Neo4jStoreError, pullPlant, pushPlant } from '../../src/io/neo4j/store';
import { generatePlant } from '../../src/model/generate';
import { parseModelText, validateModel } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { NEO4J } from './server';

const T = NEO4J;
let driver: Driver;

function sample(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} is invalid`);
  return r.model;
}

/** Same JSON document (key order aside): what a user would diff. */
function plain(m: unknown): unknown {
  return JSON.parse(JSON.stringify(m));
}

function withId(m: PlantModel, id: string): PlantModel {
  return { ...m, plant: { ...m.plant, id } };
}

/** A model whose every string tries to break out of a Cypher statement. */
function hostile(): PlantModel {
  const nasty = [
    "it's \"quoted\"",
    '`backtick` }) MATCH (n) DETACH DELETE n //',
    "'; MATCH (n) DETACH DELETE n; RETURN '",
    '{curly} $param ${x} \\u0027',
    'CREATE (x:Plant {id: "owned"})',
    'MERGE RETURN WITH UNWIND CALL',
  ];
  const base = sample('models/water-treatment.json');
  const rename = new Map(base.assets.map((a, i) => [a.id, `${a.id}${nasty[i % nasty.length]}`]));
  const r = (id: string) => rename.get(id) ?? id;
  const model = {
    ...base,
    plant: { ...base.plant, id: "plant `x` ' \" } {", name: nasty.join(' | '), description: nasty[1] },
    zones: base.zones.map((z, i) => ({ ...z, name: `${z.name} ${nasty[i % nasty.length]}` })),
    assets: base.assets.map((a, i) => ({ ...a, id: r(a.id), name: `${a.name} ${nasty[(i + 1) % nasty.length]}`, tags: [nasty[i % nasty.length]!, 'ok'] })),
    connections: base.connections.map((c, i) => ({ ...c, id: `${c.id} ${nasty[i % nasty.length]}`, from: r(c.from), to: r(c.to), ...(c.via ? { via: r(c.via) } : {}), description: nasty[(i + 2) % nasty.length] })),
    trust: base.trust?.map((t) => ({ ...t, from: r(t.from), to: r(t.to) })),
    media: base.media?.map((m) => ({ ...m, from: m.from.map(r), to: m.to.map(r), ...(m.carrier ? { carrier: r(m.carrier) } : {}) })),
    conduits: base.conduits?.map((c) => ({ ...c, ...(c.via ? { via: c.via.map(r) } : {}) })),
    entryPoints: base.entryPoints.map((e) => ({ ...e, asset: r(e.asset) })),
    crownJewels: base.crownJewels.map((j) => ({ ...j, asset: r(j.asset) })),
    productionLines: base.productionLines?.map((l) => ({ ...l, groups: l.groups.map((g) => ({ ...g, name: `${g.name} ${nasty[0]}`, assets: g.assets.map(r) })) })),
  };
  const checked = validateModel(plain(model));
  if (checked.kind !== 'ok') throw new Error(`hostile fixture invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  return checked.model;
}

beforeAll(async () => {
  driver = await connect(T);
});
afterAll(async () => {
  await driver?.close();
});

describe('push then pull gives back the same model', () => {
  for (const file of ['models/reference-plant.json', 'models/water-treatment.json']) {
    it(file, async () => {
      const model = withId(sample(file), `rt-${file}`);
      const pushed = await pushPlant(driver, T, model);
      expect(pushed.attackEdges).toBeGreaterThan(model.connections.length / 2);
      const back = await pullPlant(driver, T, model.plant.id);
      expect(plain(back)).toEqual(plain(model));
      await deletePlant(driver, T, model.plant.id);
    });
  }

  it('a generated 2,000-asset plant (several UNWIND batches of vulnerabilities and attack edges)', async () => {
    const model = generatePlant({ assets: 2000, seed: 7 });
    const phases = new Set<string>();
    const res = await pushPlant(driver, T, model, (p) => phases.add(p.phase));
    expect(res.nodes).toBeGreaterThan(2000);
    expect(phases.has('attack graph')).toBe(true);
    const back = await pullPlant(driver, T, model.plant.id);
    expect(plain(back)).toEqual(plain(model));
    expect(await deletePlant(driver, T, model.plant.id)).toBe(true);
  });

  it('ids and names with quotes, backticks, braces and Cypher keywords go through parameters untouched', async () => {
    const model = hostile();
    await pushPlant(driver, T, model);
    const back = await pullPlant(driver, T, model.plant.id);
    expect(plain(back)).toEqual(plain(model));
    // Nothing was executed from a string: no stray plant, every plant still there.
    const ids = (await listPlants(driver, T)).map((p) => p.id);
    expect(ids).toContain(model.plant.id);
    expect(ids).not.toContain('owned');
    await deletePlant(driver, T, model.plant.id);
  });
});

describe('versions', () => {
  it('a second push replaces the plant; the old version is gone', async () => {
    const a = withId(sample('models/water-treatment.json'), 'versions-a');
    const first = await pushPlant(driver, T, a);
    const changed = { ...a, plant: { ...a.plant, name: 'renamed' }, assets: a.assets.map((x, i) => (i === 0 ? { ...x, name: 'first asset renamed' } : x)) };
    const second = await pushPlant(driver, T, changed);
    expect(second.previousVersion).toBe(first.version);
    expect(plain(await pullPlant(driver, T, 'versions-a'))).toEqual(plain(changed));
    const s = driver.session();
    try {
      const r = await s.run('MATCH (n {plantId: $p}) RETURN count(n) AS n, collect(DISTINCT n.version) AS versions', { p: 'versions-a' });
      expect(r.records[0]!.get('versions')).toEqual([second.version]);
    } finally {
      await s.close();
    }
    await deletePlant(driver, T, 'versions-a');
  });

  it('a push that fails half-way leaves the previous version current and intact, and nothing half-written', async () => {
    const a = withId(sample('models/reference-plant.json'), 'versions-b');
    await pushPlant(driver, T, a);
    const changed = { ...a, assets: a.assets.map((x) => ({ ...x, name: `${x.name} (v2)` })) };
    // Fail in the middle of the push, after assets and vulnerabilities were written.
    const failing = pushPlant(driver, T, changed, (p) => {
      if (p.phase === 'connections') throw new Error('network dropped (simulated)');
    });
    await expect(failing).rejects.toThrow(/network dropped/);
    expect(plain(await pullPlant(driver, T, 'versions-b'))).toEqual(plain(a));
    const s = driver.session();
    try {
      const r = await s.run('MATCH (p:Plant {id: $p}) MATCH (n {plantId: $p}) WHERE n.version <> p.version RETURN count(n) AS stray', { p: 'versions-b' });
      expect(r.records[0]!.get('stray')).toBe(0);
    } finally {
      await s.close();
    }
    await deletePlant(driver, T, 'versions-b');
  });

  it('several plants share one database, each pulled on its own', async () => {
    const x = withId(sample('models/water-treatment.json'), 'share-x');
    const y = withId(sample('models/reference-plant.json'), 'share-y');
    await pushPlant(driver, T, x);
    await pushPlant(driver, T, y);
    expect(plain(await pullPlant(driver, T, 'share-x'))).toEqual(plain(x));
    expect(plain(await pullPlant(driver, T, 'share-y'))).toEqual(plain(y));
    const listed = await listPlants(driver, T);
    expect(listed.find((p) => p.id === 'share-x')).toMatchObject({ assets: x.assets.length, connections: x.connections.length });
    await deletePlant(driver, T, 'share-x');
    expect(plain(await pullPlant(driver, T, 'share-y'))).toEqual(plain(y));
    await deletePlant(driver, T, 'share-y');
  });
});

describe('errors a user can act on', () => {
  async function kindOf(p: Promise<unknown>): Promise<string> {
    try {
      await p;
      return 'no error';
    } catch (e) {
      expect(e).toBeInstanceOf(Neo4jStoreError);
      return `${(e as Neo4jStoreError).kind}: ${(e as Error).message}`;
    }
  }

  it('wrong password', async () => {
    expect(await kindOf(connect({ ...T, password: 'not-the-password' }))).toMatch(/^unauthorized: .*wrong user name or password/);
  });
  it('nothing listening', async () => {
    expect(await kindOf(connect({ ...T, uri: 'bolt://127.0.0.1:1' }))).toMatch(/^unreachable: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1/);
  });
  it('missing database', async () => {
    expect(await kindOf(connect({ ...T, database: 'no-such-db' }))).toMatch(/^no-database: .*"no-such-db"/);
  });
  it('unknown plant names the plants there', async () => {
    const x = withId(sample('models/water-treatment.json'), 'err-known');
    await pushPlant(driver, T, x);
    expect(await kindOf(pullPlant(driver, T, 'err-unknown'))).toMatch(/^not-found: no plant "err-unknown" .*"err-known"/);
    await deletePlant(driver, T, 'err-known');
  });
  it('a tampered plant fails the one parser with the path and value', async () => {
    const x = withId(sample('models/water-treatment.json'), 'err-tampered');
    await pushPlant(driver, T, x);
    const s = driver.session();
    try {
      await s.run("MATCH (p:Plant {id: 'err-tampered'}) MATCH (a:Asset {plantId: p.id, version: p.version}) WITH a ORDER BY a.ord LIMIT 1 SET a.kind = 'toaster'");
    } finally {
      await s.close();
    }
    expect(await kindOf(pullPlant(driver, T, 'err-tampered'))).toMatch(/^invalid-model: .*assets\[0\].*kind.*toaster/);
    await deletePlant(driver, T, 'err-tampered');
  });
});
