import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type IntegrationOptions, integrationMetrics } from '../metrics-of.js';
import type { HttpMetrics } from '../types.js';

/** Options of the Express middleware; see the README's table for defaults. */
export type EcsMetricsOptions = IntegrationOptions;

/** The middleware, with the metrics it records into (its registry, `close()`, `ready()`). */
export type EcsMetricsMiddleware = RequestHandler & { readonly metrics: HttpMetrics };

function templateOf(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  // Regular expressions and arrays of paths are still the app's code, never the request's.
  if (path instanceof RegExp) return String(path);
  if (Array.isArray(path)) {
    const parts = path.map(templateOf);
    return parts.every((p) => p !== undefined) ? parts.join('|') : undefined;
  }
  return undefined;
}

/**
 * `http_route` of an Express request: the matched route's template, prefixed by the mount path
 * of its router; undefined when no route matched (404s).
 */
function expressRoute(_req: IncomingMessage, framework: unknown): string | undefined {
  const req = framework as Request;
  const template = templateOf(req.route?.path);
  return template === undefined ? undefined : (req.baseUrl ?? '') + template;
}

/**
 * Express middleware (Express 4 and 5): RED metrics for every request (duration histogram by
 * method, route template and status code, with a `trace_id` / `span_id` exemplar; in-flight
 * gauge), Node's process metrics, and `GET /metrics` (OpenMetrics with exemplars when the
 * scraper asks for it, else Prometheus text). Register it first, beside `ecsLogging()`.
 * Probes (`DEFAULT_HEALTH_PATHS`) and `/metrics` are not measured.
 *
 * Options (defaults): `path` (`'/metrics'`), `port` (unset: served by this middleware on the
 * app's port), `host` (`'0.0.0.0'`), `buckets` (OTel semconv's), `exemplars` (`'sampled'`),
 * `defaultMetrics` (`true`), `healthPaths` (`DEFAULT_HEALTH_PATHS`), `maxRoutes` (`500`),
 * `registry` (a new OpenMetrics registry), `metrics` (a new `createMetrics()`).
 *
 * @throws TypeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import express from 'express';
 * import { ecsLogging } from '@ecotrace/logger/express';
 * import { ecsMetrics } from '@ecotrace/metrics/express';
 *
 * const app = express();
 * app.use(ecsLogging(), ecsMetrics());
 * app.get('/orders/:id', (req, res) => res.json({ id: req.params.id }));
 * app.listen(3000); // Prometheus scrapes http://pod:3000/metrics
 * ```
 */
export function ecsMetrics(options?: EcsMetricsOptions): EcsMetricsMiddleware {
  const { metrics, internals } = integrationMetrics(options, 'ecsMetrics');
  const serveHere = !internals.separatePort;
  const middleware = function ecsMetrics(req: Request, res: Response, next: NextFunction): void {
    // One read of req.url: property reads of Express's request and response are dear.
    const url = req.url;
    if (serveHere && internals.isMetricsPath(url)) {
      internals.serve(req, res);
      return;
    }
    internals.begin(req, res, url, expressRoute, req);
    next();
  };
  return Object.assign(middleware, { metrics }) as EcsMetricsMiddleware;
}
