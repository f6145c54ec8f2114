import { type Context, createContextKey } from '@opentelemetry/api';

/**
 * Span id of a remote parent whose sampling decision was deferred (B3 sampled absent). OTel has
 * no "deferred" flag (opentelemetry-java#3517), so the remote span context carries traceFlags 0
 * and this key tells our sampler and our inject that 0 means "undecided", not "deny".
 */
export const DEFERRED_PARENT_KEY = createContextKey('ecotrace.b3.deferred-parent');

/** Set when the inbound B3 context was a debug trace (`x-b3-flags: 1` / `d`), so we pass debug on. */
export const B3_DEBUG_KEY = createContextKey('ecotrace.b3.debug');

/**
 * A B3 sampling decision sent without ids (`b3: 0|1|d`, `x-b3-sampled` alone): the caller's
 * decision for the new root trace we start (docs/trace-context.md, R5 and "Using the result").
 */
export const ROOT_DECISION_KEY = createContextKey('ecotrace.b3.root-decision');

/** The inbound `x-request-id`, forwarded unchanged on outgoing requests made within the request. */
export const REQUEST_ID_KEY = createContextKey('ecotrace.request-id');

/** True when `spanId` is the remote parent recorded as deferred in `ctx`. */
export function isDeferredParent(
  ctx: Context,
  spanId: string,
  isRemote: boolean | undefined,
): boolean {
  return isRemote === true && ctx.getValue(DEFERRED_PARENT_KEY) === spanId;
}
