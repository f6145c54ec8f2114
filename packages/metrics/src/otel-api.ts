import { createRequire } from 'node:module';

/** The slice of `@opentelemetry/api` the metrics read. */
export interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
}
interface SpanLike {
  spanContext(): SpanContextLike;
}
export interface OtelApi {
  trace: { getActiveSpan(): SpanLike | undefined };
  context: { active(): { getValue(key: symbol): unknown } };
  isSpanContextValid(ctx: SpanContextLike): boolean;
}

let api: OtelApi | null | undefined;

/**
 * `@opentelemetry/api`, loaded on first use, or null when it is not installed (it is an
 * optional peer). Loaded with `require` from this file so the ESM and CJS builds find the copy
 * the app's tracing registered with; the API keeps its state on a global, so any compatible
 * copy sees the same active span.
 */
export function otelApi(): OtelApi | null {
  if (api !== undefined) return api;
  try {
    api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
  } catch {
    api = null;
  }
  return api;
}

// instrumentation-http keeps its server span in the context under this key (@opentelemetry/core
// `setRPCMetadata`). Framework instrumentations make their own middleware span active while our
// hook runs (instrumentation-express does), but the exemplar must name the entry span: the one
// the log lines' `transaction.id` names. Context keys are `Symbol.for(...)`, shared by copies.
const RPC_METADATA = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA');

/** The server (entry) span's context of the current request, if a valid one is active. Never throws. */
export function serverSpanContext(): SpanContextLike | undefined {
  const otel = api === undefined ? otelApi() : api;
  if (otel === null) return undefined;
  try {
    // No active span, no server span either: one context lookup for untraced requests.
    const active = otel.trace.getActiveSpan();
    if (active === undefined) return undefined;
    const metadata = otel.context.active().getValue(RPC_METADATA) as
      | { span?: SpanLike }
      | undefined;
    const span = metadata?.span ?? active;
    const sc = span?.spanContext();
    return sc !== undefined && otel.isSpanContextValid(sc) ? sc : undefined;
  } catch {
    return undefined;
  }
}
