// More property tests against independent brute force on tiny random plants: Monte Carlo against
// exact enumeration of edge outcomes, containment and the 'no-cut' vertex cut against exhaustive
// subsets, and remediation's local re-derivation against a full rebuild.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardeningCost, minimumVertexCut } from '../../../src/analysis/chokepoints';
import { contain, ISOLATION_COSTS } from '../../../src/analysis/containment';
import { buildContext, type PlantContext } from '../../../src/analysis/context';
import {
  applyAction, candidateActions, contextAfter, remediationPlan, type RemediationAction,
} from '../../../src/analysis/remediation';
import { riskReport } from '../../../src/analysis/risk';
import { chunkPlan, chunkSeed, SAMPLES_PER_CHUNK, simulate, simulateChunk, wilson } from '../../../src/analysis/simulate';
import type { PlantModel } from '../../../src/model/schema';
import {
  bruteContainment, cheapestSubset, containmentPlant, cutPlant, edgeMultiset, edgeRecord, exactJewelProbabilities, isolates,
  monteCarloPlant, reachMask, RECORD_KINDS, remediationPlant, simplePathsBetween, type NodeMask,
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

// ---------------------------------------------------------------------------------------------

describe("minimum vertex cut: the 'no-cut' outcome vs brute force", () => {
  /** Entry → jewel pairs joined through protected nodes only, by reachability with every other node removed. */
  function directPairsBrute(ctx: PlantContext, protectedMask: NodeMask): string[] {
    const n = ctx.attack.nodeCount;
    const others = ((1 << n) - 1) & ~protectedMask;
    const out: string[] = [];
    for (const s of new Set(ctx.entries)) {
      const r = reachMask(ctx.attack, [s], undefined, others);
      for (const j of new Set(ctx.jewels)) if (r & (1 << j)) out.push(`${ctx.ids[s]}→${ctx.ids[j]}`);
    }
    return out.sort();
  }

  function setup(seed: number) {
    const ctx = buildContext(cutPlant(seed));
    const n = ctx.attack.nodeCount;
    let protectedMask = 0;
    for (const v of [...ctx.entries, ...ctx.jewels]) protectedMask |= 1 << v;
    const free = [...Array(n).keys()].filter((v) => !(protectedMask & (1 << v)));
    const cost = (v: number) => hardeningCost(ctx, v);
    const got = minimumVertexCut(ctx);
    return { ctx, protectedMask, free, cost, got };
  }

  const costOf = (ctx: PlantContext, ids: readonly string[]) => ids.reduce((s, id) => s + hardeningCost(ctx, ctx.index.get(id)!), 0);
  const maskOf = (ctx: PlantContext, ids: readonly string[]) => ids.reduce((m, id) => m | (1 << ctx.index.get(id)!), 0);
  const describeCase = (ctx: PlantContext, got: unknown) => {
    const edges = new Set<string>();
    for (let e = 0; e < ctx.attack.edgeCount; e++) edges.add(`${ctx.ids[ctx.attack.edgeSource[e]!]}→${ctx.ids[ctx.attack.edgeTarget[e]!]}`);
    return `entries ${ctx.entries.map((v) => ctx.ids[v])}; jewels ${ctx.jewels.map((v) => ctx.ids[v])}; edges ${[...edges].join(' ')}; got ${JSON.stringify(got)}`;
  };

  it("'no-cut' lists exactly the pairs joined through entries and jewels only; cutOtherwise cuts the graph without protected–protected edges, at least cost where that is the whole story", () => {
    let noCut = 0;
    let exact = 0;
    fc.assert(
      fc.property(seeds, (seed) => {
        const { ctx, protectedMask, free, cost, got } = setup(seed);
        const direct = directPairsBrute(ctx, protectedMask);
        expect(got.kind === 'no-cut', `seed ${seed}: direct pairs ${direct.join(', ')}`).toBe(direct.length > 0);
        if (got.kind !== 'no-cut') return;
        noCut++;
        expect(got.direct.map((p) => `${p.entry}→${p.jewel}`).sort(), `seed ${seed}`).toEqual(direct);
        // Brute force on the attack graph without the edges between two protected nodes: every
        // entry → jewel path left there (one edge or more) passes a non-protected asset. An entry
        // that is itself a jewel is not a path through an asset, so it does not count.
        const ag = ctx.attack;
        const alive = (e: number) => !(protectedMask & (1 << ag.edgeSource[e]!) && protectedMask & (1 << ag.edgeTarget[e]!));
        let jewelMask = 0;
        for (const j of ctx.jewels) jewelMask |= 1 << j;
        const cuts = (removed: NodeMask) => {
          const firstSteps: number[] = [];
          for (let e = 0; e < ag.edgeCount; e++) if (ctx.entries.includes(ag.edgeSource[e]!) && alive(e) && !(removed & (1 << ag.edgeTarget[e]!))) firstSteps.push(ag.edgeTarget[e]!);
          return (reachMask(ag, firstSteps, alive, removed) & jewelMask) === 0;
        };
        const best = cheapestSubset(free, cost, cuts);
        const where = `seed ${seed}: least cost without protected–protected edges ${best}; ${describeCase(ctx, got)}`;
        if (got.cutOtherwise) {
          const c = got.cutOtherwise;
          expect(c.cost, where).toBeGreaterThan(0);
          expect(costOf(ctx, c.assets), where).toBe(c.cost);
          for (const id of c.assets) expect(free, where).toContain(ctx.index.get(id));
        }
        // Whatever else it cuts, it cuts these paths (an absent cutOtherwise hardens nothing).
        expect(cuts(maskOf(ctx, got.cutOtherwise?.assets ?? [])), `${where}: cutOtherwise cuts`).toBe(true);
        // When no jewel reached through protected nodes only leads on to a non-protected asset, the
        // graph without protected–protected edges holds every other path (a path through a second
        // entry point is moot: the attacker holds that entry anyway), and the cut is the cheapest.
        const held = reachMask(ag, ctx.entries, undefined, ((1 << ag.nodeCount) - 1) & ~protectedMask);
        let leadsOn = false;
        for (let e = 0; e < ag.edgeCount; e++) {
          const u = ag.edgeSource[e]!;
          if (held & (1 << u) && !ctx.entries.includes(u) && !(protectedMask & (1 << ag.edgeTarget[e]!))) leadsOn = true;
        }
        if (!leadsOn) {
          exact++;
          expect(got.cutOtherwise?.cost ?? 0, where).toBe(best);
        }
      }),
      { numRuns: 1000 },
    );
    expect(noCut).toBeGreaterThan(30);
    expect(exact).toBeGreaterThan(10);
  });

  it('hardening cutOtherwise (or nothing, when absent) leaves no jewel outside `direct` reachable', () => {
    let protectedSome = 0;
    fc.assert(
      fc.property(seeds, (seed) => {
        const { ctx, got } = setup(seed);
        if (got.kind !== 'no-cut') return;
        const direct = new Set(got.direct.map((p) => p.jewel));
        const removed = maskOf(ctx, got.cutOtherwise?.assets ?? []);
        const reached = reachMask(ctx.attack, ctx.entries, undefined, removed);
        const exposed = ctx.jewels.filter((j) => !direct.has(ctx.ids[j]!) && reached & (1 << j)).map((j) => ctx.ids[j]);
        expect(exposed, `seed ${seed}: jewels not joined directly yet still reachable; ${describeCase(ctx, got)}`).toEqual([]);
        if (ctx.jewels.some((j) => !direct.has(ctx.ids[j]!) && reachMask(ctx.attack, ctx.entries) & (1 << j))) protectedSome++;
      }),
      { numRuns: 1000 },
    );
    expect(protectedSome).toBeGreaterThan(5);
  });

  it('cutOtherwise cuts every simple entry → jewel path through a hardenable asset, at no more than the cost of cutting every such walk', () => {
    let checked = 0;
    fc.assert(
      fc.property(seeds, (seed) => {
        const { ctx, protectedMask, free, cost, got } = setup(seed);
        if (got.kind !== 'no-cut') return;
        // Every simple attack path from an entry to a jewel that passes at least one non-protected
        // asset. A path through a second entry point is left out: the attacker already holds that
        // entry, so the part of the path before it is moot (its suffix from there is listed anyway).
        // A path may pass a jewel on the way: entry → jewel → asset → other jewel is a real path.
        const entrySet = new Set(ctx.entries);
        const paths = simplePathsBetween(ctx.attack, ctx.entries, ctx.jewels)
          .filter((p) => p.some((v) => !(protectedMask & (1 << v))))
          .filter((p) => p.slice(1).every((v) => !entrySet.has(v)));
        const pathMasks = paths.map((p) => p.reduce((m, v) => m | (1 << v), 0));
        const cutsAll = (removed: NodeMask) => pathMasks.every((m) => (m & removed) !== 0);
        const best = cheapestSubset(free, cost, cutsAll);
        // Upper reference, walk semantics: from every protected node the attacker holds for free
        // (reachable from an entry through protected nodes only), no walk that steps onto a
        // hardenable asset may reach a jewel. It may demand more than needed (jewel → asset → same
        // jewel, asset → another entry), so it only bounds the cost from above.
        const n = ctx.attack.nodeCount;
        const held = reachMask(ctx.attack, ctx.entries, undefined, ((1 << n) - 1) & ~protectedMask);
        let jewelMask = 0;
        for (const j of ctx.jewels) jewelMask |= 1 << j;
        const cutsWalks = (removed: NodeMask) => {
          const starts: number[] = [];
          for (let e = 0; e < ctx.attack.edgeCount; e++) {
            const v = ctx.attack.edgeTarget[e]!;
            if (held & (1 << ctx.attack.edgeSource[e]!) && !(protectedMask & (1 << v)) && !(removed & (1 << v))) starts.push(v);
          }
          return (reachMask(ctx.attack, starts, undefined, removed) & jewelMask) === 0;
        };
        const upper = cheapestSubset(free, cost, cutsWalks);
        expect(best).toBeLessThanOrEqual(upper);
        const show = (p: number[]) => p.map((v) => ctx.ids[v]).join('→');
        if (best > 0) checked++;
        // An absent cutOtherwise hardens nothing.
        const c = got.cutOtherwise ?? { assets: [], cost: 0 };
        const where = `seed ${seed}: least cost ${best} (walks ${upper}); ${describeCase(ctx, got)}`;
        const removed = maskOf(ctx, c.assets);
        const missed = paths.filter((_, i) => (pathMasks[i]! & removed) === 0);
        expect(missed.map(show), `${where}: paths left uncut`).toEqual([]);
        expect(c.cost, where).toBeLessThanOrEqual(upper); // and ≥ best, as it cuts every path
      }),
      { numRuns: 1000 },
    );
    expect(checked).toBeGreaterThan(10);
  });

  /** Hand-made plant: assets in one zone, one-way SSH connections (one attack edge each, likelihood 0.4). */
  function sshPlant(assets: string[], links: [string, string][], entries: string[], jewels: string[]): PlantContext {
    return buildContext({
      schemaVersion: 1, plant: { id: 'cut', name: 'Cut' }, zones: [{ id: 'z', name: 'Z', purdueLevel: 3 }],
      assets: assets.map((id) => ({ id, name: id, kind: 'server' as const, zone: 'z', hardeningCost: 100 })),
      connections: links.map(([from, to], i) => ({ id: `c${i}`, from, to, protocol: 'ssh' as const, direction: 'one-way' as const })),
      entryPoints: entries.map((asset) => ({ asset })), crownJewels: jewels.map((asset) => ({ asset, impact: {} })),
    });
  }

  it('a jewel reached only through a directly reached jewel and a hardenable asset gets a cutOtherwise', () => {
    // e → j1 directly; j1 → x → j2. Hardening x (100) keeps j2 safe.
    const ctx = sshPlant(['e', 'j1', 'x', 'j2'], [['e', 'j1'], ['j1', 'x'], ['x', 'j2']], ['e'], ['j1', 'j2']);
    expect(ctx.attack.edgeCount).toBe(3);
    const got = minimumVertexCut(ctx);
    expect(got.kind).toBe('no-cut');
    if (got.kind !== 'no-cut') return;
    expect(got.direct).toEqual([{ entry: 'e', jewel: 'j1' }]);
    expect(got.cutOtherwise, describeCase(ctx, got)).toEqual({ assets: ['x'], cost: 100 });
  });

  it('an asset that only leads to another entry point is not part of cutOtherwise', () => {
    // e1 → x → e2 → j, and e1 → y → j. The attacker holds e2 anyway: hardening x protects nothing.
    const ctx = sshPlant(['e1', 'x', 'e2', 'y', 'j'], [['e1', 'x'], ['x', 'e2'], ['e2', 'j'], ['e1', 'y'], ['y', 'j']], ['e1', 'e2'], ['j']);
    expect(ctx.attack.edgeCount).toBe(5);
    const got = minimumVertexCut(ctx);
    expect(got.kind).toBe('no-cut');
    if (got.kind !== 'no-cut') return;
    expect(got.direct).toEqual([{ entry: 'e2', jewel: 'j' }]);
    expect(got.cutOtherwise, describeCase(ctx, got)).toEqual({ assets: ['y'], cost: 100 });
  });

  it('an entry point that is itself a crown jewel still gets a cutOtherwise for the other jewels', () => {
    // e is an entry and a jewel; e → x → j. Hardening x (100) keeps j safe.
    const ctx = sshPlant(['e', 'x', 'j'], [['e', 'x'], ['x', 'j']], ['e'], ['e', 'j']);
    expect(ctx.attack.edgeCount).toBe(2);
    const got = minimumVertexCut(ctx);
    expect(got.kind).toBe('no-cut');
    if (got.kind !== 'no-cut') return;
    expect(got.direct).toEqual([{ entry: 'e', jewel: 'e' }]);
    expect(got.cutOtherwise, describeCase(ctx, got)).toEqual({ assets: ['x'], cost: 100 });
  });
});
