import { EVENT_CATEGORY_TYPES } from '../generated/ecs-fields.js';
import { LEADING_KEY_ORDER, LOGGING_SPEC, REQUIRED_FIELDS } from '../logging-spec.js';
import { type Problem, ProblemList } from './problems.js';
import { scanJsonKeys } from './scan-json-keys.js';
import { isPlainObject } from './value-types.js';
import { type LeafScope, walkRecord } from './walk-record.js';

const TOP_LEVEL_FIELDS = LOGGING_SPEC.filter((f) => f.topLevel).map((f) => f.name);

/**
 * Checks one parsed log record against ECS 9.4.0 and the ECS logging spec: required fields,
 * leading key order (from the object's own key order), types, array-ness, allowed values,
 * dotted/nested conflicts, values below leaves, label keys; non-ECS fields are warnings.
 * Never throws. Duplicate keys cannot be seen here (JSON.parse drops them): use `validateLine`.
 *
 * @returns problems in a stable order; empty when the record is clean.
 * @example
 * validateRecord({ '@timestamp': '2026-11-23T10:00:00.000Z', 'log.level': 'info', message: 'hi', 'ecs.version': '9.4.0' });
 * // []
 * validateRecord({ 'log.level': 'info', 'http.response.status_code': '200' }).map((p) => p.code);
 * // ['missing-required', 'missing-required', 'missing-message', 'type-mismatch']
 */
export function validateRecord(record: object): Problem[] {
  const problems = new ProblemList();
  if (!isPlainObject(record)) {
    problems.add('not-an-object', '', `a log record must be a JSON object, got ${typeof record}`);
    return problems.items;
  }
  check(record, Object.keys(record), problems);
  return problems.items;
}

/**
 * Validates one NDJSON line: everything `validateRecord` checks, plus duplicate keys at any
 * depth and key order exactly as written (both read from the raw text). Never throws.
 *
 * @example
 * validateLine('{"@timestamp":"2026-11-23T10:00:00.000Z","log.level":"info","message":"hi","ecs.version":"9.4.0"}');
 * // []
 * validateLine('{"message":"a","message":"b"}').map((p) => p.code);
 * // ['duplicate-key', 'missing-required', 'missing-required', 'missing-required']
 */
export function validateLine(line: string): Problem[] {
  const problems = new ProblemList();
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    problems.add('invalid-json', '', `not valid JSON: ${(err as Error).message}`);
    return problems.items;
  }
  if (!isPlainObject(record)) {
    problems.add(
      'not-an-object',
      '',
      `a log line must be a JSON object, got ${Array.isArray(record) ? 'an array' : typeof record}`,
    );
    return problems.items;
  }
  const scan = scanJsonKeys(line);
  for (const path of scan.duplicates) {
    problems.add(
      'duplicate-key',
      path,
      `key ${path} appears twice in one object; only the last survives`,
    );
  }
  check(record, scan.topLevelKeys, problems);
  return problems.items;
}

function check(
  record: Record<string, unknown>,
  topLevelKeys: readonly string[],
  problems: ProblemList,
): void {
  checkRequired(record, problems);
  checkKeyOrder(topLevelKeys, problems);
  const scope = walkRecord(record, problems);
  checkTopLevelForm(record, scope, problems);
  checkEventTypes(scope, problems);
}

function checkRequired(record: Record<string, unknown>, problems: ProblemList): void {
  for (const name of REQUIRED_FIELDS) {
    if (!hasPath(record, name))
      problems.add('missing-required', name, `${name} is required by the ECS logging spec`);
  }
  if (!hasPath(record, 'message')) problems.add('missing-message', 'message', 'no message field');
}

/** Whether a dotted path has a non-null value, in any dotted/nested spelling. */
function hasPath(obj: Record<string, unknown>, path: string): boolean {
  const direct = obj[path];
  if (direct !== undefined && direct !== null) return true;
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = obj[path.slice(0, dot)];
    if (isPlainObject(head) && hasPath(head, path.slice(dot + 1))) return true;
  }
  return false;
}

/** The spec's leading keys that are present must open the line, in the spec's order. */
function checkKeyOrder(keys: readonly string[], problems: ProblemList): void {
  const expected = LEADING_KEY_ORDER.filter((k) => keys.includes(k));
  for (let i = 0; i < expected.length; i++) {
    if (keys[i] !== expected[i]) {
      problems.add(
        'key-order',
        expected[i]!,
        `the line must start with ${expected.join(', ')}; key ${i + 1} is ${keys[i]}`,
      );
      return;
    }
  }
}

function checkTopLevelForm(
  record: Record<string, unknown>,
  scope: LeafScope,
  problems: ProblemList,
): void {
  for (const name of TOP_LEVEL_FIELDS) {
    if (scope.has(name) && !(name in record)) {
      problems.add(
        'not-top-level',
        name,
        `${name} should be a dotted top-level key, not a nested object`,
      );
    }
  }
}

/** event.type values should be among those ECS expects with the given event.category values. */
function checkEventTypes(scope: LeafScope, problems: ProblemList): void {
  const categories = asList(scope.get('event.category'));
  const types = asList(scope.get('event.type'));
  if (categories.length === 0 || types.length === 0) return;
  const expected = new Set<string>();
  for (const c of categories) {
    // c comes from the record: never let `constructor` or `__proto__` reach the prototype.
    const list = Object.hasOwn(EVENT_CATEGORY_TYPES, c) ? EVENT_CATEGORY_TYPES[c] : undefined;
    if (!list) return; // an unknown category is already an error; no pairing to judge
    for (const t of list) expected.add(t);
  }
  for (const t of types) {
    if (!expected.has(t)) {
      problems.add(
        'unexpected-event-type',
        'event.type',
        `event.type "${t}" is not expected with event.category ${categories.join(', ')}`,
      );
    }
  }
}

function asList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
