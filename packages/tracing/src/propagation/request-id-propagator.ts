import { isWellFormedRequestId } from '@ecotrace/core';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { REQUEST_ID_KEY } from './context-keys.js';

/** Whether the outgoing carrier already names a request id (the caller's explicit choice wins). */
function carrierHasRequestId(carrier: unknown): boolean {
  if (carrier === null || typeof carrier !== 'object') return false;
  for (const key of Object.keys(carrier)) {
    if (key.toLowerCase() === 'x-request-id') return true;
  }
  return false;
}

/**
 * Forwards Envoy's `x-request-id` unchanged from the inbound request to every outgoing request
 * made while handling it, as Istio asks apps to do. The inbound value rides in the OTel context
 * (extracted by the http instrumentation together with the trace headers), so it reaches
 * node:http and fetch/undici alike without touching the app's code. Ill-formed ids (per
 * `isWellFormedRequestId`) are not forwarded.
 *
 * @example
 * ```ts
 * new CompositePropagator({ propagators: [new EnvoyPropagator(), new RequestIdPropagator()] });
 * ```
 */
export class RequestIdPropagator implements TextMapPropagator {
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const raw = getter.get(carrier, 'x-request-id');
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return isWellFormedRequestId(value) ? context.setValue(REQUEST_ID_KEY, value) : context;
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const value = context.getValue(REQUEST_ID_KEY);
    if (typeof value === 'string' && !carrierHasRequestId(carrier))
      setter.set(carrier, 'x-request-id', value);
  }

  fields(): string[] {
    return ['x-request-id'];
  }
}
