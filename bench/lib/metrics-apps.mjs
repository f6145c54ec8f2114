// The servers of the metrics scenario: the same endpoint as http-overhead's, bare or with RED
// metrics. Peers are set up as their READMEs show; every setup serves GET /metrics (the sample
// step reads it to prove the setup records). Frameworks come through http-apps' builders.
import { createRequire } from 'node:module';
import { expressApp, fastifyApp } from './http-apps.mjs';
import { Unavailable } from './worker-io.mjs';

const require = createRequire(import.meta.url);

async function importOurs(subpath) {
  try {
    return await import(`@ecotrace/metrics${subpath}`);
  } catch (error) {
    throw new Unavailable(`@ecotrace/metrics${subpath} not built: ${error.message}`);
  }
}

const OPENMETRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

// The floor: one prom-client histogram with the same labels and buckets as ours, observed on
// 'finish' with the route template; no exemplars, no in-flight gauge, no default metrics.
function floorHistogram() {
  const client = require('prom-client');
  const registry = new client.Registry();
  const histogram = new client.Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests, in seconds.',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    registers: [registry],
  });
  const observe = (method, route, status, startNs) =>
    histogram.observe(
      {
        http_request_method: method,
        http_route: route ?? 'unmatched',
        http_response_status_code: status,
      },
      Number(process.hrtime.bigint() - startNs) / 1e9,
    );
  return { registry, observe };
}

/** App builders by name, as in http-apps.mjs. */
export const metricsApps = {
  'express-prom-floor': () => {
    const { registry, observe } = floorHistogram();
    return expressApp((app) => {
      app.get('/metrics', async (_req, res) =>
        res.type(registry.contentType).send(await registry.metrics()),
      );
      app.use((req, res, next) => {
        const start = process.hrtime.bigint();
        res.on('finish', () =>
          observe(
            req.method,
            req.route && req.baseUrl + req.route.path,
            String(res.statusCode),
            start,
          ),
        );
        next();
      });
    });
  },

  'express-ecs-metrics': async () => {
    const { ecsMetrics } = await importOurs('/express');
    return expressApp((app) => {
      app.use(ecsMetrics());
    });
  },

  // Ours without Node's default metrics: the request path alone, comparable with the floor.
  'express-ecs-metrics-lean': async () => {
    const { ecsMetrics } = await importOurs('/express');
    return expressApp((app) => {
      app.use(ecsMetrics({ defaultMetrics: false }));
    });
  },

  // express-prom-bundle's README setup with method, path and status labels and default metrics.
  'express-prom-bundle': () => {
    const promBundle = require('express-prom-bundle');
    return expressApp((app) => {
      app.use(
        promBundle({
          includeMethod: true,
          includePath: true,
          includeStatusCode: true,
          promClient: { collectDefaultMetrics: {} },
        }),
      );
    });
  },

  'fastify-prom-floor': () => {
    const { registry, observe } = floorHistogram();
    const kStart = Symbol('start');
    const plugin = (app, _opts, done) => {
      app.addHook('onRequest', (request, _reply, next) => {
        request[kStart] = process.hrtime.bigint();
        next();
      });
      app.addHook('onResponse', (request, reply, next) => {
        observe(
          request.method,
          request.routeOptions.url,
          String(reply.statusCode),
          request[kStart],
        );
        next();
      });
      app.get('/metrics', async (_request, reply) =>
        reply.type(registry.contentType).send(await registry.metrics()),
      );
      done();
    };
    plugin[Symbol.for('skip-override')] = true;
    return fastifyApp({}, plugin);
  },

  'fastify-ecs-metrics': async () => {
    const { ecsMetrics } = await importOurs('/fastify');
    return fastifyApp({}, ecsMetrics());
  },

  'fastify-ecs-metrics-lean': async () => {
    const { ecsMetrics } = await importOurs('/fastify');
    return fastifyApp({}, ecsMetrics({ defaultMetrics: false }));
  },

  // fastify-metrics with its defaults (route histogram + summary, default metrics).
  'fastify-metrics': () =>
    fastifyApp({}, require('fastify-metrics').default ?? require('fastify-metrics')),

  // fastify-metrics with its summary off: a histogram only, like ours.
  'fastify-metrics-hist': async () => {
    const Fastify = require('fastify');
    const fastifyMetrics = require('fastify-metrics').default ?? require('fastify-metrics');
    const app = Fastify({});
    await app.register(fastifyMetrics, {
      routeMetrics: { enabled: { histogram: true, summary: false } },
    });
    app.get('/orders/:id', async (request) => ({
      id: request.params.id,
      status: 'placed',
      items: 3,
      total: 42.5,
    }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    return app.server;
  },
};

export { OPENMETRICS };
