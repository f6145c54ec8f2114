import type { Logger } from 'pino';
import { rootLogger } from '../context/root-logger.js';
import { createLogger } from '../create-logger.js';

/**
 * The logger a request's child is made from when no `logger` option was given: the root logger
 * (`getLogger()` outside a request), created with default options on first use.
 */
export function requestRootLogger(): Logger {
  return rootLogger() ?? createLogger();
}
