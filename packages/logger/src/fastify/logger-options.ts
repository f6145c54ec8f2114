import type { Logger } from 'pino';
import { ecotraceChildLogger, ecotraceGenReqId } from './request-log.js';

/** What {@link fastifyLoggerOptions} returns for Fastify 5 (spread into `Fastify({...})`). */
export interface FastifyV5LoggerOptions {
  loggerInstance: Logger;
  disableRequestLogging?: true;
  logController?: unknown;
  genReqId: typeof ecotraceGenReqId;
  childLoggerFactory: typeof ecotraceChildLogger;
}

/** What {@link fastifyLoggerOptions} returns for Fastify 4. */
export interface FastifyV4LoggerOptions {
  logger: Logger;
  disableRequestLogging: true;
  requestIdHeader: false;
  genReqId: typeof ecotraceGenReqId;
  childLoggerFactory: typeof ecotraceChildLogger;
}

/** Options of {@link fastifyLoggerOptions}. */
export interface FastifyLoggerOptionsConfig {
  /** Major version of Fastify in use. Default: `5`. */
  fastifyVersion?: 4 | 5;
  /**
   * Fastify ≥ 5.12's `LogController` class (`import { LogController } from 'fastify'`): when
   * given, request logging is disabled through it instead of the top-level
   * `disableRequestLogging`, which 5.12 deprecates (FSTDEP023). Default: not used.
   */
  LogController?: new (options: {
    disableRequestLogging: boolean;
  }) => unknown;
}

/**
 * Fastify constructor options that make `fastify.log` and `request.log` our ECS logger:
 * the logger (`loggerInstance` on Fastify 5, `logger` on 4), `disableRequestLogging` (Fastify's
 * own "incoming request"/"request completed"/error lines carry raw `req`/`res` objects; the
 * plugin writes ECS access and error lines instead), `genReqId` from `x-request-id`, and a
 * child factory binding the id as `http.request.id`.
 *
 * @param logger - a logger from `createLogger()`
 * @param config - `fastifyVersion` (default 5), `LogController` (default unused)
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createLogger } from '@ecotrace/logger';
 * import { ecsLogging, fastifyLoggerOptions } from '@ecotrace/logger/fastify';
 *
 * const app = Fastify({ ...fastifyLoggerOptions(createLogger()) });
 * await app.register(ecsLogging());
 * ```
 */
export function fastifyLoggerOptions(
  logger: Logger,
  config: { fastifyVersion: 4 },
): FastifyV4LoggerOptions;
export function fastifyLoggerOptions(
  logger: Logger,
  config?: FastifyLoggerOptionsConfig & { fastifyVersion?: 5 },
): FastifyV5LoggerOptions;
export function fastifyLoggerOptions(
  logger: Logger,
  config: FastifyLoggerOptionsConfig = {},
): FastifyV4LoggerOptions | FastifyV5LoggerOptions {
  if (logger === null || typeof logger !== 'object' || typeof logger.child !== 'function') {
    throw new TypeError('fastifyLoggerOptions: logger must be a pino logger (from createLogger())');
  }
  const version = config.fastifyVersion ?? 5;
  if (version !== 4 && version !== 5) {
    throw new TypeError('fastifyLoggerOptions: config.fastifyVersion must be 4 or 5');
  }
  const common = { genReqId: ecotraceGenReqId, childLoggerFactory: ecotraceChildLogger };
  if (version === 4) {
    // Fastify 4 reads `request-id` by default and would trust it raw; genReqId validates.
    return { logger, disableRequestLogging: true, requestIdHeader: false, ...common };
  }
  if (config.LogController !== undefined) {
    if (typeof config.LogController !== 'function') {
      throw new TypeError(
        'fastifyLoggerOptions: config.LogController must be the LogController class from fastify',
      );
    }
    return {
      loggerInstance: logger,
      logController: new config.LogController({ disableRequestLogging: true }),
      ...common,
    };
  }
  return { loggerInstance: logger, disableRequestLogging: true, ...common };
}
