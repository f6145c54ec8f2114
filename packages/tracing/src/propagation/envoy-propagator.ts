import { extractTraceContext, type HeaderRecord, TRACE_CONTEXT_HEADERS } from '@ecotrace/core';
import {
  type Context,
  isSpanContextValid,
  ROOT_CONTEXT,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
  TraceFlags,
  type TraceState,
  trace,
} from '@opentelemetry/api';
import { isTracingSuppressed, W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  B3_DEBUG_KEY,
  DEFERRED_PARENT_KEY,
  isDeferredParent,
  ROOT_DECISION_KEY,
} from './context-keys.js';

// Never `b3` single on the way out (see inject); `tracestate` rides along with `traceparent`.
const INJECT_FIELDS = [
  ...TRACE_CONTEXT_HEADERS.filter((name) => name !== 'b3'),
  'tracestate',
] as const;

/** Copies the headers the contract reads out of any carrier through its getter. */
function headersFrom(carrier: unknown, getter: TextMapGetter): HeaderRecord {
  const headers: Record<string, string | string[] | undefined> = {};
  for (const name of TRACE_CONTEXT_HEADERS) {
    const value = getter.get(carrier, name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/**
 * Propagation the way an Istio/Envoy (Zipkin tracer) mesh needs it.
 *
 * - `extract` applies `extractTraceContext` from `@ecotrace/core` — the same contract the logger
 *   uses (B3 single, B3 multi, then `traceparent`) — so spans and log lines agree on ids.
 *   A deferred decision is kept as such (see DEFERRED_PARENT_KEY), debug implies sampled, and a
 *   sampling-only header (no ids) becomes the decision for our new root trace.
 * - `inject` writes B3 multi headers (what Envoy reads) plus W3C `traceparent`/`tracestate`.
 *   Never a `b3` single header: Envoy never rewrites it, so a stale one would flatten the tree
 *   downstream (envoy#47515). Nothing else is removed. A still-undecided context is injected
 *   without `x-b3-sampled` (defer again) instead of OTel's `0` (a deny).
 *
 * @example
 * ```ts
 * import { propagation } from '@opentelemetry/api';
 * propagation.setGlobalPropagator(new EnvoyPropagator());
 * ```
 */
export class EnvoyPropagator implements TextMapPropagator {
  private readonly w3c = new W3CTraceContextPropagator();

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const found = extractTraceContext(headersFrom(carrier, getter));
    if (!found.valid || found.traceId === null || found.spanId === null) {
      if (found.sampled === null) return context;
      const decided = context.setValue(ROOT_DECISION_KEY, found.sampled);
      return found.debug ? decided.setValue(B3_DEBUG_KEY, true) : decided;
    }
    let next = trace.setSpanContext(context, {
      traceId: found.traceId,
      spanId: found.spanId,
      isRemote: true,
      traceFlags: found.sampled === true ? TraceFlags.SAMPLED : TraceFlags.NONE,
      traceState: this.traceStateOf(carrier, getter, found.traceId),
    });
    if (found.sampled === null) next = next.setValue(DEFERRED_PARENT_KEY, found.spanId);
    if (found.debug) next = next.setValue(B3_DEBUG_KEY, true);
    return next;
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (!spanContext || !isSpanContextValid(spanContext) || isTracingSuppressed(context)) return;
    setter.set(carrier, 'x-b3-traceid', spanContext.traceId);
    setter.set(carrier, 'x-b3-spanid', spanContext.spanId);
    const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
    if (isDeferredParent(context, spanContext.spanId, spanContext.isRemote)) {
      // No local span decided (e.g. tracing skipped this request): pass the deferral on. A
      // traceparent has no "undecided" flags value, so it is left out too.
      return;
    }
    if (sampled && context.getValue(B3_DEBUG_KEY) === true) setter.set(carrier, 'x-b3-flags', '1');
    else setter.set(carrier, 'x-b3-sampled', sampled ? '1' : '0');
    this.w3c.inject(context, carrier, setter);
  }

  fields(): string[] {
    return [...INJECT_FIELDS];
  }

  /**
   * The inbound `tracestate`, parsed as W3C does, when its `traceparent` names the trace we
   * continue. Istio asks apps to forward it, and with `envoy` alone no W3C extract runs before
   * ours. Kept too when B3 gave the ids (Envoy's Zipkin tracer rewrote `x-b3-*` with its own
   * span but left the W3C pair): the vendors' entries describe the trace, not Envoy's span. A
   * `traceparent` of another trace takes its `tracestate` with it.
   */
  private traceStateOf(
    carrier: unknown,
    getter: TextMapGetter,
    traceId: string,
  ): TraceState | undefined {
    if (getter.get(carrier, 'traceparent') === undefined) return undefined;
    const w3c = trace.getSpanContext(this.w3c.extract(ROOT_CONTEXT, carrier, getter));
    return w3c?.traceId === traceId ? w3c.traceState : undefined;
  }
}
