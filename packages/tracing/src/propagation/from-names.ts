import type { TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { EnvoyPropagator } from './envoy-propagator.js';
import { RequestIdPropagator } from './request-id-propagator.js';

/** Names accepted in `OTEL_PROPAGATORS` / the `propagators` option. */
export const PROPAGATOR_NAMES = [
  'envoy',
  'tracecontext',
  'baggage',
  'b3',
  'b3multi',
  'none',
] as const;
export type PropagatorName = (typeof PROPAGATOR_NAMES)[number];

/** Our default: the Envoy/Istio preset plus W3C baggage. */
export const DEFAULT_PROPAGATORS: readonly PropagatorName[] = ['envoy', 'baggage'];

const FACTORIES: Record<Exclude<PropagatorName, 'none'>, () => TextMapPropagator> = {
  envoy: () => new EnvoyPropagator(),
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  // As OTel defines them: `b3` = single header, `b3multi` = multi headers.
  b3: () => new B3Propagator(),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
};

/** Validates names (throwing with `source`, e.g. "OTEL_PROPAGATORS", in the message). */
export function parsePropagatorNames(names: readonly string[], source: string): PropagatorName[] {
  const out: PropagatorName[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (!(PROPAGATOR_NAMES as readonly string[]).includes(name)) {
      throw new Error(
        `@ecotrace/tracing: unknown propagator "${raw.trim()}" in ${source}; supported: ${PROPAGATOR_NAMES.join(', ')}`,
      );
    }
    if (!out.includes(name as PropagatorName)) out.push(name as PropagatorName);
  }
  return out;
}

/**
 * The composite propagator for validated names, or null for `none`. Order is kept (on extract
 * the last propagator with a valid context wins, as in OTel). `x-request-id` forwarding is
 * always added: Istio requires it whatever the trace format.
 */
export function propagatorFromNames(names: readonly PropagatorName[]): TextMapPropagator | null {
  if (names.includes('none')) return null;
  const propagators = names.map((name) => FACTORIES[name as Exclude<PropagatorName, 'none'>]());
  propagators.push(new RequestIdPropagator());
  return new CompositePropagator({ propagators });
}
