// A large plant (over 4 MiB of text) is parsed in the analysis worker with its helper worker
// (two threads); the worker says so in the plant's source line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { generatePlant } from '../../src/model/generate';
import { serializeModel } from '../../src/model/serialize';
import { useApp } from './browser';

const baseUrl = inject('baseUrl');
const app = useApp(baseUrl);

describe('loading a large plant', () => {
  it('parses it with two threads and shows the whole plant', async () => {
    const model = generatePlant({ assets: 4000, seed: 11 });
    const text = serializeModel(model);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const file = join(mkdtempSync(join(tmpdir(), 'twinpath-large-')), 'gen-4000.json');
    writeFileSync(file, text);
    await app.page.getByTestId('file-input').setInputFiles(file);
    await app.page.waitForFunction(() => document.querySelector('[data-testid="plant-name"]')?.textContent?.includes('4000 assets'), undefined, { timeout: 120_000 });
    const source = app.page.getByTestId('plant-source');
    expect(await source.getAttribute('data-load-threads')).toBe('2');
    expect(await source.getAttribute('title')).toMatch(/^parsed, validated and compiled in [\d,]+ ms \(two threads\)$/);
    expect((await app.page.getByTestId('connection-count').textContent())?.replace(/\D/g, '')).toBe(String(model.connections.length));
    expect(app.health.errors).toEqual([]);
  });
});
