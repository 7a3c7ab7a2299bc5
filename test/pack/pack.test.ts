// The package as a user gets it: `npm pack` (which builds dist-node/ through `prepare`), the tarball
// installed into a fresh prefix, the `twinpath` command run from another folder (sample plants,
// schema and knowledge base from the package, nothing from this checkout), and the library imported
// from a scratch project: a Node ESM script, and `tsc --noEmit` against the installed types (which
// must also reject a wrong use, or the check proves nothing).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'twinpath-pack-'));
const prefix = join(work, 'prefix');
const elsewhere = join(work, 'elsewhere');
const scratch = join(work, 'scratch');
let tarball = '';
let files: string[] = [];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function must(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.status, `${what}\n${r.stderr}\n${r.stdout}`).toBe(0);
  return r.stdout;
}

/** The environment of a user's shell: no TWINPATH_* variable from this run, no checkout on the path. */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWINPATH_') && !k.startsWith('VITEST')));
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], cwd, userEnv);

beforeAll(() => {
  mkdirSync(elsewhere, { recursive: true });
  const packed = JSON.parse(must(npm(['pack', '--json', '--pack-destination', work], repo), 'npm pack')) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  must(npm(['install', '--global', '--prefix', prefix, tarball], work), 'npm install --global');
});

describe('the tarball', () => {
  it('holds the built CLI and library, the types, the schema, the sample plants and the knowledge base — no sources, tests or build lists', () => {
    for (const f of ['bin/twinpath.mjs', 'dist-node/cli/main.js', 'dist-node/lib/index.js', 'dist-node/lib/interchange.js', 'dist-node/types/lib/index.d.ts', 'dist-node/types/interchange/index.d.ts', 'models/plant.schema.json', 'models/reference-plant.json', 'models/water-treatment.json', 'models/incidents/triton-2017.json', 'public/kb/twinpath-kb.json', 'public/kb/NOTICE.md', 'README.md', 'NOTICE.md']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|scripts|bench|workers)\//.test(f) || f.includes('node_modules') || f.endsWith('sources.json') || f.endsWith('.gitignore'))).toEqual([]);
    // The library is platform neutral: no Node built-in, no require.
    for (const f of files.filter((x) => x.startsWith('dist-node/lib/'))) {
      const text = readFileSync(join(prefix, 'lib/node_modules/twinpath', f), 'utf8');
      // Node's globals as code (`process.env`, `process.exit`…), not the word in prose ("the physical process.").
      expect(text, f).not.toMatch(/from\s*["']node:|require\(|\bprocess\.[A-Za-z_$]/);
    }
  });
});

describe('the built CLI loads heavy dependencies only where they are used', () => {
  /** The packages and chunks a chunk imports statically, transitively (dynamic import() excluded). */
  function staticClosure(dir: string, entry: string): Set<string> {
    const seen = new Set<string>();
    const todo = [entry];
    while (todo.length) {
      const file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/(?:^|[;\n])\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"|(?:^|[;\n])\s*import\s*"([^"]+)"/g)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('./')) todo.push(spec.slice(2));
        else seen.add(spec);
      }
    }
    return seen;
  }

  it('main.js, validate, the analyses and the imports never load neo4j-driver or playwright-core; their commands do', () => {
    const dir = join(prefix, 'lib', 'node_modules', 'twinpath', 'dist-node', 'cli');
    const chunk = (name: string) => readdirSync(dir).find((f) => f.startsWith(`${name}-`))!;
    for (const entry of ['main.js', chunk('model-commands'), chunk('analysis-commands'), chunk('import-commands'), chunk('enrich-command')]) {
      const deps = staticClosure(dir, entry);
      expect([...deps].filter((d) => d.startsWith('neo4j-driver') || d.startsWith('playwright-core') || d.startsWith('graphology')), entry).toEqual([]);
    }
    expect(staticClosure(dir, chunk('neo4j-commands'))).toContain('neo4j-driver');
    expect(readFileSync(join(dir, chunk('report-command')), 'utf8')).toMatch(/import\("playwright-core"\)/);
    // --help reads main.js and the one chunk of texts it imports: kilobytes.
    const help = [...staticClosure(dir, 'main.js')].filter((f) => f.endsWith('.js'));
    expect(help.reduce((n, f) => n + readFileSync(join(dir, f)).length, 0)).toBeLessThan(64 * 1024);
  });
});

describe('the installed command, run from another folder', () => {
  const twinpath = (...args: string[]) => run(join(prefix, 'bin', 'twinpath'), args, elsewhere, userEnv);
  const installed = () => join(prefix, 'lib', 'node_modules', 'twinpath');

  it('runs the build (no TypeScript, no tsx installed) and finds its own sample plants', () => {
    expect(existsSync(join(installed(), 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(installed(), 'src'))).toBe(false);
    const help = twinpath('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^twinpath — attack-path analysis/);
    expect(help.stderr).toBe('');
    const plant = join(installed(), 'models', 'reference-plant.json');
    expect(must(twinpath('validate', plant), 'validate')).toMatch(/valid plant model .* 110 assets/);
    const risk = JSON.parse(must(twinpath('risk', plant, '--json'), 'risk')) as { total: number };
    expect(risk.total).toBeGreaterThan(0);
  });

  it('offline: enrichment from the bundled knowledge base, the formats, YAML, an HTML report', () => {
    const plant = join(installed(), 'models', 'water-treatment.json');
    const enrich = JSON.parse(must(twinpath('enrich', plant, '--json'), 'enrich')) as { kb: { file: string; counts: { advisories: number } } };
    expect(enrich.kb.file).toBe(join(installed(), 'public', 'kb', 'twinpath-kb.json'));
    expect(enrich.kb.counts.advisories).toBeGreaterThan(1000);
    must(twinpath('graph', plant, '--format', 'gexf', '-o', 'attack.gexf'), 'graph gexf');
    expect(readFileSync(join(elsewhere, 'attack.gexf'), 'utf8')).toMatch(/<gexf version="1\.3"/);
    must(twinpath('analyze', plant, '--navigator', 'layer.json', '--samples', '100'), 'navigator');
    expect(JSON.parse(readFileSync(join(elsewhere, 'layer.json'), 'utf8'))).toMatchObject({ domain: 'ics-attack', versions: { layer: '4.5' } });
    must(twinpath('convert', plant, '-o', 'plant.yaml'), 'convert');
    expect(must(twinpath('validate', 'plant.yaml'), 'validate yaml')).toMatch(/valid plant model/);
    must(twinpath('diff', plant, 'plant.yaml', '--sarif', 'gate.sarif'), 'diff sarif');
    expect(JSON.parse(readFileSync(join(elsewhere, 'gate.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'TwinPath' } }, results: [] }] });
    must(twinpath('report', plant, '-o', 'report.html'), 'report');
    expect(readFileSync(join(elsewhere, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    must(twinpath('remediate', plant, '--steps', '2', '--csv', 'plan.csv'), 'remediate csv');
    expect(readFileSync(join(elsewhere, 'plan.csv'), 'utf8')).toMatch(/^step,action,kind,/);
  });

  it('fails as a user expects: usage in one line, exit 2', () => {
    const r = twinpath('valdate');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('twinpath: unknown command "valdate"; did you mean `validate`? (twinpath help shows the usage)\n');
  });
});

describe('the library, imported from a scratch project', () => {
  beforeAll(() => {
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    must(npm(['install', tarball], scratch), 'npm install into the scratch project');
  });

  it('a Node ESM script: parse, analyze, paths, blast radius, chokepoints, remediate, diff, formats', () => {
    writeFileSync(
      join(scratch, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analyze, blastRadius, chokepoints, diff, parseModelText, parseModelYaml, modelToYaml, paths, plant, remediate, risk, findings, generatePlant } from 'twinpath';
import { navigatorLayer, writeGexf, attackGraph } from 'twinpath/interchange';
const require = createRequire(import.meta.url);
const text = readFileSync(require.resolve('twinpath/models/reference-plant.json'), 'utf8');
const schema = JSON.parse(readFileSync(require.resolve('twinpath/plant.schema.json'), 'utf8'));
const parsed = parseModelText(text);
if (parsed.kind !== 'ok') throw new Error('invalid');
const p = plant(parsed.model);
const doc = analyze(p, { samples: 200 });
const best = paths(p, { from: ['supplier-net'], to: ['sis-furnace'] });
const blast = blastRadius(p, ['supplier-net']);
const cut = chokepoints(p);
const plan = remediate(parsed.model, { maxSteps: 2 });
const changed = parseModelYaml(modelToYaml(generatePlant({ assets: 80, seed: 3 })));
const d = diff(parsed.model, changed.kind === 'ok' ? changed.model : parsed.model);
const layer = navigatorLayer(p);
const gexf = writeGexf(attackGraph(p));
console.log(JSON.stringify({
  schemaTitle: schema.title !== undefined, assets: doc.plant.assets, risk: risk(p).total === doc.risk.total, path: best[0].nodes.length,
  reached: blast.reached.length, cut: cut.minCut.kind, steps: plan.steps.length, diff: typeof d.risk.delta, layer: layer.domain,
  gexf: gexf.startsWith('<?xml'), findings: findings(p).length > 0,
}));
`,
    );
    const out = JSON.parse(must(run(process.execPath, ['use.mjs'], scratch, userEnv), 'node use.mjs')) as Record<string, unknown>;
    expect(out).toMatchObject({ assets: 110, risk: true, cut: expect.any(String), steps: 2, diff: 'number', layer: 'ics-attack', gexf: true, findings: true });
    expect(out.path as number).toBeGreaterThan(2);
    expect(out.reached as number).toBeGreaterThan(10);
  });

  it('tsc --noEmit against the installed types (nodenext and bundler resolution), and a wrong use is a type error', () => {
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(
      join(scratch, 'check.ts'),
      `import { analyze, parseModelText, paths, blastRadius, chokepoints, remediate, diff, type PlantModel, type AnalysisDocument, type ExplainedPath, type ScenarioDiff } from 'twinpath';
import { navigatorLayer, diffSarif, type NavigatorLayer, type SarifLog } from 'twinpath/interchange';
import { plant } from 'twinpath';
export function check(text: string): [AnalysisDocument, ExplainedPath[], ScenarioDiff, NavigatorLayer, number] {
  const r = parseModelText(text);
  if (r.kind === 'invalid') throw new Error(r.errors.map((e) => e.path + ': ' + e.message).join('\\n'));
  const model: PlantModel = r.model;
  const ctx = plant(model);
  const cost: number = remediate(model, { budget: 1000 }).steps.reduce((s, x) => s + x.action.cost, 0);
  const sarif: SarifLog = diffSarif(ctx, ctx, diff(ctx, ctx), { changedFile: { uri: 'a.json', text, yaml: false } });
  void sarif; void blastRadius(ctx, ['x']).impact.downtimeCostPerHour; void chokepoints(ctx).minCut.kind;
  return [analyze(model), paths(ctx, { k: 2 }), diff(model, model), navigatorLayer(ctx), cost];
}
`,
    );
    writeFileSync(join(scratch, 'wrong.ts'), `import { analyze } from 'twinpath';\nexport const n: number = analyze({ schemaVersion: 2 });\n`);
    for (const resolution of [{ module: 'nodenext', moduleResolution: 'nodenext' }, { module: 'esnext', moduleResolution: 'bundler' }]) {
      const config = { compilerOptions: { ...resolution, target: 'es2022', lib: ['es2022'], types: [], strict: true, noEmit: true, skipLibCheck: false }, files: ['check.ts'] };
      writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(config));
      must(run(process.execPath, [tsc, '-p', 'tsconfig.json'], scratch), `tsc (${resolution.moduleResolution})`);
      writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ ...config, files: ['wrong.ts'] }));
      const wrong = run(process.execPath, [tsc, '-p', 'tsconfig.json'], scratch);
      expect(wrong.status, resolution.moduleResolution).not.toBe(0);
      expect(wrong.stdout).toMatch(/wrong\.ts\(2,\d+\): error TS2\d{3}/);
    }
    expect(readdirSync(join(scratch, 'node_modules', 'twinpath', 'dist-node', 'types', 'lib'))).toContain('index.d.ts');
  });
});
