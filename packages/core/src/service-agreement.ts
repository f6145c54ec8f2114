import type { ServiceIdentity, ServiceIdentityOptions } from './types.js';

/**
 * What the logger publishes about the service it writes, for tracing started after it (the
 * other direction travels in `TracingState.service`). `Symbol.for` so it holds across copies.
 */
export interface LoggerService {
  /** The identity the logger writes as `service.*`. */
  identity: ServiceIdentity;
  /** The fields the app passed to `createLogger({ service })` itself (trimmed). */
  explicit: Pick<ServiceIdentityOptions, 'name' | 'version' | 'environment' | 'namespace'>;
}

const LOGGER_SERVICE: unique symbol = Symbol.for('ecotrace.logger-service') as never;

type GlobalWithService = typeof globalThis & { [LOGGER_SERVICE]?: LoggerService };

/**
 * Publishes the service the most recently created logger writes. Called by `createLogger()`.
 *
 * @example
 * ```ts
 * publishLoggerService({ identity, explicit: { name: 'checkout' } });
 * ```
 */
export function publishLoggerService(service: LoggerService): void {
  (globalThis as GlobalWithService)[LOGGER_SERVICE] = service;
}

/**
 * The service a logger created before tracing writes, or undefined when none was created.
 *
 * @example
 * ```ts
 * const name = loggerService()?.explicit.name ?? options.serviceName;
 * ```
 */
export function loggerService(): LoggerService | undefined {
  const service = (globalThis as GlobalWithService)[LOGGER_SERVICE];
  return service !== null && typeof service === 'object' && typeof service.identity === 'object'
    ? service
    : undefined;
}

const COMPARED = [
  ['name', 'service.name'],
  ['version', 'service.version'],
  ['environment', 'service.environment'],
  ['namespace', 'service.namespace'],
] as const;

/**
 * Where the logs' service and the spans' differ, in words naming both values
 * (`service.name: logs "checkout", spans "app"`), or undefined when they agree. The one rule both
 * packages use for the `ECOTRACE_SERVICE_MISMATCH` warning.
 *
 * @example
 * ```ts
 * describeServiceMismatch({ name: 'checkout', hostname: 'h' }, { name: 'app', hostname: 'h' });
 * // 'service.name: logs "checkout", spans "app"'
 * ```
 */
export function describeServiceMismatch(
  logs: ServiceIdentity,
  spans: ServiceIdentity,
): string | undefined {
  const parts: string[] = [];
  for (const [key, field] of COMPARED) {
    if (logs[key] !== spans[key]) {
      const show = (v: string | undefined) => (v === undefined ? 'unset' : JSON.stringify(v));
      parts.push(`${field}: logs ${show(logs[key])}, spans ${show(spans[key])}`);
    }
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}
