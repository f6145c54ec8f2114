import type { IncomingMessage } from 'node:http';
import { requestIdFrom } from '@ecotrace/core';
import type { Logger } from 'pino';
import { bindRequestId } from '../http/request-id-child.js';

/**
 * Marks a request logger made by {@link ecotraceChildLogger}; its value is the request id. The
 * plugin then adopts Fastify's `request.log` instead of making a second child per request.
 */
export const kRequestLogId = Symbol('ecotrace.fastify.requestLogId');

/** A request logger Fastify created through our child factory. */
export type MarkedLogger = Logger & { [kRequestLogId]?: string };

/**
 * Fastify `genReqId`: Envoy's `x-request-id` when well-formed, else a new UUID (Fastify would
 * otherwise trust a `request-id` header raw, or count). Included by `fastifyLoggerOptions`.
 *
 * @example
 * ```ts
 * const app = Fastify({ genReqId: ecotraceGenReqId });
 * ```
 */
export function ecotraceGenReqId(req: IncomingMessage): string {
  return requestIdFrom(req.headers);
}

/**
 * Fastify `childLoggerFactory`: binds the request id as ECS `http.request.id` (instead of
 * Fastify's `reqId`, which ECS does not know) and marks the child for the plugin. Included by
 * `fastifyLoggerOptions`.
 *
 * @example
 * ```ts
 * const app = Fastify({ loggerInstance: createLogger(), childLoggerFactory: ecotraceChildLogger });
 * ```
 */
export function ecotraceChildLogger(
  logger: Logger,
  bindings: Record<string, unknown>,
  options: Record<string, unknown>,
): Logger {
  let id: unknown;
  for (const key in bindings) {
    id = bindings[key];
    break;
  }
  const requestId = typeof id === 'string' ? id : String(id);
  const child = bindRequestId(logger, requestId, options) as MarkedLogger;
  child[kRequestLogId] = requestId;
  return child;
}
