import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * What the logger knows about the unit of work in progress (an HTTP request, a queue message).
 * Set by the Express middleware, the Fastify plugin and `runWithTraceContext`; read at write time.
 */
export interface RequestContext {
  /** The logger for this unit of work: a child of the root with its bindings (e.g. `http.request.id`). */
  logger: Logger;
  /** Trace ids taken from the incoming headers (sidecar-only mode), when they were valid. */
  trace?: { traceId: string; spanId: string; sampled: boolean | null };
  /** Id of the service's local entry span (the server span), when tracing runs. */
  transactionId?: string;
  /** `http.request.id`: Envoy's `x-request-id` when well-formed, else generated. */
  requestId?: string;
  /** True when the request arrived with trace headers (for the "no active span" self-check). */
  traceHeadersPresent?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request context (and returns what `fn` returns). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Makes `context` current for the rest of this synchronous execution and what it schedules. */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

/** The current request context, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
