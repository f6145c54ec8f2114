import type { Logger } from 'pino';
import type { BoundKeys } from './line/bound-keys.js';
import type { KeyCache } from './line/field-context.js';
import type { RateLimiter } from './rate-limit.js';
import type { Redactor } from './redact/redactor.js';

/** A named child, weakly held: module levels apply to it until it is collected. */
export interface NamedChild {
  ref: WeakRef<Logger>;
  name: string;
}

/** Per-root settings, found by children through pino's prototype chain. */
export interface LoggerState {
  /** pino's own `child` and `setBindings`, called after our bindings pass. */
  pinoChild: (this: Logger, bindings: object, options?: object) => Logger;
  pinoSetBindings: (this: Logger, bindings: object) => void;
  redactor: Redactor | undefined;
  maxLineBytes: number;
  traceCorrelation: boolean;
  keyCache: KeyCache;
  /** The logger `createLogger` returned (setLevel changes its level). */
  root: Logger;
  /** Level per module name (`LOG_LEVEL=info,db=debug`, or `setLevel`). */
  moduleLevels: Map<string, string>;
  /** Children created with a `name`, weakly held, for `setLevel`. */
  namedChildren: Set<NamedChild>;
  /** Per (level, template) limiter when the `rateLimit` option is on. */
  rateLimiter: RateLimiter | undefined;
}

// Every private symbol of the package, in one place (pino's own symbols: pino-internals.ts).

/** Per-root settings (a {@link LoggerState}) on pino instances created by `createLogger`. */
export const STATE = Symbol('ecotrace.state');
/** Bytes pino adds to each line of this logger: `{`, bindings, `}\n`. */
export const LINE_OVERHEAD_BYTES = Symbol('ecotrace.lineOverheadBytes');
/**
 * The top-level keys a logger's bindings hold (line/bound-keys.ts); a Symbol so it never shows
 * up in pino's own bookkeeping.
 */
export const BOUND_KEYS = Symbol('ecotrace.boundKeys');
/**
 * Marks a request logger made by Fastify through our child factory; its value is the request id.
 * The plugin then adopts Fastify's `request.log` instead of making a second child per request.
 */
export const kRequestLogId = Symbol('ecotrace.fastify.requestLogId');
/** The request's context on Fastify's request object. */
export const kFastifyContext = Symbol('ecotrace.fastify.context');

/** A logger made by `createLogger` (or a child of one), with its private records. */
export type EcotraceLogger = Logger & {
  [STATE]: LoggerState;
  [BOUND_KEYS]: BoundKeys | undefined;
  [LINE_OVERHEAD_BYTES]: number;
};
