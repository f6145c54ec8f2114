import { warnOnce } from '@ecotrace/core';
import type { Logger } from 'pino';
import { rootOrDefaultLogger } from '../context/get-logger.js';
import { currentRequestContext } from '../context/request-context.js';

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
    // No message of our own when the error has one: the line takes the error's, with any secret
    // inside it censored like the rest of the error text.
    const args: [object, string?] =
      err instanceof Error && err.message !== '' ? [{ err }] : [{ err }, 'request handler failed'];
    if (status !== undefined && status < 500) logger.warn(...args);
    else logger.error(...args);
  } catch (error) {
    warnFailure('ECOTRACE_ERROR_LOG', 'logging a request error failed', error);
  }
}

/**
 * Reports a failure on the request path once per code (core's `warnOnce`), instead of throwing
 * into the app (the request must go on) or flooding stderr (it may repeat per request).
 */
export function warnFailure(code: string, what: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  warnOnce(code, `@ecotrace/logger: ${what}: ${reason}`);
}
