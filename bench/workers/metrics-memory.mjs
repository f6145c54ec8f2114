// Memory per active series: heap bytes per distinct label set after GC, in a fresh process run
// with --expose-gc. `ecs-metrics` drives createMetrics().track() with stand-in request/response
// objects carrying B3 headers (so each series also holds one exemplar); the prom-client variants
// observe the same labels directly, with and without exemplars.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { runMain, send, workerConfig } from '../lib/worker-io.mjs';

const require = createRequire(import.meta.url);
const LABELS = ['http_request_method', 'http_route', 'http_response_status_code'];
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const HEADERS = {
  'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
  'x-b3-spanid': 'e457b5a2e4d86bd1',
  'x-b3-sampled': '1',
};

function heap() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

async function setup(variant) {
  const client = require('prom-client');
  if (variant === 'ecs-metrics') {
    const { createMetrics } = await import('@ecotrace/metrics');
    const metrics = createMetrics({ defaultMetrics: false, maxRoutes: 1e6 });
    return (i) => {
      const req = { method: 'GET', url: `/r${i}/1`, headers: HEADERS };
      const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: true });
      metrics.track(req, res, { route: `/r${i}/:id` });
      res.emit('close');
    };
  }
  const exemplars = variant === 'prom-client-histogram-exemplars';
  const registry = new client.Registry(
    exemplars ? client.Registry.OPENMETRICS_CONTENT_TYPE : undefined,
  );
  const histogram = new client.Histogram({
    name: 'h',
    help: 'h',
    labelNames: LABELS,
    buckets: BUCKETS,
    enableExemplars: exemplars,
    registers: [registry],
  });
  return (i) => {
    const labels = {
      http_request_method: 'GET',
      http_route: `/r${i}/:id`,
      http_response_status_code: '200',
    };
    if (exemplars) {
      histogram.observe({
        labels,
        value: 0.003,
        exemplarLabels: { trace_id: HEADERS['x-b3-traceid'], span_id: HEADERS['x-b3-spanid'] },
      });
    } else histogram.observe(labels, 0.003);
  };
}

async function main() {
  const { variant, series } = workerConfig();
  const observe = await setup(variant);
  observe(-1); // first-use allocations (shapes, caches) out of the measurement
  const before = heap();
  for (let i = 0; i < series; i++) observe(i);
  const after = heap();
  await send({ type: 'result', bytesPerSeries: (after - before) / series });
}

runMain(main);
