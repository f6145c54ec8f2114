import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isHealthPath } from '@ecotrace/core';
import { collectDefaultMetrics } from 'prom-client';
import { createRenderer } from './exposition.js';
import type { RouteOf } from './internal-types.js';
import { resolveOptions } from './options.js';
import { Recorder } from './recorder.js';
import type { Exposition, HttpMetrics, MetricsOptions, TrackOptions } from './types.js';
import { warnOnce } from './warn-once.js';

/** What the framework integrations use beyond the public interface. */
export interface MetricsInternals {
  /** True when the exposition is served on a port of its own. */
  separatePort: boolean;
  /** Whether `url` is the exposition's path (core's rule). */
  isMetricsPath(url: string | undefined): boolean;
  /** Answers a scrape (GET/HEAD of the path; else 405). Never throws. */
  serve(req: IncomingMessage, res: ServerResponse): void;
  /** Starts measuring a request (`url` is `req.url`, read once by the caller: reads of an Express request are dear). Skips probes and the metrics path. Never throws. */
  begin(
    req: IncomingMessage,
    res: ServerResponse,
    url: string | undefined,
    routeOf: RouteOf | undefined,
    framework: unknown,
  ): void;
}

export const kInternals = Symbol('ecotrace.metrics.internals');
export type InternalMetrics = HttpMetrics & { [kInternals]: MetricsInternals };

function fixedRoute(route: TrackOptions['route']): RouteOf | undefined {
  if (route === undefined) return undefined;
  if (typeof route === 'function') return (req) => route(req);
  if (typeof route === 'string') return () => route;
  return undefined; // track() never throws: an odd route counts as unmatched.
}

/**
 * Creates the RED metrics of one HTTP service in a prom-client registry: the request-duration
 * histogram with `trace_id` exemplars, the in-flight gauge and (by default) Node's process
 * metrics, plus the `/metrics` endpoint. The Express middleware and Fastify plugin build one for
 * you; use this directly for node:http servers or to share one registry.
 *
 * Options (defaults): `path` (`'/metrics'`), `port` (unset: served on the app's port), `host`
 * (`'0.0.0.0'`), `buckets` (`DEFAULT_DURATION_BUCKETS`), `exemplars` (`'sampled'`),
 * `defaultMetrics` (`true`), `healthPaths` (`DEFAULT_HEALTH_PATHS`), `maxRoutes` (`500`),
 * `registry` (a new OpenMetrics registry).
 *
 * @throws TypeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createMetrics } from '@ecotrace/metrics';
 *
 * const metrics = createMetrics();
 * createServer((req, res) => {
 *   if (metrics.handle(req, res)) return; // GET /metrics
 *   metrics.track(req, res, { route: '/orders/:id' });
 *   res.end('ok');
 * }).listen(3000);
 * ```
 */
export function createMetrics(options?: MetricsOptions): HttpMetrics {
  const resolved = resolveOptions(options, 'createMetrics');
  const { registry, path } = resolved;
  const recorder = new Recorder(registry, resolved);
  if (resolved.defaultMetrics) {
    try {
      collectDefaultMetrics({ register: registry });
    } catch (error) {
      throw new TypeError(
        `createMetrics: options.defaultMetrics: the registry already has Node's default metrics (${(error as Error).message}); pass defaultMetrics: false`,
      );
    }
  }
  const render = createRenderer(registry);
  const ownPath = [path];

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    // core's path rule (query cut, one trailing '/' tolerated), as the logger and tracing use it.
    if (!isHealthPath(req.url, ownPath)) return false;
    serve(req, res);
    return true;
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    render(req.headers.accept).then(
      (exposition: Exposition) => {
        res.writeHead(200, { 'content-type': exposition.contentType });
        res.end(req.method === 'HEAD' ? undefined : exposition.body);
      },
      (error: unknown) => {
        warnOnce('ECOTRACE_METRICS_RENDER', 'rendering the metrics failed', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  }

  let server: Server | undefined;
  let listening: Promise<number | undefined> = Promise.resolve(undefined);
  if (resolved.port !== undefined) {
    const own = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end();
    });
    server = own;
    listening = new Promise((resolve, reject) => {
      own.once('error', reject);
      own.listen(resolved.port, resolved.host, () => {
        own.off('error', reject);
        const address = own.address();
        resolve(typeof address === 'object' && address !== null ? address.port : undefined);
      });
    });
    // A failed listen is reported through ready(); never as an unhandled rejection.
    listening.catch((error: unknown) =>
      warnOnce(
        'ECOTRACE_METRICS_LISTEN',
        `the metrics server could not listen on port ${resolved.port}`,
        error,
      ),
    );
  }

  function begin(
    req: IncomingMessage,
    res: ServerResponse,
    url: string | undefined,
    routeOf: RouteOf | undefined,
    framework: unknown,
  ): void {
    try {
      recorder.begin(req, res, url, routeOf, framework);
    } catch (error) {
      warnOnce('ECOTRACE_METRICS_BEGIN', 'measuring a request failed', error);
    }
  }

  const metrics: InternalMetrics = {
    registry,
    path,
    track(req, res, trackOptions) {
      begin(req, res, req.url, fixedRoute(trackOptions?.route), undefined);
    },
    handle(req, res) {
      try {
        return handle(req, res);
      } catch (error) {
        warnOnce('ECOTRACE_METRICS_SERVE', 'serving the metrics failed', error);
        return false;
      }
    },
    render,
    get server() {
      return server;
    },
    ready: () => listening,
    close() {
      const own = server;
      if (own === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        own.close(() => resolve());
        own.closeAllConnections?.();
      });
    },
    [kInternals]: {
      separatePort: resolved.port !== undefined,
      isMetricsPath: (url) => isHealthPath(url, ownPath),
      serve(req, res) {
        try {
          serve(req, res);
        } catch (error) {
          warnOnce('ECOTRACE_METRICS_SERVE', 'serving the metrics failed', error);
        }
      },
      begin,
    },
  };
  return metrics;
}

/** The internals of a value `createMetrics()` returned, or undefined for anything else. */
export function internalsOf(metrics: unknown): MetricsInternals | undefined {
  return typeof metrics === 'object' && metrics !== null
    ? (metrics as Partial<InternalMetrics>)[kInternals]
    : undefined;
}
