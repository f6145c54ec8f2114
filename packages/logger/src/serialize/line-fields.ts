import type { BoundKeys } from './bound-keys.js';

/** Namespace for values that cannot go where the caller put them (mapped `flattened`). */
export const DISPLACED_PREFIX = 'ecotrace.displaced.';

/**
 * The fields of one line beyond `@timestamp`/`log.level`/`message`, as ordered
 * (key, JSON text) pairs. Guarantees no key is written twice and no key nests under or over
 * another key of the line or of the logger's bindings: the loser of any such collision is
 * moved under `ecotrace.displaced.<key>`.
 */
export class LineFields {
  readonly keys: string[] = [];
  readonly values: string[] = [];
  private readonly used = new Set<string>();
  private usedPrefixes: Set<string> | undefined;

  constructor(private readonly bound: BoundKeys | undefined) {}

  /** Whether `key` is free: not taken, not under a taken leaf, not above a taken key. */
  isFree(key: string): boolean {
    const bound = this.bound;
    if (this.used.has(key) || this.usedPrefixes?.has(key)) return false;
    if (bound !== undefined && (bound.keys.has(key) || bound.prefixes.has(key))) return false;
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      const prefix = key.slice(0, dot);
      if (this.used.has(prefix) || bound?.keys.has(prefix)) return false;
    }
    return true;
  }

  /** Adds the pair when `key` is free; returns false (and adds nothing) when it is not. */
  tryAdd(key: string, json: string): boolean {
    if (!this.isFree(key)) return false;
    this.put(key, json);
    return true;
  }

  /** Adds the pair, displacing it when `key` is taken. */
  add(key: string, json: string): void {
    if (!this.tryAdd(key, json)) this.displace(key, json);
  }

  /**
   * Moves a value under `ecotrace.displaced.<key>`. When even that collides (two displaced
   * values where one path nests in the other), the key's dots become `_` and a counter is
   * appended until it is free: deterministic, and nothing is dropped.
   */
  displace(key: string, json: string): void {
    const plain = `${DISPLACED_PREFIX}${key}`;
    if (this.tryAdd(plain, json)) return;
    const flat = `${DISPLACED_PREFIX}${key.replaceAll('.', '_')}`;
    if (this.tryAdd(flat, json)) return;
    for (let n = 2; ; n++) if (this.tryAdd(`${flat}_${n}`, json)) return;
  }

  /** Replaces the value at position `index` (used by the line cap). */
  replace(index: number, key: string, json: string): void {
    this.keys[index] = key;
    this.values[index] = json;
  }

  private put(key: string, json: string): void {
    this.keys.push(key);
    this.values.push(json);
    this.used.add(key);
    if (key.includes('.')) {
      this.usedPrefixes ??= new Set();
      for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
        this.usedPrefixes.add(key.slice(0, dot));
      }
    }
  }

  /** The pairs as a JSON fragment, each preceded by a comma. */
  toFragment(): string {
    let out = '';
    for (let i = 0; i < this.keys.length; i++) {
      out += `,${JSON.stringify(this.keys[i])}:${this.values[i]}`;
    }
    return out;
  }
}
