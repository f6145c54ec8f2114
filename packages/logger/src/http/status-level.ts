import type { Level } from 'pino';

/**
 * Picks the level of an access line. `statusCode` is undefined when the client went away before
 * any response header was sent.
 */
export type AccessLevelRule = (statusCode: number | undefined, aborted: boolean) => Level;

/**
 * The default rule: 5xx → `error`, 4xx → `warn`, an aborted request → `warn`, else `info`.
 *
 * @example
 * defaultAccessLevel(503, false); // 'error'
 */
export function defaultAccessLevel(statusCode: number | undefined, aborted: boolean): Level {
  if (statusCode !== undefined && statusCode >= 500) return 'error';
  if (aborted || (statusCode !== undefined && statusCode >= 400)) return 'warn';
  return 'info';
}

/**
 * `event.outcome` of an HTTP exchange, as Elastic's own HTTP integrations set it: a response
 * below 400 is a success, 4xx/5xx and a request the client aborted are failures.
 */
export function accessOutcome(
  statusCode: number | undefined,
  aborted: boolean,
): 'success' | 'failure' | 'unknown' {
  if (aborted) return 'failure';
  if (statusCode === undefined) return 'unknown';
  return statusCode >= 400 ? 'failure' : 'success';
}
