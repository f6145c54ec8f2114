import { isIP } from 'node:net';
import type { EcsFieldInfo } from '@ecotrace/ecs-schema';
import { stringValueJson } from './json-string.js';
import { LIMITS } from './limits.js';
import { type JsonCensor, type JsonScope, numberJson, toSafeJson } from './safe-json.js';

// The ISO 8601 forms Elasticsearch's default date format accepts.
const ISO_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)([.,]\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?$/;

const STRING_TYPES = new Set([
  'keyword',
  'constant_keyword',
  'wildcard',
  'match_only_text',
  'text',
]);

/** Whether an ECS field holds strings (numbers and booleans are coerced into them). */
export function isStringField(info: EcsFieldInfo): boolean {
  return isStringType(info.type);
}

/** Whether an ECS type name is one of the string types. */
export function isStringType(type: string): boolean {
  return STRING_TYPES.has(type);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const patterns = new Map<string, RegExp>();

/** Whether a string value matches the field's ECS pattern (e.g. `*.mac`), when it has one. */
function fitsPattern(info: EcsFieldInfo, value: unknown): boolean {
  if (info.pattern === undefined || typeof value !== 'string') return true;
  let re = patterns.get(info.pattern);
  if (re === undefined) {
    re = new RegExp(info.pattern);
    patterns.set(info.pattern, re);
  }
  return re.test(value);
}

/**
 * One non-array value as JSON for an ECS leaf field (a string with the secrets inside it
 * censored), or undefined when it does not fit.
 */
function leafJson(
  info: EcsFieldInfo,
  value: unknown,
  censor: JsonCensor | undefined,
): string | undefined {
  if (!fitsPattern(info, value)) return undefined;
  switch (info.type) {
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
    case 'match_only_text':
      // Keyword fields take numbers and booleans as strings (ECS types them as strings;
      // sending a number first would make a dynamic index map the field as long).
      if (typeof value === 'string') {
        return stringValueJson(censor === undefined ? value : censor.scrubText(value));
      }
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
        return JSON.stringify(String(value));
      return undefined;
    case 'long':
      if (Number.isSafeInteger(value)) return String(value);
      if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return String(value);
      return undefined;
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= 2147483647
        ? String(value)
        : undefined;
    case 'float':
    case 'double':
    case 'scaled_float':
      return typeof value === 'number' && Number.isFinite(value) ? numberJson(value) : undefined;
    case 'date':
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? undefined : JSON.stringify(value.toISOString());
      }
      if (typeof value === 'string' && ISO_DATE.test(value)) return JSON.stringify(value);
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0 ? JSON.stringify(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    default:
      return undefined;
  }
}

/**
 * The JSON text for `value` at ECS field `info`, coerced where ECS allows it, or undefined
 * when the value contradicts the field (the caller then displaces it).
 *
 * @example
 * ecsValueJson(ecsField('http.response.status_code')!, 200, scope); // '200'
 * ecsValueJson(ecsField('user.id')!, 42, scope); // '"42"'
 * ecsValueJson(ecsField('user.id')!, { a: 1 }, scope); // undefined
 */
export function ecsValueJson(
  info: EcsFieldInfo,
  value: unknown,
  scope: JsonScope,
): string | undefined {
  switch (info.type) {
    case 'object':
    case 'flattened':
      if (isPlainObject(value)) return toSafeJson(value, scope);
      if (info.array && Array.isArray(value) && value.every(isPlainObject)) {
        return toSafeJson(value, scope);
      }
      return undefined;
    case 'nested':
      if (isPlainObject(value)) return toSafeJson(value, scope);
      return Array.isArray(value) && value.every(isPlainObject)
        ? toSafeJson(value, scope)
        : undefined;
    case 'geo_point':
      if (typeof value === 'string' && value.length > 0) return JSON.stringify(value);
      if (isPlainObject(value) && typeof value.lat === 'number' && typeof value.lon === 'number') {
        return toSafeJson({ lat: value.lat, lon: value.lon }, scope);
      }
      return undefined;
  }
  if (!Array.isArray(value)) {
    if (info.allowedValues && !(typeof value === 'string' && info.allowedValues.includes(value))) {
      return undefined;
    }
    return leafJson(info, value, scope.redactor);
  }
  if (!info.array) return undefined;
  let out = '[';
  for (let i = 0; i < value.length && i < LIMITS.maxKeys; i++) {
    const item: unknown = value[i];
    if (info.allowedValues && !(typeof item === 'string' && info.allowedValues.includes(item))) {
      return undefined;
    }
    const json = item === null ? 'null' : leafJson(info, item, scope.redactor);
    if (json === undefined) return undefined;
    out += (i === 0 ? '' : ',') + json;
  }
  return `${out}]`;
}
