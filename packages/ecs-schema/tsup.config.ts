import { defineConfig } from 'tsup';

// Two builds: the library (ESM + CJS + types) and the CLIs (ESM only, executable). Neither
// cleans: they share dist/ and run in parallel; the build script empties dist/ first.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
  },
  {
    entry: {
      'cli/ecs-validate': 'src/cli/ecs-validate.ts',
      'cli/ecs-assets': 'src/cli/ecs-assets.ts',
    },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
