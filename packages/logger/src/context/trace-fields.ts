import { getTracingState, warnOnce } from '@ecotrace/core';
import { quoteJson } from '../serialize/json-string.js';
import { activeSpanIds } from './otel-api.js';
import type { RequestContext } from './request-context.js';

/** The keys a line's trace ids are written under. */
export const TRACE_KEYS: readonly string[] = ['trace.id', 'span.id', 'transaction.id'];

/** The trace ids one line carries. */
export interface TraceIds {
  /** JSON string literal of `trace.id`. */
  traceJson: string;
  /** JSON string literal of `span.id`. */
  spanJson: string;
  /** `transaction.id` (raw), when known. */
  transactionId?: string | undefined;
}

/**
 * Trace ids for a line written now in the request context `ctx` (the current one, or the one
 * an access line names) (docs/architecture.md, "Trace correlation at write time"):
 * the active OTel span, with `transaction.id` from the request context; else the ids the
 * request context extracted from the incoming headers; else none. Never throws.
 */
export function currentTraceIds(ctx: RequestContext | undefined): TraceIds | undefined {
  const span = activeSpanIds();
  if (span !== undefined) {
    const transactionId = ctx?.transactionId;
    return transactionId === undefined ? span : { ...span, transactionId };
  }
  if (ctx === undefined) return undefined;
  if (ctx.traceHeadersPresent && getTracingState() !== undefined) {
    // Tracing runs and the request carried trace headers, yet no span is active: the
    // instrumentation is not wrapping this server (e.g. tracing started after the framework
    // was loaded). Lines still correlate to Envoy's span, but Jaeger will miss ours.
    warnOnce(
      'ECOTRACE_NO_ACTIVE_SPAN',
      'ecotrace: tracing is started and the request carries trace headers, but no OTel span is active; start tracing before loading the HTTP framework (node --import @ecotrace/tracing/register)',
    );
  }
  const t = ctx.trace;
  return t === undefined
    ? undefined
    : { traceJson: quoteJson(t.traceId), spanJson: quoteJson(t.spanId) };
}
