import { warnOnce } from '@ecotrace/core';
import type { PropagatorName } from './from-names.js';

/**
 * Start-up self-check of `OTEL_PROPAGATORS` against what an Istio/Envoy (Zipkin) mesh needs;
 * warns once per finding, never throws. Each message says what really happens to the trace.
 */
export function checkPropagators(names: readonly PropagatorName[]): void {
  if (names.includes('none')) return;
  const list = names.join(',');
  if (!names.some((n) => n === 'envoy' || n === 'b3' || n === 'b3multi')) {
    warnOnce(
      'ECOTRACE_NO_B3_PROPAGATOR',
      `@ecotrace/tracing: no B3 propagator is active (OTEL_PROPAGATORS=${list}); Envoy's x-b3-* headers will be ignored and traces will break at this service. Add "envoy".`,
    );
    return;
  }
  if (names.includes('b3')) {
    // OTel's `b3` reads b3 and x-b3-* alike; what goes wrong is outbound
    // (docs/trace-context.md, "Using the result").
    const only = names.includes('envoy') || names.includes('b3multi') ? '' : ' only';
    warnOnce(
      'ECOTRACE_B3_SINGLE_OUTBOUND',
      `@ecotrace/tracing: OTEL_PROPAGATORS=${list} sends${only} the single "b3" header on outgoing requests (incoming b3 and x-b3-* headers are read as usual). ` +
        'Envoy never rewrites "b3" and every B3 reader prefers it, so the next service takes our client span as its parent instead of its sidecar\'s spans, which drop out of the trace tree (envoy#47515); ' +
        'OTel\'s b3 also sends an undecided sampling as "0" (a deny). Use "envoy" without "b3".',
    );
  }
}
