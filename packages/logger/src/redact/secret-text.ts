import { isSecretName, SECRET_HINT_SOURCE } from './secret-words.js';

// Secrets inside text: `password=hunter2` in a driver's message, `"apiKey": "…"` in JSON a
// library put in an error, `postgres://app:hunter2@db` in a connection string. The key of a pair
// is judged by the same word rule as any key (secret-words.ts), so `author=Ann` stays.

// Cheap pre-check: no secret word anywhere means no secret pair.
const HINT = new RegExp(SECRET_HINT_SOURCE, 'i');
// A key, an optional closing quote (JSON, also escaped), `=` or `:`, an optional auth scheme,
// then the value: quoted, or up to a separator.
const PAIR =
  /([A-Za-z0-9_.-]+)(\\?["']?[ \t]*[=:][ \t]*)((?:Bearer|Basic|Token|Digest)[ \t]+)?(\\"(?:[^\\\n]|\\[^"])*\\"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s&,;)}\]"'<>]+)/g;
// `scheme://user:password@host`
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)(@)/gi;
// `file.js:12` or `:12:5` after a name: a stack frame's position, never a value.
const POSITION = /^\d+(?::\d+)?$/;
const FILE_NAME = /\.[a-z]{1,4}$/i;

function isPosition(key: string, separator: string, value: string): boolean {
  return separator === ':' && POSITION.test(value) && (value.includes(':') || FILE_NAME.test(key));
}

function scrubPairs(text: string, censor: string): string {
  PAIR.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    const [whole, key, separator, scheme = '', value] = m as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (!isSecretName(key) || isPosition(key, separator, value)) {
      // Not a secret: look again from inside the value (`https://x/?token=…`).
      PAIR.lastIndex = m.index + key.length + separator.length;
      continue;
    }
    const quote = value.startsWith('\\"')
      ? '\\"'
      : value[0] === '"' || value[0] === "'"
        ? value[0]
        : '';
    out += `${text.slice(copied, m.index)}${key}${separator}${scheme}${quote}${censor}${quote}`;
    copied = m.index + whole.length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * `text` with the values of secret `key=value` / `key: value` / `"key": "value"` pairs and URL
 * passwords replaced by `censor`; the text itself when there is none. Never throws.
 *
 * @example
 * scrubSecretText('login failed: password=hunter2', '[REDACTED]'); // 'login failed: password=[REDACTED]'
 * scrubSecretText('at reset (/app/password-reset.js:12:5)', '[REDACTED]'); // unchanged
 */
export function scrubSecretText(text: string, censor: string): string {
  // A secret inside text needs a separator: most values (ids, names, words) have none.
  if (text.indexOf('=') === -1 && text.indexOf(':') === -1) return text;
  let scrubbed = text;
  if (HINT.test(scrubbed)) scrubbed = scrubPairs(scrubbed, censor);
  if (scrubbed.indexOf('@') !== -1) {
    scrubbed = scrubbed.replace(
      URL_USERINFO,
      (_m, head: string, _pw: string, at: string) => `${head}${censor}${at}`,
    );
  }
  return scrubbed;
}
