import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { BOUND_KEYS, type EcotraceLogger, LINE_OVERHEAD_BYTES, STATE } from './internal-types.js';
import { trackNamedChild } from './levels/set-level.js';
import { extendBoundKeys } from './line/bound-keys.js';
import { normalizeBindings } from './line/normalize-bindings.js';

/** Bytes of `value` as JSON, as pino serializes a child's bindings. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/**
 * The one place a logger's bookkeeping grows: `target` (a new child of `parent`, or `parent`
 * itself for `setBindings`) now also binds `keys`, which take `bytes` of every line. Used by
 * `child()`, `setBindings()` and the request-id child (http/request-id-child.ts).
 */
export function registerBindings(
  parent: EcotraceLogger,
  target: EcotraceLogger,
  keys: readonly string[],
  bytes: number,
): void {
  target[BOUND_KEYS] = extendBoundKeys(parent[BOUND_KEYS], keys);
  target[LINE_OVERHEAD_BYTES] = parent[LINE_OVERHEAD_BYTES] + bytes;
}

/** `child()` for our loggers: bindings go through the same mapping-safety rules as lines. */
export function child(
  this: EcotraceLogger,
  bindings: Bindings,
  options?: ChildLoggerOptions,
): Logger {
  const normalized =
    bindings && typeof bindings === 'object'
      ? normalizeBindings(
          bindings,
          this[BOUND_KEYS],
          this[STATE].redactor,
          this[STATE].maxLineBytes,
        )
      : { object: bindings, keys: [] };
  const created = this[STATE].pinoChild.call(
    this,
    normalized.object,
    options,
  ) as unknown as EcotraceLogger;
  registerBindings(this, created, normalized.keys, jsonBytes(normalized.object));
  // A named child is a module: LOG_LEVEL=info,db=debug and setLevel() reach it by name.
  const name = (bindings as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string' && options?.level === undefined) {
    trackNamedChild(this[STATE], created, name);
  }
  return created;
}

/** `setBindings()` for our loggers: the same rules as `child()`, on the logger itself. */
export function setBindings(this: EcotraceLogger, bindings: Bindings): void {
  const normalized = normalizeBindings(
    bindings,
    this[BOUND_KEYS],
    this[STATE].redactor,
    this[STATE].maxLineBytes,
  );
  this[STATE].pinoSetBindings.call(this, normalized.object);
  registerBindings(this, this, normalized.keys, jsonBytes(normalized.object));
}
