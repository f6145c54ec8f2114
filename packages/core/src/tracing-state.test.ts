import { afterEach, describe, expect, it } from 'vitest';
import { getTracingState, setTracingState, TRACING_STATE_SYMBOL } from './tracing-state.js';

describe('tracing state', () => {
  afterEach(() => setTracingState(undefined));
  it('lives on globalThis under Symbol.for("ecotrace.tracing")', () => {
    expect(TRACING_STATE_SYMBOL).toBe(Symbol.for('ecotrace.tracing'));
    expect(getTracingState()).toBeUndefined();
    setTracingState({ started: true, serviceName: 'checkout' });
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('ecotrace.tracing')]).toEqual({
      started: true,
      serviceName: 'checkout',
    });
    expect(getTracingState()?.serviceName).toBe('checkout');
    setTracingState(undefined);
    expect(Symbol.for('ecotrace.tracing') in globalThis).toBe(false);
  });
  it('ignores junk another copy might have written', () => {
    (globalThis as Record<symbol, unknown>)[Symbol.for('ecotrace.tracing')] = 'yes';
    expect(getTracingState()).toBeUndefined();
  });
});
