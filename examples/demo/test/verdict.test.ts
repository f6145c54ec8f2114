import { describe, expect, it } from 'vitest';
import { demoVerdict } from '../src/text-report.mjs';

function correlation(
  over: Partial<{ correlated: number; unsampled: number; uncorrelated: number; errors: number }>,
) {
  return {
    verdicts: new Map(),
    counts: {
      correlated: over.correlated ?? 41,
      unsampled: over.unsampled ?? 10,
      process: 4,
      uncorrelated: over.uncorrelated ?? 0,
    },
    traces: 10,
    spans: 90,
    share: 1,
    validationErrors: over.errors ?? 0,
    validationWarnings: 0,
    problemsByCode: {},
    orphanSpans: [],
  };
}
const answered = [
  { status: 200, expect: 200 },
  { status: 404, expect: 404 },
];

describe('demoVerdict', () => {
  it('passes and counts the lines of sampled and unsampled requests', () => {
    const v = demoVerdict({ results: answered, correlation: correlation({}) });
    expect(v.ok).toBe(true);
    expect(v.line).toBe(
      'PASS: 2 of 2 requests answered as expected; all 51 request lines correlated (41 of sampled ' +
        'requests with their exported trace and span, 10 of unsampled requests with their ' +
        'trace.id); 0 ECS errors',
    );
  });

  it('fails with every reason on one line', () => {
    const v = demoVerdict({
      results: [...answered, { status: 500, expect: 200 }],
      correlation: correlation({ uncorrelated: 3, errors: 2 }),
    });
    expect(v.ok).toBe(false);
    expect(v.line).toBe(
      'FAIL: 1 of 3 requests answered unexpectedly; 3 uncorrelated lines; 2 ECS errors',
    );
  });

  it('fails when no line joined a span (tracing not running)', () => {
    const v = demoVerdict({ results: answered, correlation: correlation({ correlated: 0 }) });
    expect(v).toEqual({ ok: false, line: 'FAIL: no line joined an exported span' });
  });
});

describe('demoVerdict with the metrics check', () => {
  it('says the exemplars led to the trace when they did', () => {
    const v = demoVerdict({ results: answered, correlation: correlation({}), metricsOk: true });
    expect(v.ok).toBe(true);
    expect(v.line).toMatch(/0 ECS errors; the slow request's exemplars lead to its trace$/);
  });

  it('fails when they did not', () => {
    const v = demoVerdict({ results: answered, correlation: correlation({}), metricsOk: false });
    expect(v).toEqual({
      ok: false,
      line: "FAIL: the slow request's exemplars did not lead to its trace",
    });
  });
});
