import type { Context, Span } from '@opentelemetry/api';
import { otelApi } from './otel-api.js';

/** Ids of the span that entered this service for the current request. */
export interface ServerSpanIds {
  traceId: string;
  spanId: string;
}

// instrumentation-http stores its server span in the context under this key (@opentelemetry/core
// `setRPCMetadata`), so framework instrumentations can name it after the route. Context keys are
// `Symbol.for(description)`, the same in every installed copy.
const RPC_METADATA = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA');

type ApiWithContext = { context: { active(): Context } };

/**
 * The server (entry) span of the request being handled: the one instrumentation-http recorded in
 * the context, else the active span. Framework instrumentations make their own middleware span
 * active while our middleware runs (instrumentation-express does), and `transaction.id` must be
 * the entry span, not that child. Undefined without OTel or without a valid span; never throws.
 */
export function serverSpanIds(): ServerSpanIds | undefined {
  const api = otelApi();
  if (api === null) return undefined;
  try {
    const active = (api as unknown as ApiWithContext).context.active();
    const metadata = active.getValue(RPC_METADATA) as { span?: Span } | undefined;
    const span = metadata?.span ?? (api.trace.getActiveSpan() as Span | undefined);
    const sc = span?.spanContext();
    return sc !== undefined && api.isSpanContextValid(sc)
      ? { traceId: sc.traceId, spanId: sc.spanId }
      : undefined;
  } catch {
    return undefined;
  }
}
