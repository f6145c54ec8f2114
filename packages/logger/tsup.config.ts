import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per subpath export. Splitting (also for CJS) keeps one copy of shared state
  // (the request-context store, the root logger) across `.`, `./express` and `./fastify`.
  entry: {
    index: 'src/index.ts',
    express: 'src/express/index.ts',
    fastify: 'src/fastify/index.ts',
  },
  splitting: true,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // import.meta.url (used to load @opentelemetry/api lazily) in the CJS build.
  shims: true,
  // The function a factory returns carries the factory's name (ecsLogging), so traces and
  // profiles read well; without this esbuild renames the inner one to ecsLogging2.
  keepNames: true,
});
