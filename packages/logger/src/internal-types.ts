import type { Logger } from 'pino';
import type { NamedChild } from './levels/set-level.js';
import { BOUND_KEYS, type BoundKeys } from './line/bound-keys.js';
import type { KeyCache } from './line/mapping-rules.js';
import type { RateLimiter } from './rate-limit.js';
import type { Redactor } from './redact/redactor.js';

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

/** Private symbols on pino instances created by `createLogger`. */
export const STATE = Symbol('ecotrace.state');
/** Bytes pino adds to each line of this logger: `{`, bindings, `}\n`. */
export const FIXED_BYTES = Symbol('ecotrace.fixedBytes');

/** A logger made by `createLogger` (or a child of one), with its private records. */
export type EcotraceLogger = Logger & {
  [STATE]: LoggerState;
  [BOUND_KEYS]: BoundKeys | undefined;
  [FIXED_BYTES]: number;
};
