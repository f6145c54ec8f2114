import { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { getLogger } from '../context/get-logger.js';
import type { HttpRequestContext } from '../http/request-state.js';
import { requestContextOf } from '../http/track-request.js';

const installed = new WeakSet<object>();
// The prototype the accessor was last installed on or found on (one Express copy per app).
let lastProto: object | null = null;

function defineOwnLog(req: object, logger: unknown): void {
  Object.defineProperty(req, 'log', {
    value: logger,
    writable: true,
    configurable: true,
    enumerable: true,
  });
}

const logAccessor: PropertyDescriptor = {
  configurable: true,
  // The context lives beside the response (track-request.ts), which Express links as `req.res`;
  // nothing is stored on the request (see track-request.ts on what that costs on Node 20). Once
  // the response has closed it is gone: then `req.log` is `getLogger()`, the request's logger
  // wherever its async context reaches (timers and callbacks it started), else the root.
  get(this: IncomingMessage & { res?: object }): Logger {
    const res = this.res;
    return (res === undefined ? undefined : requestContextOf(res)?.logger) ?? getLogger();
  },
  // Assigning req.log (another middleware, a test) makes it a plain own property again.
  set(this: IncomingMessage, logger: unknown) {
    defineOwnLog(this, logger);
  },
};

// Express's request prototype (shared by every app of one Express copy): app.request's parent.
function expressRequestProto(req: IncomingMessage): object | null {
  const appRequest = Object.getPrototypeOf(req) as object | null;
  const base = appRequest === null ? null : (Object.getPrototypeOf(appRequest) as object | null);
  return base === null || base === IncomingMessage.prototype || base === Object.prototype
    ? null
    : base;
}

/**
 * Makes `req.log` the request's logger. A `log` accessor on Express's request prototype (as
 * Express defines `req.ip` and friends) reads the request's context through `req.res`, so the
 * child logger is only made when something logs: a request that never logs pays no `child()`.
 * When the prototype is not Express's or already has a `log`, falls back to an own property
 * (made eagerly).
 */
export function attachRequestLog(req: IncomingMessage, ctx: HttpRequestContext): void {
  const proto = expressRequestProto(req);
  if (proto !== null && (proto === lastProto || installed.has(proto))) {
    lastProto = proto;
    return;
  }
  if (proto !== null && Object.getOwnPropertyDescriptor(proto, 'log') === undefined) {
    Object.defineProperty(proto, 'log', logAccessor);
    installed.add(proto);
    lastProto = proto;
    return;
  }
  defineOwnLog(req, ctx.logger);
}
