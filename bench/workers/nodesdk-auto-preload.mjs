// The peer of the tracing-startup scenario, preloaded with `--import`: what the OTel docs show for
// an ESM app. The ESM loader hook (import-in-the-middle, through @opentelemetry/instrumentation),
// then a plain NodeSDK with getNodeAutoInstrumentations() and its defaults. Exporter, endpoint
// and service come from the same OTEL_* variables as ours.
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const auto = require.resolve('@opentelemetry/auto-instrumentations-node');
const hook = createRequire(auto).resolve('@opentelemetry/instrumentation/hook.mjs');
register(pathToFileURL(hook).href, import.meta.url);
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');

new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();
