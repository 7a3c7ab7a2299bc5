// More property tests against independent brute force on tiny random plants: Monte Carlo against
// exact enumeration of edge outcomes, containment against exhaustive subsets, and remediation's
// local re-derivation against a full rebuild (the minimum vertex cut: min-cut.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardeningCost } from '../../../src/analysis/chokepoints';
import { contain, ISOLATION_COSTS } from '../../../src/analysis/containment';
import { buildContext } from '../../../src/analysis/context';
import {
  applyAction, candidateActions, contextAfter, remediationPlan, type RemediationAction,
} from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import { chunkPlan, chunkSeed, SAMPLES_PER_CHUNK, simulate, simulateChunk, wilson } from '../../../src/analysis/simulate';
import type { PlantModel } from '../../../src/model/schema';
import {
  bruteContainment, containmentPlant, edgeMultiset, edgeRecord, exactJewelProbabilities, isolates,
  monteCarloPlant, reachMask, RECORD_KINDS, remediationPlant,
} from '../../helpers/brute-more';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

// ---------------------------------------------------------------------------------------------

describe('Monte Carlo vs exact enumeration of edge outcomes', () => {
  const N = 20_000;
  /** Fixed plants (seeds of monteCarloPlant): mostly non-trivial probabilities, a few unreachable jewels (probability 0). */
  const MC_SEEDS = [2, 3, 5, 6, 7, 8, 9, 11, 14, 15, 19, 20, 21, 23, 25, 26, 27, 29, 34, 36, 37, 38];

  it('each jewel estimate is within 4.5 σ of the exact probability, which lies in a widened Wilson interval', () => {
    let beatsLowerBound = 0;
    for (const seed of MC_SEEDS) {
      const ctx = buildContext(monteCarloPlant(seed));
      expect(ctx.attack.edgeCount, `plant ${seed}`).toBeLessThanOrEqual(14);
      const exact = exactJewelProbabilities(ctx.attack, ctx.entries, ctx.jewels);
      const runSeed = Math.imul(seed, 2654435761) >>> 0;
      const sim = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, N, runSeed);
      expect(sim.samples).toBe(N);
      expect(sim.jewels.map((j) => j.asset)).toEqual(ctx.jewels.map((j) => ctx.ids[j]));
      const lower = riskReport(ctx).jewels.map((j) => j.likelihood);
      sim.jewels.forEach((got, i) => {
        const p = exact[i]!;
        const where = `plant ${seed}, jewel ${got.asset}: exact ${p}, estimate ${got.probability}`;
        expect(got.probability, where).toBe(got.hits / N);
        expect(got.ci95, where).toEqual(wilson(got.hits, N));
        const tol = 4.5 * Math.sqrt((p * (1 - p)) / N) + 2 / N;
        expect(Math.abs(got.probability - p), where).toBeLessThanOrEqual(tol);
        // The 95 % Wilson interval widened to ≈ 4.5 σ (×2.3) plus one sample either side.
        const [lo, hi] = got.ci95;
        const centre = (lo + hi) / 2;
        const half = ((hi - lo) / 2) * 2.3 + 1 / N;
        expect(p, where).toBeGreaterThanOrEqual(centre - half);
        expect(p, where).toBeLessThanOrEqual(centre + half);
        // The single best path is only a lower bound of the exact probability.
        expect(lower[i]!, where).toBeLessThanOrEqual(p + 1e-12);
        if (p - lower[i]! > 10 * tol) beatsLowerBound++;
      });
    }
    // Power: on many plants an estimator returning the best-path likelihood would fail the bound above.
    expect(beatsLowerBound).toBeGreaterThanOrEqual(8);
  });

  it('the same seed gives identical results, progress included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 4500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const progress: number[][] = [[], []];
        const a = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, (d) => progress[0]!.push(d));
        const b = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, (d) => progress[1]!.push(d));
        expect(b).toEqual(a);
        expect(progress[1]).toEqual(progress[0]);
        expect(progress[0]!.at(-1)).toBe(samples);
        progress[0]!.forEach((d, i) => i > 0 && expect(d).toBeGreaterThan(progress[0]![i - 1]!));
      }),
      { numRuns: 100 },
    );
  });

  it('summing chunks in any order, or running a prefix of the chunks, agrees exactly with simulate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), seeds, fc.integer({ min: 1, max: 7500 }), (plantSeed, seed, samples) => {
        const ctx = buildContext(monteCarloPlant(plantSeed));
        const plan = chunkPlan(samples);
        expect(plan.reduce((s, c) => s + c, 0)).toBe(samples);
        plan.forEach((c, i) => expect(c).toBe(i < plan.length - 1 ? SAMPLES_PER_CHUNK : samples - SAMPLES_PER_CHUNK * (plan.length - 1)));
        const whole = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed);
        // Chunks as a worker pool would run them: each on its own, summed in reverse order.
        const chunks = plan.map((size, c) => simulateChunk(ctx.attack, ctx.entries, ctx.jewels, size, chunkSeed(seed, c)));
        const total = new Array<number>(ctx.jewels.length).fill(0);
        for (const h of [...chunks].reverse()) h.forEach((x, j) => (total[j]! += x));
        expect(whole.jewels.map((j) => j.hits)).toEqual(total);
        // A run of the first k full chunks is a prefix of this one.
        const k = Math.floor(samples / SAMPLES_PER_CHUNK);
        if (k >= 1) {
          const prefix = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, k * SAMPLES_PER_CHUNK, seed);
          const want = new Array<number>(ctx.jewels.length).fill(0);
          for (const h of chunks.slice(0, k)) h.forEach((x, j) => (want[j]! += x));
          expect(prefix.jewels.map((j) => j.hits)).toEqual(want);
        }
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

describe('remediation fast path vs full rebuild', () => {
  it('contextAfter gives the same risk (and the same attack edges) as rebuilding the applied model, for every candidate', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(seeds, (seed) => {
        const model = remediationPlant(seed);
        const snapshot = JSON.stringify(model);
        const ctx = buildContext(model);
        for (const a of candidateActions(ctx)) {
          kinds.add(a.kind === 'add-control' ? `add-control:${a.control}` : a.kind);
          const fast = contextAfter(ctx, a);
          const slow = buildContext(applyAction(ctx.model, a));
          const rf = riskReport(fast);
          const rs = riskReport(slow);
          const where = `seed ${seed}, ${JSON.stringify(a)}: fast ${rf.total}, full ${rs.total}`;
          expect(relClose(rf.total, rs.total, 1e-9), where).toBe(true);
          rf.jewels.forEach((j, i) => expect(relClose(j.likelihood, rs.jewels[i]!.likelihood, 1e-9), `${where}, jewel ${j.asset}`).toBe(true));
          expect(edgeMultiset(fast.attack), where).toEqual(edgeMultiset(slow.attack));
        }
        expect(JSON.stringify(model), 'the model is not changed').toBe(snapshot);
      }),
      { numRuns: 200 },
    );
    // Every kind of action was exercised.
    for (const k of ['patch-cve', 'remove-connection', 'require-authentication', 'isolate-media', 'remove-trust', 'add-control:mfa', 'add-control:allowlisting', 'add-control:usb-control', 'add-control:dpi-firewall']) {
      expect(kinds, k).toContain(k);
    }
  });

  const unpatchable = (model: PlantModel) => new Set(model.assets.filter((a) => a.patchable === false).map((a) => a.id));
  const patchesUnpatchable = (model: PlantModel, a: RemediationAction) => a.kind === 'patch-cve' && unpatchable(model).has(a.asset);

  it('plans stay within budget, the risk curve never rises, and patchable: false assets are never patched', () => {
    let patchable = 0;
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 10 }), (seed, budget, maxSteps) => {
        const model = remediationPlant(seed);
        const ctx = buildContext(model);
        for (const a of candidateActions(ctx)) expect(patchesUnpatchable(model, a), JSON.stringify(a)).toBe(false);
        const plan = remediationPlan(model, { budget, maxSteps });
        expect(plan.budget).toBe(budget);
        expect(plan.steps.length).toBeLessThanOrEqual(maxSteps);
        expect(plan.curve.length).toBe(plan.steps.length + 1);
        expect(plan.curve[0]).toEqual({ cost: 0, risk: plan.baselineRisk });
        expect(plan.baselineRisk).toBe(riskReport(ctx).total);
        let spent = 0;
        let current = model;
        plan.steps.forEach((s, i) => {
          expect(patchesUnpatchable(model, s.action), s.description).toBe(false);
          if (s.action.kind === 'patch-cve') patchable++;
          spent += s.action.cost;
          expect(s.cumulativeCost).toBe(spent);
          expect(s.cumulativeCost).toBeLessThanOrEqual(budget);
          expect(plan.curve[i + 1]!.cost).toBe(spent);
          expect(plan.curve[i + 1]!.risk).toBeLessThanOrEqual(plan.curve[i]!.risk);
          expect(s.riskRemoved, 'every step removes some risk').toBeGreaterThan(0);
          expect(s.riskBefore).toBe(plan.curve[i]!.risk);
          expect(s.riskAfter).toBe(plan.curve[i + 1]!.risk);
          // Replaying the steps on the model gives the same risk.
          current = applyAction(current, s.action);
          expect(relClose(riskReport(buildContext(current)).total, s.riskAfter, 1e-9)).toBe(true);
        });
        expect(plan.finalRisk).toBe(plan.curve.at(-1)!.risk);
        expect(plan.notes[0]).toContain(`${model.assets.filter((a) => a.patchable === false && a.vulnerabilities?.some((v) => !v.patched)).length} asset(s)`);
      }),
      { numRuns: 100 },
    );
    expect(patchable, 'some plans patch a CVE').toBeGreaterThan(0);
  });

  it('never patches a patchable: false asset even when patching it is the best action', () => {
    const build = (canPatch: boolean): PlantModel => ({
      schemaVersion: 1,
      plant: { id: 'p', name: 'Patchable' },
      zones: [{ id: 'ext', name: 'External', purdueLevel: 5 }, { id: 'ctl', name: 'Control', purdueLevel: 1 }],
      assets: [
        { id: 'inet', name: 'Internet', kind: 'internet', zone: 'ext' },
        { id: 'hmi', name: 'HMI', kind: 'hmi', zone: 'ctl', vulnerabilities: [{ cve: 'CVE-2019-0708', cvss: 9.8, kev: true }], ...(canPatch ? {} : { patchable: false }) },
        { id: 'plc', name: 'PLC', kind: 'plc', zone: 'ctl', vulnerabilities: [{ cve: 'CVE-2020-15782', cvss: 8.1 }] },
      ],
      connections: [
        { id: 'c1', from: 'inet', to: 'hmi', protocol: 'https', direction: 'one-way', required: true },
        { id: 'c2', from: 'hmi', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way', required: true },
      ],
      entryPoints: [{ asset: 'inet' }],
      crownJewels: [{ asset: 'plc', impact: { downtimeCostPerHour: 10_000 } }],
    });
    const isHmiPatch = (a: RemediationAction) => a.kind === 'patch-cve' && a.asset === 'hmi';
    // Control: when the HMI may be patched, patching it is the first step of the plan.
    const free = remediationPlan(build(true), { maxSteps: 3 });
    expect(isHmiPatch(free.steps[0]!.action)).toBe(true);
    // With patchable: false it is never proposed nor planned, at any budget; the PLC's CVE still is.
    const model = build(false);
    expect(candidateActions(buildContext(model)).some(isHmiPatch)).toBe(false);
    expect(candidateActions(buildContext(model)).some((a) => a.kind === 'patch-cve' && a.asset === 'plc')).toBe(true);
    for (const budget of [undefined, 0, 1500, 3000, 10_000, 100_000]) {
      const plan = remediationPlan(model, { maxSteps: 10, ...(budget === undefined ? {} : { budget }) });
      expect(plan.steps.some((s) => isHmiPatch(s.action)), `budget ${budget}`).toBe(false);
      expect(plan.notes[0]).toMatch(/^1 asset\(s\) marked patchable: false/);
    }
  });
});
