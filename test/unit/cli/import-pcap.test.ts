// `twinpath import pcap` as a user runs it: model out, summary on stderr, --merge, --json, exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlantModel } from '../../../src/model/schema';
import { twinpath } from '../../helpers/cli';

const P = 'test/fixtures/pcaps';
const dir = mkdtempSync(join(tmpdir(), 'twinpath-import-'));
const out = (name: string) => join(dir, name);
const readModel = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PlantModel;

describe('twinpath import pcap', () => {
  it('writes a valid model of the observed network and prints the summary on stderr', () => {
    const file = out('dnp3.json');
    const r = twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^test\/fixtures\/pcaps\/dnp3\.pcap: 214 packets from 2004-10-11T13:38:58\.503Z to 2007-05-03T15:27:26\.246Z; 5 hosts, 3 flows\. Protocols \(flows\): DNP3 \(3\)\./);
    expect(r.stderr).toContain('  tcp 10.0.0.9 → 10.0.0.3:20000  DNP3 (port+payload), 58 packets, 3948 bytes\n');
    expect(r.stderr).toContain('  10.0.0.3 [00:02:b3:ce:70:51]: 84 sent / 97 received — plc: DNP3 outstation on tcp/20000, polled by 2 hosts (10.0.0.8, 10.0.0.9)\n');
    expect(r.stderr).toContain(`wrote ${file}: 5 assets, 3 connections, 2 zones\n`);
    const v = twinpath(['validate', file]);
    expect(v.code).toBe(0);
    expect(readModel(file).connections.every((c) => c.observed === true && c.protocol === 'dnp3')).toBe(true);
  });

  it('reads several files, pcap and pcapng, into one model on stdout', () => {
    const r = twinpath(['import', 'pcap', `${P}/bacnet_test.pcap`, `${P}/Sample_File_MMS_and_GOOSE.converted.pcapng`, '--name', 'Two captures']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as PlantModel;
    expect(m.plant.name).toBe('Two captures');
    expect(m.assets).toHaveLength(2 + 16);
    expect(m.connections).toHaveLength(1 + 16);
    expect(r.stderr).toMatch(/^2 files: 327 packets/);
    expect(r.stderr).toContain('  test/fixtures/pcaps/Sample_File_MMS_and_GOOSE.converted.pcapng: pcapng (little-endian, us), link types 1, 301 packets\n');
  });

  it('--merge marks observed connections, adds shadow flows and lists connections never seen; --json gives the report', () => {
    const twin: PlantModel = {
      schemaVersion: 1,
      plant: { id: 'substation', name: 'Substation' },
      zones: [{ id: 'z-ctl', name: 'Control', purdueLevel: 1 }],
      assets: [
        { id: 'rtu-1', name: 'Outstation', kind: 'rtu', zone: 'z-ctl', addresses: ['10.0.0.3'] },
        { id: 'scada', name: 'SCADA', kind: 'scada-server', zone: 'z-ctl', addresses: ['10.0.0.8'] },
      ],
      connections: [
        { id: 'c-1', from: 'scada', to: 'rtu-1', protocol: 'dnp3', port: 20000, direction: 'one-way' },
        { id: 'c-2', from: 'scada', to: 'rtu-1', protocol: 'modbus-tcp', port: 502, direction: 'one-way' },
      ],
      entryPoints: [],
      crownJewels: [],
    };
    const base = out('twin.json');
    writeFileSync(base, JSON.stringify(twin));
    const merged = out('merged.json');
    const text = twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '--merge', base, '-o', merged]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('Merge: 2 hosts matched to modeled assets, 3 new assets; 1 modeled connections seen (observed: true).\n');
    expect(text.stderr).toContain('Shadow flows (seen, not modeled; added as connections "observed, not modeled"): 2\n  obs-1: ip-10-0-0-9 → rtu-1 DNP3 tcp/20000\n');
    expect(text.stderr).toContain('Modeled connections never seen: 1 (1 between assets the capture saw)\n  c-2\n');
    const m = readModel(merged);
    expect(m.connections.map((c) => `${c.id} ${c.observed ?? '-'}`)).toEqual(['c-1 true', 'c-2 -', 'obs-1 true', 'obs-2 true']);
    expect(twinpath(['validate', merged]).code).toBe(0);

    const j = twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '--merge', base, '-o', out('merged2.json'), '--json']);
    expect(j.code).toBe(0);
    expect(j.stderr).toBe('');
    const report = JSON.parse(j.stdout) as { summary: { hosts: unknown[]; flows: unknown[] }; merge: { shadow: { connection: string; flow: string }[]; unseen: string[]; matched: unknown[] } };
    expect(report.summary.hosts).toHaveLength(5);
    expect(report.summary.flows).toHaveLength(3);
    expect(report.merge.shadow.map((s) => s.flow)).toEqual(['tcp 10.0.0.9 → 10.0.0.3:20000', 'tcp 192.168.66.33 → 192.168.66.34:20000']);
    expect(report.merge.unseen).toEqual(['c-2']);
    expect(report.merge.matched).toEqual([{ connection: 'c-1', flow: 'tcp 10.0.0.8 → 10.0.0.3:20000' }]);
  });

  it('imports what is sound from a cut capture and says what was skipped', () => {
    const bytes = readFileSync(`${P}/modbus_test.pcap`);
    const cut = out('cut.pcap');
    writeFileSync(cut, bytes.subarray(0, 100_000));
    const r = twinpath(['import', 'pcap', cut, '-o', out('cut.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Skipped 1 packets: 1 truncated record\./);
    expect(r.stderr).toMatch(/DAMAGED \(see warnings\)/);
    expect(r.stderr).toMatch(new RegExp(`${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: packet #\\d+ at byte \\d+: file ends inside this record`));
  });

  it('exits 1 on a file that is no capture or cannot be read, or a bad model to merge into', () => {
    const text = out('notes.txt');
    writeFileSync(text, 'not a capture at all');
    expect(twinpath(['import', 'pcap', text])).toMatchObject({ code: 1, stdout: '', stderr: `${text}: not a pcap or pcapng file (magic 0x6e6f7420 at byte 0)\n` });
    expect(twinpath(['import', 'pcap', out('missing.pcap')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read .*missing\.pcap: ENOENT/) });
    const badModel = out('bad-model.json');
    writeFileSync(badModel, '{"schemaVersion":1}');
    expect(twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '--merge', badModel]).code).toBe(1);
  });

  it('exits 2 on usage errors, and help lists the command', () => {
    expect(twinpath(['import', 'pcap']).code).toBe(2);
    expect(twinpath(['import']).code).toBe(2);
    expect(twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '--json']).code).toBe(2);
    expect(twinpath(['import', 'pcap', `${P}/dnp3.pcap`, '--bogus']).code).toBe(2);
    expect(twinpath(['help']).stdout).toContain('twinpath import pcap FILE… [--merge model.json]');
  });
});
