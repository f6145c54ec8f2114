import { isHex, parseSpanId, parseTraceId } from './hex-id.js';

/** Trace + span id pair, already lowercase and padded. */
export interface TraceIds {
  traceId: string;
  spanId: string;
}

/** A sampling decision: `sampled` null means none was sent. */
export interface SamplingState {
  sampled: boolean | null;
  debug: boolean;
}

/** What the `b3` single header carried, or null when absent/malformed (R4). */
export interface B3Single {
  ids: TraceIds | null;
  sampling: SamplingState | null;
}

/**
 * R0 of the trace-context contract: the first value of a header. Node gives a repeated header as
 * an array (or, for most names, joins the values with `", "`), so: first array element, cut at the
 * first `,`, trim SP/HTAB, empty → undefined. Anything that is not a string (numbers, objects from
 * odd callers) counts as absent. Every package reads inbound headers through this one rule.
 *
 * @example
 * ```ts
 * firstHeaderValue('abc-1, abc-2'); // 'abc-1'
 * firstHeaderValue(['  x ', 'y']); // 'x'
 * firstHeaderValue(''); // undefined
 * ```
 */
export function firstHeaderValue(raw: unknown): string | undefined {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== 'string') return undefined;
  const comma = first.indexOf(',');
  const value = comma === -1 ? first : first.slice(0, comma);
  let start = 0;
  let end = value.length;
  while (start < end && isSpaceOrTab(value.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(value.charCodeAt(end - 1))) end--;
  return start === end ? undefined : value.slice(start, end);
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/** The single-char sampling field of B3 (`0`, `1`, `d`; case-sensitive). */
function samplingField(value: string): SamplingState | null {
  if (value === '1') return { sampled: true, debug: false };
  if (value === '0') return { sampled: false, debug: false };
  if (value === 'd') return { sampled: true, debug: true };
  return null;
}

/** R4: parse a `b3` value (after R0). Returns null when it is malformed. */
export function parseB3Single(value: string): B3Single | null {
  const only = samplingField(value);
  if (only) return { ids: null, sampling: only };
  // Bound the split: a 4-field value is at most 32+16+1+16 chars plus 3 dashes.
  if (value.length > 68) return null;
  const fields = value.split('-');
  if (fields.length < 2 || fields.length > 4) return null;
  const traceId = parseTraceId(fields[0] as string);
  const spanId = parseSpanId(fields[1] as string);
  if (traceId === null || spanId === null) return null;
  let sampling: SamplingState | null = null;
  if (fields.length >= 3) {
    sampling = samplingField(fields[2] as string);
    if (sampling === null) return null;
  }
  // The parent id's value is never used (our parent is the span id), only its shape is checked.
  if (fields.length === 4 && !isHex(fields[3] as string, 16, false, false)) return null;
  return { ids: { traceId, spanId }, sampling };
}

/** R2: ids from `x-b3-traceid` + `x-b3-spanid`, both required and valid. */
export function multiIds(
  traceIdHeader: string | undefined,
  spanIdHeader: string | undefined,
): TraceIds | null {
  if (traceIdHeader === undefined || spanIdHeader === undefined) return null;
  const traceId = parseTraceId(traceIdHeader);
  const spanId = parseSpanId(spanIdHeader);
  return traceId === null || spanId === null ? null : { traceId, spanId };
}

/** R3: `x-b3-flags: 1` → debug; else `x-b3-sampled` 1/true/0/false (any case); else none. */
export function multiSampling(
  flags: string | undefined,
  sampled: string | undefined,
): SamplingState | null {
  if (flags === '1') return { sampled: true, debug: true };
  if (sampled === undefined) return null;
  if (sampled.length > 5) return null;
  const lower = sampled.toLowerCase();
  if (lower === '1' || lower === 'true') return { sampled: true, debug: false };
  if (lower === '0' || lower === 'false') return { sampled: false, debug: false };
  return null;
}
