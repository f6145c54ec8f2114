// Tracing started in code, for the options only code can give (your own instrumentations,
// instrumentation settings, a sampler instance). Load it before the app, with --import:
//
//   node --import ./tracing.mjs app.mjs
//
// startTracing() registers the ESM loader hook itself, as the register entry does, so the app's
// imports of express, pg, ioredis… are instrumented. Importing this file from app.mjs instead
// would be too late: ESM imports are all loaded before the importing module's code runs.
import { startTracing } from '@ecotrace/tracing';

startTracing({
  // Each option wins over its OTEL_* variable; everything else still comes from the environment.
  instrumentationConfig: {
    http: { ignoreIncomingRequestHook: (request) => request.url === '/favicon.ico' },
  },
});
