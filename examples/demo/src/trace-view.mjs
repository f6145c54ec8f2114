// @ts-check
import { stringField } from './record-fields.mjs';

/** @typedef {import('./model.mjs').DemoSpan} DemoSpan */
/** @typedef {import('./model.mjs').DemoLine} DemoLine */
/** @typedef {import('./ingress.mjs').IngressExchange} IngressExchange */

/** Service name the stand-in gateway's spans carry, as Istio's gateway reports itself. */
export const GATEWAY_SERVICE = 'istio-ingressgateway';

/**
 * @typedef {DemoSpan & { depth: number }} ViewSpan
 * @typedef {{ spanId: string | null, service: string, level: string, message: string,
 *   timeMs: number, error: boolean, errorType?: string }} ViewLine
 * @typedef {object} TraceView
 * @property {string} traceId
 * @property {string} name        the demo request's name
 * @property {string} method
 * @property {string} path
 * @property {number} status
 * @property {string} style
 * @property {boolean} sampled
 * @property {string} requestId
 * @property {string[]} services  every service with a span or a line in the trace
 * @property {number} startMs
 * @property {number} endMs
 * @property {boolean} error      a 5xx, an error span or an error line
 * @property {ViewSpan[]} spans   depth-first, children by start time
 * @property {ViewLine[]} lines   by time
 */

const ERROR_LEVELS = new Set(['error', 'fatal']);

/**
 * One view per request the gateway saw, in arrival order: its spans as a tree (the gateway's
 * span on top, as Envoy would report it when sampled) and its log lines.
 * @param {{ spans: DemoSpan[], lines: DemoLine[], exchanges: IngressExchange[], names?: string[] }} input
 *   `names[i]`: label of the i-th request (default: method and path)
 * @returns {TraceView[]}
 */
export function buildTraceViews({ spans, lines, exchanges, names = [] }) {
  return exchanges.map((ex) => {
    /** @type {DemoSpan[]} */
    const own = spans.filter((s) => s.traceId === ex.traceId);
    if (ex.sampled) {
      own.push({
        traceId: ex.traceId,
        spanId: ex.spanId,
        parentSpanId: null,
        name: `${ex.method} ${ex.path}`,
        service: GATEWAY_SERVICE,
        kind: 'server',
        startMs: ex.startMs,
        endMs: ex.endMs,
        error: ex.status >= 500,
      });
    }
    const viewLines = lines
      .filter((l) => l.record !== null && stringField(l.record, 'trace.id') === ex.traceId)
      .map((l) => toViewLine(/** @type {Record<string, unknown>} */ (l.record), l.service))
      .sort((a, b) => a.timeMs - b.timeMs);
    const viewSpans = orderSpans(own);
    const services = [
      ...new Set([...viewSpans.map((s) => s.service), ...viewLines.map((l) => l.service)]),
    ];
    const times = [ex.startMs, ex.endMs, ...viewSpans.flatMap((s) => [s.startMs, s.endMs])];
    return {
      traceId: ex.traceId,
      name: names[ex.seq] ?? `${ex.method} ${ex.path}`,
      method: ex.method,
      path: ex.path,
      status: ex.status,
      style: ex.style,
      sampled: ex.sampled,
      requestId: ex.requestId,
      services,
      startMs: Math.min(...times),
      endMs: Math.max(...times),
      error: ex.status >= 500 || viewSpans.some((s) => s.error) || viewLines.some((l) => l.error),
      spans: viewSpans,
      lines: viewLines,
    };
  });
}

/**
 * @param {Record<string, unknown>} record
 * @param {string} service
 * @returns {ViewLine}
 */
function toViewLine(record, service) {
  const level = stringField(record, 'log.level') ?? 'info';
  const errorType = stringField(record, 'error.type');
  const time = Date.parse(stringField(record, '@timestamp') ?? '');
  return {
    spanId: stringField(record, 'span.id') ?? null,
    service: stringField(record, 'service.name') ?? service,
    level,
    message: stringField(record, 'message') ?? '',
    timeMs: Number.isNaN(time) ? 0 : time,
    error: ERROR_LEVELS.has(level) || errorType !== undefined,
    ...(errorType === undefined ? {} : { errorType }),
  };
}

/**
 * Depth-first order; a span whose parent is not in the trace is a root.
 * @param {DemoSpan[]} spans
 * @returns {ViewSpan[]}
 */
function orderSpans(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  /** @type {Map<string | null, DemoSpan[]>} */
  const children = new Map();
  for (const span of spans) {
    const parent =
      span.parentSpanId !== null && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent) ?? [];
    list.push(span);
    children.set(parent, list);
  }
  /** @type {ViewSpan[]} */
  const out = [];
  /** @param {string | null} parent @param {number} depth */
  const walk = (parent, depth) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs);
    for (const span of list) {
      out.push({ ...span, depth });
      walk(span.spanId, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
