// @ts-check
// Metrics → trace → logs for the demo's slow request: the exemplar its latency bucket got, read
// from Prometheus (query_exemplars) when one runs, else from each service's /metrics
// (OpenMetrics, the exposition Prometheus would scrape).
import { stringField } from './record-fields.mjs';

/**
 * @typedef {object} DemoExemplar
 * @property {string} service
 * @property {'prometheus' | 'scrape'} source
 * @property {string} route       http_route
 * @property {string} status      http_response_status_code
 * @property {string} le          the bucket's upper bound
 * @property {number} seconds     the request's duration
 * @property {string} traceId
 * @property {string} spanId
 */

const METRIC = 'http_server_request_duration_seconds_bucket';

/**
 * Exemplars Prometheus stored for `traceId`, one per service (waits up to `timeoutMs` for the
 * scrape after the request).
 * @param {import('./prometheus.mjs').RunningPrometheus} prometheus
 * @param {string} traceId
 * @param {string[]} services  job names
 * @returns {Promise<DemoExemplar[]>}
 */
export async function exemplarsFromPrometheus(prometheus, traceId, services, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  /** @type {DemoExemplar[]} */
  let found = [];
  while (Date.now() < deadline) {
    const now = Date.now() / 1000;
    const series = await prometheus.api('query_exemplars', {
      query: METRIC,
      start: String(now - 600),
      end: String(now + 60),
    });
    found = [];
    for (const s of series) {
      for (const e of s.exemplars) {
        if (e.labels.trace_id !== traceId) continue;
        found.push({
          service: s.seriesLabels.job,
          source: /** @type {const} */ ('prometheus'),
          route: s.seriesLabels.http_route,
          status: s.seriesLabels.http_response_status_code,
          le: s.seriesLabels.le,
          seconds: Number(e.value),
          traceId: e.labels.trace_id,
          spanId: e.labels.span_id,
        });
      }
    }
    if (services.every((name) => found.some((e) => e.service === name))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return found;
}

/**
 * Exemplars naming `traceId` in one service's OpenMetrics exposition.
 * @param {string} service
 * @param {string} baseUrl
 * @param {string} traceId
 * @returns {Promise<DemoExemplar[]>}
 */
export async function exemplarsFromScrape(service, baseUrl, traceId) {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: { accept: 'application/openmetrics-text; version=1.0.0' },
  });
  const found = [];
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith(`${METRIC}{`) || !line.includes(`trace_id="${traceId}"`)) continue;
    const labels = Object.fromEntries(
      [...line.slice(0, line.indexOf('}')).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const exemplar = /# \{trace_id="([0-9a-f]+)",span_id="([0-9a-f]+)"\} (\S+)/.exec(line);
    if (!exemplar) continue;
    found.push({
      service,
      source: /** @type {const} */ ('scrape'),
      route: labels.http_route ?? '',
      status: labels.http_response_status_code ?? '',
      le: labels.le ?? '',
      seconds: Number(exemplar[3]),
      traceId: exemplar[1] ?? '',
      spanId: exemplar[2] ?? '',
    });
  }
  return found;
}

/**
 * The report section: each exemplar, the trace it opens and the lines that carry its id.
 * @param {{ request: string, exemplars: DemoExemplar[], spans: import('./model.mjs').DemoSpan[],
 *   lines: import('./model.mjs').DemoLine[], prometheus: boolean }} input
 * @returns {{ text: string[], ok: boolean }}
 */
export function exemplarSection({ request, exemplars, spans, lines, prometheus }) {
  const text = [
    '',
    `== metrics → trace → logs: "${request}"`,
    prometheus
      ? 'Prometheus (exemplar storage on, 1 s scrapes) stored these exemplars for it:'
      : "No prometheus binary: read from the services' /metrics (OpenMetrics) instead:",
  ];
  let ok = exemplars.length > 0;
  if (exemplars.length === 0) text.push('  ✖ no exemplar names the slow request');
  for (const e of exemplars) {
    const traceSpans = spans.filter((s) => s.traceId === e.traceId);
    const span = traceSpans.find((s) => s.spanId === e.spanId);
    const traceLines = lines.filter(
      (l) => l.record !== null && stringField(l.record, 'trace.id') === e.traceId,
    );
    const own = traceLines.filter(
      (l) =>
        l.service === e.service &&
        l.record !== null &&
        stringField(l.record, 'transaction.id') === e.spanId,
    );
    ok &&= span !== undefined && own.length > 0;
    text.push(
      `  ${e.service}: http_server_request_duration_seconds_bucket{http_route="${e.route}",http_response_status_code="${e.status}",le="${e.le}"} # {trace_id="${e.traceId}",span_id="${e.spanId}"} ${e.seconds.toFixed(3)}`,
      `    → trace ${e.traceId}: ${traceSpans.length} spans; span_id is ${span ? `the server span of ${span.service}, "${span.name}"` : '✖ no exported span'}`,
      `    → logs: ${traceLines.length} lines carry trace.id ${e.traceId} (${own.length} of ${e.service} with transaction.id ${e.spanId})`,
    );
  }
  return { text, ok };
}
