// @ts-check
import { field, stringField } from './record-fields.mjs';

/** @typedef {import('./model.mjs').DemoSpan} DemoSpan */
/** @typedef {import('./model.mjs').DemoLine} DemoLine */
/** @typedef {import('./ingress.mjs').IngressExchange} IngressExchange */

/**
 * Where a log line stands:
 * - `correlated`: trace.id is a trace the gateway started and that was exported, span.id an
 *   exported span of it;
 * - `unsampled`: trace.id is a trace the gateway started unsampled (nothing exported, by design);
 * - `process`: no trace context and nothing request-scoped (startup, shutdown);
 * - `uncorrelated`: anything else — the failure the demo exists to catch.
 * @typedef {'correlated' | 'unsampled' | 'process' | 'uncorrelated'} LineVerdict
 */

/**
 * @typedef {object} Correlation
 * @property {Map<DemoLine, { verdict: LineVerdict, reason: string }>} verdicts
 * @property {Record<LineVerdict, number>} counts
 * @property {number} traces         distinct exported trace ids
 * @property {number} spans          exported spans
 * @property {number} share          correlated / (correlated + uncorrelated); 1 when both are 0
 * @property {number} validationErrors
 * @property {number} validationWarnings
 * @property {Record<string, number>} problemsByCode
 * @property {DemoSpan[]} orphanSpans  spans whose parent is neither exported nor a gateway span
 */

// Fields only the request middleware writes: a line carrying one belongs to a request, so it
// must carry that request's trace.
const REQUEST_FIELDS = ['http.request.id', 'http.request.method', 'url.path', 'transaction.id'];

/**
 * Checks every log line against the exported spans and the traces the gateway started.
 * @param {{ spans: DemoSpan[], lines: DemoLine[], exchanges: IngressExchange[] }} input
 * @returns {Correlation}
 * @example
 * const c = correlate({ spans, lines, exchanges });
 * if (c.counts.uncorrelated > 0 || c.validationErrors > 0) process.exitCode = 1;
 */
export function correlate({ spans, lines, exchanges }) {
  const traceIds = new Set(spans.map((s) => s.traceId));
  const spanIds = new Set(spans.map((s) => `${s.traceId}/${s.spanId}`));
  const gateway = new Map(exchanges.map((e) => [e.traceId, e]));
  const gatewaySpans = new Set(exchanges.map((e) => `${e.traceId}/${e.spanId}`));

  /** @type {Map<DemoLine, { verdict: LineVerdict, reason: string }>} */
  const verdicts = new Map();
  /** @type {Record<LineVerdict, number>} */
  const counts = { correlated: 0, unsampled: 0, process: 0, uncorrelated: 0 };
  /** @type {Record<string, number>} */
  const problemsByCode = {};
  let validationErrors = 0;
  let validationWarnings = 0;

  for (const line of lines) {
    for (const p of line.problems) {
      problemsByCode[p.code] = (problemsByCode[p.code] ?? 0) + 1;
      if (p.severity === 'error') validationErrors++;
      else validationWarnings++;
    }
    const verdict = judge(line, { traceIds, spanIds, gateway });
    verdicts.set(line, verdict);
    counts[verdict.verdict]++;
  }

  const orphanSpans = spans.filter(
    (s) =>
      s.parentSpanId !== null &&
      !spanIds.has(`${s.traceId}/${s.parentSpanId}`) &&
      !gatewaySpans.has(`${s.traceId}/${s.parentSpanId}`),
  );
  const judged = counts.correlated + counts.uncorrelated;
  return {
    verdicts,
    counts,
    traces: traceIds.size,
    spans: spans.length,
    share: judged === 0 ? 1 : counts.correlated / judged,
    validationErrors,
    validationWarnings,
    problemsByCode,
    orphanSpans,
  };
}

/**
 * @param {DemoLine} line
 * @param {{ traceIds: Set<string>, spanIds: Set<string>, gateway: Map<string, IngressExchange> }} known
 * @returns {{ verdict: LineVerdict, reason: string }}
 */
function judge(line, { traceIds, spanIds, gateway }) {
  if (line.record === null) return { verdict: 'uncorrelated', reason: 'not a JSON object' };
  const record = line.record;
  const traceId = stringField(record, 'trace.id');
  const spanId = stringField(record, 'span.id');
  if (traceId === undefined) {
    const requestField = REQUEST_FIELDS.find((name) => field(record, name) !== undefined);
    return requestField
      ? { verdict: 'uncorrelated', reason: `has ${requestField} but no trace.id` }
      : { verdict: 'process', reason: 'outside any request' };
  }
  const exchange = gateway.get(traceId);
  if (!exchange)
    return {
      verdict: 'uncorrelated',
      reason: `trace.id ${traceId} was not started by the gateway`,
    };
  if (!exchange.sampled) {
    return spanId === undefined
      ? { verdict: 'uncorrelated', reason: 'unsampled request line without span.id' }
      : { verdict: 'unsampled', reason: 'gateway did not sample this trace' };
  }
  if (!traceIds.has(traceId))
    return { verdict: 'uncorrelated', reason: `trace ${traceId} was never exported` };
  if (spanId === undefined) return { verdict: 'uncorrelated', reason: 'no span.id' };
  if (!spanIds.has(`${traceId}/${spanId}`)) {
    return {
      verdict: 'uncorrelated',
      reason: `span ${spanId} is not an exported span of its trace`,
    };
  }
  return { verdict: 'correlated', reason: '' };
}
