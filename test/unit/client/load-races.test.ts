// The analysis client around a plant load: the workers always hold what the app shows. A cancel
// or a crash while what the main thread holds of the new plant (its outline and asset directory)
// is asked for leaves the app on the old plant, so the workers go back to it (with its scenario); a
// scenario sent while a new plant loads was written for the old one and is refused instead of
// landing on the new one.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioEdit } from '../../../src/analysis/scenario';
import { AnalysisClient, PlantLoadingError } from '../../../src/client/analysis-client';
import { createAnalysisSession } from '../../../src/session/analysis-session';
import { never, StandInWorker } from './stand-in';

const REF = readFileSync('models/reference-plant.json', 'utf8');
const WATER = readFileSync('models/water-treatment.json', 'utf8');
const clients: AnalysisClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

/** A client over stand-in workers whose answer of what the main thread holds can be held at a gate, with a query that never ends. */
async function client(gate: { wait?: Promise<void> } = {}) {
  const c = await AnalysisClient.connect({
    poolSize: 1,
    factory: () => {
      const s = createAnalysisSession();
      const api = {
        ...s,
        slow: never,
        async shown() {
          if (gate.wait) await gate.wait;
          return s.shown();
        },
      };
      return new StandInWorker(api) as unknown as Worker;
    },
  });
  clients.push(c);
  return c;
}

function riskOf(text: string, edits: readonly ScenarioEdit[] = []): number {
  const s = createAnalysisSession();
  s.loadTextSummary(text);
  if (edits.length) s.applyScenario(edits);
  return s.risk().total;
}

const REF_EDIT: ScenarioEdit[] = [{ kind: 'remove-connection', connection: (JSON.parse(REF) as { connections: { id: string }[] }).connections[0]!.id, cost: 0 }];

describe('a load whose answer to the main thread fails', () => {
  it('is cancelled while the outline and directory are asked for: the load fails and the workers answer for the plant and scenario still shown', async () => {
    let open!: () => void;
    const gate: { wait?: Promise<void> } = {};
    const c = await client(gate);
    expect((await c.load(REF)).kind).toBe('ok');
    expect((await c.applyScenario(REF_EDIT)).kind).toBe('ok');
    const ac = new AbortController();
    const slow = c.run((api) => (api as unknown as { slow(): Promise<void> }).slow(), ac.signal).catch((e: unknown) => e);
    gate.wait = new Promise<void>((r) => (open = r));
    const loading = c.load(WATER).then(
      () => 'loaded',
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 200)); // the worker loaded the text; its answer waits at the gate
    ac.abort(); // the user's Cancel of the other computation ends the worker
    open();
    expect(await loading).not.toBe('loaded');
    await slow;
    gate.wait = undefined;
    expect(c.scenario).toEqual(REF_EDIT);
    expect((await c.run((api) => api.summary())).plantId).toBe('ref-brake-plant');
    expect((await c.run((api) => api.risk())).total).toBeCloseTo(riskOf(REF, REF_EDIT), 6);
  });
});

describe('a scenario sent while another plant loads', () => {
  it('is refused, and the new plant is answered for as loaded (no scenario)', async () => {
    const c = await client();
    expect((await c.load(REF)).kind).toBe('ok');
    const ref = JSON.parse(REF) as { plant: { id: string; name: string } };
    const p2 = JSON.stringify({ ...ref, plant: { ...ref.plant, id: 'ref-v2', name: 'Reference v2' } });
    const edits: ScenarioEdit[] = [{ kind: 'remove-connection', connection: 'c-007', cost: 0 }];
    const loading = c.load(p2);
    const applying = c.applyScenario(edits).then(
      () => 'applied',
      (e: unknown) => e,
    );
    expect((await loading).kind).toBe('ok');
    expect(await applying).toBeInstanceOf(PlantLoadingError);
    expect(c.scenario).toBeNull();
    expect((await c.run((api) => api.summary())).plantId).toBe('ref-v2');
    expect((await c.run((api) => api.risk())).total).toBeCloseTo(riskOf(p2), 6);
  });
});
