import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHealthPath } from '@ecotrace/core';
import { accessLine, accessLogger } from './access-line.js';
import type { ResolvedHttpOptions } from './options.js';
import { warnFailure } from './request-error.js';
import type { FrameworkAdapter, HttpRequestContext, RequestState } from './request-state.js';
import { splitTarget } from './request-url.js';

// Kept beside the response, not on it: Express swaps the prototype of every req/res
// (Object.setPrototypeOf), and on Node 20 (V8 11.3) adding a property to such an object gives it
// a map of its own, ~2.6 µs per store (a WeakMap entry ~0.3 µs; measured 2026-11). Node 24
// shares the map.
// Entries go when the response closes: entries left for the collector cost more than the store
// (state and response refer to each other; keeping them measured +10 µs per Express request).
const states = new WeakMap<object, RequestState>();

/** The context of the request `res` answers, until the response has closed. */
export function requestContextOf(res: object): HttpRequestContext | undefined {
  return states.get(res)?.ctx;
}

/**
 * Starts tracking one exchange: records the start time and target, echoes the request id, and
 * arranges for exactly one access line when the response closes (finished or aborted).
 * A shared listener reads the state from the response, so no closure is created per request.
 */
export function trackRequest(
  ctx: HttpRequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  options: ResolvedHttpOptions,
  adapter: FrameworkAdapter,
  frameworkRequest: unknown,
  frameworkReply: unknown,
): RequestState {
  const target = splitTarget(req.url);
  const state: RequestState = {
    ctx,
    method: req.method ?? 'GET',
    httpVersion: req.httpVersion,
    socket: req.socket,
    options,
    adapter,
    startNs: process.hrtime.bigint(),
    target,
    health: options.healthPaths.length > 0 && isHealthPath(target.path, options.healthPaths),
    frameworkRequest,
    frameworkReply,
  };
  if (options.echoRequestId) echoRequestId(res, ctx.requestId);
  states.set(res, state);
  res.on('close', onResponseClose);
  return state;
}

/**
 * `x-request-id` on the response. Not echoed when the headers are already out (a middleware
 * before ours answered) or Node refuses the value (an app's genReqId made one with a newline):
 * the request goes on either way. Caught rather than checked first, because on Node 20 every
 * read of an Express response's property misses V8's caches (see `states`).
 */
function echoRequestId(res: ServerResponse, requestId: string): void {
  try {
    res.setHeader('x-request-id', requestId);
  } catch {
    // Nothing to echo on; the access line still carries the id.
  }
}

function writeAccessLine(state: RequestState, res: ServerResponse): void {
  const ctx = state.ctx;
  // A request that never logged has no child: its line goes through the parent's access logger,
  // which binds the event fields, with `http.request.id` as a field instead of a binding.
  const hasLogger = ctx.hasLogger;
  const logger = hasLogger ? ctx.logger : accessLogger(ctx.parent);
  const line = accessLine(state, res, logger, hasLogger);
  if (line === undefined) return;
  if (!hasLogger) line.fields.string('http.request.id', ctx.requestId);
  logger[line.level](line.fields, line.message);
}

// The access line carries its request context (TrustedFields.context), so no
// AsyncLocalStorage.run() is needed here for it to get the request's trace ids.
function onResponseClose(this: ServerResponse): void {
  const state = states.get(this);
  if (state === undefined) return;
  states.delete(this);
  try {
    writeAccessLine(state, this);
  } catch (error) {
    warnFailure('ECOTRACE_ACCESS_LOG', 'writing an access line failed', error);
  }
}
