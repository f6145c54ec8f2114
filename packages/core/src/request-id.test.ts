import { describe, expect, it } from 'vitest';
import { isWellFormedRequestId, requestIdFrom } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('isWellFormedRequestId', () => {
  it('accepts UUIDs, ULIDs and dotted/colon ids', () => {
    for (const id of [
      '3f2a1c9e-7b4d-4e8a-9c1f-5d6e7a8b9c0d',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'lb.1:abc_def',
      'x',
    ]) {
      expect(isWellFormedRequestId(id)).toBe(true);
    }
  });
  it('rejects empty, too long, spaces, quotes, control chars and non-strings', () => {
    for (const id of ['', 'a'.repeat(129), 'a b', '"x"', 'a\nb', 'ü', 42, null, undefined, ['a']]) {
      expect(isWellFormedRequestId(id)).toBe(false);
    }
    expect(isWellFormedRequestId('a'.repeat(128))).toBe(true);
  });
});

describe('requestIdFrom', () => {
  it('returns the inbound id when well-formed (first of duplicates, trimmed)', () => {
    expect(requestIdFrom({ 'x-request-id': ' abc-123 ' })).toBe('abc-123');
    expect(requestIdFrom({ 'x-request-id': 'abc-123, def' })).toBe('abc-123');
    expect(requestIdFrom({ 'x-request-id': ['abc-123', 'def'] })).toBe('abc-123');
  });
  it('generates a fresh UUID otherwise', () => {
    const a = requestIdFrom({ 'x-request-id': '<script>' });
    const b = requestIdFrom({});
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
    expect(requestIdFrom(null as never)).toMatch(UUID);
  });
});
