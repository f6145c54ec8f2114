// Tracing started in code, as the tracing README's "Starting in code" shows: preloaded with
// `node --import ./tracing.mjs server.mjs`, it must register the ESM loader hook itself, so
// the app's `import('express')` is instrumented exactly as under the register entry.
import { startTracing } from '@ecotrace/tracing';

startTracing();
