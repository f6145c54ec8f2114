import type { DestinationStream, Level } from 'pino';
import type { RateLimitOptions } from './rate-limit.js';
import type { RedactConfig } from './redact/redactor.js';

export type { RateLimitOptions, RedactConfig };

/** Options of `createLogger`. Every option is optional; defaults come from the environment. */
export interface LoggerOptions {
  /**
   * Minimum level written. Default: env `LOG_LEVEL`, else `'info'`. `LOG_LEVEL` may also set
   * per-module levels, `LOG_LEVEL=info,db=debug` (module = a child's `name`, i.e. `log.logger`);
   * change levels at run time with `setLevel`.
   */
  level?: Level | 'silent';
  /**
   * `service.*` fields. Default: resolved by `resolveServiceIdentity` from @ecotrace/core
   * (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, the app's package.json, `HOSTNAME`).
   */
  service?: { name?: string; version?: string; environment?: string; namespace?: string };
  /** `event.dataset`. Default: the service name. */
  dataset?: string;
  /**
   * Where lines go: a file descriptor or a pino destination stream. Default: stdout, written
   * so that a full pipe never blocks the event loop, with a 16 MiB buffer (see README
   * "Destination and shutdown").
   */
  destination?: DestinationStream | number;
  /**
   * Redaction. Default: on for credential headers and password/secret/token-like keys.
   * `false` turns it off; a string array adds keys (no dot) and paths (dotted, from the root
   * of the logged object); an object sets `keys`, `paths`, `defaults` (keep the built-in list,
   * default true) and `censor` (default `"[REDACTED]"`).
   */
  redact?: false | readonly string[] | RedactConfig;
  /** Maximum UTF-8 bytes per line, newline included. Default 16 000 (containerd splits at 16 KiB). Minimum 1 024. */
  maxLineBytes?: number;
  /** Write `trace.id`/`span.id`/`transaction.id` from the active span or request context. Default true. */
  traceCorrelation?: boolean;
  /**
   * Log-storm limit: per (level, message template), the first `max` lines of each
   * `intervalMs` window are written and the rest counted; when the window ends one line
   * `suppressed N similar lines` (fields `ecotrace.suppressed_lines`,
   * `ecotrace.suppressed_template`) is written at their level, through the root logger.
   * Default: off (`false`). `{}` means `{ max: 100, intervalMs: 1000 }`.
   */
  rateLimit?: false | RateLimitOptions;
  /** `log.logger` of this logger. Default: none. */
  name?: string;
  /**
   * Flush on exit, SIGTERM/SIGINT and write the fatal line of an uncaught exception.
   * Default true.
   */
  handleExit?: boolean;
  /**
   * Whether this logger becomes the root logger (`getLogger()` outside a request, the parent of
   * the HTTP integrations' request loggers when they get no `logger`). Default: only the first
   * logger created becomes the root; `true` replaces the root; `false` never does (a second
   * logger for an audit file). `setRootLogger()` chooses one at any time.
   */
  root?: boolean;
  /**
   * pino serializers by key: the value under a key of a logged object goes through its
   * serializer first, then through the logger's ECS mapping rules. `err` is not taken (errors
   * are always ECS `error.*`). Default: none.
   */
  serializers?: Readonly<Record<string, (value: never) => unknown>>;
}

/** What `runWithTraceContext` accepts: ids, or incoming headers to extract them from. */
export type TraceContextInput =
  | { traceId: string; spanId: string; sampled?: boolean | null }
  | Readonly<Record<string, string | string[] | undefined>>;
