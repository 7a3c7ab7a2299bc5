// AnalysisClient owns the state its workers must be in (the plant text and the what-if scenario)
// and brings every worker it starts to that state before a query reaches it: after a cancel, after
// a crash, and in the Monte Carlo pool. Stand-in workers log what reaches them, in order.
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisClient, CancelledError } from '../../../src/client/analysis-client';
import type { ScenarioEdit } from '../../../src/analysis/scenario';
import { delivered, never, settleWithin2s, StandInWorker } from './stand-in';

const clients: AnalysisClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

const summary = { plantId: 'p', plantName: 'P', assets: 1, zones: 1, connections: 0, arcs: 0, attackEdges: 0, entryPoints: 0, crownJewels: 0 };
/** Stand-in scenarios: one edit, whose trust id names the scenario here. */
const scenario = (name: string): ScenarioEdit[] => [{ kind: 'remove-trust', trust: name, cost: 0 }];
const nameOf = (edits: readonly ScenarioEdit[] | null) => (edits?.[0]?.kind === 'remove-trust' ? edits[0].trust : undefined);

interface Held {
  text: string | undefined;
  scenario: string | null;
}

/** A client over stand-in analysis workers numbered from 1 (the primary is 1). */
async function client(poolSize = 1) {
  const log: string[] = [];
  const workers: StandInWorker[] = [];
  const events: string[] = [];
  const profiles = new Set<number>();
  const c = await AnalysisClient.connect({
    poolSize,
    onEvent: (e) => events.push(e.kind),
    factory: () => {
      const n = workers.length + 1;
      const held: Held = { text: undefined, scenario: null };
      const w = new StandInWorker({
        ping: () => 'pong',
        loadTextSummary: (text: string) => {
          if (text === 'bad') return { kind: 'invalid', errors: [{ path: '', message: 'bad' }] };
          log.push(`${n}:load ${text}`);
          held.text = text;
          held.scenario = null;
          return { kind: 'ok', summary };
        },
        applyScenario: (edits: readonly ScenarioEdit[] | null) => {
          if (nameOf(edits) === 'invalid') return { kind: 'invalid', edit: 0, errors: [{ path: 'edits[0](remove-trust).trust', message: 'unknown trust relation "invalid"' }] };
          log.push(`${n}:scenario ${nameOf(edits) ?? 'none'}`);
          held.scenario = nameOf(edits) ?? null;
          return { kind: 'ok', diff: null, summary };
        },
        // The profile is logged when one is set (a worker is told null too: it keeps its profile across loads).
        setProfile: (profile: string | null) => {
          if (profile !== null || profiles.has(n)) log.push(`${n}:profile ${profile ?? 'none'}`);
          if (profile !== null) profiles.add(n);
          return { kind: 'ok', profile };
        },
        loadBlobSummary: async (file: Blob) => {
          const text = `file ${await file.text()}`;
          log.push(`${n}:load ${text}`);
          held.text = text;
          held.scenario = null;
          return { kind: 'ok', summary };
        },
        shown: () => ({ outline: { zones: [] }, directory: { count: 0, ids: '', idEnds: new Uint32Array(0), names: '', nameEnds: new Uint32Array(0), zone: new Int32Array(0), kind: new Uint8Array(0) } }),
        held: () => ({ ...held }),
        slow: never,
        simulateChunks: (_s: number, _seed: number, chunks: number[]) => {
          log.push(`${n}:simulate ${chunks.join(',')} on ${held.text}/${held.scenario ?? 'none'}`);
          return new Float64Array([1]);
        },
        summarizeSimulation: () => ({ held: { ...held } }),
      });
      workers.push(w);
      return w as unknown as Worker;
    },
  });
  clients.push(c);
  /** What the primary worker holds, asked as a query. */
  const held = () => c.run((api) => (api as unknown as { held(): Held }).held());
  const slow = (signal?: AbortSignal) => c.run((api) => (api as unknown as { slow(): Promise<never> }).slow(), signal);
  return { c, log, workers, events, held, slow };
}

describe('AnalysisClient restores what the app shows into every worker it starts', () => {
  it('after a cancel: the new worker loads the plant, then the scenario, then answers', async () => {
    const { c, log, workers, events, held, slow } = await client();
    expect((await c.load('plant-1')).kind).toBe('ok');
    expect((await c.applyScenario(scenario('cut the laptop'))).kind).toBe('ok');
    expect(nameOf(c.scenario)).toBe('cut the laptop');
    const ctl = new AbortController();
    const pending = slow(ctl.signal);
    await delivered();
    ctl.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    expect(await held()).toEqual({ text: 'plant-1', scenario: 'cut the laptop' });
    expect(log).toEqual(['1:load plant-1', '1:scenario cut the laptop', '2:load plant-1', '2:scenario cut the laptop']);
    expect(events).toEqual(['worker-restarted']);
  });

  it('the attacker profile chosen is restored after the plant and before the scenario; back to none, a new worker is told so', async () => {
    const { c, log, workers } = await client();
    await c.load('plant-1');
    await c.setProfile('insider');
    await c.applyScenario(scenario('patched'));
    workers[0]!.crash('Out of memory');
    await c.run((api) => api.ping());
    expect(log).toEqual(['1:load plant-1', '1:profile insider', '1:scenario patched', '2:load plant-1', '2:profile insider', '2:scenario patched']);
    expect(c.profile).toBe('insider');
    await c.setProfile(null);
    workers[1]!.crash('Out of memory');
    await c.run((api) => api.ping());
    expect(log.slice(6)).toEqual(['2:profile none', '3:load plant-1', '3:scenario patched']);
  });

  it('after a crash: every call in flight is rejected, and the new worker holds the plant and the scenario', async () => {
    const { c, log, workers, events, held, slow } = await client();
    await c.load('plant-1');
    await c.applyScenario(scenario('patched'));
    const calls = [slow(), slow()];
    await delivered();
    workers[0]!.crash('Out of memory');
    const settled = await settleWithin2s(calls);
    expect(settled).not.toBe('hung');
    for (const r of settled as PromiseSettledResult<unknown>[]) expect(r.status === 'rejected' && String(r.reason)).toBe('Error: analysis worker crashed: Out of memory');
    expect(await held()).toEqual({ text: 'plant-1', scenario: 'patched' });
    expect(log.slice(2)).toEqual(['2:load plant-1', '2:scenario patched']);
    expect(events).toEqual(['worker-crashed', 'worker-restarted']);
  });

  it('back to the baseline, a new plant, a failed load, an invalid scenario: a restart restores what was last accepted', async () => {
    const { c, log, workers, held } = await client();
    await c.load('plant-1');
    await c.applyScenario(scenario('s1'));
    await c.applyScenario(null);
    expect(c.scenario).toBeNull();
    workers.at(-1)!.crash('x');
    expect(await held()).toEqual({ text: 'plant-1', scenario: null });
    expect(log.filter((l) => l.startsWith('2:'))).toEqual(['2:load plant-1']); // no scenario to apply

    await c.applyScenario(scenario('s2'));
    expect((await c.load('bad')).kind).toBe('invalid'); // the plant and scenario stay
    expect((await c.applyScenario(scenario('invalid'))).kind).toBe('invalid');
    workers.at(-1)!.crash('y');
    expect(await held()).toEqual({ text: 'plant-1', scenario: 's2' });

    await c.load('plant-2'); // a new plant: no scenario
    c.dispose();
    expect(await held()).toEqual({ text: 'plant-2', scenario: null });
  });

  it('a plant opened from a file is read again by each new worker from the file (this thread holds no text)', async () => {
    const { c, log, workers, held } = await client();
    expect((await c.load(new Blob(['plant-3']))).kind).toBe('ok');
    await c.applyScenario(scenario('s3'));
    workers[0]!.crash('x');
    expect(await held()).toEqual({ text: 'file plant-3', scenario: 's3' });
    expect(log).toEqual(['1:load file plant-3', '1:scenario s3', '2:load file plant-3', '2:scenario s3']);
  });

  it('a scenario that fails to reach the worker (it was cancelled) is not restored later', async () => {
    const { c, workers, held, slow } = await client();
    await c.load('plant-1');
    const ctl = new AbortController();
    const pending = slow(ctl.signal);
    const applying = c.applyScenario(scenario('never applied'));
    ctl.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(applying).rejects.toThrow('analysis worker ended: another call on it was cancelled');
    expect(workers[0]!.terminated).toBe(true);
    expect(await held()).toEqual({ text: 'plant-1', scenario: null });
  });

  it('pool workers run Monte Carlo on the plant and the scenario, and catch up when the scenario changes', async () => {
    const { c, log } = await client(2);
    await c.load('plant-1');
    await c.applyScenario(scenario('s1'));
    await c.simulate(2000, 1); // two chunks, one per pool worker
    const simulated = () => log.filter((l) => l.includes('simulate')).sort();
    expect(simulated()).toEqual(['2:simulate 0 on plant-1/s1', '3:simulate 1 on plant-1/s1']);
    await c.applyScenario(scenario('s2'));
    log.length = 0;
    await c.simulate(2000, 1);
    expect(simulated()).toEqual(['2:simulate 0 on plant-1/s2', '3:simulate 1 on plant-1/s2']);
    expect(log.filter((l) => !l.includes('simulate')).sort()).toEqual(['2:load plant-1', '2:scenario s2', '3:load plant-1', '3:scenario s2']);
  });
});
