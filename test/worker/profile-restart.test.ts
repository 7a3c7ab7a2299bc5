// The attacker profile chosen in the app is part of what every analysis worker holds: after a
// worker crash, and in the pool workers of a Monte Carlo run, every answer is the profile's — the
// same as a session that analyses the plant as that profile from the start.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/analysis/context';
import { riskReport } from '../../src/analysis/risk';
import { AnalysisClient, defaultWorkerFactory } from '../../src/client/analysis-client';
import { parseModelText } from '../../src/model/parse';

const text = readFileSync('models/reference-plant.json', 'utf8');
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('reference plant invalid');
const model = parsed.model;

const clients: AnalysisClient[] = [];
afterAll(() => clients.forEach((c) => c.dispose()));

describe('the attacker profile across worker restarts', () => {
  it('a crashed worker comes back analysing as the profile chosen; the pool simulates as it too', async () => {
    const workers: Worker[] = [];
    const c = await AnalysisClient.connect({
      poolSize: 2,
      factory: () => {
        const w = defaultWorkerFactory();
        workers.push(w);
        return w;
      },
    });
    clients.push(c);
    expect((await c.load(text)).kind).toBe('ok');
    const none = await c.run((api) => api.risk());
    expect(none.total).toBeCloseTo(riskReport(buildContext(model)).total, 6);
    await c.setProfile('opportunistic');
    expect(c.profile).toBe('opportunistic');
    const want = riskReport(buildContext(model, undefined, { profile: 'opportunistic' })).total;
    expect(want).toBeLessThan(none.total); // the profile changes the figure: the checks below can fail
    expect((await c.run((api) => api.risk())).total).toBeCloseTo(want, 6);
    const simulated = await c.simulate(4000, 3);
    // The primary crashes: the new worker gets the plant and the profile back.
    workers[0]!.dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught RangeError: Array buffer allocation failed' }));
    expect((await c.run((api) => api.risk())).total).toBeCloseTo(want, 6);
    expect(await c.run((api) => api.profile())).toBe('opportunistic');
    // The Monte Carlo over the pool (workers restored) gives the same answer as before the crash.
    expect(await c.simulate(4000, 3)).toEqual(simulated);
    // And differs from the plant analysed with no profile.
    await c.setProfile(null);
    expect((await c.run((api) => api.risk())).total).toBeCloseTo(none.total, 6);
    expect(await c.simulate(4000, 3)).not.toEqual(simulated);
  }, 120_000);

  it('an unknown profile is refused and changes nothing', async () => {
    const c = await AnalysisClient.connect({ poolSize: 1 });
    clients.push(c);
    await c.load(text);
    await c.setProfile('insider');
    await expect(c.setProfile('script-kiddie' as never)).rejects.toThrow('profile: unknown attacker profile "script-kiddie"');
    expect(c.profile).toBe('insider');
    expect(await c.run((api) => api.profile())).toBe('insider');
  }, 60_000);
});
