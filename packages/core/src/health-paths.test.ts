import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_PATHS, isHealthPath } from './health-paths.js';

describe('isHealthPath', () => {
  it('matches the default probe paths, ignoring query, fragment and one trailing slash', () => {
    expect(DEFAULT_HEALTH_PATHS).toEqual(['/healthz', '/readyz', '/livez', '/metrics']);
    expect(isHealthPath('/healthz')).toBe(true);
    expect(isHealthPath('/readyz?verbose=1')).toBe(true);
    expect(isHealthPath('/livez/')).toBe(true);
    expect(isHealthPath('/metrics#x')).toBe(true);
  });
  it('does not match other paths, prefixes or non-strings', () => {
    expect(isHealthPath('/healthz/deep')).toBe(false);
    expect(isHealthPath('/orders?x=/healthz')).toBe(false);
    expect(isHealthPath('/')).toBe(false);
    expect(isHealthPath(undefined)).toBe(false);
  });
  it('uses custom paths when given', () => {
    expect(isHealthPath('/ping', ['/ping'])).toBe(true);
    expect(isHealthPath('/healthz', ['/ping'])).toBe(false);
    expect(isHealthPath('/healthz', [])).toBe(false);
  });
});
