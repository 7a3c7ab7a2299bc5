// Drives the real worker entry point (workers/analysis.worker.ts) through comlink, as the app does.
import { readFileSync } from 'node:fs';
import { transfer, wrap, type Remote } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalysisSession } from '../../src/session/analysis-session';
import { compactBuffers, compileModel } from '../../src/model/compact';
import { generatePlant } from '../../src/model/generate';
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
    const r = await api.loadText(readFileSync('models/reference-plant.json', 'utf8'));
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.summary).toMatchObject({ plantId: 'ref-brake-plant', assets: 110 });
    const reach = await api.reach(['vendor-kuka']);
    expect(reach.kind).toBe('ok');
    if (reach.kind !== 'ok') return;
    expect(reach.reached[0]).toEqual({ id: 'vendor-kuka', hops: 0 });
    expect(reach.reached.find((x) => x.id === 'ra-gw')?.hops).toBe(1);
    expect(reach.reached.find((x) => x.id === 'rob-a1')?.hops).toBe(2);
    expect(await api.reach(['nope'])).toEqual({ kind: 'unknown-asset', id: 'nope' });
  });

  it('answers a blast radius in columns whose typed arrays arrive intact (they are transferred)', async () => {
    const local = createAnalysisSession();
    local.loadText(readFileSync('models/reference-plant.json', 'utf8'));
    const r = await api.blast(['supplier-net']);
    expect(r.reached.likelihood).toBeInstanceOf(Float64Array);
    expect(r.reached.hops).toBeInstanceOf(Int32Array);
    expect(r).toEqual(local.blast(['supplier-net']));
  });

  it('keeps the loaded plant when a load fails', async () => {
    const bad = await api.loadText('{"schemaVersion": 1, "plant": ');
    expect(bad.kind).toBe('invalid');
    if (bad.kind === 'invalid') expect(bad.errors[0]!.message).toMatch(/^invalid JSON at line 1, column \d+/);
    const badModel = await api.loadModel({ schemaVersion: 1 });
    expect(badModel.kind).toBe('invalid');
    expect((await api.summary()).plantId).toBe('ref-brake-plant');
  });

  it('takes a compact graph by transfer and answers on it', async () => {
    const g = compileModel(generatePlant({ assets: 2000, seed: 11 }));
    const edges = g.edgeCount;
    const summary = await api.loadGraph(transfer(g, compactBuffers(g)));
    expect(summary).toMatchObject({ assets: 2000, arcs: edges });
    const r = await api.reach(['internet']);
    expect(r.kind === 'ok' && r.reached.length).toBeGreaterThan(100);
  });
});
