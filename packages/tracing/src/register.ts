// Side-effect entry: `node --import @ecotrace/tracing/register app.mjs` (ESM) or
// `node --require @ecotrace/tracing/register app.js` (CJS). Configuration comes from OTEL_* only.
import { register } from 'node:module';
import { startTracing } from './start-tracing.js';

// ESM apps need OTel's loader hook (import-in-the-middle) registered before they import express,
// fastify or http, which is exactly when `--import` runs us. In the CJS build `import.meta.url`
// is undefined: require-in-the-middle needs no loader there.
const here: string | undefined = import.meta.url;
if (here) {
  try {
    register('@opentelemetry/instrumentation/hook.mjs', here);
  } catch (error) {
    process.stderr.write(
      `@ecotrace/tracing: ESM loader hook not registered, ESM imports stay uninstrumented: ${String(error)}\n`,
    );
  }
}

try {
  startTracing();
} catch (error) {
  // Bad configuration: fail fast, the message names the variable to fix.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
