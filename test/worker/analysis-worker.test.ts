// Drives the real worker entry point (workers/analysis.worker.ts) through comlink, as the app does.
import { readFileSync } from 'node:fs';
import { wrap, type Remote } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysisSession } from '../../src/session/analysis-session';
import type { AnalysisWorkerApi } from '../../workers/analysis.api';

const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' });
const api: Remote<AnalysisWorkerApi> = wrap<AnalysisWorkerApi>(worker);
afterAll(() => worker.terminate());

describe('analysis worker', () => {
  it('answers a ping', async () => {
    expect(await api.ping()).toBe('pong');
  });

  it('refuses queries before a plant is loaded, with a typed error', async () => {
    await expect(api.summary()).rejects.toThrow(/no plant is loaded/);
  });

  it('loads the reference plant from text and answers queries on it', async () => {
    const r = await api.loadTextSummary(readFileSync('models/reference-plant.json', 'utf8'));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.summary).toMatchObject({ plantId: 'ref-brake-plant', assets: 110 });
    expect((await api.summary()).plantId).toBe('ref-brake-plant');
    const paths = await api.paths({ from: ['supplier-net'], to: ['erp'] });
    expect(paths[0]!.nodes).toEqual(['supplier-net', 'supplier-portal', 'erp']);
  });

  it('answers a blast radius in columns whose typed arrays arrive intact (they are transferred)', async () => {
    const local = createAnalysisSession();
    local.loadTextSummary(readFileSync('models/reference-plant.json', 'utf8'));
    const r = await api.blast(['supplier-net']);
    expect(r.reached.likelihood).toBeInstanceOf(Float64Array);
    expect(r.reached.hops).toBeInstanceOf(Int32Array);
    expect(r).toEqual(local.blast(['supplier-net']));
  });

  it('keeps the loaded plant when a load fails', async () => {
    const bad = await api.loadTextSummary('{"schemaVersion": 1, "plant": ');
    expect(bad.kind).toBe('invalid');
    if (bad.kind === 'invalid') expect(bad.errors[0]!.message).toMatch(/^invalid JSON at line 1, column \d+/);
    const badModel = await api.loadTextSummary('{"schemaVersion": 1}');
    expect(badModel.kind).toBe('invalid');
    expect((await api.summary()).plantId).toBe('ref-brake-plant');
  });
});
