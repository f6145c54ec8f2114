// Tracing set-ups of the tracing-overhead scenario, started before the app's modules load.
// Exporter and endpoint come from the standard OTEL_* variables the parent sets, so ours and
// the plain NodeSDK are configured identically.
import { createRequire } from 'node:module';
import { Unavailable } from './worker-io.mjs';

const require = createRequire(import.meta.url);

/** @type {Record<string, () => Promise<{ shutdown(): Promise<void> }>>} */
export const tracingSetups = {
  async ours() {
    let mod;
    try {
      mod = require('@ecotrace/tracing');
    } catch (error) {
      throw new Unavailable(`@ecotrace/tracing not built: ${error.message}`);
    }
    if (typeof mod.startTracing !== 'function') {
      throw new Unavailable('@ecotrace/tracing does not export startTracing yet');
    }
    return await mod.startTracing();
  },

  // What the OTel docs show: NodeSDK plus every auto-instrumentation with its defaults.
  async 'nodesdk-auto'() {
    const { NodeSDK } = require('@opentelemetry/sdk-node');
    const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
    const sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });
    sdk.start();
    return sdk;
  },
};
