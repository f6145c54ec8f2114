import { LIMITS } from './limits.js';
import { truncateChars } from './truncate.js';

// Longer strings go straight to JSON.stringify, whose per-character loop is native.
const SCAN_LIMIT = 64;

/**
 * The JSON text of a string. Short strings with nothing to escape (most messages, ids, names)
 * are quoted directly: JSON.stringify's call overhead was the largest single cost of a small
 * line (~75 ns per string against ~40 here). Control characters, `"`, `\` and any surrogate
 * (a lone one must be escaped) take JSON.stringify.
 *
 * @example
 * quoteJson('order placed'); // '"order placed"'
 * quoteJson('a"b'); // '"a\\"b"'
 */
export function quoteJson(value: string): string {
  const n = value.length;
  if (n > SCAN_LIMIT) return JSON.stringify(value);
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(value);
    }
  }
  return `"${value}"`;
}

/** A string value as JSON, cut to the string limit first (the rule for every string value). */
export function stringValueJson(value: string): string {
  return quoteJson(truncateChars(value, LIMITS.maxStringChars));
}
