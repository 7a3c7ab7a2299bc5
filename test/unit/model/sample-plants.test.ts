// The sample plants are what users see first: check they hold what the product promises.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCT_VULNERABILITIES } from '../../../src/model/catalog';
import { parseModelText } from '../../../src/model/parse';
import type { PlantModel } from '../../../src/model/schema';

function load(file: string): PlantModel {
  const r = parseModelText(readFileSync(file, 'utf8'));
  if (r.kind !== 'ok') throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.model;
}

const known = new Map(Object.values(PRODUCT_VULNERABILITIES).flat().map((v) => [v.cve, v]));

function levelOf(m: PlantModel) {
  const zl = new Map(m.zones.map((z) => [z.id, z.purdueLevel]));
  return (assetId: string) => zl.get(m.assets.find((a) => a.id === assetId)!.zone)!;
}

describe('models/reference-plant.json', () => {
  const m = load('models/reference-plant.json');
  const level = levelOf(m);
  const byKind = (k: string) => m.assets.filter((a) => a.kind === k);

  it('has 100–200 assets across Purdue 0–5 and the industrial DMZ', () => {
    expect(m.assets.length).toBeGreaterThanOrEqual(100);
    expect(m.assets.length).toBeLessThanOrEqual(200);
    expect([...new Set(m.assets.map((a) => level(a.id)))].sort()).toEqual([0, 1, 2, 3, 3.5, 4, 5]);
  });

  it('has the parts of a real plant', () => {
    for (const kind of ['sis', 'ews', 'historian', 'mes', 'erp', 'domain-controller', 'remote-access-gateway', 'laptop', 'cloud-service', 'supplier', 'plc', 'hmi', 'robot']) {
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    }
    expect(byKind('historian').some((h) => level(h.id) === 3.5)).toBe(true); // DMZ replica
    expect(m.productionLines).toHaveLength(2);
    for (const line of m.productionLines!) expect(line.groups.some((g) => g.assets.length >= 2)).toBe(true);
    expect(m.media!.some((x) => x.kind === 'transient-laptop')).toBe(true);
  });

  it('has the mistakes auditors find', () => {
    // A level-4 host with a conduit straight to level 2.
    expect(m.connections.some((c) => level(c.from) === 4 && level(c.to) === 2)).toBe(true);
    // A dual-homed historian.
    expect(byKind('historian').some((h) => (h.extraZones ?? []).length > 0)).toBe(true);
    // Remote access without MFA landing below level 3.
    const gateways = byKind('remote-access-gateway').filter((g) => !(g.controls ?? []).includes('mfa'));
    expect(m.connections.some((c) => gateways.some((g) => g.id === c.from) && level(c.to) < 3)).toBe(true);
  });

  it('uses only real CVEs from the bundled advisory/KEV extract, with their scores', () => {
    const vulns = m.assets.flatMap((a) => a.vulnerabilities ?? []);
    expect(vulns.length).toBeGreaterThan(50);
    expect(vulns.some((v) => v.kev)).toBe(true);
    for (const v of vulns) {
      const ref = known.get(v.cve);
      expect(ref, v.cve).toBeDefined();
      expect(v.cvss).toBe(ref!.cvss);
      expect(v.kev).toBe(ref!.kev);
    }
  });
});

describe('models/water-treatment.json', () => {
  const m = load('models/water-treatment.json');
  it('is a small DNP3 and Modbus utility', () => {
    expect(m.assets.length).toBeGreaterThanOrEqual(25);
    expect(m.assets.length).toBeLessThanOrEqual(40);
    const protocols = new Set(m.connections.map((c) => c.protocol));
    expect(protocols.has('dnp3')).toBe(true);
    expect(protocols.has('modbus-tcp')).toBe(true);
    expect(m.crownJewels.some((j) => j.impact.safety === 'fatality')).toBe(true);
  });
});
