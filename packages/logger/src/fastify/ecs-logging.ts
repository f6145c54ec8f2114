import type { OutgoingHttpHeader, ServerResponse } from 'node:http';
import { requestIdFrom } from '@ecotrace/core';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import type { Logger } from 'pino';
import { rootOrDefaultLogger } from '../context/get-logger.js';
import { runWithRequestContext } from '../context/request-context.js';
import {
  type HttpLoggingOptions,
  type ResolvedHttpOptions,
  resolveHttpOptions,
} from '../http/options.js';
import { logRequestError, warnFailure } from '../http/request-error.js';
import {
  createRequestContext,
  type FrameworkAdapter,
  type HttpRequestContext,
  type RequestState,
} from '../http/request-state.js';
import { trackRequest } from '../http/track-request.js';
import { kFastifyContext, kRequestLogId } from '../internal-types.js';
import type { MarkedLogger } from './request-log.js';

/** Options of the Fastify plugin; see the README's table for defaults. */
export type EcsLoggingOptions = HttpLoggingOptions;

type WithContext = FastifyRequest & { [kFastifyContext]?: HttpRequestContext };

/** `http.route`: Fastify's route template (`/users/:id`); undefined for 404s. */
function fastifyRoute(state: RequestState): string | undefined {
  const request = state.frameworkRequest as FastifyRequest & { routerPath?: string };
  let url: unknown;
  try {
    url = request.routeOptions?.url ?? request.routerPath;
  } catch {
    return undefined;
  }
  return typeof url === 'string' ? url : undefined;
}

// Fastify hands its reply headers to writeHead, where res.getHeader() does not see them.
function fastifyResponseHeader(
  state: RequestState,
  res: ServerResponse,
  name: string,
): OutgoingHttpHeader | undefined {
  const value = (state.frameworkReply as FastifyReply).getHeader(name) as
    | OutgoingHttpHeader
    | undefined;
  return value ?? res.getHeader(name);
}

const FASTIFY: FrameworkAdapter = {
  routeOf: fastifyRoute,
  responseHeaderOf: fastifyResponseHeader,
};

function hooks(resolved: ResolvedHttpOptions) {
  // Fastify's body parser runs in an AsyncResource bound to the request (content-type-parser.js),
  // so the context entered here holds through parsing, validation and the handler.
  function onRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void {
    let ctx: HttpRequestContext;
    try {
      const log = request.log as MarkedLogger;
      const adopted = resolved.logger === undefined ? log[kRequestLogId] : undefined;
      if (adopted !== undefined) {
        // Fastify built through fastifyLoggerOptions: its request logger already is our child.
        ctx = createRequestContext(request.raw, log, adopted, log);
      } else {
        const logger = resolved.logger ?? rootOrDefaultLogger();
        ctx = createRequestContext(request.raw, logger, requestIdFrom(request.raw.headers));
        request.log = ctx.logger as FastifyRequest['log'];
      }
      trackRequest(ctx, request.raw, reply.raw, resolved, FASTIFY, request, reply);
      (request as WithContext)[kFastifyContext] = ctx;
    } catch (error) {
      warnFailure('ECOTRACE_FASTIFY_PLUGIN', 'the Fastify plugin failed', error);
      done();
      return;
    }
    runWithRequestContext(ctx, done);
  }

  function onError(
    request: FastifyRequest,
    _reply: FastifyReply,
    error: FastifyError,
    done: HookHandlerDoneFunction,
  ): void {
    const ctx = (request as WithContext)[kFastifyContext];
    if (ctx === undefined) logRequestError(error, request.log as Logger);
    else runWithRequestContext(ctx, () => logRequestError(error, ctx.logger));
    done();
  }

  return { onRequest, onError };
}

/**
 * Fastify plugin (Fastify 4 and 5), applied to the whole app (it skips encapsulation): each
 * request gets a context that every line written while handling it picks up (`trace.id`,
 * `span.id`, `transaction.id`, `http.request.id`), `request.log` becomes the request's ECS
 * logger, `x-request-id` is echoed, handler errors are logged once with `error.*`, and one ECS
 * access line is written when the response finishes or the client aborts. Build Fastify with
 * {@link fastifyLoggerOptions} so `fastify.log` is ours and Fastify's raw req/res lines are off.
 *
 * Options (defaults): `logger` (Fastify's logger when built with `fastifyLoggerOptions`, else
 * the root logger of `getLogger()`), `trustProxy` (`false`), `healthPaths`
 * (`DEFAULT_HEALTH_PATHS`), `requestHeaders` / `responseHeaders` (none), `redactQueryParams`
 * (none beyond the built-ins), `accessLevel` (5xx error, 4xx/aborted warn, else info),
 * `echoRequestId` (`true`).
 *
 * @throws TypeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createLogger } from '@ecotrace/logger';
 * import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';
 *
 * const app = Fastify({ ...fastifyLoggerOptions(createLogger()) });
 * await app.register(ecsLogging({ trustProxy: true }));
 * app.get('/orders/:id', async (request) => { request.log.info('loading order'); return { ok: true }; });
 * await app.listen({ host: '0.0.0.0', port: 3000 });
 * ```
 */
export function ecsLogging(options?: EcsLoggingOptions): FastifyPluginCallback {
  const resolved = resolveHttpOptions(options, 'ecsLogging');
  const { onRequest, onError } = hooks(resolved);
  const plugin = function ecsLogging(
    fastify: FastifyInstance,
    _opts: unknown,
    done: (err?: Error) => void,
  ): void {
    fastify.addHook('onRequest', onRequest);
    fastify.addHook('onError', onError);
    done();
  };
  // Apply to the whole app rather than an encapsulated child context (what fastify-plugin does).
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'ecsLogging',
    [Symbol.for('plugin-meta')]: { name: '@ecotrace/logger/fastify', fastify: '4.x || 5.x' },
  });
  return plugin as FastifyPluginCallback;
}
