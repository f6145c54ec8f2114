import { ecsField } from '@ecotrace/ecs-schema';
import { isStringField } from '../serialize/ecs-value.js';
import { quoteJson } from '../serialize/json-string.js';
import { fitJsonString } from './fit-json-string.js';
import type { LineFields } from './line-fields.js';

/** Tag added to a line the cap had to shorten (merged with the caller's `tags`). */
export const TRUNCATED_TAG = 'log_truncated';

/** The parts of one line the cap may shorten. */
export interface LineParts {
  /** `"@timestamp":…,"log.level":…` — never shortened. */
  head: string;
  message: string | undefined;
  fields: LineFields;
  /** Tags the caller gave, so the truncation tag can be merged into them. */
  tags: string[] | undefined;
}

/** A line's text: head, then `message` (when there is one), then the fields' JSON fragment. */
export function lineText(head: string, messageJson: string | undefined, fragment: string): string {
  return messageJson === undefined
    ? head + fragment
    : `${head},"message":${messageJson}${fragment}`;
}

/**
 * Whether a line of this text certainly fits without counting its bytes: its UTF-16 length × 3
 * bounds its UTF-8 size, so most lines never need the exact count.
 */
export function surelyFits(text: string, fixedBytes: number, maxBytes: number): boolean {
  return text.length * 3 + fixedBytes <= maxBytes;
}

function assemble(parts: LineParts, messageJson: string | undefined): string {
  return lineText(parts.head, messageJson, parts.fields.toFragment());
}

function bytesOf(text: string): number {
  return Buffer.byteLength(text);
}

/**
 * Builds the line's text (everything pino writes between `{` and the bindings) within
 * `maxBytes` for the whole line, `fixedBytes` being what pino adds (braces, newline,
 * bindings). Shortens, in order: `error.stack_trace`, `message`, then the largest fields;
 * tags the line `log_truncated`. A line that fits costs one length check.
 */
export function capLine(parts: LineParts, fixedBytes: number, maxBytes: number): string {
  let messageJson = parts.message === undefined ? undefined : quoteJson(parts.message);
  let text = assemble(parts, messageJson);
  if (surelyFits(text, fixedBytes, maxBytes)) return text;
  let total = bytesOf(text) + fixedBytes;
  if (total <= maxBytes) return text;

  const fields = parts.fields;
  const tags = [...(parts.tags ?? []), TRUNCATED_TAG];
  let tagIndex = fields.keys.indexOf('tags');
  const tagsJson = JSON.stringify(tags);
  if (tagIndex === -1) {
    // Reserve room for the tag before measuring the overflow.
    if (fields.tryAdd('tags', tagsJson)) tagIndex = fields.keys.length - 1;
    else fields.add('ecotrace.truncated', 'true');
  } else fields.replace(tagIndex, 'tags', tagsJson);
  text = assemble(parts, messageJson);
  total = bytesOf(text) + fixedBytes;

  const remeasure = (): void => {
    text = assemble(parts, messageJson);
    total = bytesOf(text) + fixedBytes;
  };
  // The JSON literal of `original`, cut so the line shrinks by the current overflow; never
  // below `floor` bytes (so one stage does not wipe out what a later stage could spare).
  const shrink = (json: string, original: string, floor: number, extraKeyBytes = 0): string => {
    const target = Math.max(floor, bytesOf(json) - (total - maxBytes) - extraKeyBytes - 8);
    return fitJsonString(original, target);
  };
  const stackIndex = fields.keys.indexOf('error.stack_trace');
  const cutStack = (floor: number): void => {
    if (stackIndex === -1 || total <= maxBytes) return;
    const json = fields.values[stackIndex]!;
    fields.replace(
      stackIndex,
      'error.stack_trace',
      shrink(json, JSON.parse(json) as string, floor),
    );
    remeasure();
  };
  const cutMessage = (floor: number): void => {
    if (messageJson === undefined || parts.message === undefined || total <= maxBytes) return;
    messageJson = shrink(messageJson, parts.message, floor);
    remeasure();
  };
  // 1–2: stack trace, then message, each down to a readable head.
  cutStack(512);
  cutMessage(512);
  // 3: the largest other fields.
  const skip = [tagIndex, stackIndex];
  shrinkLargestFields(fields, total - maxBytes, skip);
  remeasure();
  // 4: whatever it takes (a line of many mid-sized fields, or huge bindings).
  cutStack(2);
  cutMessage(2);
  if (total > maxBytes && tagIndex !== -1) {
    // Caller tags, last first, until the line fits; `log_truncated` always stays.
    const kept = tags.slice(0, -1);
    while (total > maxBytes && kept.length > 0) {
      kept.pop();
      fields.replace(tagIndex, 'tags', JSON.stringify([...kept, TRUNCATED_TAG]));
      remeasure();
    }
  }
  return text;
}

/**
 * Shortens the largest fields until `excessBytes` are saved. An ECS string field keeps its key
 * and loses its tail; any other value cannot be cut and stay valid, so its JSON text moves,
 * shortened, to a string under the displaced namespace (mapped `flattened`).
 */
export function shrinkLargestFields(
  fields: LineFields,
  excessBytes: number,
  skip: number[] = [],
): void {
  let excess = excessBytes;
  const order = fields.values
    .map((_v, i) => i)
    .filter((i) => !skip.includes(i))
    .sort((a, b) => fields.values[b]!.length - fields.values[a]!.length);
  for (const i of order) {
    if (excess <= 0) return;
    const key = fields.keys[i]!;
    const json = fields.values[i]!;
    const before = bytesOf(key) + bytesOf(json);
    const info = ecsField(key);
    let newKey = key;
    let original = json;
    if (info !== undefined && isStringField(info) && json.startsWith('"')) {
      original = JSON.parse(json) as string;
    } else {
      newKey = freeKey(fields, `ecotrace.displaced.${key.replaceAll('.', '_')}~${i}`);
    }
    const target = Math.max(2, before - excess - bytesOf(newKey) - 8);
    const shortened = fitJsonString(original, target);
    fields.replace(i, newKey, shortened);
    excess -= before - (bytesOf(newKey) + bytesOf(shortened));
  }
}

// The renamed key must not repeat one the line or the logger's bindings already have (a child's
// bindings may have been shortened the same way, with the same index): count up until free.
function freeKey(fields: LineFields, candidate: string): string {
  if (fields.isFree(candidate)) return candidate;
  for (let n = 2; ; n++) if (fields.isFree(`${candidate}_${n}`)) return `${candidate}_${n}`;
}
