import pino, { type Logger } from 'pino';
import { rootLogger } from '../context/root-logger.js';
import { isOwnedDestination } from './stdout-destination.js';

const STREAM = pino.symbols.streamSym;

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
      const stream = (logger as unknown as Record<symbol, unknown>)[STREAM];
      if (isOwnedDestination(stream)) return void stream.drained().then(resolve);
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}
