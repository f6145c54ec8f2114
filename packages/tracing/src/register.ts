// Side-effect entry: `node --import @ecotrace/tracing/register app.mjs` (ESM) or
// `node --require @ecotrace/tracing/register app.js` (CJS). Configuration comes from OTEL_* only.
// startTracing() registers the ESM loader hook itself when it runs from the ESM build, so this
// entry and a tracing module of the app's own given to `--import` behave the same.
import { startTracing } from './start-tracing.js';

try {
  startTracing();
} catch (error) {
  // Bad configuration: fail fast, the message names the variable to fix.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
