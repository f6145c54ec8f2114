// Issue 20's end-to-end check: a real Prometheus (exemplar storage on, 1 s scrapes) scrapes real
// Express 5 and Fastify 5 services that log with @ecotrace/logger and received Envoy-style B3
// requests, untraced (sidecar-only mode) and traced (@ecotrace/tracing preloaded, OTLP to a
// loopback receiver). /api/v1/query_exemplars must return the trace ids the log lines carry.
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SpanKind,
  startOtlpReceiver,
} from '@ecotrace/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envoyHeaders, logLines, type Service, startService } from './helpers.js';
import { eventually, findPrometheus, type Prometheus, startPrometheus } from './prometheus.js';

const binary = findPrometheus();
if (binary.path === undefined) console.warn(`SKIP prometheus-exemplars: ${binary.why}`);

interface Exemplar {
  labels: { trace_id?: string; span_id?: string };
  value: string;
}
interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: Exemplar[];
}
interface Sent {
  name: string;
  traceId: string | undefined;
  spanId: string | undefined;
}

const FAST = 12;
const field = (line: Record<string, unknown>, key: string): unknown =>
  key in line ? line[key] : undefined;
const orderIdOf = (line: Record<string, unknown>): unknown =>
  (line.order as { id?: unknown } | undefined)?.id ?? line['order.id'];

/** What each service gets: sampled fast requests, one slow sampled, slow unsampled, slow untraced. */
async function sendTraffic(service: Service): Promise<Map<string, Sent>> {
  const sent = new Map<string, Sent>();
  const get = async (name: string, path: string, sampled: boolean | undefined) => {
    const envoy = envoyHeaders(sampled ?? true);
    const res = await fetch(`${service.url}${path}`, {
      headers: sampled === undefined ? {} : envoy.headers,
    });
    await res.arrayBuffer();
    sent.set(name, {
      name,
      traceId: sampled === undefined ? undefined : envoy.traceId,
      spanId: sampled === undefined ? undefined : envoy.spanId,
    });
    return res.status;
  };
  for (let i = 0; i < FAST; i++)
    expect(await get(`fast-${i}`, `/orders/fast-${i}`, true)).toBe(200);
  // Each slow request is alone in its bucket: (0.25, 0.5], (0.75, 1], (1, 2.5].
  await Promise.all([
    get('slow', '/orders/slow?delay=350', true),
    get('unsampled', '/orders/unsampled?delay=850', false),
    get('untraced', '/orders/untraced?delay=1300', undefined),
  ]);
  for (let i = 0; i < 2; i++) expect(await get(`item-${i}`, `/api/items/sku-${i}`, true)).toBe(200);
  for (let i = 0; i < 3; i++)
    expect(await get(`404-${i}`, `/nope/${i}/${Math.random()}`, true)).toBe(404);
  for (let i = 0; i < 3; i++) await get(`probe-${i}`, '/healthz', true);
  return sent;
}

describe.skipIf(binary.path === undefined)(
  'Prometheus scrapes exemplars that open the trace',
  () => {
    let prometheus: Prometheus;
    let receiver: OtlpReceiver;
    const services: Record<string, Service> = {};
    const traffic: Record<string, Map<string, Sent>> = {};

    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      const traced = {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      };
      const started = await Promise.all([
        startService('express5'),
        startService('fastify5'),
        startService('express5', { tracing: true, env: traced }),
        // The traced Fastify serves /metrics on a port of its own.
        startService('fastify5', { tracing: true, env: { ...traced, METRICS_PORT: '0' } }),
      ]);
      const names = ['express', 'fastify', 'express_traced', 'fastify_traced'];
      names.forEach((name, i) => {
        services[name] = started[i] as Service;
      });
      prometheus = await startPrometheus(
        binary.path as string,
        Object.fromEntries(names.map((n) => [n, services[n]?.metricsTarget as string])),
      );
      for (const name of names) traffic[name] = await sendTraffic(services[name] as Service);
    }, 120_000);

    afterAll(async () => {
      await prometheus?.stop();
      await Promise.all(Object.values(services).map((s) => s.svc.stop()));
      await receiver?.close();
    });

    async function counts(job: string): Promise<Record<string, number>> {
      const data = await prometheus.api<{
        result: { metric: Record<string, string>; value: [number, string] }[];
      }>('query', {
        query: `sum by (http_route, http_response_status_code, http_request_method) (http_server_request_duration_seconds_count{job="${job}"})`,
      });
      return Object.fromEntries(
        data.result.map((r) => [
          `${r.metric.http_request_method} ${r.metric.http_route} ${r.metric.http_response_status_code}`,
          Number(r.value[1]),
        ]),
      );
    }

    async function exemplars(job: string): Promise<ExemplarSeries[]> {
      const now = Date.now() / 1000;
      return prometheus.api<ExemplarSeries[]>('query_exemplars', {
        query: `http_server_request_duration_seconds_bucket{job="${job}"}`,
        start: String(now - 600),
        end: String(now + 60),
      });
    }

    const expected = {
      'GET /orders/:id 200': FAST + 3,
      'GET /api/items/:sku 200': 2,
      'GET unmatched 404': 3,
    };

    for (const job of ['express', 'fastify', 'express_traced', 'fastify_traced']) {
      it(`${job}: histogram counts match the requests sent, by route template; probes and scrapes not counted`, async () => {
        const got = await eventually(async () => {
          const c = await counts(job);
          return c['GET /orders/:id 200'] === FAST + 3 && Object.keys(c).length >= 3
            ? c
            : undefined;
        }, `${job} counts`);
        expect(got).toEqual(expected);
      });

      it(`${job}: exemplars carry the trace ids of the requests' log lines; none unsampled or untraced`, async () => {
        const sent = traffic[job] as Map<string, Sent>;
        const slow = sent.get('slow') as Sent;
        const series = await eventually(async () => {
          const s = await exemplars(job);
          return s.some((x) => x.exemplars.some((e) => e.labels.trace_id === slow.traceId))
            ? s
            : undefined;
        }, `${job} exemplar of the slow request`);
        const lines = logLines((services[job] as Service).svc);
        const handlerLines = lines.filter((l) => l.message === 'loading order');
        const lineOf = (name: string) => handlerLines.find((l) => orderIdOf(l) === name);
        const traced = job.endsWith('_traced');
        // Span batches are exported concurrently: wait for the server span of every trace an
        // exemplar names (a wrong id times out, then the checks below say which one).
        const exemplarTraceIds = series.flatMap((s) => s.exemplars.map((e) => e.labels.trace_id));
        const spans = traced
          ? await receiver
              .waitForSpans((all) =>
                exemplarTraceIds.every((id) =>
                  all.some((s) => s.traceId === id && s.kind === SpanKind.SERVER),
                ),
              )
              .catch(() => receiver.spans())
          : [];
        const serverSpan = (traceId: string | undefined): ReceivedSpan | undefined =>
          spans.find((s) => s.traceId === traceId && s.kind === SpanKind.SERVER);

        // The slow request is alone in (0.25, 0.5]: its exemplar is exactly it.
        const slowLine = lineOf('slow') as Record<string, unknown>;
        expect(field(slowLine, 'trace.id')).toBe(slow.traceId);
        const slowSeries = series.find((s) =>
          s.exemplars.some((e) => e.labels.trace_id === slow.traceId),
        );
        expect(slowSeries?.seriesLabels).toMatchObject({
          le: '0.5',
          http_route: '/orders/:id',
          http_response_status_code: '200',
        });
        const slowExemplar = slowSeries?.exemplars.find(
          (e) => e.labels.trace_id === slow.traceId,
        ) as Exemplar;
        expect(Number(slowExemplar.value)).toBeGreaterThan(0.25);
        if (traced) {
          // The exemplar names our server span: the lines' transaction.id, the span Jaeger shows.
          const span = serverSpan(slow.traceId) as ReceivedSpan;
          expect(span.parentSpanId).toBe(slow.spanId);
          expect(slowExemplar.labels.span_id).toBe(span.spanId);
          expect(field(slowLine, 'transaction.id')).toBe(span.spanId);
        } else {
          // Sidecar-only: Envoy's span, the one the lines carry as span.id.
          expect(slowExemplar.labels.span_id).toBe(slow.spanId);
          expect(field(slowLine, 'span.id')).toBe(slow.spanId);
        }

        // Every exemplar names a request of this test whose log lines carry the same trace id.
        const all = series.flatMap((s) =>
          s.exemplars.map((e) => ({ ...e, series: s.seriesLabels })),
        );
        expect(all.length).toBeGreaterThan(0);
        const lineTraceIds = new Set(lines.map((l) => field(l, 'trace.id')).filter(Boolean));
        for (const e of all) {
          expect(e.labels.trace_id).toMatch(/^[0-9a-f]{32}$/);
          expect(e.labels.span_id).toMatch(/^[0-9a-f]{16}$/);
          expect(lineTraceIds.has(e.labels.trace_id)).toBe(true);
          if (traced) expect(serverSpan(e.labels.trace_id)?.spanId).toBe(e.labels.span_id);
        }
        // The unsampled request (Jaeger would not have it) and the one without trace context: none.
        expect(all.some((e) => e.labels.trace_id === sent.get('unsampled')?.traceId)).toBe(false);
        expect(all.filter((e) => e.series.le === '1')).toEqual([]);
        const untraced = all.filter((e) => e.series.le === '2.5');
        if (traced) {
          // Tracing started a sampled trace for it: that one is in Jaeger, so it gets an exemplar.
          const untracedLine = lineOf('untraced') as Record<string, unknown>;
          expect(untraced.map((e) => e.labels)).toEqual([
            {
              trace_id: field(untracedLine, 'trace.id'),
              span_id: field(untracedLine, 'transaction.id'),
            },
          ]);
        } else {
          expect(untraced).toEqual([]);
          expect(field(lineOf('untraced') as Record<string, unknown>, 'trace.id')).toBeUndefined();
        }
        // Their lines still carry their trace context (the unsampled one) or none (untraced).
        expect(field(lineOf('unsampled') as Record<string, unknown>, 'trace.id')).toBe(
          sent.get('unsampled')?.traceId,
        );
      });
    }

    it('scrapes are neither access-logged nor traced', async () => {
      const targets = await prometheus.api<{
        activeTargets: { health: string; scrapePool: string }[];
      }>('targets', {});
      expect(targets.activeTargets.map((t) => [t.scrapePool, t.health]).sort()).toEqual(
        ['express', 'express_traced', 'fastify', 'fastify_traced'].map((n) => [n, 'up']),
      );
      // Several scrapes of every service (1 s interval) before the logs are read.
      await eventually(async () => {
        const up = await prometheus.api<{ result: { value: [number, string] }[] }>('query', {
          query: 'count_over_time(up[10m]) > 3',
        });
        return up.result.length === 4 ? true : undefined;
      }, 'four scrapes of each service');
      for (const [name, service] of Object.entries(services)) {
        const paths = logLines(service.svc)
          .map((l) => (l.url as { path?: string } | undefined)?.path ?? l['url.path'])
          .filter((p) => p !== undefined);
        expect(paths.length, name).toBeGreaterThan(0);
        expect(
          paths.filter((p) => p === '/metrics' || p === '/healthz'),
          name,
        ).toEqual([]);
      }
      const scrapeSpans = receiver
        .spans()
        .filter((s) => JSON.stringify(s.attributes).includes('/metrics'));
      expect(scrapeSpans).toEqual([]);
      expect(receiver.spans().length).toBeGreaterThan(0);
      // The app port of the service with a separate metrics port does not serve /metrics.
      const onAppPort = await fetch(`${services.fastify_traced?.url}/metrics`);
      expect(onAppPort.status).toBe(404);
    });
  },
);
