/**
 * Headers Istio asks applications to copy from an inbound request to the requests it makes
 * while handling it (istio.io FAQ "distributed tracing"): the W3C pair, `x-request-id`, and for
 * Zipkin meshes the B3 set. `@ecotrace/tracing` covers them by injecting B3 multi + traceparent
 * and forwarding `x-request-id`; the list is exported for apps that propagate by hand.
 *
 * @example
 * ```ts
 * for (const name of ISTIO_FORWARD_HEADERS) if (req.headers[name]) out[name] = req.headers[name];
 * ```
 */
export const ISTIO_FORWARD_HEADERS: readonly string[] = Object.freeze([
  'x-request-id',
  'traceparent',
  'tracestate',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
]);
