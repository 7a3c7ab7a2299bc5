// Random small plants for property tests: every collection, both directions, media fans.
import { buildContext, type PlantContext } from '../../src/analysis/context';
import { createRng } from '../../src/model/prng';
import { ASSET_KINDS, PROTOCOLS, TRUST_KINDS, type PlantModel } from '../../src/model/schema';

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
  // Declared services (drawn last, so the rest of a seed's plant is as it was): they bring the
  // default-credentials and rogue-master rules (and the services' authentication) into every
  // property test.
  for (const a of assets as { services?: { protocol: (typeof PROTOCOLS)[number]; authenticated?: boolean; defaultCredentials?: boolean }[] }[]) {
    if (!rng.chance(0.3)) continue;
    a.services = [{ protocol: rng.pick(PROTOCOLS), ...(rng.chance(0.5) ? { authenticated: rng.chance(0.5) } : {}), ...(rng.chance(0.5) ? { defaultCredentials: true } : {}) }];
  }
  // Known flaws (some in KEV, some patched), a trust relation of any kind and a transient laptop's
  // rounds: the exploit, domain and laptop rules.
  for (const a of assets as { vulnerabilities?: { cve: string; cvss?: number; kev?: boolean; patched?: boolean }[] }[]) {
    if (!rng.chance(0.3)) continue;
    a.vulnerabilities = Array.from({ length: 1 + rng.int(2) }, (_, k) => ({
      cve: `CVE-2024-${1000 + k}`,
      ...(rng.chance(0.8) ? { cvss: rng.int(101) / 10 } : {}),
      ...(rng.chance(0.3) ? { kev: true } : {}),
      ...(rng.chance(0.2) ? { patched: true } : {}),
    }));
  }
  if (rng.chance(0.5)) {
    const [from, to] = pair();
    trust.push({ id: `t-x`, kind: rng.pick(TRUST_KINDS) as 'shared-credentials', from, to, direction: rng.chance(0.5) ? 'both' : 'one-way' });
  }
  if (rng.chance(0.4)) {
    media.push({ id: 'm-x', kind: 'transient-laptop' as 'removable-media', from: [`a${rng.int(n)}`], to: Array.from({ length: 1 + rng.int(3) }, () => `a${rng.int(n)}`) });
  }
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
