import type { RequestContext } from '../context/request-context.js';
import { TRACE_KEYS } from '../context/trace-fields.js';
import type { Redactor } from '../redact/redactor.js';
import { censorsEcsString } from '../redact/redactor.js';
import { stringValueJson } from '../serialize/json-string.js';
import { type BoundKeys, clashesWithBound } from './bound-keys.js';
import type { FieldContext } from './field-context.js';

/**
 * The keys a kind of library-written fields may carry (the HTTP access line, `error.*`), each
 * with the ECS type its values are written as. Declared once per kind; a test checks every entry
 * against the ECS table, which is what lets lines of this kind skip per-field classification.
 */
export class TrustedKeySet {
  /** `JSON.stringify(key)` per key. */
  readonly quoted = new Map<string, string>();
  /** `,"key":` per key: what precedes a value in a line, as one flat string. */
  readonly pairHeads = new Map<string, string>();
  // Keys of the set that collide with a logger's bindings, per bindings (usually none).
  readonly #clashes = new WeakMap<BoundKeys, ReadonlySet<string>>();
  // Keys of the set the logger's redactor censors, per redactor (usually none).
  readonly #censored = new WeakMap<Redactor, ReadonlySet<string>>();

  /** First path segments of the keys (`http`, `url`, …). */
  readonly roots = new Set<string>();

  /** Whether a key of the set shares a root with the trace keys (then no line is plain). */
  readonly sharesTraceRoots: boolean;

  /** `types`: key → the ECS type written for it ('keyword', 'long', 'ip', …). */
  constructor(readonly types: Readonly<Record<string, string>>) {
    for (const key of Object.keys(types)) {
      this.quoted.set(key, JSON.stringify(key));
      this.pairHeads.set(key, `,${JSON.stringify(key)}:`);
      const dot = key.indexOf('.');
      this.roots.add(dot === -1 ? key : key.slice(0, dot));
    }
    this.sharesTraceRoots = this.sharesRootWith(TRACE_KEYS);
  }

  /**
   * Whether a key the line already has shares a root with the set (`error` before error
   * fields): then the set's pairs cannot be assumed free and take the general path. Lines
   * rarely have more than their trace ids at this point.
   */
  sharesRootWith(taken: readonly string[]): boolean {
    for (const key of taken) {
      const dot = key.indexOf('.');
      if (this.roots.has(dot === -1 ? key : key.slice(0, dot))) return true;
    }
    return false;
  }

  /** The keys a logger's bindings already own, or nest under or over (computed once each). */
  clashesWith(bound: BoundKeys | undefined): ReadonlySet<string> {
    if (bound === undefined) return NONE;
    let clashes = this.#clashes.get(bound);
    if (clashes === undefined) {
      const found = new Set<string>();
      for (const key of this.quoted.keys()) if (clashesWithBound(bound, key)) found.add(key);
      clashes = found.size === 0 ? NONE : found;
      this.#clashes.set(bound, clashes);
    }
    return clashes;
  }

  /** The string-typed keys the redactor censors, by the same rule as any caller's ECS field. */
  censoredBy(redactor: Redactor | undefined): ReadonlySet<string> {
    if (redactor === undefined) return NONE;
    let censored = this.#censored.get(redactor);
    if (censored === undefined) {
      const found = new Set<string>();
      for (const [key, type] of Object.entries(this.types)) {
        if (censorsEcsString(redactor, key, type)) found.add(key);
      }
      censored = found.size === 0 ? NONE : found;
      this.#censored.set(redactor, censored);
    }
    return censored;
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * One line's worth of fields from a {@link TrustedKeySet}, already as JSON. Passed as the
 * object of a log call (`log.info(fields, message)`), it is added pair by pair with no
 * classification, coercion or key checks: the access line's ~17 fields went from ~0.8 µs each
 * through the general rules to a push each. The pairs are also kept as one JSON fragment, which
 * is the line's text as is whenever no binding or redaction rule touches them
 * (build-line.ts, `plainTrustedLine`).
 */
export class TrustedFields {
  readonly keys: string[] = [];
  readonly values: string[] = [];
  // The pairs as JSON text, built when first asked for: only a plain access line uses it, and an
  // error's four pairs (added through these too) never do.
  #fragment: string | undefined;
  /** Fields outside the set (configured header maps): the line adds them by the general rules. */
  extra: Record<string, unknown> | undefined;

  /**
   * `set`: the keys these fields may use. `context`: the request the line is about, whose trace
   * ids the line carries even when written outside it (the access line, from a 'close' listener).
   */
  constructor(
    readonly set: TrustedKeySet,
    readonly context?: RequestContext,
  ) {}

  /** A keyword-like string (same encoding as any ECS string field: truncated, escaped). */
  string(key: string, value: string): void {
    this.json(key, stringValueJson(value));
  }

  /** A long; skipped when not a safe integer (it then could not be what the key says). */
  long(key: string, value: number): void {
    if (Number.isSafeInteger(value)) this.json(key, String(value));
  }

  /** A JSON text: a constant the caller built once (e.g. `["web"]`), or one it encoded. */
  json(key: string, json: string): void {
    this.keys.push(key);
    this.values.push(json);
    this.#fragment = undefined;
  }

  /** The pairs as JSON text, each preceded by a comma. */
  get fragment(): string {
    if (this.#fragment === undefined) {
      let text = '';
      const { keys, values } = this;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        // One piece per pair: each piece of the line's string is a node V8 walks when
        // flattening it for the write (a flat head per key saved ~0.25 µs of an access line's ~2.4).
        text += (this.set.pairHeads.get(key) ?? `,${JSON.stringify(key)}:`) + values[i]!;
      }
      this.#fragment = text;
    }
    return this.#fragment;
  }
}

/**
 * Adds trusted fields to a line. A key that clashes with the logger's bindings, or that its
 * redactor censors, takes the general path (displaced, or censored), exactly as it would have
 * from a caller's object.
 */
export function addTrustedFields(ctx: FieldContext, trusted: TrustedFields): void {
  const set = trusted.set;
  const fields = ctx.fields;
  const clashes = set.clashesWith(fields.bound);
  const censored = set.censoredBy(ctx.redactor);
  const checked = fields.keys.length > 0 && set.sharesRootWith(fields.keys);
  const { keys, values } = trusted;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (censored.size > 0 && censored.has(key)) {
      fields.add(key, JSON.stringify(ctx.redactor!.censor));
    } else if (checked || (clashes.size > 0 && clashes.has(key))) {
      fields.add(key, values[i]!, set.quoted.get(key));
    } else {
      fields.push(key, values[i]!, set.quoted.get(key));
    }
  }
}
