import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeader,
  ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { extractTraceContext, requestIdFrom } from '@ecotrace/core';
import type { Logger } from 'pino';
import type { RequestContext } from '../context/request-context.js';
import { shareRequestIds } from '../context/request-id-source.js';
import { serverSpanIds } from '../context/server-span.js';
import type { ResolvedHttpOptions } from './options.js';
import { bindRequestId } from './request-id-child.js';
import type { RequestTarget } from './request-url.js';

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
 * Node 20 (see track-request.ts), so every property read on them misses V8's inline caches.
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
