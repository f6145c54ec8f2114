/**
 * Paths of Kubernetes probes and Prometheus scrapes: traced or logged per request they drown
 * the real traffic, so the logger and tracing skip them by default.
 */
export const DEFAULT_HEALTH_PATHS: readonly string[] = Object.freeze([
  '/healthz',
  '/readyz',
  '/livez',
  '/metrics',
]);

/**
 * Whether a request path (query string and fragment ignored, one trailing `/` tolerated) is one
 * of `paths`. Never throws; a non-string path is not a health path.
 *
 * @param path - `req.url` or a path
 * @param paths - exact paths to match (default {@link DEFAULT_HEALTH_PATHS})
 * @example
 * ```ts
 * isHealthPath('/healthz?full=1'); // true
 * isHealthPath('/orders', ['/ping']); // false
 * ```
 */
export function isHealthPath(
  path: unknown,
  paths: readonly string[] = DEFAULT_HEALTH_PATHS,
): boolean {
  if (typeof path !== 'string' || paths.length === 0) return false;
  let end = path.length;
  const query = path.indexOf('?');
  if (query !== -1) end = query;
  const hash = path.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  if (end > 1 && path.charCodeAt(end - 1) === 47) end--; // trailing '/'
  const bare = end === path.length ? path : path.slice(0, end);
  return paths.includes(bare);
}
