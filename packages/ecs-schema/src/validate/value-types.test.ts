import { describe, expect, it } from 'vitest';
import { fitsType, isLonLatPair } from './value-types.js';

describe('fitsType', () => {
  it.each([
    ['keyword', 'abc', true],
    ['keyword', 1, false],
    ['wildcard', 'stack', true],
    ['match_only_text', false, false],
    ['long', 42, true],
    ['long', 4.2, false],
    ['long', '42', false],
    ['integer', 2147483647, true],
    ['integer', 2147483648, false],
    ['float', 1.5, true],
    ['scaled_float', Number.NaN, false],
    ['date', '2026-11-23T10:00:00.000Z', true],
    ['date', '2026-11-23T10:00:00.123456789+01:00', true],
    ['date', '2026-11-23', true],
    ['date', 1763892000000, true],
    ['date', '2026-13-01T00:00:00Z', false],
    ['date', 'yesterday', false],
    ['date', '23/11/2026', false],
    ['ip', '10.0.0.1', true],
    ['ip', '::1', true],
    ['ip', '2001:db8::ff00:42:8329', true],
    ['ip', '10.0.0.256', false],
    ['ip', 'localhost', false],
    ['boolean', false, true],
    ['boolean', 'true', false],
    ['object', {}, true],
    ['object', [], false],
    ['flattened', 'x', false],
    ['nested', { a: 1 }, true],
    ['geo_point', { lat: 52.5, lon: 13.4 }, true],
    ['geo_point', '52.5,13.4', true],
    ['geo_point', { lat: 'x', lon: 1 }, false],
  ] as const)('%s accepts %j: %s', (type, value, ok) => {
    expect(fitsType(type, value)).toBe(ok);
  });

  it('recognises [lon, lat] pairs', () => {
    expect(isLonLatPair([13.4, 52.5])).toBe(true);
    expect(isLonLatPair(['13.4', 52.5])).toBe(false);
    expect(isLonLatPair([1])).toBe(false);
  });
});
