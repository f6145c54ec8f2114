import type { IncomingHttpHeaders } from 'node:http';
import { extractTraceContext } from '@ecotrace/core';
import type { ExemplarLabels } from './internal-types.js';
import type { SpanContextLike } from './otel-api.js';
import type { ExemplarPolicy } from './types.js';

const SAMPLED_FLAG = 1;

/**
 * The exemplar of a request: the ids its log lines carry. `span` is the OTel server span that
 * was active when the request started (tracing runs: its ids are the lines' `trace.id` /
 * `transaction.id`); without one, the B3 / W3C context on the request (sidecar-only mode:
 * Envoy's span, the lines' `trace.id` / `span.id`); else none. With policy `'sampled'`, a trace
 * known to be unsampled gets none. Called only when the bucket's exemplar is due, so the header
 * parse is skipped for most requests.
 */
export function requestExemplar(
  span: SpanContextLike | undefined,
  headers: IncomingHttpHeaders,
  policy: ExemplarPolicy,
): ExemplarLabels | undefined {
  if (policy === 'never') return undefined;
  if (span !== undefined) {
    if (policy === 'sampled' && (span.traceFlags & SAMPLED_FLAG) === 0) return undefined;
    return { trace_id: span.traceId, span_id: span.spanId };
  }
  const extracted = extractTraceContext(headers);
  if (!extracted.valid) return undefined;
  // A deferred decision (no sampling header) counts as sampled: behind Istio the sidecar always
  // sends `x-b3-sampled`, so only callers outside the mesh leave it out.
  if (policy === 'sampled' && extracted.sampled === false) return undefined;
  return { trace_id: extracted.traceId as string, span_id: extracted.spanId as string };
}
