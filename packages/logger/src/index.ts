// Public API of @ecotrace/logger. Named exports only; see README.md.

// Types
export type { TraceContextExtraction } from '@ecotrace/core';
export { extractTraceContext } from '@ecotrace/core';
export type { Logger } from 'pino';
// Propagation without tracing (sidecar-only mode)
export { forwardHeaders } from './context/forward-headers.js';
export { getLogger } from './context/get-logger.js';
// Request context (used by the Express/Fastify integrations)
export {
  currentRequestContext,
  enterRequestContext,
  type RequestContext,
  runWithRequestContext,
} from './context/request-context.js';
export { setRootLogger } from './context/root-logger.js';
// Trace context
export { runWithTraceContext } from './context/run-with-trace-context.js';
// Logger
export { createLogger } from './create-logger.js';
// Levels at run time
export { setLevel } from './levels/set-level.js';
export { flushLogger } from './output/flush-logger.js';
export type {
  LoggerOptions,
  RateLimitOptions,
  RedactConfig,
  TraceContextInput,
} from './types.js';
// The package's own version (src/version.ts, generated from package.json by the build)
export { VERSION } from './version.js';
