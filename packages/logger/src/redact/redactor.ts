import { PLACEHOLDER } from '../serialize/limits.js';

/** Header names whose values are credentials (matched whole, case-insensitively). */
export const DEFAULT_REDACT_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
]);

// Key names containing one of these (case-insensitive) are redacted at any depth.
const DEFAULT_KEY_FRAGMENTS = ['password', 'passwd', 'secret', 'token', 'api_key', 'apikey'];

/** What the serializer needs to redact: a cheap key test, optional exact paths, the censor. */
export interface Redactor {
  /** Whether a key name alone calls for redaction. */
  key(name: string): boolean;
  /** Dotted paths (from the root of the logged object) redacted whatever the key. */
  paths: ReadonlySet<string> | undefined;
  /**
   * A test over serialized JSON text: false proves no redactable key (and no key with a dot
   * or a blank key, which the walker rewrites) occurs in it, so the fast `JSON.stringify`
   * result can be used as is. One regular expression for both: one scan per value.
   */
  mayMatchJson(json: string): boolean;
  censor: string;
}

/** Options accepted by `createLogger({ redact })`. */
export interface RedactConfig {
  keys?: readonly string[];
  paths?: readonly string[];
  defaults?: boolean;
  censor?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the redactor for one logger; `false` turns redaction off entirely.
 *
 * @example
 * buildRedactor({ keys: ['ssn'] }).key('SSN'); // true
 */
export function buildRedactor(config: RedactConfig | false): Redactor | undefined {
  if (config === false) return undefined;
  const defaults = config.defaults !== false;
  const exact = new Set<string>((config.keys ?? []).map((k) => k.toLowerCase()));
  if (defaults) for (const h of DEFAULT_REDACT_HEADERS) exact.add(h);
  const paths = config.paths && config.paths.length > 0 ? new Set(config.paths) : undefined;
  const fragments = defaults ? DEFAULT_KEY_FRAGMENTS : [];
  const fragmentRe =
    fragments.length > 0 ? new RegExp(fragments.map(escapeRegExp).join('|'), 'i') : undefined;
  // Words that may appear inside a JSON key; a key in `exact` or a path's last segment.
  const words = [...fragments, ...exact, ...[...(paths ?? [])].map((p) => p.split('.').pop()!)];
  const alternatives = ['\\.', ...words.map(escapeRegExp)].join('|');
  const jsonRe = new RegExp(`"[^"]*(?:${alternatives})[^"]*":|"\\s*":`, 'i');
  return {
    key: (name) => exact.has(name.toLowerCase()) || (fragmentRe?.test(name) ?? false),
    paths,
    mayMatchJson: (json) => jsonRe.test(json),
    censor: config.censor ?? PLACEHOLDER.redacted,
  };
}
