// Secrets inside error text: `password=hunter2` in a driver's message, `token: abc` in a stack,
// `postgres://app:hunter2@db` in a connection error. Only error.message and error.stack_trace
// are scrubbed, because errors are rare (the regexes cost nothing on the hot path) and are
// where third-party code puts credentials; `message` is the caller's own text and is not
// scanned (log secrets as fields, which key redaction covers).

// A key containing a secret word, `=` or `:`, then the value (quoted, or up to a separator).
const SECRET_PAIR =
  /\b([\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|authorization|credential)[\w.-]*)(\s*[=:]\s*)((?:Bearer|Basic)\s+)?("[^"]*"|'[^']*'|[^\s&,;)}\]]+)/gi;
// `scheme://user:password@host`
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)(@)/gi;
// Cheap pre-checks so most error text skips the regexes. The URL check keys on `@`, not on
// `://`: every ESM stack trace contains `file:///`, and checking for it made the regexes run on
// every error line (a third of the Error benchmark's CPU).
const SECRET_WORD = /password|passwd|pwd|secret|token|api[_-]?key|authorization|credential/i;

/**
 * Replaces the values of secret-looking `key=value` / `key: value` pairs and URL passwords.
 *
 * @example
 * scrubSecretPairs('login failed: password=hunter2', '[REDACTED]'); // 'login failed: password=[REDACTED]'
 */
export function scrubSecretPairs(text: string, censor: string): string {
  let scrubbed = text;
  if (SECRET_WORD.test(scrubbed)) {
    scrubbed = scrubbed.replace(SECRET_PAIR, (_m, key: string, sep: string, scheme?: string) => {
      return `${key}${sep}${scheme ?? ''}${censor}`;
    });
  }
  if (scrubbed.includes('@')) {
    scrubbed = scrubbed.replace(
      URL_USERINFO,
      (_m, head: string, _pw: string, at: string) => `${head}${censor}${at}`,
    );
  }
  return scrubbed;
}
