import type { OutgoingHttpHeaders } from 'node:http';
import type { HeaderRecord } from '@ecotrace/core';
import { buildRedactor } from '../redact/redactor.js';
import { PLACEHOLDER } from '../serialize/limits.js';

// Header values are bounded: one allow-listed header must not push the access line past the
// size where containerd splits it.
const MAX_HEADER_CHARS = 1_024;

/** Tells whether a header (lowercase name) carries a credential. */
export type SecretHeaderTest = (name: string) => boolean;

/**
 * The secret-header test: the logger's key rule (`authorization`, `cookie`, `set-cookie`,
 * `proxy-authorization`, `x-api-key`, and any name containing `token`, `secret`, `password`…).
 * It is applied here as well as in the logger so that an allow-listed secret header stays
 * redacted even when the logger's own redaction was turned off.
 */
export function secretHeaderTest(): SecretHeaderTest {
  const redactor = buildRedactor({});
  return redactor ? (name) => redactor.key(name) : () => true;
}

/**
 * Normalises an allow-list option: lowercase names, duplicates dropped; throws naming the option
 * when an entry is not a non-empty string.
 */
export function headerAllowList(names: unknown, option: string): readonly string[] {
  if (names === undefined) return [];
  if (!Array.isArray(names)) throw new TypeError(`${option} must be an array of header names`);
  const out = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TypeError(`${option} entries must be non-empty header names, got ${String(name)}`);
    }
    out.add(name.trim().toLowerCase());
  }
  return [...out];
}

/**
 * The allow-listed headers present on a request or response, as `{ name: value }` (repeated
 * headers joined with `, `), secrets replaced by `[REDACTED]`; undefined when none is present.
 *
 * @example
 * pickHeaders({ accept: 'text/html', cookie: 'a=b' }, ['accept', 'cookie'], secretHeaderTest());
 * // { accept: 'text/html', cookie: '[REDACTED]' }
 */
export function pickHeaders(
  headers: HeaderRecord | OutgoingHttpHeaders,
  allowList: readonly string[],
  isSecret: SecretHeaderTest,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of allowList) {
    const raw = headers[name];
    if (raw === undefined) continue;
    let value = Array.isArray(raw) ? raw.join(', ') : String(raw);
    if (isSecret(name)) value = PLACEHOLDER.redacted;
    else if (value.length > MAX_HEADER_CHARS) value = value.slice(0, MAX_HEADER_CHARS);
    out ??= {};
    out[name] = value;
  }
  return out;
}
