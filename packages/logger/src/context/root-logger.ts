import type { Logger } from 'pino';

let root: Logger | undefined;

/**
 * Sets the logger `getLogger()` returns outside a request (`createLogger` calls it for the first
 * logger and for one made with `root: true`; call it to choose another).
 *
 * @example
 * setRootLogger(createLogger({ name: 'worker' }));
 */
export function setRootLogger(logger: Logger): void {
  root = logger;
}

/** The root logger, when one was created or set. */
export function rootLogger(): Logger | undefined {
  return root;
}
