import { firstHeaderValue, multiIds, multiSampling, parseB3Single } from './b3-headers.js';
import { parseTraceparent } from './traceparent.js';
import type { HeaderRecord, TraceContextExtraction } from './types.js';

/**
 * Every header {@link extractTraceContext} reads, lowercase: B3 single, B3 multi, W3C. The one
 * list for code that must copy them out of another carrier first (OTel propagators read through
 * a getter) or forward them. `x-b3-parentspanid` and `tracestate` are not read: see
 * `ISTIO_FORWARD_HEADERS` for the full set a hop forwards.
 *
 * @example
 * ```ts
 * import { extractTraceContext, TRACE_CONTEXT_HEADERS } from '@ecotrace/core';
 * const headers = Object.fromEntries(TRACE_CONTEXT_HEADERS.map((n) => [n, carrier.get(n)]));
 * const ctx = extractTraceContext(headers);
 * ```
 */
export const TRACE_CONTEXT_HEADERS = Object.freeze([
  'b3',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-sampled',
  'x-b3-flags',
  'traceparent',
] as const);

function read(headers: HeaderRecord, name: (typeof TRACE_CONTEXT_HEADERS)[number]): unknown {
  return Object.hasOwn(headers, name) ? headers[name] : undefined;
}

function nothing(sampled: boolean | null, debug: boolean): TraceContextExtraction {
  return { valid: false, traceId: null, spanId: null, sampled, debug };
}

function extract(headers: HeaderRecord): TraceContextExtraction {
  const single = (() => {
    const b3 = firstHeaderValue(read(headers, 'b3'));
    return b3 === undefined ? null : parseB3Single(b3);
  })();
  // R4: per-field precedence. Multi headers are only parsed for what `b3` did not carry.
  const ids =
    single?.ids ??
    multiIds(
      firstHeaderValue(read(headers, 'x-b3-traceid')),
      firstHeaderValue(read(headers, 'x-b3-spanid')),
    );
  const sampling =
    single?.sampling ??
    multiSampling(
      firstHeaderValue(read(headers, 'x-b3-flags')),
      firstHeaderValue(read(headers, 'x-b3-sampled')),
    );
  if (ids !== null) {
    return {
      valid: true,
      traceId: ids.traceId,
      spanId: ids.spanId,
      sampled: sampling?.sampled ?? null,
      debug: sampling?.debug ?? false,
    };
  }
  // R6: traceparent only when B3 gave no ids, and then as a whole (B3 sampling-only state dropped).
  const rawTraceparent = read(headers, 'traceparent');
  const traceparent = Array.isArray(rawTraceparent) ? rawTraceparent[0] : rawTraceparent;
  if (typeof traceparent === 'string' && traceparent !== '') {
    const parsed = parseTraceparent(traceparent);
    if (parsed) {
      return {
        valid: true,
        traceId: parsed.traceId,
        spanId: parsed.spanId,
        sampled: parsed.sampled,
        debug: false,
      };
    }
  }
  return nothing(sampling?.sampled ?? null, sampling?.debug ?? false);
}

/**
 * Reads the trace context an Envoy/Istio sidecar (or any B3 / W3C caller) put on an inbound
 * request: B3 single `b3`, B3 multi `x-b3-*`, then W3C `traceparent`, following the contract in
 * docs/trace-context.md (rules R0–R6) exactly. Ids come back lowercase; 64-bit trace ids are
 * left-padded to 32 chars. `spanId` is the CALLER's span: make it the parent of your server span,
 * never log it as your own `span.id`.
 *
 * Never throws: any input that is not a header record (null, a Proxy with throwing getters,
 * non-string values) yields `{ valid: false, traceId: null, spanId: null, sampled: null, debug: false }`.
 *
 * @param headers - lowercase header names, as `req.headers` in Node (string | string[] | undefined values)
 * @example
 * ```ts
 * import { extractTraceContext } from '@ecotrace/core';
 * const ctx = extractTraceContext(req.headers);
 * if (ctx.valid) log.info({ trace: { id: ctx.traceId } }, 'traced request');
 * // { valid: true, traceId: '0000000000000000463ac35c9f6413ad', spanId: 'a2fb4a1d1a96d312', sampled: null, debug: false }
 * ```
 */
export function extractTraceContext(headers: HeaderRecord): TraceContextExtraction {
  if (headers === null || typeof headers !== 'object') return nothing(null, false);
  try {
    return extract(headers);
  } catch {
    // Only reachable with exotic carriers (throwing getters/proxies); the request path must not throw.
    return nothing(null, false);
  }
}
