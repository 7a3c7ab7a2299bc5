import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCsvError, importCsv, parseCsv, parseMapping, previewCsv, suggestColumns, ASSET_FIELDS, type CsvError, type CsvMapping } from '../../../src/import/csv';
import { validateModel } from '../../../src/model/parse';

const MAPPING: CsvMapping = {
  plant: { id: 'p', name: 'Plant' },
  assets: { columns: { id: 'id', name: 'name', kind: 'kind', zone: 'zone', level: 'level', vendor: 'vendor', product: 'product', firmware: 'firmware' } },
  connections: { columns: { from: 'from', to: 'to', protocol: 'protocol', port: 'port' }, protocols: { S7: 's7comm' } },
};
const HEADER = 'id,name,kind,zone,level,vendor,product,firmware\n';
const errorsOf = (r: ReturnType<typeof importCsv>): string[] => (r.kind === 'invalid' ? r.errors.map(formatCsvError) : []);
const assets = (rows: string, name = 'assets.csv') => ({ name, text: HEADER + rows });

describe('parseCsv', () => {
  it('reads quoted fields with commas, newlines and doubled quotes, CRLF, and counts rows and lines', () => {
    const r = parseCsv('a,b\r\n1,"x, ""y"""\r\n2,"two\r\nlines"\r\n3,z\r\n', { file: 't.csv' });
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.table.header).toEqual(['a', 'b']);
    expect(r.table.records.map((x) => x.fields)).toEqual([['1', 'x, "y"'], ['2', 'two\r\nlines'], ['3', 'z']]);
    expect(r.table.records.map((x) => [x.row, x.line])).toEqual([[2, 2], [3, 3], [4, 5]]);
  });

  it('drops a byte-order mark and detects ; and tab delimiters', () => {
    const semi = parseCsv('\uFEFFid;name\nplc-1;"A; B"\n');
    expect(semi.kind === 'ok' && [semi.table.delimiter, semi.table.header, semi.table.records[0]!.fields]).toEqual([';', ['id', 'name'], ['plc-1', 'A; B']]);
    const tab = parseCsv('id\tname\nx\ty\n');
    expect(tab.kind === 'ok' && tab.table.delimiter).toBe('\t');
  });

  it('names the row and line of malformed records', () => {
    const messages = (text: string) => {
      const r = parseCsv(text, { file: 'f.csv' });
      return r.kind === 'invalid' ? r.errors.map(formatCsvError) : [];
    };
    expect(messages('a,b\n1,"open\n2,3\n')).toEqual(['f.csv row 2, column "b": a quoted field is never closed (missing ")']);
    expect(messages('a,b\n1,2,3\n')).toEqual(['f.csv row 2: 3 field(s), but the header has 2 column(s) (an unquoted delimiter in a value?)']);
    expect(messages('a,b\n1,ab"c\n')).toEqual(['f.csv row 2, column "b": a quote inside an unquoted field ("ab\\"c"); quote the whole field and write the quote as ""']);
    expect(messages('a,b\n1,"x"y\n')).toEqual(['f.csv row 2, column "b": unexpected "y" after a closing quote; a quote inside a quoted field is written ""']);
    expect(messages('a,a\n1,2\n')).toEqual(['f.csv row 1, column "a": the header names this column twice (columns 1 and 2)']);
    expect(messages('')).toEqual(['f.csv: the file is empty (no header row)']);
    expect(messages('a,b\n"x\ny",1\n1,2,3\n')).toEqual(['f.csv row 3 (line 4): 3 field(s), but the header has 2 column(s) (an unquoted delimiter in a value?)']);
  });

  it('previews the first rows and suggests a mapping from header names', () => {
    const r = previewCsv('Asset ID,Hostname,Type,Purdue Level,Manufacturer,Model\n1,a,plc,1,x,y\n2,b,plc,1,x,y\n3,c,plc,1,x,y\n', { rows: 2 });
    expect(r.kind === 'ok' && r.table.records.length).toBe(2);
    if (r.kind !== 'ok') return;
    expect(suggestColumns(r.table.header, ASSET_FIELDS)).toEqual({ id: 'Asset ID', name: 'Hostname', kind: 'Type', level: 'Purdue Level', vendor: 'Manufacturer', product: 'Model' });
  });
});

describe('importCsv', () => {
  it('builds a valid model: zones from the zone and level columns, connections by protocol map', () => {
    const r = importCsv(
      assets('plc-1,Filler PLC,plc,Cell A,1,Siemens,S7-1500,V2.8.3\news-1,EWS,ews,Ops,3,,,\nhist,Historian,historian,Ops,L3,,,\n'),
      { name: 'conns.csv', text: 'from,to,protocol,port\news-1,plc-1,S7,102\nhist,plc-1,opc-ua,\n' },
      MAPPING,
    );
    expect(errorsOf(r)).toEqual([]);
    if (r.kind !== 'ok') return;
    expect(validateModel(r.model).kind).toBe('ok');
    expect(r.model.zones).toEqual([{ id: 'Cell A', name: 'Cell A', purdueLevel: 1 }, { id: 'Ops', name: 'Ops', purdueLevel: 3 }]);
    expect(r.model.assets[0]).toEqual({ id: 'plc-1', name: 'Filler PLC', kind: 'plc', zone: 'Cell A', vendor: 'Siemens', product: 'S7-1500', firmware: 'V2.8.3' });
    expect(r.model.connections).toEqual([
      { id: 'c-2', from: 'ews-1', to: 'plc-1', protocol: 's7comm', direction: 'one-way', port: 102 },
      { id: 'c-3', from: 'hist', to: 'plc-1', protocol: 'opc-ua', direction: 'one-way' },
    ]);
    expect(r.summary).toEqual({ assets: 3, zones: 2, connections: 2, entryPoints: 0, crownJewels: 0 });
  });

  it('reports a bad level, an unknown zone, a duplicate id, an unknown kind with row, id and column', () => {
    const mapping: CsvMapping = { ...MAPPING, zones: [{ id: 'Ops', purdueLevel: 3 }] };
    const rows = [
      'plc-1,A,plc,Cell A,1,,,', // row 2
      'plc-2,B,plc,Cell A,1,,,', // row 3
      'plc-3,C,plc,Cell B,7,,,', // row 4: level 7
      'plc-2,D,plc,Cell A,1,,,', // row 5: duplicate
      'hmi-1,E,panel,Ops,,,,', // row 6: unknown kind
      'hmi-2,F,hmi,Nowhere,,,,', // row 7: unknown zone, no level
      'hmi-3,G,hmi,Ops,2,,,', // row 8: the mapping says Ops is level 3
    ].join('\n');
    expect(errorsOf(importCsv(assets(rows), undefined, mapping))).toEqual([
      'assets.csv row 4 (id=plc-3), column "level": "7" is not a Purdue level (0,1,2,3,3.5,4,5)',
      'assets.csv row 5 (id=plc-2), column "id": duplicate asset id "plc-2" (first at row 3)',
      expect.stringMatching(/^assets\.csv row 6 \(id=hmi-1\), column "kind": "panel" is not an asset kind; expected one of sensor, actuator, .* \(map other names in mapping\.assets\.kinds\)$/),
      'assets.csv row 7 (id=hmi-2), column "zone": unknown zone "Nowhere": not in mapping.zones and no level given on this row',
      'assets.csv row 8 (id=hmi-3), column "level": zone "Ops" is at level 3 (the mapping), this row says 2',
    ]);
  });

  it('keeps row numbers right across quoted newlines, with a BOM and ; delimiters', () => {
    const text = '\uFEFFid;name;kind;zone;level;vendor;product;firmware\nplc-1;"Line 1\nfiller";plc;"Cell; A";1;;;\nplc-2;B;plc;Cell A;9;;;\n';
    expect(errorsOf(importCsv({ name: 'a.csv', text }, undefined, MAPPING))).toEqual(['a.csv row 3 (line 4) (id=plc-2), column "level": "9" is not a Purdue level (0,1,2,3,3.5,4,5)']);
    const ok = importCsv({ name: 'a.csv', text: text.replace(';9;', ';1;') }, undefined, MAPPING);
    expect(ok.kind === 'ok' && ok.model.assets.map((a) => [a.name, a.zone])).toEqual([['Line 1\nfiller', 'Cell; A'], ['B', 'Cell A']]);
  });

  it('reports connection rows: unknown asset, bad port, unknown protocol, self-loop', () => {
    const r = importCsv(
      assets('a,A,plc,Z,1,,,\nb,B,plc,Z,1,,,\n'),
      { name: 'c.csv', text: 'from,to,protocol,port\na,b,S7,102\na,ghost,S7,102\na,b,S7,70000\na,b,carrier-pigeon,1\nb,b,S7,\n' },
      MAPPING,
    );
    expect(errorsOf(r)).toEqual([
      'c.csv row 3 (id=c-3), column "to": unknown asset "ghost" (not an id in assets.csv)',
      'c.csv row 4 (id=c-4), column "port": "70000" is not a port number (0-65535)',
      expect.stringMatching(/^c\.csv row 5 \(id=c-5\), column "protocol": "carrier-pigeon" is not a protocol; expected one of modbus-tcp, .* or a value listed in mapping\.connections\.protocols$/),
      'c.csv row 6 (id=c-6), column "to": same asset as from ("b"); a connection joins two different assets',
    ]);
  });

  it('reads list, boolean and crown-jewel columns', () => {
    const mapping: CsvMapping = {
      assets: {
        columns: { id: 'id', kind: 'kind', zone: 'zone', level: 'level', addresses: 'ip', cves: 'cves', services: 'services', entryPoint: 'entry', crownJewel: 'jewel', safety: 'safety', downtimeCostPerHour: 'cost', tags: 'tags' },
      },
    };
    const text = 'id,kind,zone,level,ip,cves,services,entry,jewel,safety,cost,tags\nvpn,remote-access-gateway,DMZ,3.5,"10.0.0.1 10.0.0.2",cve-2018-13379,tls-vpn:443/tcp,cybercriminal,,,,edge;vpn\nsis,sis,SIS,1,,,,no,yes,fatality,50000,\n';
    const r = importCsv({ name: 'x.csv', text }, undefined, mapping);
    expect(errorsOf(r)).toEqual([]);
    if (r.kind !== 'ok') return;
    expect(r.model.assets[0]).toMatchObject({ addresses: ['10.0.0.1', '10.0.0.2'], vulnerabilities: [{ cve: 'CVE-2018-13379', source: 'x.csv row 2' }], services: [{ protocol: 'tls-vpn', port: 443, transport: 'tcp' }], tags: ['edge', 'vpn'] });
    expect(r.model.entryPoints).toEqual([{ asset: 'vpn', profile: 'cybercriminal' }]);
    expect(r.model.crownJewels).toEqual([{ asset: 'sis', impact: { safety: 'fatality', downtimeCostPerHour: 50000 } }]);
    expect(r.model.plant).toEqual({ id: 'imported', name: 'Imported from x.csv' });
  });

  it('imports the example inventory in models/examples', () => {
    const read = (f: string) => readFileSync(`models/examples/${f}`, 'utf8');
    const mapping = parseMapping(read('inventory-mapping.json'));
    expect(mapping.kind).toBe('ok');
    if (mapping.kind !== 'ok') return;
    const r = importCsv({ name: 'inventory-assets.csv', text: read('inventory-assets.csv') }, { name: 'inventory-connections.csv', text: read('inventory-connections.csv') }, mapping.mapping);
    expect(errorsOf(r)).toEqual([]);
    expect(r.kind === 'ok' && r.summary).toEqual({ assets: 7, zones: 3, connections: 6, entryPoints: 1, crownJewels: 1 });
  });
});

describe('mapping file errors', () => {
  const messages = (doc: unknown): string[] => {
    const r = importCsv(assets('a,A,plc,Z,1,,,\n'), undefined, doc);
    return r.kind === 'invalid' ? r.errors.map((e: CsvError) => formatCsvError(e)) : [];
  };

  it('names the path of every problem', () => {
    expect(messages({ assets: { columns: { id: 'id', zone: 'zone', vendr: 'vendor' }, kinds: { Panel: 'panel' } }, extra: 1 })).toEqual([
      'mapping: mapping.extra: unknown field "extra"; expected one of $schema, plant, delimiter, zones, assets, connections',
      expect.stringMatching(/^mapping: mapping\.assets\.columns\.vendr: unknown field "vendr"; expected one of id, name, kind, /),
      'mapping: mapping.assets.columns.kind: required column mapping is missing',
      expect.stringMatching(/^mapping: mapping\.assets\.kinds\["Panel"\]: "panel" is not one of sensor, actuator, /),
    ]);
    expect(messages([])).toEqual(['mapping: mapping: expected a JSON object with "assets", got an array of 0']);
    expect(messages({ assets: { columns: { id: 'id', kind: 'kind', zone: 'zone' } }, zones: [{ id: 'Z', purdueLevel: 6 }], delimiter: '|' })).toEqual([
      'mapping: mapping.delimiter: "|" is not one of auto, ,, ;, \t',
      'mapping: mapping.zones[0].purdueLevel: 6 is not a Purdue level (0,1,2,3,3.5,4,5)',
    ]);
  });

  it('names a column that the CSV does not have, with the columns it has', () => {
    expect(messages({ assets: { columns: { id: 'ID', kind: 'kind', zone: 'Zone name' } } })).toEqual([
      'mapping: mapping.assets.columns.zone: column "Zone name" is not in assets.csv (its columns: "id", "name", "kind", "zone", "level", "vendor", "product", "firmware")',
    ]);
  });

  it('rejects a connections file without a connections mapping, and bad JSON', () => {
    const r = importCsv(assets('a,A,plc,Z,1,,,\n'), { name: 'c.csv', text: 'from,to\n' }, { assets: MAPPING.assets });
    expect(errorsOf(r)).toEqual(['mapping: mapping.connections: required when a connections file (c.csv) is given']);
    const bad = parseMapping('{"assets": ', 'map.json');
    expect(bad.kind === 'invalid' && bad.errors[0]!.message).toMatch(/^invalid JSON: /);
  });
});
