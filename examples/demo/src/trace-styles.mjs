// @ts-check
import { randomHexId } from './ids.mjs';

/**
 * How the stand-in gateway starts a trace, one of the cases services meet behind Istio:
 * - `b3-128`: Istio's default, 128-bit B3 multi headers, sampled.
 * - `b3-64`: a mesh with `enable64bitTraceId` (or plain Envoy): 16-hex trace id, sampled.
 * - `unsampled`: the gateway's sampler said no: `x-b3-sampled: 0`; ids still travel.
 * - `traceparent`: a W3C-only caller (no B3 at all), sampled.
 * @typedef {'b3-128' | 'b3-64' | 'unsampled' | 'traceparent'} TraceStyle
 */

/** @type {readonly TraceStyle[]} */
export const TRACE_STYLES = Object.freeze(['b3-128', 'b3-64', 'unsampled', 'traceparent']);

/**
 * The trace headers Envoy would put on a request, for a new trace in `style`.
 * @param {TraceStyle} style
 * @returns {{ headers: Record<string, string>, sentTraceId: string, spanId: string, sampled: boolean }}
 */
export function traceHeadersFor(style) {
  const spanId = randomHexId(8);
  if (style === 'traceparent') {
    const traceId = randomHexId(16);
    return {
      headers: { traceparent: `00-${traceId}-${spanId}-01` },
      sentTraceId: traceId,
      spanId,
      sampled: true,
    };
  }
  const traceId = style === 'b3-64' ? randomHexId(8) : randomHexId(16);
  const sampled = style !== 'unsampled';
  return {
    headers: {
      'x-b3-traceid': traceId,
      'x-b3-spanid': spanId,
      'x-b3-sampled': sampled ? '1' : '0',
    },
    sentTraceId: traceId,
    spanId,
    sampled,
  };
}
