/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], environment: 'node', setupFiles: ['@vitest/web-worker'] },
      },
      {
        // The generated 100k-asset plant through the engine and the worker: minutes, so apart from
        // the everyday unit run; npm test and CI run it too.
        extends: true,
        test: { name: 'scale', include: ['test/scale/**/*.scale.test.ts'], environment: 'node', setupFiles: ['@vitest/web-worker'], testTimeout: 600_000, fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Against a real Neo4j server (npm run neo4j:start); npm test runs these when one answers.
        extends: true,
        test: {
          name: 'neo4j',
          include: ['test/neo4j/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
