import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { OpenMetricsContentType, Registry } from 'prom-client';

/** A prom-client registry with the OpenMetrics content type (what exemplars need). */
export type OpenMetricsRegistry = Registry<OpenMetricsContentType>;

/**
 * Which observations carry an exemplar (`trace_id`, `span_id`):
 * - `'sampled'`: only requests whose trace was sampled (the OTel span's sampled flag, or the
 *   B3/W3C sampling decision on the request; a request that carried ids but no decision counts
 *   as sampled). An exemplar for an unsampled trace would be a link to a trace Jaeger never got.
 * - `'always'`: every request with trace context, sampled or not.
 * - `'never'`: no exemplars.
 */
export type ExemplarPolicy = 'sampled' | 'always' | 'never';

/** Options of `createMetrics()` and of the Express middleware / Fastify plugin. */
export interface MetricsOptions {
  /** Path the exposition is served on. Default: `'/metrics'`. */
  path?: string;
  /**
   * Serve the exposition on this port, on a server of its own, instead of on the app's port.
   * `0` picks a free port (see `HttpMetrics.ready()`). Default: unset (the app's port).
   */
  port?: number;
  /** Address of the separate metrics server. Default: `'0.0.0.0'`. */
  host?: string;
  /** Upper bounds of the duration histogram, seconds. Default: OTel semconv's (`DEFAULT_DURATION_BUCKETS`). */
  buckets?: readonly number[];
  /** Which observations carry a `trace_id` exemplar. Default: `'sampled'`. */
  exemplars?: ExemplarPolicy;
  /** Node/process default metrics (`collectDefaultMetrics`). Default: `true`. */
  defaultMetrics?: boolean;
  /** Paths that are not measured (probes). Default: core's `DEFAULT_HEALTH_PATHS`. The metrics path is never measured. */
  healthPaths?: readonly string[];
  /**
   * Most distinct `http_route` values; later new routes are counted under `'other'` (and a
   * warning is emitted once). A backstop: routes are templates, so only an app with very many
   * routes, or Express routers mounted at parameterised paths, reach it. Default: `500`.
   */
  maxRoutes?: number;
  /**
   * The prom-client registry to register in. It must use the OpenMetrics content type
   * (exemplars need it). Default: a new `Registry(Registry.OPENMETRICS_CONTENT_TYPE)`.
   */
  registry?: OpenMetricsRegistry;
}

/** Options of {@link HttpMetrics.track} (node:http servers). */
export interface TrackOptions {
  /**
   * The request's route template (`'/orders/:id'`), or a function returning it when the response
   * closes. Never the raw path. Default: none (`http_route="unmatched"`).
   */
  route?: string | ((req: IncomingMessage) => string | undefined);
}

/** The exposition of one scrape. */
export interface Exposition {
  /** `Content-Type` to answer with (OpenMetrics 1.0.0 or Prometheus text 0.0.4). */
  contentType: string;
  body: string;
}

/** What `createMetrics()` returns: the registry, the request recorder and the endpoint. */
export interface HttpMetrics {
  /** The prom-client registry (OpenMetrics): register your own metrics here too. */
  readonly registry: OpenMetricsRegistry;
  /** The path the exposition is served on. */
  readonly path: string;
  /**
   * Measures one request of a node:http server; recorded when the response closes. Probes
   * (`healthPaths`) and the metrics path are skipped. Never throws.
   */
  track(req: IncomingMessage, res: ServerResponse, options?: TrackOptions): void;
  /**
   * Answers `req` with the exposition when it is a GET/HEAD of `path` and returns true; else
   * returns false and leaves the response alone. Never throws.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** The exposition for an `Accept` header: OpenMetrics (with exemplars) when asked for, else Prometheus text. */
  render(accept?: string): Promise<Exposition>;
  /** The separate metrics server (option `port`), once created. */
  readonly server: Server | undefined;
  /** Resolves with the separate server's port once it listens; undefined without `port`. */
  ready(): Promise<number | undefined>;
  /** Closes the separate server and stops the default metrics' collectors. */
  close(): Promise<void>;
}
