import { ecsField } from '@ecotrace/ecs-schema';
import { isStringField } from '../serialize/ecs-value.js';
import type { LineFields } from '../serialize/line-fields.js';
import { fitJsonString } from './fit-json-string.js';

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

function assemble(parts: LineParts, messageJson: string | undefined): string {
  const msg = messageJson === undefined ? '' : `,"message":${messageJson}`;
  return parts.head + msg + parts.fields.toFragment();
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
  let messageJson = parts.message === undefined ? undefined : JSON.stringify(parts.message);
  let text = assemble(parts, messageJson);
  // UTF-16 length × 3 bounds the UTF-8 size: most lines never need the exact count.
  if (text.length * 3 + fixedBytes <= maxBytes) return text;
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

  const shrink = (json: string, original: string): string => {
    const over = total - maxBytes;
    const target = Math.max(2, bytesOf(json) - over - 16);
    return fitJsonString(original, target);
  };
  const stackIndex = fields.keys.indexOf('error.stack_trace');
  if (stackIndex !== -1 && total > maxBytes) {
    const json = fields.values[stackIndex]!;
    fields.replace(stackIndex, 'error.stack_trace', shrink(json, JSON.parse(json) as string));
    text = assemble(parts, messageJson);
    total = bytesOf(text) + fixedBytes;
  }
  if (messageJson !== undefined && parts.message !== undefined && total > maxBytes) {
    messageJson = shrink(messageJson, parts.message);
    text = assemble(parts, messageJson);
    total = bytesOf(text) + fixedBytes;
  }
  const order = fields.values
    .map((_v, i) => i)
    .filter((i) => i !== tagIndex)
    .sort((a, b) => fields.values[b]!.length - fields.values[a]!.length);
  for (const i of order) {
    if (total <= maxBytes) break;
    const key = fields.keys[i]!;
    const json = fields.values[i]!;
    const info = ecsField(key);
    if (info !== undefined && isStringField(info) && json.startsWith('"')) {
      fields.replace(i, key, shrink(json, JSON.parse(json) as string));
    } else {
      // A non-string value cannot be cut and stay valid: its JSON text moves, shortened, to
      // a string under the displaced namespace (Elasticsearch maps it `flattened`).
      fields.replace(i, `ecotrace.displaced.${key.replaceAll('.', '_')}~${i}`, shrink(json, json));
    }
    text = assemble(parts, messageJson);
    total = bytesOf(text) + fixedBytes;
  }
  return text;
}
