import { isStringType } from '../serialize/ecs-value.js';
import { PLACEHOLDER } from '../serialize/limits.js';
import type { JsonCensor } from '../serialize/safe-json.js';
import { scrubSecretText } from './secret-text.js';
import { isSecretName, SECRET_HINT_SOURCE } from './secret-words.js';

/**
 * The logger's one redaction rule: which keys and paths are censored whole, which text has
 * secrets inside it, and the censor. Built once per logger; every place that asks "is this
 * secret" (line fields, labels, displaced values, bindings, nested values, error text, header
 * and query names) asks it.
 */
export interface Redactor extends JsonCensor {
  /** Whether a name alone is secret: a configured key, or the secret-word rule (secret-words.ts). */
  key(name: string): boolean;
  /**
   * Whether the value at a dotted path (from the root of the logged object) is censored whole:
   * a configured path, or any of its names is secret (`db.password`, `labels.api_key`).
   */
  censors(path: string): boolean;
  /** Dotted paths (from the root of the logged object) redacted whatever the key. */
  paths: ReadonlySet<string> | undefined;
}

/** Options accepted by `createLogger({ redact })`. */
export interface RedactConfig {
  /** More key names to censor, matched whole and case-insensitively at any depth. */
  keys?: readonly string[];
  /** Dotted paths from the root of the logged object to censor. */
  paths?: readonly string[];
  /** Keep the built-in secret words (default true). */
  defaults?: boolean;
  /** What a censored value becomes. Default `"[REDACTED]"`. */
  censor?: string;
}

/** The keys a `RedactConfig` object may have (resolve-options.ts rejects others). */
export const REDACT_CONFIG_KEYS: readonly string[] = ['keys', 'paths', 'defaults', 'censor'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A key with a dot, or an empty/blank key (the walker rewrites both), anywhere in JSON text.
const AWKWARD_KEY_SOURCE = '"[^"]*\\.[^"]*":|"\\s*":';
// A URL with a password in it.
const USERINFO_SOURCE = ':\\/\\/[^\\s"/@]*:[^\\s"@]*@';
const NAME_CACHE_MAX = 4_096;

/**
 * Builds the redactor for one logger; `false` turns redaction off entirely.
 *
 * @example
 * buildRedactor({ keys: ['ssn'] }).key('SSN'); // true
 * buildRedactor({}).key('apiKey'); // true
 * buildRedactor({}).key('author'); // false
 */
export function buildRedactor(config: RedactConfig | false): Redactor | undefined {
  if (config === false) return undefined;
  const defaults = config.defaults !== false;
  const exact = new Set<string>((config.keys ?? []).map((k) => k.toLowerCase()));
  const paths = config.paths && config.paths.length > 0 ? new Set(config.paths) : undefined;
  const censor = config.censor ?? PLACEHOLDER.redacted;
  // Names are mostly the same few keys again and again: remember the verdicts (bounded).
  const verdicts = new Map<string, boolean>();
  const key = (name: string): boolean => {
    let secret = verdicts.get(name);
    if (secret === undefined) {
      secret =
        exact.has(name.toLowerCase()) ||
        (name.includes('.') && name.split('.').some((s) => exact.has(s.toLowerCase()))) ||
        (defaults && isSecretName(name));
      if (verdicts.size < NAME_CACHE_MAX) verdicts.set(name, secret);
    }
    return secret;
  };
  // One scan of JSON text: false proves it holds no awkward key, no key that could be secret and
  // no text with a secret in it, so `JSON.stringify`'s result can be used as is.
  const exactWords = [...exact, ...[...(paths ?? [])].map((p) => p.split('.').pop()!)];
  const alternatives = [AWKWARD_KEY_SOURCE];
  if (exactWords.length > 0) {
    alternatives.push(`"[^"]*(?:${exactWords.map(escapeRegExp).join('|')})[^"]*":`);
  }
  if (defaults) alternatives.push(SECRET_HINT_SOURCE, USERINFO_SOURCE);
  const jsonRe = new RegExp(alternatives.join('|'), 'i');
  return {
    key,
    censors: (path) => paths?.has(path) === true || key(path),
    censorsKey: (name, path) => key(name) || paths?.has(path) === true,
    paths,
    mayMatchJson: (json) => jsonRe.test(json),
    scrubText: defaults ? (text) => scrubSecretText(text, censor) : (text) => text,
    censor,
  };
}

/**
 * Whether the redactor censors the ECS field at `path` of ECS type `type`: string fields whose
 * own name (the last segment; the others are ECS's object names, as in `gen_ai.token.type`) is
 * secret, or whose path is configured (`url.password` is censored, `gen_ai.token.type` is not).
 */
export function censorsEcsString(
  redactor: Redactor | undefined,
  path: string,
  type: string,
): boolean {
  return (
    redactor !== undefined &&
    isStringType(type) &&
    (redactor.key(path.slice(path.lastIndexOf('.') + 1)) || redactor.paths?.has(path) === true)
  );
}
