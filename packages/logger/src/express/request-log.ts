import { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRequestContext } from '../http/request-state.js';

// The request's context, kept beside the request rather than on it: see request-state.ts on
// Express's prototype swap and what adding a property then costs on Node 20.
const contexts = new WeakMap<object, HttpRequestContext>();

const installed = new WeakSet<object>();

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
  get(this: IncomingMessage): Logger | undefined {
    return contexts.get(this)?.logger;
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
 * Express defines `req.ip` and friends) reads the context, so the child logger is only made when
 * something logs: a request that never logs pays no `child()`. When the prototype is not
 * Express's or already has a `log`, falls back to an own property (made eagerly).
 */
export function attachRequestLog(req: IncomingMessage, ctx: HttpRequestContext): void {
  contexts.set(req, ctx);
  const proto = expressRequestProto(req);
  if (proto !== null && installed.has(proto)) return;
  if (proto !== null && Object.getOwnPropertyDescriptor(proto, 'log') === undefined) {
    Object.defineProperty(proto, 'log', logAccessor);
    installed.add(proto);
    return;
  }
  defineOwnLog(req, ctx.logger);
}
