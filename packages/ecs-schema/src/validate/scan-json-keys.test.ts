import { describe, expect, it } from 'vitest';
import { scanJsonKeys } from './scan-json-keys.js';

describe('scanJsonKeys', () => {
  it('returns top-level keys in written order, ignoring nested keys and string values', () => {
    const line = '{"b":{"x":1,"y":[{"z":2}]},"a":"{\\"fake\\":1}","c":[1,"d",{"e":null}],"f":true}';
    expect(scanJsonKeys(line)).toEqual({ topLevelKeys: ['b', 'a', 'c', 'f'], duplicates: [] });
  });

  it('finds duplicate keys at every depth, with their paths', () => {
    const line = '{"a":1,"n":{"k":1,"k":2,"m":[{"q":1,"q":2}]},"a":3}';
    expect(scanJsonKeys(line).duplicates).toEqual(['n.k', 'n.m.q', 'a']);
  });

  it('decodes escaped keys and handles escaped quotes and backslashes', () => {
    const line = '{"a\\"b":"x\\\\","a\\u0022b":2,"c\\\\":"\\\\\\""}';
    expect(scanJsonKeys(line)).toEqual({
      topLevelKeys: ['a"b', 'a"b', 'c\\'],
      duplicates: ['a"b'],
    });
  });

  it('does not mistake same keys in sibling objects or array elements for duplicates', () => {
    const line = '{"x":{"id":1},"y":{"id":2},"z":[{"id":1},{"id":2}]}';
    expect(scanJsonKeys(line).duplicates).toEqual([]);
  });
});
