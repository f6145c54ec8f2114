import { currentRequestId, inboundRequestId } from '@ecotrace/core';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { REQUEST_ID_KEY } from './context-keys.js';
import { noteInjectedRequestId } from './undici-request-id.js';

/** Whether the outgoing carrier already names a request id (the caller's explicit choice wins). */
function carrierHasRequestId(carrier: unknown): boolean {
  if (carrier === null || typeof carrier !== 'object') return false;
  for (const key of Object.keys(carrier)) {
    if (key.toLowerCase() === 'x-request-id') return true;
  }
  return false;
}

/**
 * Forwards the request's `x-request-id` to every outgoing request made while handling it, as
 * Istio asks apps to do, so one request keeps one id across services:
 * - the inbound id, read as the logger reads it (`inboundRequestId` from `@ecotrace/core`: the
 *   first value, when well-formed), carried in the OTel context from the server's extract;
 * - else the id the logger's middleware generated for a request that came without one
 *   (`currentRequestId`, the logger's request context, through core).
 * An id the app sets on the outgoing request itself wins, untouched: node:http hands us its
 * headers; fetch/undici hands us an empty carrier, so a duplicate appended there is taken out
 * again right after (undici-request-id.ts).
 *
 * @example
 * ```ts
 * new CompositePropagator({ propagators: [new EnvoyPropagator(), new RequestIdPropagator()] });
 * ```
 */
export class RequestIdPropagator implements TextMapPropagator {
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const value = inboundRequestId({ 'x-request-id': getter.get(carrier, 'x-request-id') });
    return value === undefined ? context : context.setValue(REQUEST_ID_KEY, value);
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const inbound = context.getValue(REQUEST_ID_KEY);
    const value = typeof inbound === 'string' ? inbound : currentRequestId();
    if (value === undefined || carrierHasRequestId(carrier)) return;
    setter.set(carrier, 'x-request-id', value);
    noteInjectedRequestId(value);
  }

  fields(): string[] {
    return ['x-request-id'];
  }
}
