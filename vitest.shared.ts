import { defineConfig } from 'vitest/config';

/** Settings every package's vitest config starts from. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The CI machine has 2 cores; tests start real servers and child processes.
    maxWorkers: 2,
  },
});
