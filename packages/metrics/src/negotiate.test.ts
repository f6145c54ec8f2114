import { describe, expect, it } from 'vitest';
import { wantsOpenMetrics } from './negotiate.js';

describe('wantsOpenMetrics', () => {
  it.each([
    // Prometheus 2.x's scrape Accept header
    [
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      true,
    ],
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', true],
    ['APPLICATION/OpenMetrics-Text', true],
    ['text/plain;q=1, application/openmetrics-text;q=0.5', false],
    ['application/openmetrics-text;q=0', false],
    ['application/openmetrics-text;q=abc', false],
    ['*/*', false],
    ['text/plain;version=0.0.4', false],
    ['', false],
    [undefined, false],
    [`application/openmetrics-text,${'x'.repeat(2000)}`, false],
  ])('%s → %s', (accept, expected) => {
    expect(wantsOpenMetrics(accept)).toBe(expected);
  });
});
