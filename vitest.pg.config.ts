import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The same suite on PostgreSQL (npm run test:pg): every test file gets a fresh database of its
 * own on PG_TEST_URL's server (tests/setup.ts) and the app's data layer runs on it. The
 * tests/db/pg*.test.ts files make their own databases and already run in the SQLite suite.
 */
export default mergeConfig(base, defineConfig({
  test: {
    globalSetup: ['tests/pgGlobalSetup.ts'],
    exclude: ['**/node_modules/**', 'tests/db/pg*.test.ts'],
    env: { TEST_ENGINE: 'pg' },
  },
}));
