// The linear 62443 findings against the pre-#18 implementation (test/helpers/findings-reference.ts):
// the same findings, in the same order, with the same texts, on random plants (records and
// columns) and on a generated plant read from text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findings } from '../../../src/analysis/findings';
import { connectionColumns } from '../../../src/model/connections';
import { generatePlant } from '../../../src/model/generate';
import { parseModelText } from '../../../src/model/parse';
import { createRng } from '../../../src/model/prng';
import { CONTROL_KINDS, type PlantModel } from '../../../src/model/schema';
import { serializeModel } from '../../../src/model/serialize';
import { referenceFindings } from '../../helpers/findings-reference';
import { randomPlant } from '../../helpers/random';

const REMOTE = ['tls-vpn', 'vendor-remote', 'rdp', 'ssh', 'vnc'] as const;

/** A random plant with what the findings look at: levels, SL-T/SL-A, extra zones, MFA, SIS beside BPCS, remote access. */
function auditPlant(seed: number): PlantModel {
  const rng = createRng(seed ^ 0x62443);
  const m = randomPlant(seed, 14);
  m.zones = m.zones.map((z) => ({
    ...z,
    ...(rng.chance(0.6) ? { slTarget: (1 + rng.int(4)) as 1 | 2 | 3 | 4, slAchieved: rng.int(5) as 0 | 1 | 2 | 3 | 4 } : {}),
  }));
  m.assets = m.assets.map((a) => {
    const other = m.zones.filter((z) => z.id !== a.zone);
    return {
      ...a,
      ...(rng.chance(0.2) ? { kind: 'sis' as const } : rng.chance(0.3) ? { kind: rng.pick(['plc', 'hmi', 'ews', 'jump-host', 'remote-access-gateway'] as const) } : {}),
      ...(other.length && rng.chance(0.15) ? { extraZones: [rng.pick(other).id] } : {}),
      ...(rng.chance(0.25) ? { controls: [rng.pick(['mfa', ...CONTROL_KINDS] as const)] } : {}),
    };
  });
  m.connections = m.connections.map((c) => (rng.chance(0.4) ? { ...c, protocol: rng.pick(REMOTE), ...(rng.chance(0.5) ? { port: 1 + rng.int(60000) } : {}) } : c));
  return m;
}

describe('62443 findings, linear', () => {
  it('equal the pre-#18 findings on random plants, from records and from columns', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const model = auditPlant(seed);
        const expected = referenceFindings(model);
        for (const f of expected) kinds.add(f.kind);
        expect(findings(model)).toEqual(expected);
        const parsed = parseModelText(JSON.stringify(model));
        if (parsed.kind !== 'ok') throw new Error(`seed ${seed}: the random plant is invalid: ${JSON.stringify(parsed.errors[0])}`);
        expect(findings(parsed.model)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect([...kinds].sort()).toEqual(['conduit-skips-dmz', 'dual-homed', 'flat-safety-zone', 'remote-access-without-mfa', 'sl-gap']);
  });

  it('equal the pre-#18 findings on a generated plant read into columns', () => {
    const parsed = parseModelText(serializeModel(generatePlant({ assets: 1000, seed: 3 })));
    if (parsed.kind !== 'ok') throw new Error('the generated plant is invalid');
    expect(connectionColumns(parsed.model), 'the connections are in columns').toBeDefined();
    const expected = referenceFindings(parsed.model);
    expect(new Set(expected.map((f) => f.kind)).size).toBeGreaterThanOrEqual(4);
    expect(findings(parsed.model)).toEqual(expected);
  });
});
