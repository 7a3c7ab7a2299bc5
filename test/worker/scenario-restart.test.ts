// A what-if scenario survives every worker restart: the reference plant is loaded, a scenario cuts
// a connection, patches the supplier portal's CVEs and adds MFA to the remote-access gateway, then
// the computation in flight is cancelled (or the worker crashes, or a Monte Carlo run over the
// pool is cancelled mid-way) — and every question the app's tabs ask gets the same answer as from
// a fresh client that loaded the changed model directly (the executive summary, which sets the
// scenario against the baseline, as from a fresh client that applied the same scenario).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, type ScenarioEdit } from '../../src/analysis/scenario';
import { AnalysisClient, CancelledError, defaultWorkerFactory } from '../../src/client/analysis-client';
import { parseModelText } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { serializeModel } from '../../src/model/serialize';

const text = readFileSync('models/reference-plant.json', 'utf8');
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const laptopToDc = parsed.model.connections.find((c) => c.from === 'maint-laptop' && c.to === 'ot-dc')!.id;
const edits: ScenarioEdit[] = [
  { kind: 'remove-connection', connection: laptopToDc, cost: 0 },
  ...['CVE-2019-19781', 'CVE-2023-3519', 'CVE-2023-4966'].map((cve): ScenarioEdit => ({ kind: 'patch-cve', asset: 'supplier-portal', cve, cost: 0 })),
  { kind: 'add-control', asset: 'ra-gw', control: 'mfa', cost: 0 },
];
const applied = applyEdits(parsed.model, edits);
if (applied.kind !== 'ok') throw new Error('scenario does not apply');
const changed: PlantModel = applied.model;

const clients: AnalysisClient[] = [];
afterAll(() => clients.forEach((c) => c.dispose()));

async function connect(factory = defaultWorkerFactory): Promise<AnalysisClient> {
  const c = await AnalysisClient.connect({ poolSize: 2, factory });
  clients.push(c);
  return c;
}

/** Makes the scenario the plant the client's workers answer about (as the app does: its edits). */
async function applyScenario(c: AnalysisClient, scenario: readonly ScenarioEdit[] | null): Promise<void> {
  const r = await c.applyScenario(scenario);
  expect(r.kind).toBe('ok');
}

/** Every question the app's tabs and panels ask of the plant shown. */
async function tabAnswers(c: AnalysisClient) {
  return {
    summary: await c.run((api) => api.summary()),
    risk: await c.run((api) => api.risk()),
    paths: await c.run((api) => api.paths()),
    blast: await c.run((api) => api.blast(['supplier-net'])),
    chokepoints: await c.run((api) => api.chokepoints()),
    remediation: await c.run((api) => api.remediate({ maxSteps: 10 })),
    findings: await c.run((api) => api.findings()),
    layout: await c.run((api) => api.layout()),
    assetEdges: await c.run((api) => api.assetEdges('maint-laptop')),
    monteCarlo: await c.simulate(3000, 7),
  };
}

/** The executive view's questions: the baseline with the scenario set against it. */
async function executiveAnswers(c: AnalysisClient) {
  return {
    executive: await c.run((api) => api.executive({ scenarioName: 'Hardened', generatedAt: '2025-01-01' })),
    graph: await c.run((api) => api.graphSvg(['supplier-net', 'supplier-portal'])),
  };
}

let expectedTabs: Awaited<ReturnType<typeof tabAnswers>>;
let expectedExecutive: Awaited<ReturnType<typeof executiveAnswers>>;
beforeAll(async () => {
  // A fresh client that loaded the changed model directly, and one that applied the scenario once.
  const fresh = await connect();
  expect((await fresh.load(serializeModel(changed))).kind).toBe('ok');
  expectedTabs = await tabAnswers(fresh);
  const applying = await connect();
  await applying.load(text);
  await applyScenario(applying, edits);
  expectedExecutive = await executiveAnswers(applying);
  // The scenario changes what the tabs say: a client that lost it could not pass for one that has it.
  await applying.applyScenario(null);
  const baseline = await tabAnswers(applying);
  for (const k of ['risk', 'paths', 'blast', 'chokepoints', 'remediation', 'findings', 'assetEdges', 'monteCarlo'] as const) expect(baseline[k], k).not.toEqual(expectedTabs[k]);
}, 120_000);

/** A client holding the reference plant with the scenario applied; its workers are listed as they start. */
async function withScenario(): Promise<{ c: AnalysisClient; workers: Worker[] }> {
  const workers: Worker[] = [];
  const c = await connect(() => {
    const w = defaultWorkerFactory();
    workers.push(w);
    return w;
  });
  expect((await c.load(text)).kind).toBe('ok');
  await applyScenario(c, edits);
  return { c, workers };
}

describe('a what-if scenario across worker restarts', () => {
  it('after a cancelled computation, every tab answers as a fresh load of the changed model', async () => {
    const { c, workers } = await withScenario();
    const primary = workers[0]!;
    const ctl = new AbortController();
    // Cancelled while the remediation plan is being computed (the call has reached the worker).
    const pending = c.run((api) => {
      const plan = api.remediate({ maxSteps: 10 });
      ctl.abort();
      return plan;
    }, ctl.signal);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(await tabAnswers(c)).toEqual(expectedTabs);
    expect(await executiveAnswers(c)).toEqual(expectedExecutive);
    expect(workers.indexOf(primary)).toBe(0);
    expect(workers.length).toBeGreaterThan(1); // the primary was started again
  }, 120_000);

  it('after a worker crash, every tab answers as a fresh load of the changed model', async () => {
    const { c, workers } = await withScenario();
    const primary = workers[0]!;
    const inFlight = c.run((api) => api.chokepoints());
    // What a worker that ran out of memory fires on its Worker object.
    primary.dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught RangeError: Array buffer allocation failed' }));
    await expect(inFlight).rejects.toThrow('analysis worker crashed: Uncaught RangeError: Array buffer allocation failed');
    expect(await tabAnswers(c)).toEqual(expectedTabs);
    expect(await executiveAnswers(c)).toEqual(expectedExecutive);
  }, 120_000);

  it('edits cross to the worker as edits: one it refuses is named by its path, and the workers keep the scenario they had', async () => {
    const { c } = await withScenario();
    const refused = await c.applyScenario([...edits, { kind: 'move-asset', asset: 'ot-dc', zone: 'z-nowhere' }]);
    expect(refused).toEqual({
      kind: 'invalid',
      edit: edits.length,
      errors: [{ path: `edits[${edits.length}](move-asset).asset(id=ot-dc).zone`, message: 'unknown zone "z-nowhere"' }],
      // The refused edit in words, by the names the worker holds.
      text: `Move ${parsed.model.assets.find((a) => a.id === 'ot-dc')!.name} to zone z-nowhere`,
    });
    expect(c.scenario).toBe(edits);
    expect(await c.run((api) => api.risk())).toEqual(expectedTabs.risk);
    expect(await c.run((api) => api.summary())).toEqual(expectedTabs.summary);
  }, 120_000);

  it('after a Monte Carlo run over the pool is cancelled mid-way, the pool and the primary answer for the scenario', async () => {
    const { c } = await withScenario();
    const ctl = new AbortController();
    let progress = 0;
    const run = c.simulate(20_000, 3, {
      signal: ctl.signal,
      onProgress: (done) => {
        progress = done;
        if (done >= 2000) ctl.abort(); // two of twenty chunks done
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(progress).toBeLessThan(20_000);
    expect(await tabAnswers(c)).toEqual(expectedTabs);
  }, 120_000);
});
