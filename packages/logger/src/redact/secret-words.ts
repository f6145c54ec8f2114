/**
 * The one list of words that make a name a secret, used for keys at any depth, redaction paths,
 * header and query parameter names, and the key of a `key=value` pair inside text
 * (secret-text.ts). A name matches when one of its words is in the list (`auth`, not `author`);
 * a plural matches too (`tokens`, `credentials`).
 */
export const SECRET_WORDS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'auth',
  'authorization',
  'cookie',
  'credential',
  'jwt',
]);

/** Two words that make a secret together (`apiKey`, `api-key`, `API_KEY`, `private_key`). */
export const SECRET_WORD_PAIRS: readonly (readonly [string, string])[] = Object.freeze([
  ['api', 'key'],
  ['private', 'key'],
]);

const WORDS = new Set(SECRET_WORDS);
const PAIRS = new Map(SECRET_WORD_PAIRS.map(([first, second]) => [first, second]));

/**
 * The words of a name, lowercase: split at camelCase humps (`apiKey`, `APIKey`), digits and
 * anything that is not a letter or digit (`api_key`, `x-api-key`, `db.password`, `api key`).
 *
 * @example
 * nameWords('X-APIKey_v2'); // ['x', 'api', 'key', 'v', '2']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * Whether a name (a key, a dotted path, a header or parameter name) names a secret by the word
 * rule: one of its words is a secret word or its plural, or two neighbours form a secret pair.
 *
 * @example
 * isSecretName('dbPassword'); // true
 * isSecretName('x-api-key'); // true
 * isSecretName('author'); // false
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (WORDS.has(word) || (word.endsWith('s') && WORDS.has(word.slice(0, -1)))) return true;
    const second = PAIRS.get(word);
    if (second !== undefined) {
      const next = words[i + 1];
      if (next === second || next === `${second}s`) return true;
    }
  }
  return false;
}

/**
 * A regular-expression source that matches wherever a secret name could occur in text: every
 * secret word as a substring (so `author` matches too; callers confirm with {@link isSecretName}),
 * and each pair with at most one character between its words. Case-insensitive use only.
 */
export const SECRET_HINT_SOURCE = [
  ...SECRET_WORDS.filter((w) => !SECRET_WORDS.some((o) => o !== w && w.includes(o))),
  ...SECRET_WORD_PAIRS.map(([a, b]) => `${a}.?${b}`),
].join('|');
