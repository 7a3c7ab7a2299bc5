// The layer fences, checked on resolved paths: every import of every file in src/ and workers/ —
// static, dynamic, re-exports, type-only, whatever its spelling (`../x`, `./../x`, `../../src/x`) —
// goes only where eslint.config.js's LAYERS allows. ESLint's no-restricted-imports matches the text
// of a specifier; this test resolves it, so no spelling slips past.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint.config.js';

const ROOT = resolve('.');
/** Workers are entry points: they expose sessions, never reach the UI, the client or the CLI. */
const WORKERS_MAY_IMPORT = ['model', 'analysis', 'report', 'import', 'session'];
/** Node-only code: only the CLI (and the rest of src/io/node) may import it. */
const NODE_ONLY = 'io/node';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier in a source text: import/export … from, import '…', import('…'), import type. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2]!);
  return out;
}

/** The layer of a path in the repo: `src/<folder>` or `workers`; undefined elsewhere. */
function layerOf(path: string): string | undefined {
  const parts = relative(ROOT, path).split(sep);
  if (parts[0] === 'workers') return 'workers';
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

function isNodeOnly(path: string): boolean {
  return relative(ROOT, path).split(sep).join('/').startsWith(`src/${NODE_ONLY}/`);
}

/** The wrong-way imports of one file (given its path and text). */
export function violations(file: string, text: string, layers: Record<string, readonly string[]> = LAYERS): string[] {
  const from = layerOf(file);
  if (!from) return [];
  const allowed = new Set([from, ...(from === 'workers' ? WORKERS_MAY_IMPORT : (layers[from] ?? []))]);
  const out: string[] = [];
  for (const spec of specifiers(text)) {
    if (!spec.startsWith('.')) continue; // packages: eslint's purity rules
    const target = resolve(dirname(file), spec.replace(/\?.*$/, ''));
    const to = layerOf(target);
    if (to === undefined) {
      // Outside src/ and workers/: only data (models/, public/) and the root config may be read.
      const top = relative(ROOT, target).split(sep)[0]!;
      if (!['models', 'public', 'package.json', 'eslint.config.js'].includes(top)) out.push(`${spec} (outside src/)`);
      continue;
    }
    if (!allowed.has(to)) out.push(`${spec} (src/${from} → ${to === 'workers' ? 'workers' : `src/${to}`})`);
    else if (isNodeOnly(target) && from !== 'cli' && from !== 'io') out.push(`${spec} (Node-only src/${NODE_ONLY} from src/${from})`);
  }
  return out;
}

describe('layer fences on resolved imports', () => {
  it('every file in src/ and workers/ imports only what its layer allows', () => {
    const found: string[] = [];
    for (const f of [...files('src'), ...files('workers')]) {
      for (const v of violations(resolve(f), readFileSync(f, 'utf8'))) found.push(`${f}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it('catches the spellings a text pattern misses (the check can fail)', () => {
    const model = resolve('src/model/example.ts');
    expect(violations(model, "import { riskReport } from '../../src/analysis/risk';")).toEqual(["../../src/analysis/risk (src/model → src/analysis)"]);
    expect(violations(model, "import type { AnalysisClient } from '../client/analysis-client';")).toHaveLength(1);
    expect(violations(resolve('src/analysis/x.ts'), "const m = await import('./../session/analysis-session');")).toHaveLength(1);
    expect(violations(resolve('src/analysis/x.ts'), "export { a } from '../ui/App';")).toHaveLength(1);
    expect(violations(resolve('src/ui/x.ts'), "import { readTextFile } from '../io/node/read';")).toEqual(['../io/node/read (Node-only src/io/node from src/ui)']);
    expect(violations(resolve('workers/x.ts'), "import { App } from '../src/ui/App';")).toHaveLength(1);
    expect(violations(resolve('src/analysis/x.ts'), "import { x } from '../../test/helpers/builders';")).toEqual(['../../test/helpers/builders (outside src/)']);
    expect(violations(model, "import { z } from './schema';\nimport fc from 'fast-check';")).toEqual([]);
  });
});
