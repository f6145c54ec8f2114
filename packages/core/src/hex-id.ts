// Char-code checks instead of regular expressions: this runs on every request, and a loop over
// at most 32 chars has no backtracking or allocation beyond the final lowercase copy.

/** Value of a hex digit in any case, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/**
 * True when `value` is exactly `length` hex chars (any case unless `lowerOnly`) and, when
 * `nonZero`, not all zeros.
 */
export function isHex(
  value: string,
  length: number,
  lowerOnly: boolean,
  nonZero: boolean,
): boolean {
  if (value.length !== length) return false;
  let anyNonZero = false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const v = hexValue(code);
    if (v < 0 || (lowerOnly && code >= 65 && code <= 70)) return false;
    if (v !== 0) anyNonZero = true;
  }
  return anyNonZero || !nonZero;
}

const PADDING = '0000000000000000';

/** R1: a 16- or 32-hex trace id in any case, not all zeros → 32 lowercase chars; else null. */
export function parseTraceId(value: string): string | null {
  if (value.length === 32 && isHex(value, 32, false, true)) return value.toLowerCase();
  if (value.length === 16 && isHex(value, 16, false, true)) return PADDING + value.toLowerCase();
  return null;
}

/** R1: a 16-hex span id in any case, not all zeros → lowercase; else null. */
export function parseSpanId(value: string): string | null {
  return isHex(value, 16, false, true) ? value.toLowerCase() : null;
}

/**
 * True for a trace id as ecotrace writes it: exactly 32 lowercase hex chars, not all zeros
 * (W3C and OTel treat the all-zero id as invalid; so does every rule of the contract).
 *
 * @example
 * ```ts
 * isValidTraceId('4bf92f3577b34da6a3ce929d0e0e4736'); // true
 * isValidTraceId('00000000000000000000000000000000'); // false
 * ```
 */
export function isValidTraceId(value: unknown): value is string {
  return typeof value === 'string' && isHex(value, 32, true, true);
}

/**
 * True for a span id as ecotrace writes it: exactly 16 lowercase hex chars, not all zeros.
 *
 * @example
 * ```ts
 * isValidSpanId('00f067aa0ba902b7'); // true
 * isValidSpanId('00F067AA0BA902B7'); // false (not as written)
 * ```
 */
export function isValidSpanId(value: unknown): value is string {
  return typeof value === 'string' && isHex(value, 16, true, true);
}
