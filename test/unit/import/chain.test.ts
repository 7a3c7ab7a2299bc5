// The whole way in for a plant nobody drew by hand: an asset register (CSV) → the real capture of
// the same cell merged in (observed vs allowed) → CVEs from the bundled KB → analysis.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackPaths } from '../../../src/analysis/attack-paths';
import { blastRadius } from '../../../src/analysis/blast';
import { buildContext } from '../../../src/analysis/context';
import { riskReport } from '../../../src/analysis/risk';
import { importCsv } from '../../../src/import/csv';
import { enrichModel } from '../../../src/import/enrich';
import { parseKbText } from '../../../src/import/kb';
import { importCaptureBytes, mergeCapture } from '../../../src/import/pcap';
import { validateModel } from '../../../src/model/parse';

const read = (f: string) => readFileSync(f, 'utf8');

describe('asset register + capture + KB → an analysable twin', () => {
  const csv = importCsv(
    { name: 'modbus-cell-assets.csv', text: read('models/examples/modbus-cell-assets.csv') },
    { name: 'modbus-cell-connections.csv', text: read('models/examples/modbus-cell-connections.csv') },
    JSON.parse(read('models/examples/modbus-cell-mapping.json')),
  );
  if (csv.kind !== 'ok') throw new Error(`example inventory does not import: ${JSON.stringify(csv.errors.slice(0, 3))}`);
  const capture = importCaptureBytes('ModbusTCP.pcap', new Uint8Array(readFileSync('test/fixtures/pcaps/ModbusTCP.pcap')));
  const merged = mergeCapture(csv.model, capture);

  it('the register imports: 15 assets, 13 declared connections, an entry point and two crown jewels', () => {
    expect(csv.summary).toEqual({ assets: 15, zones: 2, connections: 13, entryPoints: 1, crownJewels: 2 });
  });

  it('merging the capture: every host is a registered asset; 12 declared polls seen, the 13th PLC polled without being declared, the EWS never seen', () => {
    expect(merged.hostsMatched).toHaveLength(14);
    expect(merged.matched).toHaveLength(12);
    expect(merged.shadow.map((s) => `${s.from} → ${s.to}`)).toEqual(['hmi-01 → plc-13']);
    expect(merged.unseen).toHaveLength(1);
    const unseen = merged.model.connections.find((c) => c.id === merged.unseen[0]);
    expect(unseen).toMatchObject({ from: 'ews-01', to: 'plc-01' });
    expect(merged.model.connections.filter((c) => c.observed === true)).toHaveLength(13);
    expect(validateModel(merged.model).kind).toBe('ok');
  });

  it('the shadow flow is part of the analysis: the undeclared PLC is reachable only through it', () => {
    const before = blastRadius(buildContext(csv.model), ['hmi-01']).reached.ids;
    const after = blastRadius(buildContext(merged.model), ['hmi-01']).reached.ids;
    expect(before).not.toContain('plc-13');
    expect(after).toContain('plc-13');
  });

  it('enrichment attaches Modicon M340 CVEs from the bundled KB, each saying how it matched, and the twin analyses', () => {
    const kb = parseKbText(read('public/kb/twinpath-kb.json'));
    if (kb.kind !== 'ok') throw new Error('bundled KB invalid');
    const enriched = enrichModel(merged.model, kb.kb, { minConfidence: 'medium' });
    const attached = enriched.matches.filter((m) => m.attached);
    expect(attached.length).toBeGreaterThan(0);
    expect(new Set(attached.map((m) => m.asset))).toContain('plc-01');
    const plcMatches = attached.filter((x) => x.asset.startsWith('plc-'));
    for (const m of plcMatches) expect(m.reason).toMatch(/^ICSA-[\d-]+\w*: vendor "Schneider Electric"/);
    // Firmware 3.20 checked against advisories' version ranges where they can be read.
    expect(plcMatches.some((m) => /firmware "3\.20" is within "(prior to |<)SV3\.60"/i.test(m.reason))).toBe(true);
    expect(validateModel(enriched.model).kind).toBe('ok');
    const plc = enriched.model.assets.find((a) => a.id === 'plc-01')!;
    expect(plc.vulnerabilities?.length).toBeGreaterThan(0);
    const ctx = buildContext(enriched.model);
    const risk = riskReport(ctx);
    expect(risk.total).toBeGreaterThan(0);
    const paths = attackPaths(ctx);
    expect(paths.find((p) => p.to === 'plc-01')?.edges[0]?.provenance).toBe('observed');
  });
});
