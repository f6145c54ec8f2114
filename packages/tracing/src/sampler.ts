import { type Attributes, type Context, type Link, type SpanKind, trace } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { isDeferredParent, ROOT_DECISION_KEY } from './propagation/context-keys.js';

export const SAMPLER_NAMES = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

/** Builds a sampler from its `OTEL_TRACES_SAMPLER` name; throws naming `source`/`argSource` on bad input. */
export function samplerFromName(
  name: string,
  arg: string | undefined,
  source: string,
  argSource: string,
): Sampler {
  const ratio = (): number => {
    if (arg === undefined || arg.trim() === '') return 1;
    const value = Number(arg);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error(`@ecotrace/tracing: ${argSource} must be a number in [0, 1], got "${arg}"`);
    }
    return value;
  };
  switch (name.trim().toLowerCase()) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio());
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio()) });
    default:
      throw new Error(
        `@ecotrace/tracing: unknown sampler "${name}" in ${source}; supported: ${SAMPLER_NAMES.join(', ')}`,
      );
  }
}

/**
 * Wraps the configured sampler so B3's three states survive OTel's two:
 * - remote parent with a deferred decision (B3 sampled absent): the configured sampler decides
 *   as if for a root span (its parent is removed from the context it sees). A parent-based
 *   sampler would otherwise read traceFlags 0 as "not sampled" and deny — the spurious deny
 *   OTel's B3 propagator produces (docs/trace-context.md, R3).
 * - no parent but an upstream sampling-only decision (`b3: 1`, `x-b3-sampled: 0`): honoured.
 * - everything else: the configured sampler, unchanged.
 * The span's traceFlags then carry OUR decision, which is what gets injected downstream.
 */
export class EnvoyAwareSampler implements Sampler {
  constructor(private readonly configured: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent && isDeferredParent(context, parent.spanId, parent.isRemote)) {
      return this.configured.shouldSample(
        trace.deleteSpan(context),
        traceId,
        spanName,
        spanKind,
        attributes,
        links,
      );
    }
    if (!parent) {
      const decided = context.getValue(ROOT_DECISION_KEY);
      if (decided === true) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
      if (decided === false) return { decision: SamplingDecision.NOT_RECORD };
    }
    return this.configured.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `EnvoyAwareSampler{${this.configured.toString()}}`;
  }
}
