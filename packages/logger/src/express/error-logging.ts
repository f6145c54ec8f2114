import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { logRequestError } from '../http/request-error.js';

/**
 * Express error middleware: logs a handler's error once, with `error.*` and the request's ids,
 * then passes it on with `next(err)` so the response is whatever your error handlers (or
 * Express's default one) produce. Register it after your routes and before your own error
 * handlers. Express 5 routes rejected promises here itself; in Express 4, call `next(err)`.
 *
 * @example
 * ```ts
 * app.use(ecsLogging());
 * app.get('/boom', () => { throw new Error('boom'); });
 * app.use(ecsErrorLogging()); // one error line, then Express answers 500 as usual
 * ```
 */
export function ecsErrorLogging(): ErrorRequestHandler {
  return function ecsErrorLogging(
    err: unknown,
    _req: Request,
    _res: Response,
    next: NextFunction,
  ): void {
    logRequestError(err);
    next(err);
  };
}
