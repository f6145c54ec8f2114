// Type-level checks of the public API (checked by `tsc`, run as no-op assertions by vitest).
import type { Logger } from 'pino';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createLogger,
  extractTraceContext,
  flushLogger,
  getLogger,
  type LoggerOptions,
  runWithTraceContext,
  type TraceContextExtraction,
} from './index.js';

describe('public API types', () => {
  it('createLogger/getLogger return a pino Logger; options are optional', () => {
    expectTypeOf(createLogger).parameter(0).toEqualTypeOf<LoggerOptions | undefined>();
    expectTypeOf(createLogger).returns.toEqualTypeOf<Logger>();
    expectTypeOf(getLogger).returns.toEqualTypeOf<Logger>();
    expectTypeOf(flushLogger).returns.toEqualTypeOf<Promise<void>>();
  });

  it("runWithTraceContext returns fn's result; extractTraceContext the core contract", () => {
    expectTypeOf(
      runWithTraceContext({ traceId: 'a', spanId: 'b' }, () => 42),
    ).toEqualTypeOf<number>();
    expectTypeOf(runWithTraceContext({ 'x-b3-traceid': 'a' }, async () => 'x')).toEqualTypeOf<
      Promise<string>
    >();
    expectTypeOf(extractTraceContext).returns.toEqualTypeOf<TraceContextExtraction>();
  });
});
