import { describe, expect, it } from 'vitest';
import { describeServiceMismatch, loggerService, publishLoggerService } from './index.js';

describe('service agreement between logger and tracing', () => {
  it('names every differing field with both values', () => {
    expect(
      describeServiceMismatch(
        { name: 'checkout', version: '1.0.0', hostname: 'h' },
        { name: 'app', version: '1.0.0', environment: 'prod', hostname: 'other' },
      ),
    ).toBe(
      'service.name: logs "checkout", spans "app"; service.environment: logs unset, spans "prod"',
    );
    expect(
      describeServiceMismatch({ name: 'a', hostname: 'h' }, { name: 'a', hostname: 'x' }),
    ).toBeUndefined();
  });
  it('publishes the logger service on globalThis under Symbol.for', () => {
    const record = {
      identity: { name: 'checkout', hostname: 'h' },
      explicit: { name: 'checkout' },
    };
    publishLoggerService(record);
    expect(loggerService()).toBe(record);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('ecotrace.logger-service')]).toBe(
      record,
    );
  });
});
