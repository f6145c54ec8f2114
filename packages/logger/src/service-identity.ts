import {
  describeServiceMismatch,
  getTracingState,
  type LoggerService,
  resolveServiceIdentity,
  type ServiceIdentity,
  warnOnce,
} from '@ecotrace/core';

type Explicit = LoggerService['explicit'];
const FIELDS = ['name', 'version', 'environment', 'namespace'] as const;

/**
 * The `service.*` a new logger writes. While tracing runs, the identity it resolved for the
 * spans' resource (`TracingState.service`) is the service: the logger adopts it, so logs and
 * spans agree without configuring both. Fields the app passed to `createLogger` itself still
 * win in the logs (an explicit value is never silently replaced), and one that differs from the
 * spans' warns once, naming both values. Without tracing, the usual resolution from core.
 */
export function loggerServiceIdentity(explicit: Explicit, env: NodeJS.ProcessEnv): ServiceIdentity {
  const fromTracing = getTracingState()?.service;
  if (fromTracing === undefined || typeof fromTracing !== 'object') {
    return resolveServiceIdentity(explicit, env);
  }
  const identity: ServiceIdentity = { ...fromTracing };
  for (const key of FIELDS) {
    const value = explicit[key];
    if (value !== undefined) identity[key] = value;
  }
  const mismatch = describeServiceMismatch(identity, fromTracing);
  if (mismatch !== undefined) {
    warnOnce(
      'ECOTRACE_SERVICE_MISMATCH',
      `@ecotrace/logger: createLogger({ service }) differs from the service tracing started with, so logs and spans name different services (${mismatch}). ` +
        'Name the service once: OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, or the same values in startTracing() and createLogger().',
    );
  }
  return identity;
}

/** The explicit `service` option, trimmed, without unset fields. */
export function explicitService(
  service: Partial<Record<(typeof FIELDS)[number], string | undefined>>,
): Explicit {
  const out: Explicit = {};
  for (const key of FIELDS) {
    const value = service[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}
