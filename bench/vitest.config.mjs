import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// The bench is plain ESM: its smoke test is .mjs too.
export default mergeConfig(
  shared,
  defineConfig({ test: { include: ['test/**/*.test.mjs'], testTimeout: 240_000 } }),
);
