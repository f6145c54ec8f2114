import { isIP } from 'node:net';
import type { EcsFieldType } from '../types.js';

/** A plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Elasticsearch's default date format is strict_date_optional_time||epoch_millis; this is the
// ISO 8601 subset it accepts: a date, optionally a time with fraction and zone.
const ISO_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)([.,]\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?$/;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isLatLon(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { lat, lon } = value;
  return typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90;
}

/** `[lon, lat]`, the GeoJSON order Elasticsearch accepts for geo_point. */
export function isLonLatPair(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/**
 * Whether one (non-array) value fits an ECS type, as Elasticsearch would index it.
 * Strings for string types are not coerced from numbers: ECS says what to send, and a
 * number in a keyword field is usually a bug upstream.
 */
export function fitsType(type: EcsFieldType | 'text', value: unknown): boolean {
  switch (type) {
    case 'keyword':
    case 'constant_keyword':
    case 'wildcard':
    case 'match_only_text':
    case 'text':
      return typeof value === 'string';
    case 'long':
      return Number.isInteger(value);
    case 'integer':
      return (
        Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
      );
    case 'float':
    case 'double':
    case 'scaled_float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' ? ISO_DATE.test(value) : Number.isInteger(value);
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0;
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
    case 'flattened':
      return isPlainObject(value);
    case 'nested':
      return isPlainObject(value);
    case 'geo_point':
      return typeof value === 'string' ? value.length > 0 : isLatLon(value);
    default:
      return false;
  }
}

/** Short description of a JSON value's kind for messages: `string`, `number`, `object`… */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
