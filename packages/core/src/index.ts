// Trace context extraction (the B3/W3C contract)
export { extractTraceContext, TRACE_CONTEXT_HEADERS } from './extract-trace-context.js';
// Health probes
export { DEFAULT_HEALTH_PATHS, isHealthPath } from './health-paths.js';
export { ISTIO_FORWARD_HEADERS } from './istio-headers.js';
// Request ids
export { isWellFormedRequestId, requestIdFrom } from './request-id.js';
export { parseResourceAttributes } from './resource-attributes.js';
// Service identity
export { resolveServiceIdentity, UNKNOWN_SERVICE_NAME } from './service-identity.js';
// Global contracts
export {
  getTracingState,
  SIGNAL_HANDLER_MARK,
  setTracingState,
  TRACING_STATE_SYMBOL,
} from './tracing-state.js';
// Types
export type {
  HeaderRecord,
  ServiceIdentity,
  ServiceIdentityOptions,
  TraceContextExtraction,
  TracingState,
} from './types.js';
// The package's own version (src/version.ts, generated from package.json by the build)
export { VERSION } from './version.js';
