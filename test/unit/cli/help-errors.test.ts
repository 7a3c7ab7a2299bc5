// The CLI's help, errors and waits as a user meets them: a page per command, usage errors in one
// line (a missing Neo4j password included), "did you mean" for commands, options and enum values
// with each list printed once, and progress on stderr only when it is a terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/help';
import { PROTOCOLS } from '../../../src/model/schema';
import { twinpath } from '../../helpers/cli';

const REF = 'models/reference-plant.json';
const dir = mkdtempSync(join(tmpdir(), 'twinpath-help-'));

describe('help', () => {
  it.each(COMMANDS.filter((c) => c !== 'help'))('twinpath %s --help: its page, exit 0', (command) => {
    for (const args of [[command, '--help'], ['help', command], [command, 'x', '-h']]) {
      const r = twinpath(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith('Usage:\n')).toBe(true);
      expect(r.stdout).toContain(`  twinpath ${command} `);
    }
  });

  it('the overview lists every command and the formats', () => {
    const r = twinpath(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS.filter((x) => x !== 'help')) expect(r.stdout).toContain(`twinpath ${c} `);
    expect(r.stdout).toMatch(/Formats: models in JSON or YAML; graphs as graphology JSON, GEXF, GraphML; ATT&CK Navigator layers;\nSARIF 2\.1\.0 from diff; CSV/);
  });
});

describe('usage errors', () => {
  it('are one line naming where the usage is, with a guess for a mistyped command or option', () => {
    const cases: [string[], string][] = [
      [['valdate', REF], 'twinpath: unknown command "valdate"; did you mean `validate`? (twinpath help shows the usage)\n'],
      [['remediate', REF, '--budjet', '5'], 'twinpath: unknown option --budjet; did you mean --budget? (twinpath remediate --help shows the usage)\n'],
      [['neo4j', 'list', '--uri', 'bolt://127.0.0.1:1'], 'twinpath: a Neo4j password is required: --password P or the NEO4J_PASSWORD environment variable (twinpath neo4j --help shows the usage)\n'],
      [['validate'], 'twinpath: validate takes exactly one model file (twinpath validate --help shows the usage)\n'],
      [['help', 'frobnicate'], 'twinpath: no command "frobnicate" (twinpath help --help shows the usage)\n'],
    ];
    const env = { ...process.env };
    delete env.NEO4J_PASSWORD;
    for (const [args, stderr] of cases) {
      const r = spawnSync(process.execPath, ['bin/twinpath.mjs', ...args], { encoding: 'utf8', env });
      expect(r.stderr, args.join(' ')).toBe(stderr);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('enum errors', () => {
  it('say which value was meant on each line and list the values once', () => {
    const m = JSON.parse(readFileSync(REF, 'utf8')) as { connections: { protocol: string }[]; assets: { kind: string }[] };
    for (const i of [0, 3, 7, 9]) m.connections[i]!.protocol = 'modbus';
    m.assets[2]!.kind = 'PLC';
    const file = join(dir, 'enums.json');
    writeFileSync(file, JSON.stringify(m));
    const r = twinpath(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.filter((l) => l.endsWith('unknown value "modbus"; did you mean `modbus-tcp`?'))).toHaveLength(4);
    expect(lines.filter((l) => l.includes('unknown kind "PLC"; did you mean `plc`?'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(PROTOCOLS.join(', ')))).toEqual([`protocol is one of: ${PROTOCOLS.join(', ')}`]);
    expect(lines.filter((l) => l.includes('sensor, actuator'))).toHaveLength(1);
    expect(lines).toHaveLength(7);
    // Every command reading a model says it the same way.
    expect(twinpath(['risk', file]).stderr).toBe(r.stderr);
  });
});

describe('progress', () => {
  it('nothing on stderr but the summary when it is not a terminal', () => {
    const g = twinpath(['generate', '--assets', '2000', '-o', join(dir, 'g.json')]);
    expect(g.code).toBe(0);
    // 158 zones of cells, operations, enterprise, DMZ and external networks, and a zone per site (2).
    expect(g.stderr).toBe(`wrote ${join(dir, 'g.json')}: 2000 assets, 20000 connections, 160 zones\n`);
    for (const args of [['simulate', REF, '--samples', '20000'], ['remediate', REF, '--steps', '2']]) {
      const r = twinpath(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  it('a bar redrawn in place on a terminal (run under script(1), a pseudo-terminal), cleared at the end', () => {
    const file = join(dir, 'tty.json');
    const cmd = `${process.execPath} bin/twinpath.mjs generate --assets 3000 -o ${file}; ${process.execPath} bin/twinpath.mjs simulate ${REF} --samples 200000 > /dev/null`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const shown = r.stdout;
    expect(shown).toContain('\r\x1b[2Kgenerating 3,000 assets…');
    expect(shown).toContain('\r\x1b[2Kvalidating…');
    // (The pseudo-terminal is 80 columns wide: a long line is cut there.)
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequence is what is tested
    expect(shown).toMatch(/\r\x1b\[2Kwriting \S+tty\.json \[#+-*\] \d+%/);
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequence is what is tested
    expect(shown).toMatch(/\r\x1b\[2Ksimulating \[#+-*\] \d+% [\d,]+\/200,000 samples/);
    expect(shown).toContain(`\r\x1b[2Kwrote ${file}: 3000 assets`);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThan(1000);
  });
});
