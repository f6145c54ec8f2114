import type { IncomingMessage } from 'node:http';
import { requestIdFrom } from '@ecotrace/core';
import type { ChildLoggerOptions, Logger } from 'pino';
import { bindRequestId } from '../http/request-id-child.js';
import { kRequestLogId } from '../internal-types.js';

/**
 * The logger Fastify hands the child factory. Typed by what the factory uses, so Fastify's own
 * `FastifyBaseLogger` (which lacks some pino `Logger` members) fits; at run time it is the
 * logger from createLogger() that `fastifyLoggerOptions` gave Fastify.
 */
export interface ParentLogger {
  child(bindings: Record<string, unknown>, options?: object): unknown;
}

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
  logger: ParentLogger,
  bindings: Record<string, unknown>,
  options?: ChildLoggerOptions,
): Logger {
  let id: unknown;
  for (const key in bindings) {
    id = bindings[key];
    break;
  }
  const requestId = typeof id === 'string' ? id : String(id);
  const child = bindRequestId(logger as Logger, requestId, options) as MarkedLogger;
  child[kRequestLogId] = requestId;
  return child;
}
