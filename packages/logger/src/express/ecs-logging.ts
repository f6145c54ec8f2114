import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { rootOrDefaultLogger } from '../context/get-logger.js';
import { runWithRequestContext } from '../context/request-context.js';
import { type HttpLoggingOptions, resolveHttpOptions } from '../http/options.js';
import { warnFailure } from '../http/request-error.js';
import {
  createRequestContext,
  type FrameworkAdapter,
  type HttpRequestContext,
  nodeResponseHeader,
  type RequestState,
} from '../http/request-state.js';
import { trackRequest } from '../http/track-request.js';
import { attachRequestLog } from './request-log.js';

/** Options of the Express middleware; see the README's table for defaults. */
export type EcsLoggingOptions = HttpLoggingOptions;

/** An Express request once the middleware ran: `req.log` is the request's logger. */
export type RequestWithLog = Request & { log: Logger };

/** `http.route`: the matched route template, prefixed by the mount path of its router. */
function expressRoute(state: RequestState): string | undefined {
  const req = state.frameworkRequest as Request;
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? (req.baseUrl ?? '') + path : undefined;
}

const EXPRESS: FrameworkAdapter = { routeOf: expressRoute, responseHeaderOf: nodeResponseHeader };

/**
 * Express middleware (Express 4 and 5): gives each request a context that every log line
 * written while handling it picks up (`trace.id`, `span.id`, `transaction.id`,
 * `http.request.id`), sets `req.log` to the request's logger, echoes `x-request-id`, and writes
 * one ECS access line when the response finishes or the client aborts. Register it first.
 * Pair it with {@link ecsErrorLogging} after your routes to log handler errors.
 *
 * Options (defaults): `logger` (the root logger of `getLogger()`), `trustProxy` (`false`),
 * `healthPaths` (`DEFAULT_HEALTH_PATHS`), `requestHeaders` / `responseHeaders` (none),
 * `redactQueryParams` (none beyond the built-ins), `accessLevel` (5xx error, 4xx/aborted warn,
 * else info), `echoRequestId` (`true`).
 *
 * @throws TypeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import express from 'express';
 * import { createLogger } from '@ecotrace/logger';
 * import { ecsErrorLogging, ecsLogging } from '@ecotrace/logger/express';
 *
 * const app = express();
 * app.use(ecsLogging({ logger: createLogger(), trustProxy: true }));
 * app.get('/orders/:id', (req, res) => { req.log.info('loading order'); res.json({ ok: true }); });
 * app.use(ecsErrorLogging());
 * ```
 */
export function ecsLogging(options?: EcsLoggingOptions): RequestHandler {
  const resolved = resolveHttpOptions(options, 'ecsLogging');
  const logger = resolved.logger;
  return function ecsLogging(req: Request, res: Response, next: NextFunction): void {
    let ctx: HttpRequestContext;
    try {
      ctx = createRequestContext(req, logger ?? rootOrDefaultLogger());
      trackRequest(ctx, req, res, resolved, EXPRESS, req, res);
      attachRequestLog(req, ctx);
    } catch (error) {
      // Logging must never cost the app a request.
      warnFailure('ECOTRACE_EXPRESS_MIDDLEWARE', 'the Express middleware failed', error);
      next();
      return;
    }
    runWithRequestContext(ctx, next);
  };
}
