import type { Logger } from 'pino';
import { rootLogger } from '../context/root-logger.js';
import { streamOf } from '../pino-internals.js';
import { isOwnedDestination } from './stdout-destination.js';

/**
 * Writes out everything `logger` (default: the root logger) has buffered. Resolves when the
 * destination confirms; never rejects (a broken pipe has nothing left to flush).
 *
 * @example
 * await flushLogger();
 * process.exit(0);
 */
export function flushLogger(logger: Logger | undefined = rootLogger()): Promise<void> {
  return new Promise((resolve) => {
    if (logger === undefined) return resolve();
    try {
      const stream = streamOf(logger);
      if (isOwnedDestination(stream)) return void stream.drained().then(resolve);
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}
