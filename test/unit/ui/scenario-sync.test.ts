// ScenarioSync keeps the workers on the scenario the app shows: it sends edits (never a model),
// shows the baseline with the edits the workers accepted, names a refused edit, retries once on a
// worker that ended, and after a failure puts the workers back to what is shown.
import { describe, expect, it } from 'vitest';
import { applyEdits, type ScenarioEdit } from '../../../src/analysis/scenario';
import type { ScenarioResult } from '../../../src/client/analysis-client';
import type { PlantModel } from '../../../src/model/schema';
import { BASELINE_VIEW, refusalText, ScenarioSync, type ScenarioClient, type SyncOutcome } from '../../../src/ui/hooks/scenario-sync';
import { tinyPlant } from '../../helpers/builders';

const summary = { plantId: 'tiny', plantName: 'Tiny plant', assets: 5, zones: 4, connections: 3, arcs: 0, attackEdges: 0, entryPoints: 1, crownJewels: 1 };
const diff = { risk: { base: 2, changed: 1, delta: -1 }, jewels: [], newlyReachable: [], noLongerReachable: [], newPaths: [], removedPaths: [] };
const cut: ScenarioEdit[] = [{ kind: 'remove-connection', connection: 'c-1', cost: 0 }];

/** A client whose answers are scripted: 'ok', 'refuse' (edit 0), or 'throw'; it logs what it was sent. */
class FakeClient implements ScenarioClient {
  scenario: readonly ScenarioEdit[] | null = null;
  readonly sent: (readonly ScenarioEdit[] | null)[] = [];
  constructor(readonly answers: ('ok' | 'refuse' | 'throw')[] = []) {}
  async applyScenario(edits: readonly ScenarioEdit[] | null): Promise<ScenarioResult> {
    this.sent.push(edits);
    const answer = this.answers.shift() ?? 'ok';
    if (answer === 'throw') throw new Error('analysis worker ended');
    if (answer === 'refuse') return { kind: 'invalid', edit: 0, errors: [{ path: 'edits[0](remove-connection).connection', message: 'unknown connection "c-1"' }] };
    this.scenario = edits;
    return { kind: 'ok', diff: edits ? diff : null, reading: null, summary };
  }
}

/** Runs one sync to its end; the outcomes reported. */
async function run(sync: ScenarioSync, baseline: PlantModel, edits: readonly ScenarioEdit[]): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  sync.sync(baseline, edits, (o) => out.push(o));
  await new Promise((r) => setTimeout(r, 0));
  return out;
}

describe('ScenarioSync', () => {
  it('nothing to tell the workers while no scenario was or is active', async () => {
    const client = new FakeClient();
    expect(await run(new ScenarioSync(client), tinyPlant(), [])).toEqual([{ kind: 'idle' }]);
    expect(client.sent).toEqual([]);
  });

  it('sends the edits; shows the baseline with the accepted edits, the diff and the counts', async () => {
    const client = new FakeClient();
    const sync = new ScenarioSync(client);
    const baseline = tinyPlant();
    const [o] = await run(sync, baseline, cut);
    expect(client.sent).toEqual([cut]);
    const expected = applyEdits(baseline, cut);
    expect(o).toEqual({ kind: 'shown', view: { model: expected.kind === 'ok' ? expected.model : undefined, diff, reading: null, summary } });
    // Back to no edits: the workers are told (null), and the baseline is shown.
    expect(await run(sync, baseline, [])).toEqual([{ kind: 'shown', view: BASELINE_VIEW }]);
    expect(client.sent).toEqual([cut, null]);
  });

  it('a refused edit is named with its description and every error path; nothing is shown anew', async () => {
    const client = new FakeClient(['refuse']);
    const [o] = await run(new ScenarioSync(client), tinyPlant(), cut);
    expect(o).toEqual({ kind: 'refused', problem: 'Edit 1 (Block connection Internet → Firewall (https, c-1)) no longer applies: edits[0](remove-connection).connection: unknown connection "c-1"' });
  });

  it('a worker that ended gets one more try', async () => {
    const client = new FakeClient(['throw', 'ok']);
    const [o] = await run(new ScenarioSync(client), tinyPlant(), cut);
    expect(o?.kind).toBe('shown');
    expect(client.sent).toEqual([cut, cut]);
  });

  it('after two failures the problem is reported and the workers are put back to what is shown', async () => {
    const client = new FakeClient(['ok']);
    const sync = new ScenarioSync(client);
    const baseline = tinyPlant();
    await run(sync, baseline, cut);
    const more: ScenarioEdit[] = [...cut, { kind: 'remove-trust', trust: 't-1', cost: 0 }];
    client.scenario = more; // as if the first try reached the worker before it ended
    client.answers.push('throw', 'throw');
    const [o] = await run(sync, baseline, more);
    expect(o).toEqual({ kind: 'failed', problem: 'The what-if could not be applied: analysis worker ended' });
    await new Promise((r) => setTimeout(r, 0));
    expect(client.sent).toEqual([cut, more, more, cut]);
    expect(client.scenario).toEqual(cut);
  });

  it('a cancelled sync reports nothing', async () => {
    const client = new FakeClient();
    const out: SyncOutcome[] = [];
    const cancel = new ScenarioSync(client).sync(tinyPlant(), cut, (o) => out.push(o));
    cancel();
    await new Promise((r) => setTimeout(r, 0));
    expect(out).toEqual([]);
  });

  it('a new baseline (another plant loaded) starts with no scenario active', async () => {
    const client = new FakeClient();
    const sync = new ScenarioSync(client);
    await run(sync, tinyPlant(), cut);
    expect(await run(sync, tinyPlant(), [])).toEqual([{ kind: 'idle' }]);
    expect(client.sent).toEqual([cut]);
  });

  it('refusalText: a list refused as a whole is not pinned on an edit', () => {
    expect(refusalText({ kind: 'invalid', edit: -1, errors: [{ path: 'edits', message: 'expected a list of edits, got an object' }] }, [], tinyPlant())).toBe(
      'The scenario does not apply: edits: expected a list of edits, got an object',
    );
  });
});
