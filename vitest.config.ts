import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Four suites: pure unit tests, web component tests, HTTP-level server tests (PGlite by default, the PostgreSQL server with
// VIGIE_TEST_DB=pg, plus *.pg.test.ts that need several connections) and browser journeys.
const pg = process.env.VIGIE_TEST_DB === 'pg';

export default defineConfig({
  test: {
    // Two workers on a 2-core machine; each server test file has its own database.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['contracts/**/*.test.ts', 'server/**/*.unit.test.ts', 'analysis/**/*.test.ts', 'cli/**/*.test.ts'],
          testTimeout: 30_000,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', ...(pg ? ['server/**/*.pg.test.ts'] : [])],
          exclude: ['**/*.unit.test.ts', ...(pg ? [] : ['**/*.pg.test.ts'])],
          environment: 'node',
          // Migrates once per run the database every test file's database is cloned from.
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Web components with logic (forms, the verdict view, tables), rendered in jsdom with Testing Library.
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/**/*.test.ts', 'web/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['web/test-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
