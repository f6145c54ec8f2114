import type { Logger } from 'pino';
import { createLogger } from '../create-logger.js';
import { currentRequestContext } from './request-context.js';
import { rootLogger } from './root-logger.js';

/**
 * The current request's logger (with its bindings, e.g. `http.request.id`), else the root
 * logger: the first one `createLogger` made (or one made with `root: true`), or the one given to
 * `setRootLogger`.
 * When neither exists yet, creates a root with default options.
 *
 * @example
 * // in a queue consumer, a cron job, or deep inside a request
 * getLogger().info({ order: { id: 'A-17' } }, 'order placed');
 */
export function getLogger(): Logger {
  return currentRequestContext()?.logger ?? rootOrDefaultLogger();
}

/**
 * The root logger, created with default options on first use: what `getLogger()` returns outside
 * a request, and what a request's child is made from when the middleware got no `logger`.
 */
export function rootOrDefaultLogger(): Logger {
  return rootLogger() ?? createLogger();
}
