import { stringValueJson } from './json-string.js';
import { LIMITS, PLACEHOLDER } from './limits.js';

/**
 * What serialization asks of redaction (the logger's Redactor, redact/redactor.ts): whole values
 * to censor by key or path, secrets inside strings, and a proof that a JSON text needs neither.
 */
export interface JsonCensor {
  /** Whether the value under `key`, at dotted `path` from the logged object's root, is censored. */
  censorsKey(key: string, path: string): boolean;
  /**
   * A test over serialized JSON text: false proves it holds no censored key, no string with a
   * secret in it, and no key with a dot or a blank key (which the walker rewrites), so the fast
   * `JSON.stringify` result can be used as is. One regular expression: one scan per value.
   */
  mayMatchJson(json: string): boolean;
  /** A string with the secrets inside it censored (the string itself when it has none). */
  scrubText(text: string): string;
  /** What a censored value becomes. */
  censor: string;
}

/** Where a value sits, for redaction by path and the depth cap. */
export interface JsonScope {
  redactor: JsonCensor | undefined;
  /** Dotted path of the value from the root of the logged object ('' when unknown). */
  path: string;
  /** Nesting level of the value below its top-level key. */
  depth: number;
}

// A key with a dot, or an empty/blank key, somewhere in a JSON text (may also match inside a
// string value; then the walker runs for nothing, which is only slower). Elasticsearch expands
// dotted keys into objects and rejects empty names, so such keys are rewritten by the walker.
const AWKWARD_KEY = /"[^"]*\.[^"]*":|"\s*":/;

// 16 digits in a row: maybe an integer beyond ±2^53 that JSON.stringify wrote as digits (may
// also match inside a string; then the walker runs for nothing, which is only slower).
const LONG_DIGITS = /\d{16}/;

/**
 * A number as JSON. Integers beyond ±2^53 that JavaScript prints as plain digits are written
 * as strings, like BigInt: their low digits are invented anyway, and a collector reads a
 * digit-only token as a 64-bit integer, which overflows past ±2^63 (Fluent Bit's JSON parser
 * saturates it). Everything else is JavaScript's shortest round-trip form (17 significant
 * digits when needed), which a float64 (msgpack, Elasticsearch double) holds exactly.
 *
 * @example
 * numberJson(2 ** 64); // '"18446744073709552000"'
 */
export function numberJson(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const text = String(n);
  return Number.isSafeInteger(n) || !Number.isInteger(n) || text.includes('e') ? text : `"${text}"`;
}

/** Whether `json` holds more than `max` of `{` and `[` together (inside strings too). */
function hasMoreOpeningsThan(json: string, max: number): boolean {
  let n = 0;
  for (let i = json.indexOf('{'); i !== -1; i = json.indexOf('{', i + 1))
    if (++n > max) return true;
  for (let i = json.indexOf('['); i !== -1; i = json.indexOf('[', i + 1))
    if (++n > max) return true;
  return false;
}

/** Whether a JSON text nests objects/arrays deeper than `max` (brackets in strings ignored). */
function nestsDeeperThan(json: string, max: number): boolean {
  // Nesting deeper than `max` takes at least max + 1 opening and closing brackets.
  if (json.length < 2 * (max + 1)) return false;
  // Most values have a few brackets: counting them with native indexOf is ~6x cheaper than the
  // character loop below (a nested line's two object values, 2026-12-05).
  if (!hasMoreOpeningsThan(json, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * Serializes any value to JSON text that never throws and never fails to parse: the native
 * `JSON.stringify` when it succeeds and the result needs no redaction, depth or size fix
 * (the common case, and faster than any JS walker), else a careful walk.
 * Returns undefined for values JSON omits (undefined, functions).
 *
 * @example
 * toSafeJson({ a: 1n }, { redactor: undefined, path: '', depth: 0 }); // '{"a":"1"}'
 */
export function toSafeJson(value: unknown, scope: JsonScope): string | undefined {
  return safeJsonAt(value, scope.redactor, scope.path, scope.depth);
}

/** `toSafeJson` with the scope as arguments (the per-field hot path allocates no object). */
export function safeJsonAt(
  value: unknown,
  redactor: JsonCensor | undefined,
  path: string,
  depth: number,
): string | undefined {
  const primitive = primitiveJson(value, redactor);
  if (primitive !== undefined) return primitive;
  let fast: string | undefined;
  try {
    fast = JSON.stringify(value);
  } catch {
    fast = undefined;
  }
  // `{}` in the text may be an Error, Map or Set that JSON.stringify emptied: walk to keep it.
  if (
    fast !== undefined &&
    !fast.includes('{}') &&
    // One scan for awkward keys and redactable keys (the redactor's pattern covers both).
    !(redactor === undefined ? AWKWARD_KEY.test(fast) : redactor.mayMatchJson(fast)) &&
    !LONG_DIGITS.test(fast) &&
    fast.length <= LIMITS.maxStringChars &&
    !nestsDeeperThan(fast, LIMITS.maxDepth - depth)
  ) {
    return fast;
  }
  if (fast === undefined && (value === undefined || typeof value === 'function')) return undefined;
  return walk(value, path, depth, [], redactor);
}

/**
 * JSON for a string (secrets inside censored, capped), number (see `numberJson`) or boolean;
 * `undefined` otherwise.
 */
function primitiveJson(value: unknown, redactor: JsonCensor | undefined): string | undefined {
  switch (typeof value) {
    case 'string':
      return stringValueJson(redactor === undefined ? value : redactor.scrubText(value));
    case 'number':
      return numberJson(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

function walk(
  value: unknown,
  path: string,
  depth: number,
  ancestors: object[],
  redactor: JsonCensor | undefined,
): string | undefined {
  const primitive = primitiveJson(value, redactor);
  if (primitive !== undefined) return primitive;
  switch (typeof value) {
    case 'bigint':
    case 'symbol':
      return JSON.stringify(String(value));
    case 'undefined':
    case 'function':
      return undefined;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (ancestors.includes(obj)) return JSON.stringify(PLACEHOLDER.circular);
  if (depth >= LIMITS.maxDepth) return JSON.stringify(PLACEHOLDER.depth);
  try {
    const plain = toPlain(obj);
    if (plain !== obj) return walk(plain, path, depth, ancestors, redactor);
    ancestors.push(obj);
    try {
      return Array.isArray(obj)
        ? walkArray(obj, path, depth, ancestors, redactor)
        : walkObject(obj, path, depth, ancestors, redactor);
    } finally {
      ancestors.pop();
    }
  } catch {
    // Proxies with throwing traps, exotic objects: one placeholder, the line survives.
    return JSON.stringify(PLACEHOLDER.unreadable);
  }
}

/** Objects with their own JSON form: Dates, Errors, Maps, Sets, buffers, `toJSON`. */
function toPlain(obj: object): unknown {
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
  if (obj instanceof Error) {
    return { type: obj.name, message: obj.message, stack: obj.stack };
  }
  if (obj instanceof Map) return Object.fromEntries(obj);
  if (obj instanceof Set) return [...obj];
  if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} ${obj.byteLength} bytes]`;
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJSON.call(obj);
  return obj;
}

function walkArray(
  arr: unknown[],
  path: string,
  depth: number,
  ancestors: object[],
  redactor: JsonCensor | undefined,
): string {
  const n = Math.min(arr.length, LIMITS.maxKeys);
  let out = '[';
  for (let i = 0; i < n; i++) {
    let item: string | undefined;
    try {
      item = walk(arr[i], path, depth + 1, ancestors, redactor);
    } catch {
      item = JSON.stringify(PLACEHOLDER.unreadable);
    }
    out += (i === 0 ? '' : ',') + (item ?? 'null');
  }
  return `${out}]`;
}

function walkObject(
  obj: object,
  path: string,
  depth: number,
  ancestors: object[],
  redactor: JsonCensor | undefined,
): string {
  const keys = Object.keys(obj);
  const n = Math.min(keys.length, LIMITS.maxKeys);
  let out = '{';
  let first = true;
  let written: Set<string> | undefined;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const childPath = path === '' ? key : `${path}.${key}`;
    let outKey = safeKey(key);
    if (outKey !== key) {
      // Rewritten keys may meet an existing one: suffix until unique (never a duplicate key).
      written ??= new Set(keys);
      for (let k = 2; written.has(outKey); k++) outKey = `${safeKey(key)}_${k}`;
      written.add(outKey);
    }
    let item: string | undefined;
    if (redactor?.censorsKey(key, childPath)) {
      item = JSON.stringify(redactor.censor);
    } else {
      try {
        item = walk(
          (obj as Record<string, unknown>)[key],
          childPath,
          depth + 1,
          ancestors,
          redactor,
        );
      } catch {
        item = JSON.stringify(PLACEHOLDER.unreadable);
      }
    }
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(outKey)}:${item}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * A key Elasticsearch stores as written: dots would be expanded into objects (and could
 * collide with a sibling spelled nested), empty names are rejected. Dots become `_`, a blank
 * key becomes `_`.
 */
function safeKey(key: string): string {
  if (key.trim() === '') return '_';
  return key.includes('.') ? key.replaceAll('.', '_') : key;
}
