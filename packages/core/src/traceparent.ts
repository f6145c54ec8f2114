import { isHex } from './hex-id.js';

/** Ids and sampled flag of a W3C `traceparent`. */
export interface ParsedTraceparent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

// What JavaScript's `\s` matches; used to mirror the optional leading/trailing whitespace that
// @opentelemetry/core's TRACE_PARENT_REGEX tolerates, so we accept exactly what OTel accepts (R6).
function isJsWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/**
 * Parses `version-traceid-parentid-flags` the way OTel's W3CTraceContextPropagator does:
 * lowercase hex only, non-zero ids, version not `ff`, no extra fields for version `00`.
 */
export function parseTraceparent(value: string): ParsedTraceparent | null {
  let i = value.length > 0 && isJsWhitespace(value.charCodeAt(0)) ? 1 : 0;
  if (value.length < i + 55) return null;
  const version = value.slice(i, i + 2);
  if (!isHex(version, 2, true, false) || version === 'ff') return null;
  if (value[i + 2] !== '-' || value[i + 35] !== '-' || value[i + 52] !== '-') return null;
  const traceId = value.slice(i + 3, i + 35);
  const spanId = value.slice(i + 36, i + 52);
  const flags = value.slice(i + 53, i + 55);
  if (!isHex(traceId, 32, true, true) || !isHex(spanId, 16, true, true)) return null;
  if (!isHex(flags, 2, true, false)) return null;
  i += 55;
  const rest = value.length - i;
  if (rest === 1 && isJsWhitespace(value.charCodeAt(i))) {
    // one trailing whitespace char is tolerated
  } else if (rest > 0) {
    // Future versions may append `-fields`; version 00 must not.
    if (value[i] !== '-' || version === '00') return null;
    // `(-.*)?\s?$`: no line terminator inside; the last char may be one (it is whitespace).
    for (let j = i + 1; j < value.length - 1; j++) {
      if (isLineTerminator(value.charCodeAt(j))) return null;
    }
  }
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}
