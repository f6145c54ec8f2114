import {
  firstHeaderValue,
  getTracingState,
  type HeaderRecord,
  ISTIO_FORWARD_HEADERS,
} from '@ecotrace/core';
import { currentRequestContext, type RequestContext } from './request-context.js';

/** Copies the inbound trace headers Istio lists, one value each. */
function copyInbound(headers: HeaderRecord, out: Record<string, string>): void {
  for (const name of ISTIO_FORWARD_HEADERS) {
    if (name === 'x-request-id') continue;
    const raw = headers[name];
    // tracestate is itself a comma-separated list: Node's joined duplicates are one list too.
    const value =
      name === 'tracestate'
        ? (Array.isArray(raw) ? raw.join(',') : raw)?.trim() || undefined
        : firstHeaderValue(raw);
    if (value !== undefined) out[name] = value;
  }
  // The sidecar rewrote x-b3-* with its own span but never touches `b3`; passing that stale `b3`
  // on would make the next sidecar and service prefer it and skip our sidecar's span
  // (envoy#47515). Without x-b3-* ids, `b3` is all there is and goes on as received.
  if (out['x-b3-traceid'] !== undefined && out['x-b3-spanid'] !== undefined) delete out.b3;
}

/** B3 multi + traceparent from ids given to runWithTraceContext (no headers to copy). */
function fromIds(trace: NonNullable<RequestContext['trace']>, out: Record<string, string>): void {
  out['x-b3-traceid'] = trace.traceId;
  out['x-b3-spanid'] = trace.spanId;
  if (trace.sampled === null) return; // deferred stays deferred; W3C has no such flag
  out['x-b3-sampled'] = trace.sampled ? '1' : '0';
  out.traceparent = `00-${trace.traceId}-${trace.spanId}-0${trace.sampled ? 1 : 0}`;
}

/**
 * The headers to put on an outgoing request so the current request's trace and id continue at
 * the next service, for any HTTP client (fetch, axios, got, node:http). Istio requires apps to
 * forward them (`ISTIO_FORWARD_HEADERS`), or the next sidecar starts a new trace. Meant for
 * sidecar-only mode (the logger without `@ecotrace/tracing`):
 * - `x-request-id`: the request's `http.request.id` (Envoy's, or the one the middleware made);
 * - `traceparent`, `tracestate`, `x-b3-traceid`, `x-b3-spanid`, `x-b3-parentspanid`,
 *   `x-b3-sampled`, `x-b3-flags`: as the request brought them (first value of each);
 * - `b3`: only when no `x-b3-*` ids came with it (the sidecar never rewrites it);
 * - inside `runWithTraceContext` (no headers), the multi headers and `traceparent` of its ids.
 * Empty outside a request, and while `@ecotrace/tracing` runs: its instrumentation adds these
 * headers to node:http and fetch requests itself, so spreading the result stays safe either way.
 * Never throws.
 *
 * @example
 * ```ts
 * import { forwardHeaders } from '@ecotrace/logger';
 * app.get('/checkout', async (req, res) => {
 *   const stock = await fetch('http://inventory/stock', { headers: { ...forwardHeaders() } });
 *   res.json(await stock.json());
 * });
 * ```
 */
export function forwardHeaders(): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    if (getTracingState() !== undefined) return out;
    const ctx = currentRequestContext();
    if (ctx === undefined) return out;
    const headers = (ctx as { headers?: HeaderRecord }).headers;
    if (headers !== undefined && headers !== null) copyInbound(headers, out);
    else if (ctx.trace !== undefined) fromIds(ctx.trace, out);
    if (ctx.requestId !== undefined) out['x-request-id'] = ctx.requestId;
  } catch {
    // A header we cannot read is a header we do not forward.
  }
  return out;
}
