import { randomUUID } from 'node:crypto';
import { firstHeaderValue } from './b3-headers.js';
import type { HeaderRecord } from './types.js';

const MAX_REQUEST_ID_LENGTH = 128;

function isRequestIdChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 46 || // .
    code === 95 || // _
    code === 58 || // :
    code === 45 // -
  );
}

/**
 * Whether an `x-request-id` value is safe to log as `http.request.id` and to echo/forward.
 * Rule: 1–128 chars of `[A-Za-z0-9._:-]`. Envoy writes a UUID (36 chars), and common proxies and
 * load balancers use hex, ULIDs or dotted/colon-separated ids, all covered. Anything else
 * (spaces, quotes, control chars, kilobytes of junk) is a client trying to inject text into logs
 * or headers, so it is replaced rather than trusted.
 *
 * @example
 * ```ts
 * isWellFormedRequestId('3f2a1c9e-7b4d-4e8a-9c1f-5d6e7a8b9c0d'); // true
 * isWellFormedRequestId('a b'); // false
 * ```
 */
export function isWellFormedRequestId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH)
    return false;
  for (let i = 0; i < value.length; i++) {
    if (!isRequestIdChar(value.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * The inbound request id, if there is one worth keeping: the first `x-request-id` value (R0,
 * {@link firstHeaderValue}) when {@link isWellFormedRequestId} accepts it, else undefined. Never
 * throws. Tracing forwards this id; the logger logs it (or a fresh one, {@link requestIdFrom}).
 *
 * @example
 * ```ts
 * inboundRequestId({ 'x-request-id': 'abc-1, abc-2' }); // 'abc-1'
 * inboundRequestId({ 'x-request-id': 'a b' }); // undefined
 * ```
 */
export function inboundRequestId(headers: HeaderRecord | undefined): string | undefined {
  try {
    const value = firstHeaderValue(headers?.['x-request-id']);
    return isWellFormedRequestId(value) ? value : undefined;
  } catch {
    // exotic carrier (a throwing getter): no inbound id
    return undefined;
  }
}

/**
 * The request id to log and forward: the inbound `x-request-id` (first value, trimmed, as R0 of the B3 contract reads headers) when
 * {@link isWellFormedRequestId} accepts it, else a new `crypto.randomUUID()`. Never throws.
 *
 * @example
 * ```ts
 * const id = requestIdFrom(req.headers); // Envoy's UUID, or a fresh one
 * res.setHeader('x-request-id', id);
 * ```
 */
export function requestIdFrom(headers: HeaderRecord): string {
  return inboundRequestId(headers) ?? randomUUID();
}
