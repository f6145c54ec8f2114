import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per subpath export; splitting keeps one copy of shared code (the recorder, the
  // exemplar reader) across `.`, `./express` and `./fastify`.
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
  // The function a factory returns carries the factory's name, so traces and profiles read well.
  keepNames: true,
});
