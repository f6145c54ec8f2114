/** `http_route` of a request no route template matched (404s, node:http without a route). */
export const UNMATCHED_ROUTE = 'unmatched';
/** `http_route` of new routes once `maxRoutes` distinct ones were seen. */
export const OVERFLOW_ROUTE = 'other';
/** `http_response_status_code` of a request whose client went away before the response ended. */
export const ABORTED_STATUS = 'aborted';

// OTel semconv `http.request.method`: the known methods as they are, every other one `_OTHER`,
// so a client inventing methods cannot create series.
const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'QUERY',
  'TRACE',
]);

/** The `http_request_method` label of a request method. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : '_OTHER';
}

/** The `http_response_status_code` label: the status sent, or `'aborted'`. */
export function statusLabel(statusCode: number, finished: boolean): string {
  if (!finished) return ABORTED_STATUS;
  return Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 999
    ? String(statusCode)
    : '_OTHER';
}

/**
 * Bounds the number of distinct `http_route` values. Templates come from the app's code, so the
 * set is small; the cap guards against what the code does not control (see `maxRoutes`).
 */
export class RouteLabels {
  private readonly seen = new Set<string>();
  overflowed = false;

  constructor(private readonly max: number) {}

  /** The label for a template (undefined → `unmatched`); `other` once the cap is reached. */
  label(template: string | undefined): string {
    if (template === undefined || template === '') return UNMATCHED_ROUTE;
    if (this.seen.has(template)) return template;
    if (this.seen.size >= this.max) {
      this.overflowed = true;
      return OVERFLOW_ROUTE;
    }
    this.seen.add(template);
    return template;
  }
}
