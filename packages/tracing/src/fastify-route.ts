import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';

interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyRequestLike, reply: unknown, done: () => void) => void,
  ): unknown;
}
interface FastifyRequestLike {
  routeOptions?: { url?: string };
  routerPath?: string;
}

/** Sets the matched route on the HTTP server span; http instrumentation turns it into `http.route` and the span name. */
function onRequest(request: FastifyRequestLike, _reply: unknown, done: () => void): void {
  try {
    const route = request.routeOptions?.url ?? request.routerPath;
    const metadata = getRPCMetadata(context.active());
    if (route && metadata?.type === RPCType.HTTP) metadata.route = route;
  } catch {
    // never break the request
  }
  done();
}

function onFastifyCreated(message: unknown): void {
  const fastify = (message as { fastify?: FastifyLike } | undefined)?.fastify;
  try {
    fastify?.addHook('onRequest', onRequest);
  } catch {
    // an instance in an odd state: no route on its spans, nothing worse
  }
}

/**
 * Gives Fastify's routes to the server span as `http.route`, for Fastify 4 and 5, without
 * `@fastify/otel`: every Fastify instance announces itself on the `fastify.initialization`
 * diagnostics channel at creation, and we add one `onRequest` hook that copies
 * `request.routeOptions.url` into the RPC metadata the http instrumentation reads when it ends
 * the span (the same mechanism the Express instrumentation uses).
 */
export function enableFastifyRoutes(): () => void {
  subscribe('fastify.initialization', onFastifyCreated);
  return () => unsubscribe('fastify.initialization', onFastifyCreated);
}
