import type { IncomingMessage } from 'node:http';
import type {
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { type IntegrationOptions, integrationMetrics } from '../metrics-of.js';
import type { HttpMetrics } from '../types.js';

/** Options of the Fastify plugin; see the README's table for defaults. */
export type EcsMetricsOptions = IntegrationOptions;

/** The plugin, with the metrics it records into (its registry, `close()`, `ready()`). */
export type EcsMetricsPlugin = FastifyPluginCallback & { readonly metrics: HttpMetrics };

/** `http_route`: Fastify's route template (`/users/:id`, with its prefix); undefined for 404s. */
function fastifyRoute(_req: IncomingMessage, framework: unknown): string | undefined {
  const request = framework as FastifyRequest & { routerPath?: string };
  // A 404 has no route; Fastify 5 gives its url as undefined, Fastify 4's routerPath too.
  if (request.is404 === true) return undefined;
  const url: unknown = request.routeOptions?.url ?? request.routerPath;
  return typeof url === 'string' ? url : undefined;
}

/**
 * Fastify plugin (Fastify 4 and 5), applied to the whole app (it skips encapsulation): RED
 * metrics for every request (duration histogram by method, route template and status code, with
 * a `trace_id` / `span_id` exemplar; in-flight gauge), Node's process metrics, and a
 * `GET /metrics` route (OpenMetrics with exemplars when the scraper asks for it, else
 * Prometheus text). Probes (`DEFAULT_HEALTH_PATHS`) and `/metrics` are not measured.
 *
 * Options (defaults): `path` (`'/metrics'`), `port` (unset: a route on the app's port), `host`
 * (`'0.0.0.0'`), `buckets` (OTel semconv's), `exemplars` (`'sampled'`), `defaultMetrics`
 * (`true`), `healthPaths` (`DEFAULT_HEALTH_PATHS`), `maxRoutes` (`500`), `registry` (a new
 * OpenMetrics registry), `metrics` (a new `createMetrics()`).
 *
 * @throws TypeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createLogger } from '@ecotrace/logger';
 * import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';
 * import { ecsMetrics } from '@ecotrace/metrics/fastify';
 *
 * const app = Fastify({ ...fastifyLoggerOptions(createLogger()) });
 * await app.register(ecsLogging());
 * await app.register(ecsMetrics());
 * app.get('/orders/:id', async (request) => ({ id: (request.params as { id: string }).id }));
 * await app.listen({ host: '0.0.0.0', port: 3000 });
 * ```
 */
export function ecsMetrics(options?: EcsMetricsOptions): EcsMetricsPlugin {
  const { metrics, internals } = integrationMetrics(options, 'ecsMetrics');
  function onRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    const raw = request.raw;
    internals.begin(raw, reply.raw, raw.url, fastifyRoute, request);
    done();
  }
  const plugin = function ecsMetrics(
    fastify: FastifyInstance,
    _opts: unknown,
    done: (err?: Error) => void,
  ): void {
    fastify.addHook('onRequest', onRequest);
    if (!internals.separatePort) {
      fastify.get(metrics.path, async (request, reply) => {
        const exposition = await metrics.render(request.headers.accept);
        return reply.type(exposition.contentType).send(exposition.body);
      });
    }
    done();
  };
  // Apply to the whole app rather than an encapsulated child context (what fastify-plugin does).
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'ecsMetrics',
    [Symbol.for('plugin-meta')]: { name: '@ecotrace/metrics/fastify', fastify: '4.x || 5.x' },
    metrics,
  });
  return plugin as EcsMetricsPlugin;
}
