// Asset rows → assets, with the zones rows create and the entry points and crown jewels rows mark;
// every problem is named by file, row, id and column.
import { showValue } from '../../model/errors';
import {
  ASSET_KINDS,
  ATTACKER_PROFILES,
  CONTROL_KINDS,
  SAFETY_LEVELS,
  type Asset,
  type AssetKind,
  type ControlKind,
  type CrownJewel,
  type EntryPoint,
  type PurdueLevel,
  type Service,
  type Vulnerability,
  type Zone,
} from '../../model/schema';
import { LEVELS_TEXT, listCell, normKey, parseAmount, parseBool, parseKind, parseLevel, parseService } from './cells';
import type { Errors } from './errors';
import type { AssetField, CsvMapping } from './mapping';
import { MappedRow } from './rows';
import type { CsvRecord, CsvTable } from './table';

/** Zones by id, each with where it was declared ("the mapping", "row 7") for messages. */
export type Zones = Map<string, { zone: Zone; origin: string }>;

/** What the asset rows hold. */
export interface AssetRows {
  readonly assets: Asset[];
  /** The record each asset comes from, by index in `assets` (to name the row of a later problem). */
  readonly records: CsvRecord[];
  readonly entryPoints: EntryPoint[];
  readonly crownJewels: CrownJewel[];
  /** Asset id → the row it is defined on. */
  readonly ids: ReadonlyMap<string, number>;
}

type Row = MappedRow<AssetField>;

/**
 * Reads every asset row. Zones a row creates (a zone and a level not declared before) are added to
 * `zones`; problems go to `errors`, and a row with any problem yields no asset.
 */
export function readAssets(file: string, table: CsvTable, cols: ReadonlyMap<AssetField, number>, mapping: CsvMapping['assets'], zones: Zones, errors: Errors): AssetRows {
  const assets: Asset[] = [];
  const records: CsvRecord[] = [];
  const entryPoints: EntryPoint[] = [];
  const crownJewels: CrownJewel[] = [];
  const ids = new Map<string, number>();
  const kinds = new Map(Object.entries(mapping.kinds ?? {}).map(([k, v]) => [normKey(k), v]));
  for (const rec of table.records) {
    const row: Row = new MappedRow(file, table, cols, rec, errors);
    const id = row.cell('id');
    row.id = id;
    if (id === '') {
      row.fail('id', 'the asset id is empty');
      continue;
    }
    if (id.length > 256) row.fail('id', `${showValue(id)} is longer than 256 characters`);
    const first = ids.get(id);
    if (first !== undefined) {
      row.fail('id', `duplicate asset id ${showValue(id)} (first at row ${first})`);
      continue;
    }
    ids.set(id, rec.row);

    const kind = readKind(row, kinds, mapping.defaults?.kind);
    const zone = readZone(row, zones, mapping.defaults?.zone);
    const asset: Asset = { id, name: row.cell('name') || id, kind: kind ?? 'server', zone };
    readTexts(row, asset);
    readLists(row, asset);
    readCves(row, asset, file);
    readServices(row, asset);
    readPatching(row, asset);
    readEntryPoint(row, entryPoints);
    readCrownJewel(row, crownJewels);
    if (row.ok) {
      assets.push(asset);
      records.push(rec);
    }
  }
  if (table.records.length === 0) errors.add({ file, message: 'no asset rows below the header' });
  return { assets, records, entryPoints, crownJewels, ids };
}

/** The asset kind: the cell through the mapping's kinds, else the mapping's default. */
function readKind(row: Row, kinds: ReadonlyMap<string, AssetKind>, fallback: AssetKind | undefined): AssetKind | undefined {
  const rawKind = row.cell('kind');
  let kind: AssetKind | undefined = fallback;
  if (rawKind !== '') {
    const k = parseKind(rawKind, kinds);
    if (k === undefined) row.fail('kind', `${showValue(rawKind)} is not an asset kind; expected one of ${ASSET_KINDS.join(', ')}${kinds.size ? ' or a value listed in mapping.assets.kinds' : ' (map other names in mapping.assets.kinds)'}`);
    kind = k;
  } else if (kind === undefined) row.fail('kind', 'the asset kind is empty');
  return kind;
}

/** The zone id (the cell, else the mapping's default); a level given with a zone not known yet creates it. */
function readZone(row: Row, zones: Zones, fallback: string | undefined): string {
  const zoneId = row.cell('zone') || fallback || '';
  const rawLevel = row.cell('level');
  let level: PurdueLevel | undefined;
  if (rawLevel !== '') {
    level = parseLevel(rawLevel);
    if (level === undefined) row.fail('level', `${showValue(rawLevel)} is not a Purdue level (${LEVELS_TEXT})`);
  }
  if (zoneId === '') row.fail('zone', 'the zone is empty');
  else if (zoneId.length > 256) row.fail('zone', `${showValue(zoneId)} is longer than 256 characters`);
  else {
    const known = zones.get(zoneId);
    if (known) {
      if (level !== undefined && level !== known.zone.purdueLevel) {
        row.fail('level', `zone ${showValue(zoneId)} is at level ${known.zone.purdueLevel} (${known.origin}), this row says ${level}`);
      }
    } else if (level !== undefined) {
      zones.set(zoneId, { zone: { id: zoneId, name: zoneId, purdueLevel: level }, origin: `row ${row.rec.row}` });
    } else if (rawLevel === '') {
      row.fail(row.has('zone') ? 'zone' : undefined, `unknown zone ${showValue(zoneId)}: not in mapping.zones and no level given${row.has('level') ? ' on this row' : ' (map a level column to create zones from rows)'}`);
    }
  }
  return zoneId;
}

/** Vendor, product, firmware, OS and description, each within its length bound. */
function readTexts(row: Row, asset: Asset): void {
  const text = (f: 'vendor' | 'product' | 'firmware' | 'os' | 'description', max: number) => {
    const v = row.cell(f);
    if (v === '') return;
    if (v.length > max) row.fail(f, `${showValue(v)} is longer than ${max} characters`);
    else asset[f] = v;
  };
  text('vendor', 256);
  text('product', 256);
  text('firmware', 256);
  text('os', 256);
  text('description', 4096);
}

/** Addresses, tags and controls: list cells. */
function readLists(row: Row, asset: Asset): void {
  if (row.cell('addresses')) {
    const list = listCell(row.cell('addresses'), true);
    const long = list.find((a) => a.length > 64);
    if (long) row.fail('addresses', `${showValue(long)} is longer than 64 characters`);
    else if (list.length > 64) row.fail('addresses', `${list.length} addresses; at most 64`);
    else asset.addresses = list;
  }
  if (row.cell('tags')) {
    const list = listCell(row.cell('tags'), false);
    if (list.length > 64) row.fail('tags', `${list.length} tags; at most 64`);
    else asset.tags = list;
  }
  if (row.cell('controls')) {
    const list = listCell(row.cell('controls'), true);
    const unknown = list.find((c) => !(CONTROL_KINDS as readonly string[]).includes(c));
    if (unknown) row.fail('controls', `${showValue(unknown)} is not a control; expected one of ${CONTROL_KINDS.join(', ')}`);
    else asset.controls = [...new Set(list)] as ControlKind[];
  }
}

/** CVE ids, each recorded with the row it came from. */
function readCves(row: Row, asset: Asset, file: string): void {
  if (row.cell('cves')) {
    const vulns: Vulnerability[] = [];
    for (const c of listCell(row.cell('cves'), true)) {
      const cve = c.toUpperCase();
      if (!/^CVE-\d{4}-\d{4,}$/.test(cve)) row.fail('cves', `${showValue(c)} is not a CVE id (CVE-YYYY-NNNN)`);
      else if (!vulns.some((v) => v.cve === cve)) vulns.push({ cve, source: `${file} row ${row.rec.row}` });
    }
    if (vulns.length > 0) asset.vulnerabilities = vulns;
  }
}

/** Services: protocol[:port][/transport] items. */
function readServices(row: Row, asset: Asset): void {
  if (row.cell('services')) {
    const services: Service[] = [];
    for (const item of listCell(row.cell('services'), true)) {
      const s = parseService(item);
      if (typeof s === 'string') row.fail('services', s);
      else services.push(s);
    }
    if (services.length > 0) asset.services = services;
  }
}

/** Whether the asset can be patched and what hardening it costs. */
function readPatching(row: Row, asset: Asset): void {
  if (row.cell('patchable')) {
    const b = parseBool(row.cell('patchable'));
    if (b === undefined) row.fail('patchable', `${showValue(row.cell('patchable'))} is not yes/no`);
    else asset.patchable = b;
  }
  if (row.cell('hardeningCost')) {
    const n = parseAmount(row.cell('hardeningCost'));
    if (n === undefined) row.fail('hardeningCost', `${showValue(row.cell('hardeningCost'))} is not a non-negative number`);
    else asset.hardeningCost = n;
  }
}

/** An entry point: yes, or the attacker profile that enters there. */
function readEntryPoint(row: Row, entryPoints: EntryPoint[]): void {
  const entry = row.cell('entryPoint');
  if (entry !== '') {
    const profile = ATTACKER_PROFILES.find((p) => p === normKey(entry));
    const b = profile ? true : parseBool(entry);
    if (b === undefined) row.fail('entryPoint', `${showValue(entry)} is not yes/no or an attacker profile (${ATTACKER_PROFILES.join(', ')})`);
    else if (b) entryPoints.push(profile ? { asset: row.id, profile } : { asset: row.id });
  }
}

/** A crown jewel, with its safety impact and downtime cost. */
function readCrownJewel(row: Row, crownJewels: CrownJewel[]): void {
  const jewel = row.cell('crownJewel');
  if (jewel !== '') {
    const b = parseBool(jewel);
    if (b === undefined) row.fail('crownJewel', `${showValue(jewel)} is not yes/no`);
    else if (b) {
      const impact: CrownJewel['impact'] = {};
      const safety = normKey(row.cell('safety'));
      if (safety !== '') {
        if (!(SAFETY_LEVELS as readonly string[]).includes(safety)) row.fail('safety', `${showValue(row.cell('safety'))} is not one of ${SAFETY_LEVELS.join(', ')}`);
        else impact.safety = safety as CrownJewel['impact']['safety'];
      }
      const cost = row.cell('downtimeCostPerHour');
      if (cost !== '') {
        const n = parseAmount(cost);
        if (n === undefined) row.fail('downtimeCostPerHour', `${showValue(cost)} is not a non-negative number`);
        else impact.downtimeCostPerHour = n;
      }
      crownJewels.push({ asset: row.id, impact });
    }
  }
}
