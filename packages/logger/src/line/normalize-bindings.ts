import type { Redactor } from '../redact/redactor.js';
import type { BoundKeys } from './bound-keys.js';
import type { FieldContext } from './field-context.js';
import { shrinkLargestFields } from './line-cap.js';
import { LineFields } from './line-fields.js';
import { addCallerField, finishCollected } from './mapping-rules.js';

// pino silently skips these binding keys (they configure the child instead).
const PINO_SKIPPED = new Set(['level', 'serializers', 'formatters', 'customLevels']);

/**
 * Applies the line rules to a child's bindings, once, at `child()` time: `name` becomes
 * `log.logger`, keys pino would skip are displaced, trace ids are displaced (each line gets
 * its own at write time). Returns the object pino then serializes once into the child's
 * bindings, and the top-level keys it adds.
 */
export function normalizeBindings(
  bindings: object,
  parent: BoundKeys | undefined,
  redactor: Redactor | undefined,
  maxLineBytes: number,
): { object: Record<string, unknown>; keys: string[] } {
  const fields = new LineFields(parent);
  const ctx: FieldContext = { fields, redactor, traced: true };
  let keys: string[];
  try {
    keys = Object.keys(bindings);
  } catch {
    keys = [];
  }
  for (const key of keys) {
    let value: unknown;
    try {
      value = (bindings as Record<string, unknown>)[key];
    } catch {
      value = '[Unreadable]';
    }
    if (key === 'name') addCallerField(ctx, 'log.logger', value);
    else if (PINO_SKIPPED.has(key)) fields.displace(key, JSON.stringify(String(value)));
    else addCallerField(ctx, key, value);
  }
  finishCollected(ctx);
  // Bindings are written on every line and the line cap cannot shorten them: keep them to a
  // quarter of the line.
  const size = fields.toFragment().length;
  if (size * 3 > maxLineBytes / 4) {
    const bytes = Buffer.byteLength(fields.toFragment());
    if (bytes > maxLineBytes / 4) shrinkLargestFields(fields, bytes - maxLineBytes / 4);
  }
  const object: Record<string, unknown> = {};
  for (let i = 0; i < fields.keys.length; i++) {
    // defineProperty: a `__proto__` key must stay data, not become the prototype.
    Object.defineProperty(object, fields.keys[i]!, {
      value: JSON.parse(fields.values[i]!),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { object, keys: fields.keys };
}
