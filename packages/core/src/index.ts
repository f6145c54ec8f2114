// Trace context extraction (the B3/W3C contract)
export { firstHeaderValue } from './b3-headers.js';
// Request ids
export { currentRequestId, setRequestIdSource } from './current-request-id.js';
export { extractTraceContext, TRACE_CONTEXT_HEADERS } from './extract-trace-context.js';
// Health probes
export { DEFAULT_HEALTH_PATHS, isHealthPath } from './health-paths.js';
// Trace and span ids
export { isValidSpanId, isValidTraceId, parseSpanId, parseTraceId } from './hex-id.js';
export { ISTIO_FORWARD_HEADERS } from './istio-headers.js';
export { inboundRequestId, isWellFormedRequestId, requestIdFrom } from './request-id.js';
export { parseResourceAttributes } from './resource-attributes.js';
// Service identity
export {
  describeServiceMismatch,
  type LoggerService,
  loggerService,
  publishLoggerService,
} from './service-agreement.js';
export { resolveServiceIdentity, UNKNOWN_SERVICE_NAME } from './service-identity.js';
// Process-wide behaviour
export { signalExitCode } from './signal-exit-code.js';
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
export { warnOnce } from './warn-once.js';
