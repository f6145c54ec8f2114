// Public API of @ecotrace/metrics. Named exports only; see README.md.
// Framework integrations: `@ecotrace/metrics/express`, `@ecotrace/metrics/fastify`.

// Metrics for a service (node:http, or shared by the integrations)
export { createMetrics } from './create-metrics.js';
// Label values and names with a fixed meaning
export { ABORTED_STATUS, OVERFLOW_ROUTE, UNMATCHED_ROUTE } from './labels.js';
export type { IntegrationOptions } from './metrics-of.js';
// Content negotiation
export { wantsOpenMetrics } from './negotiate.js';
export { DEFAULT_DURATION_BUCKETS } from './options.js';
export { ACTIVE_METRIC, DURATION_METRIC } from './recorder.js';
// Types
export type {
  ExemplarPolicy,
  Exposition,
  HttpMetrics,
  MetricsOptions,
  TrackOptions,
} from './types.js';
// The package's own version (src/version.ts, generated from package.json by the build)
export { VERSION } from './version.js';
