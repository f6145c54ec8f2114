import { afterEach, describe, expect, it } from 'vitest';
import { currentRequestId, setRequestIdSource } from './index.js';

afterEach(() => setRequestIdSource(undefined));

describe('currentRequestId', () => {
  it('reads the registered source, shared through globalThis', () => {
    expect(currentRequestId()).toBeUndefined();
    setRequestIdSource(() => 'req-1');
    expect(currentRequestId()).toBe('req-1');
    expect(
      typeof (globalThis as Record<symbol, unknown>)[Symbol.for('ecotrace.current-request-id')],
    ).toBe('function');
  });
  it('never throws and ignores what is not a non-empty string', () => {
    setRequestIdSource(() => {
      throw new Error('boom');
    });
    expect(currentRequestId()).toBeUndefined();
    setRequestIdSource(() => '' as string);
    expect(currentRequestId()).toBeUndefined();
  });
});
