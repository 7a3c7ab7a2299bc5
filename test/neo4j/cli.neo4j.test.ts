// The CLI against the real server: push, list, pull, push-down blast, and its error exits.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twinpath } from '../helpers/cli';
import { NEO4J } from './server';

const conn = ['--uri', NEO4J.uri, '--user', NEO4J.user, '--password', NEO4J.password];

describe('twinpath neo4j', () => {
  it('push, list, pull gives back the file; blast --neo4j matches the local blast', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinpath-neo4j-'));
    const push = twinpath(['neo4j', 'push', 'models/reference-plant.json', ...conn]);
    expect(push.stderr + push.stdout).toMatch(/pushed plant "ref-brake-plant" .* attack edges/);
    expect(push.code).toBe(0);
    const list = twinpath(['neo4j', 'list', ...conn, '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { plants: { id: string }[] }).plants.map((p) => p.id)).toContain('ref-brake-plant');
    const out = join(dir, 'pulled.json');
    const pull = twinpath(['neo4j', 'pull', '--plant', 'ref-brake-plant', ...conn, '-o', out]);
    expect(pull.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync('models/reference-plant.json', 'utf8')));

    const local = JSON.parse(twinpath(['blast', 'models/reference-plant.json', '--from', 'supplier-net', '--json']).stdout) as { reached: { id: string; hops: number }[]; impact: unknown };
    const pd = twinpath(['blast', '--neo4j', NEO4J.uri, '--user', NEO4J.user, '--password', NEO4J.password, '--plant', 'ref-brake-plant', '--from', 'supplier-net', '--json']);
    expect(pd.code).toBe(0);
    const remote = JSON.parse(pd.stdout) as typeof local & { stats: { queries: number } };
    expect(remote.reached.map((x) => [x.id, x.hops])).toEqual(local.reached.map((x) => [x.id, x.hops]));
    expect(remote.impact).toEqual(local.impact);
    expect(remote.stats.queries).toBeGreaterThan(1);

    const paths = twinpath(['paths', '--neo4j', NEO4J.uri, '--password', NEO4J.password, '--plant', 'ref-brake-plant', '--from', 'maint-laptop', '--to', 'historian']);
    expect(paths.code).toBe(0);
    expect(paths.stdout).toMatch(/maint-laptop → historian: 0\.81/);
    expect(twinpath(['neo4j', 'delete', '--plant', 'ref-brake-plant', ...conn]).code).toBe(0);
  });

  it('exit codes: 4 for a refused password or no server, 1 for an unknown plant, 2 for usage', () => {
    const bad = twinpath(['neo4j', 'list', '--uri', NEO4J.uri, '--password', 'wrong']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/wrong user name or password/);
    const down = twinpath(['neo4j', 'list', '--uri', 'bolt://127.0.0.1:1', '--password', 'x']);
    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1/);
    const missing = twinpath(['neo4j', 'pull', '--plant', 'never-pushed', ...conn]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no plant "never-pushed"/);
    const usage = twinpath(['neo4j', 'pull', ...conn]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--plant ID/);
  });
});
