// Issue #14 in real Chromium: the plant open in the tab — a file, a capture import — and its what-if
// scenario survive a reload (and so a tab that crashed): the app offers them back ("Restore <plant>
// (<source>, <time>) with scenario <name>?"), restores both on Restore (same header, same risk), and
// starts with the reference plant when declined. Expected figures come from Node.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { buildContext } from '../../src/analysis/context';
import { riskReport } from '../../src/analysis/risk';
import { applyEdits } from '../../src/analysis/scenario';
import { captureToModel, importCaptureBytes } from '../../src/import/pcap/index';
import { parseModelText } from '../../src/model/parse';
import type { PlantModel } from '../../src/model/schema';
import { shot, useApp } from './browser';

const baseUrl = inject('baseUrl');
const model = (file: string): PlantModel => {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(`${file} invalid`);
  return r.model;
};
const reference = model('models/reference-plant.json');
const water = model('models/water-treatment.json');
const money = (x: number) => `€${Math.round(x).toLocaleString('en')}`;
const risk = (m: PlantModel) => money(riskReport(buildContext(m)).total);
// The what-if: the integrator's remote access to the Ewon router is cut.
const cut = water.connections.find((c) => c.from === 'integrator' && c.to === 'ra-ewon')!;
const scenarioName = 'Integrator cut off';
const waterChanged = applyEdits(water, [{ kind: 'remove-connection', connection: cut.id, cost: 0 }]);
if (waterChanged.kind !== 'ok') throw new Error('the what-if does not apply');

const app = useApp(baseUrl);

async function text(testId: string): Promise<string> {
  return (await app.page.getByTestId(testId).textContent()) ?? '';
}

async function waitText(testId: string, want: string, timeout = 60_000): Promise<void> {
  await app.page.waitForFunction(([id, w]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === w, [testId, want] as const, { timeout });
}

/** What the header shows: plant, scenario, source, counts, risk. */
async function header(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ['plant-name', 'scenario-badge', 'plant-source', 'asset-count', 'connection-count', 'plant-risk']) {
    out[id] = (await app.page.getByTestId(id).count()) ? await text(id) : '(none)';
  }
  return out;
}

/** The last open plant and its scenario as IndexedDB holds them (read from the page). */
function stored(): Promise<{ plant?: string; source?: string; scenario?: string; edits?: number }> {
  return app.page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open('twinpath');
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('plants')) {
            db.close();
            return resolve({});
          }
          const tx = db.transaction(['plants', 'scenarios']);
          const last = tx.objectStore('plants').get('last');
          last.onsuccess = () => {
            const p = last.result as { plantId: string; plantName: string; source: string } | undefined;
            if (!p) return resolve({});
            const s = tx.objectStore('scenarios').get(p.plantId);
            s.onsuccess = () => {
              const sc = s.result as { name: string; edits: unknown[] } | undefined;
              resolve({ plant: p.plantName, source: p.source, scenario: sc?.name, edits: sc?.edits.length });
            };
          };
          tx.oncomplete = () => db.close();
        };
        req.onerror = () => resolve({});
      }),
  );
}

async function until<T>(f: () => Promise<T>, ok: (x: T) => boolean, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const x = await f();
    if (ok(x) || Date.now() > end) return x;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('restore the last plant after a reload', () => {
  it('offers an opened plant with its what-if scenario, and Restore brings back both', async () => {
    await app.page.getByTestId('file-input').setInputFiles('models/water-treatment.json');
    await waitText('plant-name', water.plant.name);
    await waitText('plant-risk', risk(water));
    // A what-if edit, named.
    await app.page.getByTestId('asset-search').fill('ra-ewon');
    await app.page.getByTestId('asset-search').press('Enter');
    await app.page.getByTestId('asset-panel').locator('h2', { hasText: 'Remote-access router (Ewon)' }).waitFor();
    await app.page.getByTestId(`cut-${cut.id}`).click();
    await app.page.getByTestId('tab-whatif').click();
    await app.page.getByTestId('scenario-name').fill(scenarioName);
    await app.page.getByTestId('scenario-badge').getByText(`${scenarioName} (1 edit)`).waitFor({ timeout: 30_000 });
    await waitText('plant-risk', risk(waterChanged.model));
    const before = await header();
    expect(before['plant-source']).toBe(' · water-treatment.json');
    expect(await until(stored, (s) => s.plant === water.plant.name && s.scenario === scenarioName)).toEqual({ plant: water.plant.name, source: 'water-treatment.json', scenario: scenarioName, edits: 1 });

    await app.page.reload();
    const offer = app.page.getByTestId('restore-offer');
    await offer.waitFor({ timeout: 30_000 });
    expect(await text('restore-text')).toMatch(new RegExp(`^Restore ${water.plant.name} \\(water-treatment\\.json, \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}\\) with scenario ${scenarioName} \\(1 edit\\)\\?$`));
    expect(await app.page.getByTestId('plant-name').count()).toBe(0); // nothing loaded before the choice
    await shot(app.page, '60-restore-offer');
    await app.page.getByTestId('restore-accept').click();
    await offer.waitFor({ state: 'detached' });
    await waitText('plant-name', water.plant.name);
    await app.page.getByTestId('scenario-badge').waitFor({ timeout: 30_000 });
    await waitText('plant-risk', before['plant-risk']!);
    expect(await header()).toEqual(before);
    await app.page.getByTestId('tab-whatif').click();
    expect(await text('edits')).toContain(cut.id);
    await shot(app.page, '61-restored-plant-and-scenario');
    expect(app.health.errors).toEqual([]);
  });

  it('offers a plant that came from a capture import, and restores it', async () => {
    const summary = importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap')));
    const twin = captureToModel(summary, { name: 'Observed network (ModbusTCP.pcap)' });
    await app.page.getByTestId('import-button').click();
    await app.page.getByTestId('import-dialog').waitFor();
    await app.page.getByTestId('import-tab-capture').click();
    await app.page.getByTestId('capture-input').setInputFiles('test/fixtures/pcaps/ModbusTCP.pcap');
    await app.page.getByTestId('capture-summary').waitFor({ timeout: 60_000 });
    await app.page.getByTestId('capture-create').click();
    await app.page.getByTestId('import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await waitText('plant-name', twin.plant.name);
    await waitText('plant-risk', risk(twin));
    const before = await header();
    expect(before['plant-source']).toBe(' · capture: ModbusTCP.pcap');
    await until(stored, (s) => s.plant === twin.plant.name);

    await app.page.reload();
    await app.page.getByTestId('restore-offer').waitFor({ timeout: 30_000 });
    expect(await text('restore-text')).toMatch(new RegExp(`^Restore Observed network \\(ModbusTCP\\.pcap\\) \\(capture: ModbusTCP\\.pcap, .+\\) with no what-if edits\\?$`));
    await app.page.getByTestId('restore-accept').click();
    await waitText('plant-name', twin.plant.name);
    await waitText('plant-risk', before['plant-risk']!);
    expect(await header()).toEqual(before);
  });

  it('"Start with the reference plant" loads it, and the next reload offers nothing', async () => {
    await app.page.reload();
    await app.page.getByTestId('restore-offer').waitFor({ timeout: 30_000 });
    await app.page.getByTestId('restore-decline').click();
    await waitText('plant-name', reference.plant.name);
    expect(await until(stored, (s) => s.plant === undefined)).toEqual({});
    await app.page.reload();
    await waitText('plant-name', reference.plant.name);
    expect(await app.page.getByTestId('restore-offer').count()).toBe(0);
    expect(app.health.errors).toEqual([]);
  });
});
