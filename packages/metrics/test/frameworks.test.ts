// Every supported server (Express 4 and 5, Fastify 4 and 5, node:http) with @ecotrace/logger:
// route templates as labels, counts, exemplars in the OpenMetrics exposition and none in the
// Prometheus text, cardinality under 10,000 distinct raw paths, hostile paths, methods and
// header values. Reads /metrics directly (the Prometheus test covers the scrape itself).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  envoyHeaders,
  logLines,
  type Service,
  samplesOf,
  seriesOf,
  startService,
} from './helpers.js';

const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
const DURATION = 'http_server_request_duration_seconds';

async function scrape(
  service: Service,
  accept = OPENMETRICS,
): Promise<{ type: string; body: string }> {
  const res = await fetch(`http://${service.metricsTarget}/metrics`, { headers: { accept } });
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** A raw request: paths and methods fetch() would normalise or refuse. */
function raw(service: Service, method: string, path: string, headers: Record<string, string> = {}) {
  const url = new URL(service.url);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent: keepAlive },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

import { Agent } from 'node:http';

const keepAlive = new Agent({ keepAlive: true, maxSockets: 16 });

const frameworks = ['express5', 'express4', 'fastify5', 'fastify4', 'http'] as const;

describe.each(frameworks)('%s', (framework) => {
  let service: Service;
  const routed = framework !== 'http';

  beforeAll(async () => {
    service = await startService(framework);
  });
  afterAll(async () => {
    await service.svc.stop();
  });

  it('labels by route template and method, counts each request once, skips probes and /metrics', async () => {
    const sent = [];
    for (let i = 0; i < 5; i++) {
      const e = envoyHeaders();
      sent.push(e);
      expect(await raw(service, 'GET', `/orders/${i}?q=${i}`, e.headers)).toBe(200);
    }
    if (routed) expect(await raw(service, 'GET', '/api/items/abc')).toBe(200);
    expect(await raw(service, 'GET', '/no/such/path')).toBe(404);
    await raw(service, 'GET', '/healthz');
    await raw(service, 'GET', '/metrics');
    const { type, body } = await scrape(service);
    expect(type).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(body.endsWith('# EOF\n')).toBe(true);
    const counts = Object.fromEntries(
      samplesOf(body, `${DURATION}_count`).map((s) => [
        `${s.labels.http_request_method} ${s.labels.http_route} ${s.labels.http_response_status_code}`,
        Number(s.rest),
      ]),
    );
    expect(counts).toEqual({
      'GET /orders/:id 200': 5,
      ...(routed ? { 'GET /api/items/:sku 200': 1 } : {}),
      'GET unmatched 404': 1,
    });
    // Exemplars: each names one of the requests sent, as its log lines do.
    const exemplars = samplesOf(body, `${DURATION}_bucket`)
      .filter((s) => s.rest.includes('#'))
      .map((s) => /trace_id="([0-9a-f]{32})",span_id="([0-9a-f]{16})"/.exec(s.rest)?.slice(1));
    expect(exemplars.length).toBeGreaterThan(0);
    const lineIds = new Set(
      logLines(service.svc)
        .filter((l) => l.message === 'loading order')
        .map((l) => `${l['trace.id']} ${l['span.id']}`),
    );
    for (const e of exemplars) {
      expect(e).toBeDefined();
      expect(sent.some((s) => s.traceId === e?.[0] && s.spanId === e?.[1])).toBe(true);
      expect(lineIds.has(`${e?.[0]} ${e?.[1]}`)).toBe(true);
    }
    // In-flight gauge and Node's default metrics are there; nothing is in flight now.
    expect(samplesOf(body, 'http_server_active_requests').map((s) => s.rest)).toContain('0');
    expect(body).toContain('# TYPE process_cpu_seconds counter');
    expect(body).toContain('process_cpu_seconds_total ');
  });

  it('answers Prometheus text (no exemplars, counters keep _total) when OpenMetrics is not asked for', async () => {
    for (const accept of ['*/*', 'text/plain;version=0.0.4', '']) {
      const { type, body } = await scrape(service, accept);
      expect(type).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(body).not.toContain('trace_id');
      expect(body).not.toContain('# EOF');
      expect(body).toContain('# TYPE process_cpu_seconds_total counter');
      expect(samplesOf(body, `${DURATION}_count`).length).toBeGreaterThan(0);
    }
  });

  it('10,000 requests to distinct raw paths create no new series; hostile input never becomes a label', async () => {
    await raw(service, 'GET', '/orders/warm');
    await raw(service, 'GET', '/warm/404');
    await raw(service, 'DELETE', '/orders/warm');
    await raw(service, 'DELETE', '/warm/404');
    const before = await scrape(service);
    const seriesBefore = seriesOf(before.body, `${DURATION}_count`);
    const hostilePaths = [
      '/orders/{le="1"}',
      '/orders/%22%7D%20evil%7B',
      '/orders/a"b\\c',
      // Within Fastify's maxParamLength (100): longer ids get its 414 before any hook runs.
      `/orders/${'x'.repeat(90)}`,
      '/metrics/../orders/1',
      '/%2e%2e/%2e%2e/etc/passwd',
    ];
    const hostileHeaders = [
      { 'x-b3-traceid': '"} 1 # EOF', 'x-b3-spanid': 'a2fb4a1d1a96d312' },
      { b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90"}' },
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01,{le="x"}' },
      { 'x-b3-traceid': 'g'.repeat(32), 'x-b3-spanid': 'h'.repeat(16) },
    ];
    let n = 0;
    const jobs: Promise<number>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const path =
        i % 3 === 0
          ? `/orders/${i}-${Math.random().toString(36).slice(2)}`
          : i % 3 === 1
            ? `/random/${i}/${Math.random().toString(36).slice(2)}?x=${i}`
            : (hostilePaths[i % hostilePaths.length] as string);
      const headers = (i % 7 === 0 ? hostileHeaders[i % hostileHeaders.length] : {}) as Record<
        string,
        string
      >;
      const method = i % 11 === 0 ? 'DELETE' : 'GET';
      jobs.push(raw(service, method, path, headers));
      if (jobs.length === 16) {
        n += (await Promise.all(jobs)).length;
        jobs.length = 0;
      }
    }
    n += (await Promise.all(jobs)).length;
    expect(n).toBe(10_000);
    const after = await scrape(service);
    const seriesAfter = seriesOf(after.body, `${DURATION}_count`);
    expect([...seriesAfter].sort()).toEqual([...seriesBefore].sort());
    // Every label value is one the app's code or the fixed set chose.
    const allowedRoutes = new Set(['/orders/:id', '/api/items/:sku', 'unmatched']);
    for (const sample of samplesOf(after.body, `${DURATION}_bucket`)) {
      expect(allowedRoutes.has(sample.labels.http_route as string)).toBe(true);
      expect(['GET', 'DELETE', 'HEAD']).toContain(sample.labels.http_request_method);
      expect(sample.labels.http_response_status_code).toMatch(/^[1-5][0-9][0-9]$/);
      // An exemplar, when present, is two hex ids and nothing else.
      const exemplar = sample.rest.split(' # ')[1];
      if (exemplar !== undefined) {
        expect(exemplar).toMatch(
          /^\{trace_id="[0-9a-f]{32}",span_id="[0-9a-f]{16}"\} [0-9.e-]+ [0-9.]+$/,
        );
      }
    }
    // The only counted requests are the 10,000 and the warm-up ones, nothing twice.
    const total = (body: string) =>
      samplesOf(body, `${DURATION}_count`).reduce((sum, s) => sum + Number(s.rest), 0);
    expect(total(after.body) - total(before.body)).toBe(10_000);
  }, 120_000);

  it('a method outside the known set is counted as _OTHER', async () => {
    // Node's parser accepts a fixed list; PROPFIND is on it but not in OTel's.
    await raw(service, 'PROPFIND', '/orders/1');
    const { body } = await scrape(service);
    const methods = new Set(
      samplesOf(body, `${DURATION}_count`).map((s) => s.labels.http_request_method),
    );
    expect(methods.has('_OTHER')).toBe(true);
    expect(methods.has('PROPFIND')).toBe(false);
  });
});
