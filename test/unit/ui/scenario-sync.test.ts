// ScenarioSync keeps the workers on the scenario the app shows: it sends edits (never a model),
// shows what the workers answer of the scenario (its outline, the asset directory with its changes,
// its edits in words), names a refused edit, retries once on a worker that ended, and after a
// failure puts the workers back to what is shown.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/analysis/context';
import type { ScenarioEdit } from '../../../src/analysis/scenario';
import { AssetDirectory, type ScenarioResult, type ShownPlant } from '../../../src/client/analysis-client';
import { serializeModel } from '../../../src/model/serialize';
import { createAnalysisSession } from '../../../src/session/analysis-session';
import { refusedEditText } from '../../../src/session/plant-view';
import { BASELINE_VIEW, editTexts, refusalText, ScenarioSync, type ScenarioClient, type SyncOutcome } from '../../../src/ui/hooks/scenario-sync';
import { tinyPlant } from '../../helpers/builders';

const cut: ScenarioEdit[] = [{ kind: 'remove-connection', connection: 'c-1', cost: 0 }];
const text = serializeModel(tinyPlant());

/** The tiny plant as the main thread holds it: its outline and asset directory, from a session. */
async function shownPlant(): Promise<ShownPlant> {
  const s = createAnalysisSession();
  s.loadTextSummary(text);
  const { outline, directory } = s.shown();
  return { outline, directory: await AssetDirectory.build(directory, outline.zones) };
}

/** A client over a real session whose outcomes are scripted: 'ok' (the session's answer), 'refuse' (edit 0), or 'throw'; it logs what it was sent. */
class FakeClient implements ScenarioClient {
  scenario: readonly ScenarioEdit[] | null = null;
  readonly sent: (readonly ScenarioEdit[] | null)[] = [];
  readonly session = createAnalysisSession();
  constructor(readonly answers: ('ok' | 'refuse' | 'throw')[] = []) {
    this.session.loadTextSummary(text);
  }
  async applyScenario(edits: readonly ScenarioEdit[] | null): Promise<ScenarioResult> {
    this.sent.push(edits);
    const answer = this.answers.shift() ?? 'ok';
    if (answer === 'throw') throw new Error('analysis worker ended');
    if (answer === 'refuse') return { kind: 'invalid', edit: 0, errors: [{ path: 'edits[0](remove-connection).connection', message: 'unknown connection "c-1"' }], text: refusedEditText(buildContext(tinyPlant()), edits ?? [], 0) };
    this.scenario = edits;
    return this.session.applyScenario(edits);
  }
}

/** Runs one sync to its end; the outcomes reported. */
async function run(sync: ScenarioSync, baseline: ShownPlant, edits: readonly ScenarioEdit[]): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  sync.sync(baseline, edits, (o) => out.push(o));
  await new Promise((r) => setTimeout(r, 0));
  return out;
}

describe('ScenarioSync', () => {
  it('nothing to tell the workers while no scenario was or is active', async () => {
    const client = new FakeClient();
    expect(await run(new ScenarioSync(client), await shownPlant(), [])).toEqual([{ kind: 'idle' }]);
    expect(client.sent).toEqual([]);
  });

  it('sends the edits; shows the workers\' answer: the scenario\'s outline, diff, counts and its edits in words', async () => {
    const client = new FakeClient();
    const sync = new ScenarioSync(client);
    const baseline = await shownPlant();
    const [o] = await run(sync, baseline, cut);
    expect(client.sent).toEqual([cut]);
    if (o?.kind !== 'shown') throw new Error(`expected shown, got ${o?.kind}`);
    const answer = createAnalysisSession();
    answer.loadTextSummary(text);
    const r = answer.applyScenario(cut);
    if (r.kind !== 'ok') throw new Error('the cut does not apply');
    expect(o.view).toMatchObject({ diff: r.diff, reading: r.reading, summary: r.summary, described: cut, edits: ['Block connection Internet → Firewall (https, c-1)'] });
    expect(o.view.plant?.outline).toEqual(r.shown!.outline);
    expect(editTexts(o.view, cut)).toEqual(['Block connection Internet → Firewall (https, c-1)']);
    // An edit the workers have not described yet reads by its ids.
    expect(editTexts(o.view, [{ kind: 'remove-connection', connection: 'c-2', cost: 0 }])).toEqual(['Block connection c-2']);
    // Back to no edits: the workers are told (null), and the baseline is shown.
    const [back] = await run(sync, baseline, []);
    expect(back).toEqual({ kind: 'shown', view: { ...BASELINE_VIEW, known: expect.any(Map) } });
    expect(client.sent).toEqual([cut, null]);
    // The scenario opened again (another copy of its edits, as a saved scenario is): its edits read
    // by names at once, before the workers answer for it.
    if (back?.kind !== 'shown') return;
    expect(editTexts(back.view, [{ ...cut[0]! }])).toEqual(['Block connection Internet → Firewall (https, c-1)']);
  });

  it('a refused edit is named with its description and every error path; nothing is shown anew', async () => {
    const client = new FakeClient(['refuse']);
    const [o] = await run(new ScenarioSync(client), await shownPlant(), cut);
    expect(o).toEqual({ kind: 'refused', problem: 'Edit 1 (Block connection Internet → Firewall (https, c-1)) no longer applies: edits[0](remove-connection).connection: unknown connection "c-1"' });
  });

  it('a worker that ended gets one more try', async () => {
    const client = new FakeClient(['throw', 'ok']);
    const [o] = await run(new ScenarioSync(client), await shownPlant(), cut);
    expect(o?.kind).toBe('shown');
    expect(client.sent).toEqual([cut, cut]);
  });

  it('after two failures the problem is reported and the workers are put back to what is shown', async () => {
    const client = new FakeClient(['ok']);
    const sync = new ScenarioSync(client);
    const baseline = await shownPlant();
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
    const cancel = new ScenarioSync(client).sync(await shownPlant(), cut, (o) => out.push(o));
    cancel();
    await new Promise((r) => setTimeout(r, 0));
    expect(out).toEqual([]);
  });

  it('a new baseline (another plant loaded) starts with no scenario active', async () => {
    const client = new FakeClient();
    const sync = new ScenarioSync(client);
    await run(sync, await shownPlant(), cut);
    expect(await run(sync, await shownPlant(), [])).toEqual([{ kind: 'idle' }]);
    expect(client.sent).toEqual([cut]);
  });

  it('refusalText: a list refused as a whole is not pinned on an edit', () => {
    expect(refusalText({ kind: 'invalid', edit: -1, errors: [{ path: 'edits', message: 'expected a list of edits, got an object' }] }, [])).toBe(
      'The scenario does not apply: edits: expected a list of edits, got an object',
    );
  });

  it('lays the scenario\'s changes over the asset directory: an asset added, an asset moved', async () => {
    const client = new FakeClient();
    const sync = new ScenarioSync(client);
    const baseline = await shownPlant();
    const edits: ScenarioEdit[] = [
      { kind: 'add-asset', asset: { id: 'what-if-ews', name: 'New EWS', kind: 'ews', zone: 'z-ctl' } },
      { kind: 'move-asset', asset: 'hmi', zone: 'z-ctl' },
    ];
    const [o] = await run(sync, baseline, edits);
    if (o?.kind !== 'shown') throw new Error(`expected shown, got ${o?.kind}`);
    const d = o.view.plant!.directory;
    expect([d.name('what-if-ews'), d.zoneOf('what-if-ews'), d.kindOf('what-if-ews')]).toEqual(['New EWS', 'z-ctl', 'ews']);
    expect([baseline.directory.zoneOf('hmi'), d.zoneOf('hmi')]).toEqual(['z-dmz', 'z-ctl']);
    expect(d.size).toBe(baseline.directory.size + 1);
    expect(baseline.directory.has('what-if-ews')).toBe(false);
  });
});
