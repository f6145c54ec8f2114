import type { Logger } from 'pino';
import { rootOrDefaultLogger } from '../context/get-logger.js';
import { currentRequestContext } from '../context/request-context.js';
import { warnOnce } from './warn-once.js';

// Errors already logged: a handler error passes through several layers (framework hook, our
// error middleware registered twice, a re-thrown error) but must give one line.
const logged = new WeakSet<object>();

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown };
  const status = e.statusCode ?? e.status;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

/**
 * Logs an error thrown while handling the current request, once, through the request's logger
 * (so it carries the request's ids) with the error under `err` (serialized to `error.*`).
 * Level: `warn` for client errors (`status`/`statusCode` 4xx), else `error`. Never throws.
 */
export function logRequestError(err: unknown, fallback?: Logger): void {
  try {
    if (typeof err === 'object' && err !== null) {
      if (logged.has(err)) return;
      logged.add(err);
    }
    const logger = currentRequestContext()?.logger ?? fallback ?? rootOrDefaultLogger();
    const status = statusOf(err);
    const message = err instanceof Error ? err.message : 'request handler failed';
    if (status !== undefined && status < 500) logger.warn({ err }, message);
    else logger.error({ err }, message || 'request handler failed');
  } catch (error) {
    warnOnce('ECOTRACE_ERROR_LOG', 'logging a request error failed', error);
  }
}
