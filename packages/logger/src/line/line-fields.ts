import { type BoundKeys, clashesWithBound } from './bound-keys.js';

/** Namespace for values that cannot go where the caller put them (mapped `flattened`). */
export const DISPLACED_PREFIX = 'ecotrace.displaced.';

/**
 * Most dots a top-level key may have. Elasticsearch expands dotted keys into objects and
 * rejects documents nested deeper than 20; keys stay well below so values keep some depth.
 */
export const MAX_KEY_DOTS = 9;

const DOT = 46;
/** Up to this many keys on a line, `isFree` compares in place instead of keeping a prefix set. */
const SCAN_KEYS = 32;

/** Number of dots in `key`. */
export function dotCount(key: string): number {
  let n = 0;
  for (let i = key.indexOf('.'); i !== -1; i = key.indexOf('.', i + 1)) n++;
  return n;
}

/**
 * The fields of one line beyond `@timestamp`/`log.level`/`message`, as ordered
 * (key, JSON text) pairs. Guarantees no key is written twice and no key nests under or over
 * another key of the line or of the logger's bindings: the loser of any such collision is
 * moved under `ecotrace.displaced.<key>`.
 *
 * Lines have a handful of keys, so membership is a scan of `keys` (cheaper than building a
 * Set per line); the JSON fragment is appended as pairs are added.
 */
export class LineFields {
  readonly keys: string[] = [];
  readonly values: string[] = [];
  private fragment = '';
  private dirty = false;
  private usedPrefixes: Set<string> | undefined;
  /** How many of `keys` (from the start) have their prefixes in `usedPrefixes`. */
  private prefixesCovered = 0;

  constructor(readonly bound: BoundKeys | undefined) {}

  /** Whether `key` is free: not taken, not under a taken leaf, not above a taken key. */
  isFree(key: string): boolean {
    if (this.keys.length <= SCAN_KEYS && key.charCodeAt(0) !== DOT) {
      if (!this.freeByScan(key)) return false;
    } else {
      if (this.keys.includes(key) || this.takenPrefixes()?.has(key)) return false;
      for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
        if (this.keys.includes(key.slice(0, dot))) return false;
      }
    }
    return !clashesWithBound(this.bound, key);
  }

  /**
   * The same test as the prefix set's, by comparing `key` with each taken key in place: a
   * line's handful of keys are checked without slicing prefixes or building a set per line
   * (those were ~15% of a line of 12 dotted ECS fields, callgrind 2026-12-05). For keys that
   * do not start with a dot, which the set's rule skips.
   */
  private freeByScan(key: string): boolean {
    const keys = this.keys;
    const n = key.length;
    for (let i = 0; i < keys.length; i++) {
      const taken = keys[i]!;
      const m = taken.length;
      if (m === n) {
        if (taken === key) return false;
      } else if (m > n) {
        // `key` is a dotted prefix of a taken key (above it).
        if (
          taken.charCodeAt(n) === DOT &&
          taken.charCodeAt(0) !== DOT &&
          n > 0 &&
          taken.startsWith(key)
        ) {
          return false;
        }
      } else if (m > 0 && key.charCodeAt(m) === DOT && key.startsWith(taken)) {
        // A taken key is a dotted prefix of `key` (under a taken leaf).
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the pair when `key` is free; returns false (and adds nothing) when it is not.
   * `quotedKey` is `JSON.stringify(key)` when the caller has it cached.
   */
  tryAdd(key: string, json: string, quotedKey?: string): boolean {
    if (!this.isFree(key)) return false;
    if (key.includes('.') && dotCount(key) > MAX_KEY_DOTS) return false;
    this.push(key, json, quotedKey);
    return true;
  }

  /**
   * `add` for a key whose clash with the bindings the caller already knows (`clashesBound`,
   * worked out once per key and bindings) and that has at most MAX_KEY_DOTS dots: only the
   * line's own keys are compared. Anything else takes `add`, which displaces.
   */
  addKnown(key: string, json: string, quotedKey: string, clashesBound: boolean): void {
    if (
      !clashesBound &&
      this.keys.length <= SCAN_KEYS &&
      key.charCodeAt(0) !== DOT &&
      this.freeByScan(key)
    ) {
      this.push(key, json, quotedKey);
    } else this.add(key, json, quotedKey);
  }

  /**
   * Adds a pair the caller has proven free and well-formed (trusted-fields.ts): the same
   * bookkeeping as `tryAdd` without its checks.
   */
  push(key: string, json: string, quotedKey?: string): void {
    this.keys.push(key);
    this.values.push(json);
    this.fragment += `,${quotedKey ?? JSON.stringify(key)}:${json}`;
  }

  /**
   * The dotted prefixes of the keys taken so far, brought up to date on demand: most lines
   * never ask again after their last add (an access line would otherwise slice ~25 prefixes).
   */
  private takenPrefixes(): Set<string> | undefined {
    const keys = this.keys;
    for (; this.prefixesCovered < keys.length; this.prefixesCovered++) {
      const key = keys[this.prefixesCovered]!;
      if (!key.includes('.')) continue;
      this.usedPrefixes ??= new Set();
      for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
        this.usedPrefixes.add(key.slice(0, dot));
      }
    }
    return this.usedPrefixes;
  }

  /** Adds the pair, displacing it when `key` is taken. */
  add(key: string, json: string, quotedKey?: string): void {
    if (!this.tryAdd(key, json, quotedKey)) this.displace(key, json);
  }

  /**
   * Moves a value under `ecotrace.displaced.<key>`. When even that collides (two displaced
   * values where one path nests in the other), the key's dots become `_` and a counter is
   * appended until it is free: deterministic, and nothing is dropped.
   */
  displace(rawKey: string, json: string): void {
    // Elasticsearch rejects empty path segments: `a..b`, `.a`, `a.`, ''.
    const key = rawKey
      .split('.')
      .map((s) => (s.trim() === '' ? '_' : s))
      .join('.');
    const plain = `${DISPLACED_PREFIX}${key}`;
    if (dotCount(key) + 2 <= MAX_KEY_DOTS && this.tryAdd(plain, json)) return;
    const flat = `${DISPLACED_PREFIX}${key.replaceAll('.', '_')}`;
    if (this.tryAdd(flat, json)) return;
    for (let n = 2; ; n++) if (this.tryAdd(`${flat}_${n}`, json)) return;
  }

  /** Replaces the pair at position `index` (used by the line cap). */
  replace(index: number, key: string, json: string): void {
    this.keys[index] = key;
    this.values[index] = json;
    this.dirty = true;
  }

  /** The pairs as a JSON fragment, each preceded by a comma. */
  toFragment(): string {
    if (this.dirty) {
      this.dirty = false;
      this.fragment = '';
      for (let i = 0; i < this.keys.length; i++) {
        this.fragment += `,${JSON.stringify(this.keys[i])}:${this.values[i]}`;
      }
    }
    return this.fragment;
  }
}
