import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, type OpenMetricsContentType, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './index.js';
import { EXEMPLAR_REFRESH_MS } from './recorder.js';

/** One request through track(), answered at once with `status`. */
function request(
  metrics: ReturnType<typeof createMetrics>,
  headers: Record<string, string>,
  route = '/a/:id',
) {
  const req = { method: 'GET', url: '/a/1', headers } as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: true });
  metrics.track(req, res as unknown as ServerResponse, { route });
  res.emit('close');
}
const b3 = (traceId: string, sampled = '1') => ({
  'x-b3-traceid': traceId,
  'x-b3-spanid': 'a2fb4a1d1a96d312',
  'x-b3-sampled': sampled,
});
const exemplarIds = async (metrics: ReturnType<typeof createMetrics>) =>
  [...(await metrics.render(OM)).body.matchAll(/trace_id="([0-9a-f]+)"/g)].map((m) => m[1]);

const OM = 'application/openmetrics-text; version=1.0.0';

describe('createMetrics', () => {
  it('throws at construction for bad options, naming the option', () => {
    expect(() => createMetrics({ path: 'metrics' })).toThrow(/options\.path/);
    expect(() => createMetrics({ port: 70000 })).toThrow(/options\.port/);
    expect(() => createMetrics({ buckets: [1, 0.5] })).toThrow(/options\.buckets/);
    expect(() => createMetrics({ exemplars: 'some' as never })).toThrow(/options\.exemplars/);
    expect(() => createMetrics({ maxRoutes: 0 })).toThrow(/options\.maxRoutes/);
    expect(() => createMetrics({ healthPaths: [1] as never })).toThrow(/options\.healthPaths/);
    // Exemplars need an OpenMetrics registry; prom-client's default is Prometheus text.
    expect(() => createMetrics({ registry: new Registry() as never })).toThrow(/options\.registry/);
    // prom-client's typings declare no constructor argument: set the type after construction.
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    createMetrics({ registry });
    expect(() => createMetrics({ registry, defaultMetrics: false })).toThrow(
      /already been registered/,
    );
  });

  it("keeps counters' _total in Prometheus text after an OpenMetrics render, also when renders overlap", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const orders = new Counter({
      name: 'orders_placed_total',
      help: 'Orders.',
      registers: [metrics.registry],
    });
    orders.inc();
    const [om, text, om2, text2] = await Promise.all([
      metrics.render(OM),
      metrics.render('*/*'),
      metrics.render(OM),
      metrics.render(undefined),
    ]);
    for (const r of [text, text2]) {
      expect(r.contentType).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
      expect(r.body).toContain('# TYPE orders_placed_total counter\norders_placed_total 1');
    }
    for (const r of [om, om2]) {
      expect(r.contentType).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
      expect(r.body).toContain('# TYPE orders_placed counter\norders_placed_total 1');
      expect(r.body.endsWith('# EOF\n')).toBe(true);
    }
    // The registry is left an OpenMetrics one, so the app can still create exemplar metrics in it.
    expect(metrics.registry.contentType).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
  });

  it("refreshes a bucket's exemplar at most once a second; an unsampled request takes no turn", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    request(metrics, b3('1'.repeat(32), '0')); // unsampled: no exemplar, the slot stays free
    request(metrics, b3('2'.repeat(32)));
    request(metrics, b3('3'.repeat(32))); // same bucket, same second: kept out
    expect(await exemplarIds(metrics)).toEqual(['2'.repeat(32)]);
    await new Promise((r) => setTimeout(r, EXEMPLAR_REFRESH_MS + 50));
    request(metrics, b3('4'.repeat(32)));
    expect(await exemplarIds(metrics)).toEqual(['4'.repeat(32)]);
    // Another series has its own slots.
    request(metrics, b3('5'.repeat(32)), '/b/:id');
    expect((await exemplarIds(metrics)).sort()).toEqual(['4'.repeat(32), '5'.repeat(32)]);
  });

  it('serves on a port of its own, GET and HEAD only', async () => {
    const metrics = createMetrics({ port: 0, host: '127.0.0.1', defaultMetrics: false });
    try {
      const port = await metrics.ready();
      const base = `http://127.0.0.1:${port}`;
      const res = await fetch(`${base}/metrics`, { headers: { accept: OM } });
      expect(res.headers.get('content-type')).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
      expect(await res.text()).toContain('# TYPE http_server_request_duration_seconds histogram');
      expect((await fetch(`${base}/metrics`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await metrics.close();
    }
  });
});
