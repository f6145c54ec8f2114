// Setup

// Propagation (for custom SDK setups)
export { EnvoyPropagator } from './propagation/envoy-propagator.js';
export { DEFAULT_PROPAGATORS, PROPAGATOR_NAMES } from './propagation/from-names.js';
export { RequestIdPropagator } from './propagation/request-id-propagator.js';
// Sampling
export { EnvoyAwareSampler } from './sampler.js';
// Shutdown
export { shutdownTracing, startTracing } from './start-tracing.js';
export type {
  ExporterName,
  InstrumentationSettings,
  PropagatorName,
  SamplerName,
  TracingHandle,
  TracingOptions,
} from './types.js';
// The package's own version (src/version.ts, generated from package.json by the build)
export { VERSION } from './version.js';
