// Containment against exhaustive subsets of assets and records, on tiny plants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardeningCost } from '../../../src/analysis/chokepoints';
import { contain, ISOLATION_COSTS } from '../../../src/analysis/containment';
import { buildContext } from '../../../src/analysis/context';
import { bruteContainment, containmentPlant, edgeRecord, isolates, reachMask, RECORD_KINDS } from '../../helpers/exhaustive';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('containment vs exhaustive subsets', () => {
  const recordCost = [ISOLATION_COSTS.connection, ISOLATION_COSTS.trust, ISOLATION_COSTS.media];

  it('contain() returns the minimum isolation cost and an isolation set that really isolates', () => {
    const seen = { contained: 0, 'nothing-at-risk': 0, impossible: 0, withAssets: 0, withRecords: 0 };
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = buildContext(containmentPlant(seed));
        const n = ctx.attack.nodeCount;
        for (let x = 0; x < n; x++) {
          const id = ctx.ids[x]!;
          const got = contain(ctx, id);
          expect(got.from).toBe(id);
          seen[got.kind]++;
          if (ctx.jewels.includes(x)) {
            expect(got.kind, `${id} is a jewel`).toBe('impossible');
            continue;
          }
          const reached = reachMask(ctx.attack, [x]);
          const atRisk = ctx.jewels.filter((j) => reached & (1 << j)).map((j) => ctx.ids[j]!);
          if (atRisk.length === 0) {
            expect(got.kind, `nothing reachable from ${id}`).toBe('nothing-at-risk');
            continue;
          }
          expect(got.kind, `jewels ${atRisk.join(',')} reachable from ${id}`).toBe('contained');
          if (got.kind !== 'contained') continue;
          expect([...got.jewelsAtRisk].sort()).toEqual([...new Set(atRisk)].sort());
          const brute = bruteContainment(ctx, x, (v) => hardeningCost(ctx, v), recordCost);
          expect(got.cost, `seed ${seed}, from ${id}`).toBe(brute.cost);
          // The returned set: only isolable items, priced as documented, and it isolates.
          const assets = new Set(got.isolate.assets.map((a) => ctx.index.get(a)!));
          for (const v of assets) {
            expect(v).not.toBe(x);
            expect(ctx.jewels).not.toContain(v);
          }
          const records = new Set<string>();
          let cost = [...assets].reduce((s, v) => s + hardeningCost(ctx, v), 0);
          RECORD_KINDS.forEach((list, k) => {
            for (const rid of got.isolate[list]) {
              const i = (ctx.model[list] ?? []).findIndex((r) => r.id === rid);
              expect(i, `${list} ${rid}`).toBeGreaterThanOrEqual(0);
              records.add(`${k}:${i}`);
              cost += recordCost[k]!;
            }
          });
          expect(cost, `price of the returned set, seed ${seed}, from ${id}`).toBe(got.cost);
          expect(isolates(ctx, x, assets, records), `returned set isolates, seed ${seed}, from ${id}`).toBe(true);
          if (assets.size) seen.withAssets++;
          if (records.size) seen.withRecords++;
        }
      }),
      { numRuns: 150 },
    );
    // Every outcome, and isolation sets with assets and with records, were exercised.
    expect(seen.contained).toBeGreaterThan(20);
    expect(seen['nothing-at-risk']).toBeGreaterThan(20);
    expect(seen.impossible).toBeGreaterThan(20);
    expect(seen.withAssets).toBeGreaterThan(5);
    expect(seen.withRecords).toBeGreaterThan(5);
  });

  it('every attack edge joins the ends of the record it is attributed to (the mapping the brute force relies on)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ctx = buildContext(containmentPlant(seed));
        const m = ctx.model;
        for (let e = 0; e < ctx.attack.edgeCount; e++) {
          const r = edgeRecord(ctx, e);
          const u = ctx.ids[ctx.attack.edgeSource[e]!]!;
          const v = ctx.ids[ctx.attack.edgeTarget[e]!]!;
          if (r.kind === 2) {
            const md = m.media![r.index]!;
            expect(md.from).toContain(u);
            expect(md.to).toContain(v);
          } else {
            const rec = r.kind === 0 ? m.connections[r.index]! : m.trust![r.index]!;
            expect([u, v].sort()).toEqual([rec.from, rec.to].sort());
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
