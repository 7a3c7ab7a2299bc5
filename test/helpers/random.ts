// Random small plants for property tests: every collection, both directions, media fans.
import { buildContext, type PlantContext } from '../../src/analysis/context';
import { createRng } from '../../src/model/prng';
import { ASSET_KINDS, PROTOCOLS, type PlantModel } from '../../src/model/schema';

export function randomPlant(seed: number, maxAssets = 12): PlantModel {
  const rng = createRng(seed);
  const n = 2 + rng.int(maxAssets - 1);
  const zoneCount = 1 + rng.int(3);
  const levels = [0, 1, 2, 3, 3.5, 4, 5] as const;
  const zones = Array.from({ length: zoneCount }, (_, i) => ({ id: `z${i}`, name: `Zone ${i}`, purdueLevel: rng.pick(levels) }));
  const assets = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, name: `Asset ${i}`, kind: rng.pick(ASSET_KINDS), zone: rng.pick(zones).id }));
  const pair = (): [string, string] => {
    const f = rng.int(n);
    let t = rng.int(n - 1);
    if (t >= f) t++;
    return [`a${f}`, `a${t}`];
  };
  const connections = Array.from({ length: rng.int(3 * n) }, (_, i) => {
    const [from, to] = pair();
    return {
      id: `c${i}`, from, to, protocol: rng.pick(PROTOCOLS), direction: rng.chance(0.4) ? ('both' as const) : ('one-way' as const),
      ...(rng.chance(0.3) ? { likelihood: 0.05 + rng.int(95) / 100 } : {}),
      ...(rng.chance(0.3) ? { authenticated: true } : {}),
      ...(rng.chance(0.2) ? { observed: true } : {}),
    };
  });
  const trust = Array.from({ length: rng.int(3) }, (_, i) => {
    const [from, to] = pair();
    return { id: `t${i}`, kind: 'shared-credentials' as const, from, to, direction: rng.chance(0.5) ? ('both' as const) : ('one-way' as const) };
  });
  const media = Array.from({ length: rng.int(3) }, (_, i) => ({
    id: `m${i}`, kind: 'removable-media' as const,
    from: Array.from({ length: 1 + rng.int(2) }, () => `a${rng.int(n)}`),
    to: Array.from({ length: 1 + rng.int(3) }, () => `a${rng.int(n)}`),
  }));
  return {
    schemaVersion: 1, plant: { id: `r${seed}`, name: `Random ${seed}` }, zones, assets, connections, trust, media,
    entryPoints: [{ asset: 'a0' }], crownJewels: [{ asset: `a${n - 1}`, impact: {} }],
  };
}

/** Random plant context with a few entry points and crown jewels and assorted hardening costs. */
export function randomContext(seed: number, maxAssets = 8): PlantContext {
  const m: PlantModel = randomPlant(seed, maxAssets);
  const n = m.assets.length;
  m.entryPoints = [{ asset: 'a0' }, ...(n > 4 && seed % 2 ? [{ asset: 'a1' }] : [])];
  m.crownJewels = [{ asset: `a${n - 1}`, impact: { downtimeCostPerHour: 1000 } }, ...(n > 5 && seed % 3 ? [{ asset: `a${n - 2}`, impact: { safety: 'injury' as const } }] : [])];
  m.assets.forEach((a, i) => (a.hardeningCost = 1 + ((seed >> i) & 7)));
  return buildContext(m);
}
