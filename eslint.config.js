// Lint rules, including the layer fences: one allow-list per folder of src/ (which other folders it
// may import), so a wrong-way import fails CI. The pure layers (model, analysis, report, import,
// session, interchange, lib) also may not import the DOM, React, comlink, neo4j-driver, cytoscape
// or Node built-ins (tsconfig.pure.json and tsconfig.lib.json have no DOM or Node types either, so
// using such globals there fails the typecheck).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const IMPURE = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The pure core must not use React.' },
  { group: ['comlink'], message: 'The pure core must not know about workers; expose it from workers/.' },
  { group: ['neo4j-driver', 'neo4j-driver/*'], message: 'Neo4j access belongs in src/io.' },
  { group: ['cytoscape', 'cytoscape/*'], message: 'Rendering belongs in src/ui.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'url', 'util', 'process'], message: 'No Node I/O in the pure core; use src/io/node.' },
];

/** The folders of src/ and, for each, the folders it may import (besides itself). */
export const LAYERS = {
  model: [],
  analysis: ['model'],
  report: ['model', 'analysis'],
  import: ['model'],
  session: ['model', 'analysis', 'report', 'import'],
  io: ['model', 'analysis', 'report', 'import', 'session'],
  client: ['model', 'analysis', 'session', 'io', 'workers'],
  ui: ['model', 'analysis', 'report', 'import', 'session', 'client', 'io'],
  cli: ['model', 'analysis', 'report', 'import', 'session', 'io', 'interchange'],
  interchange: ['model', 'analysis', 'report'],
  lib: ['model', 'analysis', 'report', 'import', 'session', 'interchange'],
};
const FOLDERS = [...Object.keys(LAYERS), 'workers'];
const PURE = ['model', 'analysis', 'report', 'import', 'session', 'interchange', 'lib'];

/** Import patterns naming a folder other than `layer`'s allowed ones (by the folder name in the path). */
function fence(layer) {
  const allowed = new Set([layer, ...LAYERS[layer]]);
  const forbidden = FOLDERS.filter((f) => !allowed.has(f));
  return forbidden.map((f) => ({
    group: [`../${f}`, `../${f}/*`, `../../${f}`, `../../${f}/*`, `../../../${f}/*`, `../../../../${f}/*`],
    message: `src/${layer} may import only ${[...allowed].filter((f) => f !== layer).join(', ') || 'nothing outside itself'} (layers: eslint.config.js LAYERS).`,
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-node/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'scratch/**', '.neo4j/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No .only in committed tests.' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'No skipped tests; use skipIf with a stated reason.' },
      ],
    },
  },
  ...Object.keys(LAYERS).map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...fence(layer), ...(PURE.includes(layer) ? IMPURE : [])] }],
      ...(PURE.includes(layer)
        ? { 'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'process', 'localStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'require'] }
        : {}),
    },
  })),
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Workers are reached through src/client (one WorkerBridge for all of them), never from the UI.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'comlink', message: 'The UI reaches workers through src/client (AnalysisClient, ImportClient), not comlink.' }],
          patterns: [...fence('ui'), { group: ['comlink/*'], message: 'The UI reaches workers through src/client, not comlink.' }],
        },
      ],
      // Results come from the analysis workers: effects start a worker query when the plant or the
      // selection changes and set a busy state while it runs — the sync-with-an-external-system case.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
