import { defineConfig } from 'tsup';

// Private package: ESM only, used by tests, the demo and the benchmarks.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
});
