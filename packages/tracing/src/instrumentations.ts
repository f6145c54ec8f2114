import { isHealthPath } from '@ecotrace/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/** http (health probes skipped), express, undici/fetch; then the user's. */
export function defaultInstrumentations(
  healthPaths: readonly string[],
  extra: Instrumentation[],
): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isHealthPath(request.url, healthPaths),
    }),
    new ExpressInstrumentation(),
    new UndiciInstrumentation(),
    ...extra,
  ];
}
