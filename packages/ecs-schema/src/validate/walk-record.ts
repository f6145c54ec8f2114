import { ecsField, ecsPathKind } from '../field-table.js';
import { LABEL_KEY_FORBIDDEN_CHARS } from '../logging-spec.js';
import type { EcsFieldInfo } from '../types.js';
import type { ProblemList } from './problems.js';
import { fitsType, isLonLatPair, isPlainObject, kindOf } from './value-types.js';

/**
 * Leaf paths seen in one document scope (the record, or one element of a nested array),
 * mapped to their value. Dotted and nested spellings land on the same path, which is how
 * `{"a.b":1,"a":{"b":2}}` is caught.
 */
export type LeafScope = Map<string, unknown>;

const FIELD_TYPES_WITH_MEMBERS = new Set(['object', 'flattened', 'nested']);

// Elasticsearch's index.mapping.depth.limit default: a field at the root has depth 1, one
// inner object makes 2. Deeper documents are rejected. Stopping here also bounds recursion.
const MAX_DEPTH = 20;

function depthOf(path: string): number {
  let depth = 1;
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) depth++;
  return depth;
}

/** Reports and returns true when the children of the object at `path` would be too deep. */
function tooDeep(path: string, problems: ProblemList): boolean {
  if (path === '' || depthOf(path) < MAX_DEPTH) return false;
  problems.add(
    'too-deep',
    path,
    `objects below ${path} exceed Elasticsearch's depth limit of ${MAX_DEPTH}`,
  );
  return true;
}
const regexCache = new Map<string, RegExp>();

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Walks a parsed record and reports schema problems; returns the root leaf scope. */
export function walkRecord(record: Record<string, unknown>, problems: ProblemList): LeafScope {
  const scope: LeafScope = new Map();
  walkObject(record, '', scope, problems);
  checkLeavesUnderLeaves(scope, problems);
  return scope;
}

function walkObject(
  obj: Record<string, unknown>,
  prefix: string,
  scope: LeafScope,
  problems: ProblemList,
): void {
  const keys = Object.keys(obj);
  if (keys.length > 0 && tooDeep(prefix, problems)) return;
  for (const key of keys) visit(join(prefix, key), obj[key], scope, problems);
}

function record(path: string, value: unknown, scope: LeafScope, problems: ProblemList): void {
  if (depthOf(path) > MAX_DEPTH) {
    problems.add('too-deep', path, `${path} exceeds Elasticsearch's depth limit of ${MAX_DEPTH}`);
  }
  if (scope.has(path)) {
    problems.add('dotted-and-nested', path, `${path} is sent twice, once dotted and once nested`);
  }
  scope.set(path, value);
}

function visit(path: string, value: unknown, scope: LeafScope, problems: ProblemList): void {
  // null means "absent" to Elasticsearch whatever the mapping; undefined is never serialized.
  if (value === null || value === undefined) return;
  const info = ecsField(path);
  if (info) {
    visitField(info, value, scope, problems);
    return;
  }
  if (ecsPathKind(path) === 'parent') {
    if (isPlainObject(value)) {
      walkObject(value, path, scope, problems);
      return;
    }
    problems.add(
      'type-mismatch',
      path,
      `${path} holds ECS fields, so it must be an object, got ${kindOf(value)}`,
    );
    return;
  }
  const owner = ecsOwnerOf(path);
  if (owner === undefined) {
    visitCustom(path, value, scope, problems);
    return;
  }
  if (!FIELD_TYPES_WITH_MEMBERS.has(owner.type)) {
    problems.add(
      'value-under-leaf',
      path,
      `${owner.name} is an ECS ${owner.type}; nothing can go below it`,
    );
    return;
  }
  if (owner.objectType !== undefined) {
    // A dotted key such as `labels.env`: the rest of the path is the label key.
    checkMember(owner, path.slice(owner.name.length + 1), value, problems);
  }
  // Other members of free-form ECS objects (entity.raw.*, log.syslog.structured_data.*) are fine.
}

/** The deepest ECS field that `path` (unknown to ECS) lies below, if any. */
function ecsOwnerOf(path: string): EcsFieldInfo | undefined {
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const info = ecsField(path.slice(0, dot));
    if (info) return info;
  }
  return undefined;
}

function visitCustom(path: string, value: unknown, scope: LeafScope, problems: ProblemList): void {
  problems.add('custom-field', path, `${path} is not an ECS field`);
  walkCustom(path, value, scope, problems);
}

/** Below a custom field ECS has nothing to say; only record leaves for the conflict checks. */
function walkCustom(path: string, value: unknown, scope: LeafScope, problems: ProblemList): void {
  if (!isPlainObject(value)) {
    record(path, value, scope, problems);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && tooDeep(path, problems)) return;
  for (const key of keys) {
    if (value[key] !== null && value[key] !== undefined)
      walkCustom(join(path, key), value[key], scope, problems);
  }
}

function visitField(
  info: EcsFieldInfo,
  value: unknown,
  scope: LeafScope,
  problems: ProblemList,
): void {
  const path = info.name;
  switch (info.type) {
    case 'object':
    case 'flattened':
      if (Array.isArray(value) && info.array) {
        for (const item of value) visitMembers(info, item, problems);
      } else if (Array.isArray(value)) {
        problems.add('not-array', path, `${path} is a single ${info.type} in ECS, got an array`);
      } else {
        visitMembers(info, value, problems);
      }
      return;
    case 'nested':
      for (const item of Array.isArray(value) ? value : [value]) visitMembers(info, item, problems);
      return;
  }
  record(path, value, scope, problems);
  if (Array.isArray(value) && !(info.type === 'geo_point' && isLonLatPair(value))) {
    if (!info.array) {
      problems.add('not-array', path, `${path} takes one value in ECS, got an array`);
      return;
    }
    for (const item of value) if (item !== null) checkLeafValue(info, item, problems);
    return;
  }
  checkLeafValue(info, value, problems);
}

function checkLeafValue(info: EcsFieldInfo, value: unknown, problems: ProblemList): void {
  const path = info.name;
  if (info.type === 'geo_point' && isLonLatPair(value)) return;
  if ((isPlainObject(value) || Array.isArray(value)) && info.type !== 'geo_point') {
    problems.add('value-under-leaf', path, `${path} is an ECS ${info.type}, got ${kindOf(value)}`);
    return;
  }
  if (!fitsType(info.type, value)) {
    problems.add('type-mismatch', path, `${path} is an ECS ${info.type}, got ${describe(value)}`);
    return;
  }
  if (typeof value !== 'string') return;
  if (info.allowedValues && !info.allowedValues.includes(value)) {
    problems.add(
      'not-allowed-value',
      path,
      `${path} must be one of ${info.allowedValues.join(', ')}; got "${value}"`,
    );
  }
  if (info.pattern) {
    const re = regexCache.get(info.pattern) ?? new RegExp(info.pattern);
    regexCache.set(info.pattern, re);
    if (!re.test(value))
      problems.add('pattern-mismatch', path, `${path} must match ${info.pattern}; got "${value}"`);
  }
}

/** The value of an object, flattened or nested ECS field (or one element of its array). */
function visitMembers(info: EcsFieldInfo, value: unknown, problems: ProblemList): void {
  const path = info.name;
  if (value === null || value === undefined) return;
  if (!isPlainObject(value)) {
    const want = info.type === 'nested' ? 'an object or an array of objects' : 'an object';
    problems.add(
      'type-mismatch',
      path,
      `${path} is an ECS ${info.type} (${want}), got ${kindOf(value)}`,
    );
    return;
  }
  if (info.type === 'flattened') return;
  if (info.objectType !== undefined) {
    for (const key of Object.keys(value)) checkMember(info, key, value[key], problems);
    return;
  }
  // Objects with listed sub-fields (dns.answers, threat.enrichments…): each element is its own
  // scope, so repeated paths across array elements are not "sent twice".
  const inner: LeafScope = new Map();
  walkObject(value, path, inner, problems);
  checkLeavesUnderLeaves(inner, problems);
}

/** One key of an object whose leaves all have one type (`labels`, `container.labels`). */
function checkMember(info: EcsFieldInfo, key: string, value: unknown, problems: ProblemList): void {
  const path = `${info.name}.${key}`;
  if (LABEL_KEY_FORBIDDEN_CHARS.some((c) => key.includes(c))) {
    const chars = LABEL_KEY_FORBIDDEN_CHARS.join(' ');
    problems.add('label-key', path, `${info.name} key "${key}" contains one of ${chars}`);
  }
  if (value === null || value === undefined) return;
  if (isPlainObject(value) || Array.isArray(value)) {
    problems.add(
      'type-mismatch',
      path,
      `${info.name} values are ${info.objectType}s, got ${kindOf(value)}`,
    );
  } else if (info.objectType === 'keyword' && typeof value !== 'string') {
    // Elasticsearch coerces numbers and booleans into keyword labels; only flag real conflicts.
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      problems.add('type-mismatch', path, `${info.name} values are keywords, got ${kindOf(value)}`);
    }
  }
}

/** `{"a":1,"a.b":2}` in any spelling: a leaf cannot also be an object. */
function checkLeavesUnderLeaves(scope: LeafScope, problems: ProblemList): void {
  for (const path of scope.keys()) {
    for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      const prefix = path.slice(0, dot);
      if (scope.has(prefix)) {
        problems.add(
          'value-under-leaf',
          path,
          `${prefix} holds a value, so ${path} cannot be below it`,
        );
      }
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${kindOf(value)} ${value}`;
  return kindOf(value);
}
