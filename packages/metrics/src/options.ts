import { DEFAULT_HEALTH_PATHS } from '@ecotrace/core';
import { Registry } from 'prom-client';
import type { ExemplarPolicy, MetricsOptions, OpenMetricsRegistry } from './types.js';

/**
 * OTel semconv's advice for `http.server.request.duration` (seconds): fine below 100 ms where
 * most requests land, up to 10 s for the slow ones an exemplar should lead to.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
]);

/** Options after validation. */
export interface ResolvedOptions {
  path: string;
  port: number | undefined;
  host: string;
  buckets: number[];
  exemplars: ExemplarPolicy;
  defaultMetrics: boolean;
  healthPaths: readonly string[];
  maxRoutes: number;
  registry: OpenMetricsRegistry;
}

const POLICIES: readonly string[] = ['sampled', 'always', 'never'];

/** Validates options once, at construction, throwing a TypeError that names the bad option. */
export function resolveOptions(
  options: MetricsOptions | undefined,
  prefix: string,
): ResolvedOptions {
  const o = options ?? {};
  if (typeof o !== 'object' || o === null)
    throw new TypeError(`${prefix}: options must be an object`);
  const fail = (message: string): never => {
    throw new TypeError(`${prefix}: options.${message}`);
  };
  const path = o.path ?? '/metrics';
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#\s]/.test(path)) {
    fail('path must be a path starting with "/" (no query, no spaces)');
  }
  const port = o.port;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    fail('port must be an integer from 0 to 65535');
  }
  const host = o.host ?? '0.0.0.0';
  if (typeof host !== 'string' || host === '') fail('host must be a non-empty string');
  const buckets = o.buckets ?? DEFAULT_DURATION_BUCKETS;
  if (
    !Array.isArray(buckets) ||
    buckets.length === 0 ||
    buckets.some(
      (b, i) => !(Number.isFinite(b) && b > 0 && (i === 0 || b > (buckets[i - 1] as number))),
    )
  ) {
    fail('buckets must be a non-empty array of increasing positive numbers (seconds)');
  }
  const exemplars = o.exemplars ?? 'sampled';
  if (!POLICIES.includes(exemplars)) fail(`exemplars must be one of ${POLICIES.join(', ')}`);
  const defaultMetrics = o.defaultMetrics ?? true;
  if (typeof defaultMetrics !== 'boolean') fail('defaultMetrics must be a boolean');
  const healthPaths = o.healthPaths ?? DEFAULT_HEALTH_PATHS;
  if (!Array.isArray(healthPaths) || healthPaths.some((p) => typeof p !== 'string')) {
    fail('healthPaths must be an array of strings');
  }
  const maxRoutes = o.maxRoutes ?? 500;
  if (!(Number.isInteger(maxRoutes) && maxRoutes >= 1)) fail('maxRoutes must be an integer >= 1');
  const registry: OpenMetricsRegistry =
    o.registry ??
    new (Registry as new (type: string) => OpenMetricsRegistry)(Registry.OPENMETRICS_CONTENT_TYPE);
  // Duck-typed: the app's prom-client may be another installed copy than ours.
  if (
    typeof registry !== 'object' ||
    registry === null ||
    typeof registry.metrics !== 'function' ||
    (registry.contentType as string) !== Registry.OPENMETRICS_CONTENT_TYPE
  ) {
    fail(
      'registry must be a prom-client Registry created with Registry.OPENMETRICS_CONTENT_TYPE (exemplars need it)',
    );
  }
  return {
    path,
    port,
    host,
    buckets: [...buckets],
    exemplars,
    defaultMetrics,
    healthPaths: Object.freeze([...healthPaths, path]),
    maxRoutes,
    registry,
  };
}
