import { extractTraceContext, isValidSpanId, isValidTraceId } from '@ecotrace/core';
import type { TraceContextInput } from '../types.js';
import { getLogger } from './get-logger.js';
import {
  currentRequestContext,
  type RequestContext,
  runWithRequestContext,
} from './request-context.js';

function idsFrom(input: TraceContextInput): RequestContext['trace'] {
  const maybe = input as { traceId?: unknown; spanId?: unknown; sampled?: unknown };
  if (typeof maybe.traceId === 'string' && typeof maybe.spanId === 'string') {
    const traceId = maybe.traceId.toLowerCase();
    const spanId = maybe.spanId.toLowerCase();
    if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
    return { traceId, spanId, sampled: typeof maybe.sampled === 'boolean' ? maybe.sampled : null };
  }
  const extracted = extractTraceContext(
    input as Readonly<Record<string, string | string[] | undefined>>,
  );
  if (!extracted.valid || extracted.traceId === null || extracted.spanId === null) return undefined;
  return { traceId: extracted.traceId, spanId: extracted.spanId, sampled: extracted.sampled };
}

/**
 * Runs `fn` with a trace context for code outside HTTP handlers (queue consumers, cron jobs):
 * every line logged inside, through any logger, carries `trace.id`/`span.id` (unless an OTel
 * span is active, which wins). `ctx` is `{ traceId, spanId, sampled? }` or message headers,
 * read by the B3/W3C contract (`extractTraceContext`). Invalid ids run `fn` without trace ids.
 *
 * @example
 * consumer.on('message', (msg) =>
 *   runWithTraceContext(msg.headers, () => getLogger().info({ 'message.id': msg.id }, 'consumed')),
 * );
 */
export function runWithTraceContext<T>(ctx: TraceContextInput, fn: () => T): T {
  let trace: RequestContext['trace'];
  try {
    trace = idsFrom(ctx);
  } catch {
    trace = undefined;
  }
  const parent = currentRequestContext();
  const context: RequestContext = { ...parent, logger: parent?.logger ?? getLogger() };
  if (trace !== undefined) context.trace = trace;
  else delete context.trace;
  return runWithRequestContext(context, fn);
}
