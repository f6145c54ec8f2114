import { createRequire } from 'node:module';
import { rememberLast } from '../remember-last.js';

/** The slice of `@opentelemetry/api` the logger uses. */
interface OtelApi {
  trace: { getActiveSpan(): { spanContext(): { traceId: string; spanId: string } } | undefined };
  isSpanContextValid(ctx: { traceId: string; spanId: string }): boolean;
}

let api: OtelApi | null | undefined;

/**
 * `@opentelemetry/api`, loaded on first use, or null when it is not installed. Loaded with
 * `require` from this file's location so both the ESM and CJS builds resolve the same copy the
 * app's tracing registered with (the API keeps its state on a global, so one registration
 * serves every compatible copy). Lazily: the logger may be created before tracing starts.
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

/** A span's ids, with their JSON string forms ready for the line. */
export interface SpanIds {
  traceId: string;
  spanId: string;
  traceJson: string;
  spanJson: string;
}

type ActiveSpan = NonNullable<ReturnType<OtelApi['trace']['getActiveSpan']>>;

// A span's context never changes, and consecutive lines usually share the active span:
// checking and quoting its ids once per span saves a measurable share of a traced line.
const idsOfSpan = rememberLast((span: ActiveSpan, otel: OtelApi): SpanIds | undefined => {
  const sc = span.spanContext();
  return otel.isSpanContextValid(sc)
    ? {
        traceId: sc.traceId,
        spanId: sc.spanId,
        traceJson: JSON.stringify(sc.traceId),
        spanJson: JSON.stringify(sc.spanId),
      }
    : undefined;
});

/** The active span's ids when a valid span is active, else undefined. Never throws. */
export function activeSpanIds(): SpanIds | undefined {
  const otel = api === undefined ? otelApi() : api;
  if (otel === null) return undefined;
  try {
    const span = otel.trace.getActiveSpan();
    return span === undefined ? undefined : idsOfSpan(span, otel);
  } catch {
    return undefined;
  }
}
