import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/**/*.test.ts', 'lib/**/*.test.ts', 'seeds/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    // Each test file gets its own DATA_DIR (tests/setup.ts), so files may run in parallel.
    setupFiles: ['tests/setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
