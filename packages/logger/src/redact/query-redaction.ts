import { PLACEHOLDER } from '../serialize/limits.js';
import { buildRedactor } from './redactor.js';

/**
 * Query parameter names redacted on top of the secret-word rule (secret-words.ts, which already
 * covers `access_token`, `api-key`, `auth`, `jwt`…). These are the credentials that travel in URLs
 * without such a word in their name: signed-URL signatures (S3, GCS, Azure SAS), Google-style
 * `key=`, and session ids.
 */
export const DEFAULT_SENSITIVE_QUERY_PARAMS: readonly string[] = Object.freeze([
  'key',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-goog-signature',
  'x-goog-credential',
  'session',
  'sessionid',
  'sid',
]);

/** Tells whether a query parameter name holds a secret. */
export type QueryParamTest = (name: string) => boolean;

/**
 * The test used for query parameters: the logger's redaction rule (one implementation of "this
 * key is a secret") plus {@link DEFAULT_SENSITIVE_QUERY_PARAMS} and the caller's extra names.
 */
export function sensitiveQueryParamTest(extra: readonly string[] = []): QueryParamTest {
  const redactor = buildRedactor({ keys: [...DEFAULT_SENSITIVE_QUERY_PARAMS, ...extra] });
  // buildRedactor only returns undefined for `false`; the fallback keeps the type honest.
  return redactor ? (name) => redactor.key(name) : () => false;
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  try {
    // Encoded names (`api%5Fkey`, `access+token`) must not slip past the test.
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Replaces the value of every sensitive parameter in a raw query string (without `?`) by
 * `[REDACTED]`, keeping order, names and the encoding of everything else, so `url.query` still
 * shows which parameters were sent. Returns the input itself when nothing is sensitive.
 *
 * @example
 * redactQuery('q=shoes&access_token=abc', sensitiveQueryParamTest()); // 'q=shoes&access_token=[REDACTED]'
 */
export function redactQuery(query: string, isSensitive: QueryParamTest): string {
  if (query === '') return query;
  const pairs = query.split('&');
  let changed = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (pair === '' || !isSensitive(paramName(pair))) continue;
    const eq = pair.indexOf('=');
    pairs[i] = `${eq === -1 ? pair : pair.slice(0, eq)}=${PLACEHOLDER.redacted}`;
    changed = true;
  }
  return changed ? pairs.join('&') : query;
}
