// @ts-check

/** @typedef {import('./model.mjs').DemoSpan} DemoSpan */

// OTLP SpanKind numbers (opentelemetry-proto trace.proto); 0 (unspecified) reads as internal.
/** @type {Record<number, DemoSpan['kind']>} */
const KINDS = { 1: 'internal', 2: 'server', 3: 'client', 4: 'producer', 5: 'consumer' };

/** OTLP StatusCode ERROR. */
const STATUS_ERROR = 2;

/**
 * Nanoseconds since the epoch as a decimal string → fractional milliseconds (BigInt first:
 * nanoseconds do not fit a double exactly).
 * @param {string} nanos
 */
function toMs(nanos) {
  return /^\d+$/.test(nanos) ? Number(BigInt(nanos) / 1000n) / 1000 : 0;
}

/**
 * Converts spans as @ecotrace/testkit's OTLP receiver reports them into the demo's shape.
 * @param {ReadonlyArray<import('@ecotrace/testkit').ReceivedSpan>} received
 * @returns {DemoSpan[]}
 */
export function toDemoSpans(received) {
  return received.map((s) => ({
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId || null,
    name: s.name,
    service: s.serviceName ?? 'unknown_service',
    kind: KINDS[s.kind] ?? 'internal',
    startMs: toMs(s.startTimeUnixNano),
    endMs: toMs(s.endTimeUnixNano),
    error: s.status.code === STATUS_ERROR,
    ...(s.status.message ? { statusMessage: s.status.message } : {}),
  }));
}
