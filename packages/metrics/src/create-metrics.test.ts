import { Counter, type OpenMetricsContentType, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './index.js';

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
