import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteJson } from './json-string.js';

describe('quoteJson', () => {
  it('equals JSON.stringify for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => {
        expect(quoteJson(s)).toBe(JSON.stringify(s));
      }),
      { numRuns: 2_000 },
    );
    for (const s of ['', 'a"b', 'a\\b', 'tab\there', '\u0000', '\ud800', '\udc00x', '😀', 'é'])
      expect(quoteJson(s)).toBe(JSON.stringify(s));
  });
});
