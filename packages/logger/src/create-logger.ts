import { publishLoggerService } from '@ecotrace/core';
import { ECS_VERSION } from '@ecotrace/ecs-schema';
import pino, { type DestinationStream, type Logger } from 'pino';
import { child, jsonBytes, setBindings } from './child.js';
import { rootLogger, setRootLogger } from './context/root-logger.js';
import { BOUND_KEYS, type EcotraceLogger, LINE_OVERHEAD_BYTES, STATE } from './internal-types.js';
import { extendBoundKeys } from './line/bound-keys.js';
import { buildLine, fallbackLine } from './line/build-line.js';
import { flushOnExit } from './output/exit-hooks.js';
import { type OwnedDestination, stdoutDestination } from './output/stdout-destination.js';
import {
  pinoChildMethods,
  setPendingPrefix,
  takePendingPrefix,
  writeDirect,
} from './pino-internals.js';
import { createRateLimiter } from './rate-limit.js';
import { type ResolvedOptions, resolveOptions } from './resolve-options.js';
import type { LoggerOptions } from './types.js';

/** The static fields, serialized once per logger by pino (its `base` bindings). */
function staticFields(o: ResolvedOptions): Record<string, string | number> {
  const id = o.identity;
  const base: Record<string, string | number> = {
    'ecs.version': ECS_VERSION,
    'service.name': id.name,
  };
  if (id.version !== undefined) base['service.version'] = id.version;
  if (id.environment !== undefined) base['service.environment'] = id.environment;
  if (id.namespace !== undefined) base['service.namespace'] = id.namespace;
  if (id.nodeName !== undefined) base['service.node.name'] = id.nodeName;
  base['event.dataset'] = o.dataset;
  base['host.hostname'] = id.hostname;
  base['process.pid'] = process.pid;
  if (o.name !== undefined) base['log.logger'] = o.name;
  return base;
}

// pino's `hooks.logMethod`: builds the whole line prefix and writes it with pino's cached head,
// bindings and line end (pino-internals.ts); where pino's write would add something, hands the
// prefix to the `timestamp` option through the pending slot and lets pino write with no object
// and no message of its own.
function logMethod(
  this: Logger,
  args: unknown[],
  method: (...a: unknown[]) => void,
  level: number,
): void {
  const limiter = (this as EcotraceLogger)[STATE].rateLimiter;
  if (limiter !== undefined && !limiter.allow(level, args)) return;
  let prefix: string;
  try {
    prefix = buildLine(this, args, level);
  } catch {
    prefix = fallbackLine(this, level);
  }
  if (writeDirect(this, level, prefix)) return;
  setPendingPrefix(prefix);
  method.call(this);
}

/**
 * Creates a pino `Logger` that writes one ECS JSON line per call: `@timestamp`, `log.level`,
 * `message` first, then trace ids (from the active OTel span or the request context, read at
 * write time), error fields, your fields made mapping-safe, and the static fields (`ecs.version`,
 * `service.*`, `event.dataset`, `host.hostname`, `process.pid`, `log.logger`) serialized once.
 * The first logger created (or one made with `root: true`) becomes the root logger `getLogger()`
 * returns outside requests. Throws a TypeError naming
 * the option (or env var) when an option is invalid; never throws while logging.
 *
 * Defaults: `level` from `LOG_LEVEL` else 'info'; `service` from OTEL_* env / package.json /
 * HOSTNAME; `dataset` = service name; `destination` stdout, never blocking; `redact` on for credential
 * words; `maxLineBytes` 16 000; `traceCorrelation` true; `name` none; `handleExit` true; `root` only
 * for the first logger; `serializers` none. Unknown options throw, naming the option.
 *
 * @example
 * import { createLogger } from '@ecotrace/logger';
 * const log = createLogger({ service: { name: 'checkout', version: '1.4.2' } });
 * log.info({ order: { id: 'A-17' } }, 'order placed');
 * // {"@timestamp":"…","log.level":"info","message":"order placed","order":{"id":"A-17"},"ecs.version":"9.4.0","service.name":"checkout",…}
 * log.error(new Error('card declined'), 'payment failed');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const o = resolveOptions(options, process.env);
  let made: Logger | undefined;
  // Summaries go through the logger at the suppressed lines' level (see rate-limit.ts).
  const rateLimiter = createRateLimiter(options.rateLimit, (level, template, suppressed) => {
    const label = made?.levels.labels[level];
    if (made === undefined || label === undefined) return;
    (made as unknown as Record<string, (o: object, m: string) => void>)[label]?.(
      { 'ecotrace.suppressed_lines': suppressed, 'ecotrace.suppressed_template': template },
      `suppressed ${suppressed} similar lines`,
    );
  });
  const owned = o.destination === undefined || typeof o.destination === 'number';
  const destination: DestinationStream = owned
    ? stdoutDestination(o.destination as number | undefined)
    : (o.destination as DestinationStream);
  const base = staticFields(o);
  const logger = pino(
    {
      level: o.level,
      messageKey: 'message',
      base,
      timestamp: takePendingPrefix,
      formatters: { level: () => ({}) },
      hooks: { logMethod },
      ...(o.serializers === undefined ? {} : { serializers: o.serializers as never }),
    },
    destination,
  ) as EcotraceLogger;
  logger[STATE] = {
    ...pinoChildMethods(logger),
    redactor: o.redactor,
    maxLineBytes: o.maxLineBytes,
    traceCorrelation: o.traceCorrelation,
    keyCache: new Map(),
    root: logger,
    moduleLevels: o.moduleLevels,
    namedChildren: new Set(),
    rateLimiter,
  };
  made = logger;
  // Summaries still pending when the process ends are written before the exit flush.
  if (rateLimiter !== undefined) process.once('exit', () => rateLimiter.flush());
  logger[BOUND_KEYS] = extendBoundKeys(undefined, Object.keys(base));
  logger[LINE_OVERHEAD_BYTES] = jsonBytes(base) + 2;
  Object.defineProperty(logger, 'child', { value: child, writable: true, configurable: true });
  Object.defineProperty(logger, 'setBindings', {
    value: setBindings,
    writable: true,
    configurable: true,
  });
  if (owned) {
    (destination as OwnedDestination).reportDropsWith((dropped) =>
      logger.warn(
        { 'ecotrace.dropped_lines': dropped },
        'logs dropped: the stdout buffer was full',
      ),
    );
  }
  if (o.handleExit) flushOnExit(destination as { flushSync?(): void }, rootLogger);
  // The root changes only when the app asks (issue 18): a second logger (an audit file) must not
  // take the request and access lines off the first one's destination.
  if (o.root === true || (o.root === undefined && rootLogger() === undefined)) {
    setRootLogger(logger);
    // Tracing started after the root logger takes its explicit service (see service-identity.ts).
    publishLoggerService({ identity: o.identity, explicit: o.explicitService });
  }
  return logger;
}
