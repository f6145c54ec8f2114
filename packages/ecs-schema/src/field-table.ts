import {
  ECS_TYPES,
  type EcsFieldType,
  FIELD_COUNT,
  FIELD_EXTRAS,
  FIELD_ROWS,
} from './generated/ecs-fields.js';
import type { EcsFieldInfo, EcsPathKind } from './types.js';

const DEFAULT_KEYWORD_IGNORE_ABOVE = 1024;

interface Table {
  fields: Map<string, EcsFieldInfo>;
  parents: Set<string>;
}

// Decoded on first use, not at import: a logger that never asks pays only the string's parse.
let table: Table | undefined;

/** Decodes FIELD_ROWS (see scripts/generate.mjs for the format) into frozen infos. */
function decode(): Table {
  const fields = new Map<string, EcsFieldInfo>();
  const parents = new Set<string>();
  let previous = '';
  for (const row of FIELD_ROWS.split(';')) {
    const first = row.indexOf(':');
    const second = row.indexOf(':', first + 1);
    const shared = Number(row.slice(0, first));
    const name = previous.slice(0, shared) + row.slice(first + 1, second);
    const code = row.slice(second + 1);
    const type = ECS_TYPES[code.charCodeAt(0) - 97] as EcsFieldType;
    const extras = FIELD_EXTRAS[name];
    const info: EcsFieldInfo = { name, type, array: code.includes('A') };
    if (extras?.allowedValues) info.allowedValues = Object.freeze([...extras.allowedValues]);
    if (extras?.pattern) info.pattern = extras.pattern;
    if (extras?.objectType) info.objectType = extras.objectType;
    if (extras?.scalingFactor !== undefined) info.scalingFactor = extras.scalingFactor;
    if (extras?.indexed === false) info.indexed = false;
    const ignoreAbove =
      extras?.ignoreAbove ?? (type === 'keyword' ? DEFAULT_KEYWORD_IGNORE_ABOVE : 0);
    if (ignoreAbove > 0) info.ignoreAbove = ignoreAbove;
    if (code.includes('T')) info.multiFields = [{ name: 'text', type: 'match_only_text' }];
    else if (extras?.multiFields) info.multiFields = extras.multiFields;
    fields.set(name, Object.freeze(info));
    previous = name;
  }
  for (const name of fields.keys()) {
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
      parents.add(name.slice(0, dot));
    }
  }
  // A path that is a field (e.g. `dns.answers`, an object with listed sub-fields) reports 'field'.
  for (const name of fields.keys()) parents.delete(name);
  if (fields.size !== FIELD_COUNT) {
    throw new Error(`ecs-schema: decoded ${fields.size} fields, expected ${FIELD_COUNT}`);
  }
  return { fields, parents };
}

function getTable(): Table {
  table ??= decode();
  return table;
}

/**
 * Looks up one ECS field by its full dotted name.
 *
 * @returns the field's facts, or `undefined` when `name` is not an ECS field.
 * @example
 * ecsField('trace.id'); // { name: 'trace.id', type: 'keyword', array: false, ignoreAbove: 1024 }
 * ecsField('tags')?.array; // true
 * ecsField('order.id'); // undefined
 */
export function ecsField(name: string): EcsFieldInfo | undefined {
  return getTable().fields.get(name);
}

/**
 * Classifies a dotted path: `'field'` when it is an ECS field of any type (object, nested and
 * flattened included), `'parent'` when it is an intermediate object with ECS fields beneath
 * it (`http`, `http.request`, `log`), `undefined` when ECS does not know it (a custom path).
 * O(1); used by the logger on its hot path.
 *
 * @example
 * ecsPathKind('log.level'); // 'field'
 * ecsPathKind('http.request'); // 'parent'
 * ecsPathKind('order'); // undefined
 */
export function ecsPathKind(path: string): EcsPathKind | undefined {
  const t = getTable();
  if (t.fields.has(path)) return 'field';
  if (t.parents.has(path)) return 'parent';
  return undefined;
}

/**
 * Every ECS field name, sorted.
 *
 * @example
 * ecsFieldNames().filter((n) => n.startsWith('trace.')); // ['trace.id']
 */
export function ecsFieldNames(): string[] {
  return [...getTable().fields.keys()];
}
