import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/register.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  esbuildOptions(options, { format }) {
    // register.ts reads import.meta.url to know it runs as ESM (and only then registers OTel's
    // loader hook). A CJS file has no import.meta: say so explicitly, so the CJS build gets the
    // `undefined` it got before, without esbuild's "import.meta is not available" warning.
    if (format === 'cjs') options.define = { ...options.define, 'import.meta.url': 'undefined' };
  },
});
