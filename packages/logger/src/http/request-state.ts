import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeader,
  ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { extractTraceContext, isHealthPath, requestIdFrom } from '@ecotrace/core';
import type { Logger } from 'pino';
import type { RequestContext } from '../context/request-context.js';
import { shareRequestIds } from '../context/request-id-source.js';
import { serverSpanIds } from '../context/server-span.js';
import { accessLine, accessLogger } from './access-line.js';
import type { ResolvedHttpOptions } from './options.js';
import { bindRequestId } from './request-id-child.js';
import { type RequestTarget, splitTarget } from './request-url.js';
import { warnOnce } from './warn-once.js';

/** Reads the matched route template (`/users/:id`) from the framework, at the end of the request. */
export type RouteOf = (state: RequestState) => string | undefined;

/**
 * One response header as sent. `res.getHeader()` misses headers a framework passes straight to
 * `writeHead` (Fastify does), so the framework may read its own reply.
 */
export type ResponseHeaderOf = (
  state: RequestState,
  res: ServerResponse,
  name: string,
) => OutgoingHttpHeader | undefined;

/** Reads a response header Node stored: right for Express and plain node:http. */
export function nodeResponseHeader(
  _state: RequestState,
  res: ServerResponse,
  name: string,
): OutgoingHttpHeader | undefined {
  return res.getHeader(name);
}

/** How the access line reads what only the framework knows. */
export interface FrameworkAdapter {
  routeOf: RouteOf;
  responseHeaderOf: ResponseHeaderOf;
}

/**
 * Everything the access line needs, captured at request start and kept beside the response.
 * The request's fields are read once, here: Express's req/res each get a map of their own on
 * Node 20 (see `states`), so every property read on them misses V8's inline caches.
 */
export interface RequestState {
  /** The request's context; its `headers` are the request's, read once. */
  readonly ctx: HttpRequestContext;
  readonly method: string;
  readonly httpVersion: string;
  readonly socket: Socket | null;
  readonly options: ResolvedHttpOptions;
  readonly adapter: FrameworkAdapter;
  readonly startNs: bigint;
  readonly target: RequestTarget;
  readonly health: boolean;
  /** Framework object the route getter reads (Fastify's request); the raw request otherwise. */
  readonly frameworkRequest: unknown;
  /** Framework reply object (Fastify's reply); the raw response otherwise. */
  readonly frameworkReply: unknown;
}

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
 * A request's context whose child logger is made on first use: a request that never logs
 * (most fast JSON endpoints) then costs no `child()` at all, and its access line goes through
 * the parent logger with `http.request.id` as a field instead of a binding.
 */
export class HttpRequestContext implements RequestContext {
  trace: RequestContext['trace'] = undefined;
  transactionId: string | undefined = undefined;
  readonly requestId: string;
  traceHeadersPresent = false;
  /** The logger the request's child derives from. */
  readonly parent: Logger;
  #logger: Logger | undefined;

  /** The request's headers, read once (see {@link RequestState}). */
  readonly headers: IncomingHttpHeaders;

  constructor(
    parent: Logger,
    headers: IncomingHttpHeaders,
    requestId: string,
    requestLogger: Logger | undefined,
  ) {
    this.parent = parent;
    this.headers = headers;
    this.requestId = requestId;
    this.#logger = requestLogger;
  }

  /** The request's logger (`req.log`, `getLogger()`): a child binding `http.request.id`. */
  get logger(): Logger {
    this.#logger ??= bindRequestId(this.parent, this.requestId);
    return this.#logger;
  }

  set logger(logger: Logger) {
    this.#logger = logger;
  }

  /** Whether the request's logger exists yet (made lazily, or handed in by the framework). */
  get hasLogger(): boolean {
    return this.#logger !== undefined;
  }
}

/**
 * Builds the request context: `http.request.id` from `x-request-id` (or a new UUID), trace ids
 * from the active server span when tracing runs (its id becomes `transaction.id`), else from the
 * B3 / traceparent headers the sidecar sent. `requestLogger` is an existing request logger that
 * already binds the id (Fastify's, built by our child factory).
 */
export function createRequestContext(
  req: IncomingMessage,
  logger: Logger,
  requestId?: string,
  requestLogger?: Logger,
): HttpRequestContext {
  shareRequestIds();
  // Read once: on Node 20 each read of an Express request's property misses V8's caches.
  const headers = req.headers;
  const ctx = new HttpRequestContext(
    logger,
    headers,
    requestId ?? requestIdFrom(headers),
    requestLogger,
  );
  const span = serverSpanIds();
  if (span !== undefined) {
    // Kept for lines written where the OTel context is lost (e.g. a socket 'close' listener).
    ctx.trace = { traceId: span.traceId, spanId: span.spanId, sampled: null };
    ctx.transactionId = span.spanId;
    ctx.traceHeadersPresent = true;
    return ctx;
  }
  const extracted = extractTraceContext(headers);
  if (extracted.valid) {
    ctx.trace = {
      traceId: extracted.traceId!,
      spanId: extracted.spanId!,
      sampled: extracted.sampled,
    };
    ctx.traceHeadersPresent = true;
  }
  return ctx;
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
    warnOnce('ECOTRACE_ACCESS_LOG', 'writing an access line failed', error);
  }
}
