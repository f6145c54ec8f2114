import { createMetrics, internalsOf, type MetricsInternals } from './create-metrics.js';
import type { HttpMetrics, MetricsOptions } from './types.js';

/** Options of the Express middleware and the Fastify plugin. */
export interface IntegrationOptions extends MetricsOptions {
  /**
   * Record into (and serve) this `createMetrics()` result instead of creating one; the other
   * options must then be left out. Default: a new one from the other options.
   */
  metrics?: HttpMetrics;
}

/** The metrics an integration records into, with their internals. */
export function integrationMetrics(
  options: IntegrationOptions | undefined,
  prefix: string,
): { metrics: HttpMetrics; internals: MetricsInternals } {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${prefix}: options must be an object`);
  }
  if (options?.metrics !== undefined) {
    const internals = internalsOf(options.metrics);
    if (internals === undefined) {
      throw new TypeError(`${prefix}: options.metrics must be what createMetrics() returned`);
    }
    if (Object.keys(options).some((k) => k !== 'metrics')) {
      throw new TypeError(
        `${prefix}: options.metrics comes with its own options; pass the others to createMetrics()`,
      );
    }
    return { metrics: options.metrics, internals };
  }
  const metrics = createMetrics(options);
  return { metrics, internals: internalsOf(metrics) as MetricsInternals };
}
